package com.degenduel.realtime.market.source.binance;

import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One text message of Binance's combined stream ({@code /stream?streams=btcusdt@trade/...}): a trade,
 * {@code {"stream":"btcusdt@trade","data":{"e":"trade","E":..,"s":"BTCUSDT","t":..,"p":"..","q":"..","T":..,"m":..}}},
 * or the answer to a SUBSCRIBE or UNSUBSCRIBE request, {@code {"result":null,"id":1}} (or {@code
 * {"error":{...},"id":1}} when refused). {@code m} (the buyer is the maker) means the taker sold.
 */
sealed interface StreamMessage {
  /** A trade of {@code symbol} (ours: BTC). */
  record TradeEvent(String symbol, Trade trade) implements StreamMessage {}

  /** The exchange's answer to request {@code id}; {@code error} is null when it was done. */
  record Reply(long id, String error) implements StreamMessage {}

  /** Every problem with the message is a {@link MalformedSourceAnswer}; nothing else escapes. */
  static StreamMessage parse(String text) {
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new MalformedSourceAnswer("stream message is not a JSON object");
    }
    if (message.getValue("data") instanceof JsonObject data) {
      return trade(data);
    }
    if (message.getValue("id") instanceof Number id && (message.containsKey("result") || message.containsKey("error"))) {
      Object error = message.getValue("error");
      return new Reply(id.longValue(), error == null ? null : String.valueOf(error));
    }
    throw new MalformedSourceAnswer("stream message is neither a trade nor a reply");
  }

  private static TradeEvent trade(JsonObject data) {
    String where = "stream trade";
    if (!"trade".equals(data.getValue("e"))) {
      throw new MalformedSourceAnswer(where + " is not of event type trade");
    }
    String symbol = BinanceRest.ourSymbol(BinanceFields.text(data, "s", where));
    if (symbol == null) {
      throw new MalformedSourceAnswer(where + " is of a symbol not quoted in USDT");
    }
    long id = BinanceFields.wholeNumber(data, "t", where);
    double price = BinanceFields.decimal(data, "p", where);
    double qty = BinanceFields.decimal(data, "q", where);
    long time = BinanceFields.wholeNumber(data, "T", where);
    boolean buyerMaker = BinanceFields.bool(data, "m", where);
    try {
      return new TradeEvent(
          symbol,
          new Trade(id, price, qty, buyerMaker ? TradeSide.SELL : TradeSide.BUY, Instant.ofEpochMilli(time)));
    } catch (IllegalArgumentException e) {
      throw new MalformedSourceAnswer(where + ": " + e.getMessage());
    }
  }
}
