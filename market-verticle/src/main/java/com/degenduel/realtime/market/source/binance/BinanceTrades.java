package com.degenduel.realtime.market.source.binance;

import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the body of Binance's {@code GET /api/v3/trades}: an array of {@code {id, price, qty,
 * quoteQty, time, isBuyerMaker}} with prices and quantities as decimal strings. {@code
 * isBuyerMaker=true} means the resting order was the buy, so the taker sold.
 */
public final class BinanceTrades {
  private BinanceTrades() {}

  /** Every problem with the body is a {@link MalformedSourceAnswer}; nothing else escapes. */
  public static List<Trade> parse(Buffer body) {
    JsonArray array;
    try {
      array = new JsonArray(body == null ? Buffer.buffer() : body);
    } catch (DecodeException | ClassCastException e) {
      throw new MalformedSourceAnswer("trades answer is not a JSON array");
    }
    List<Trade> trades = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        throw new MalformedSourceAnswer("trade #" + i + " is not an object");
      }
      trades.add(trade(item, i));
    }
    trades.sort(Comparator.comparingLong(Trade::id));
    return trades;
  }

  private static Trade trade(JsonObject item, int index) {
    String where = "trade #" + index;
    long id = BinanceFields.wholeNumber(item, "id", where);
    double price = BinanceFields.decimal(item, "price", where);
    double qty = BinanceFields.decimal(item, "qty", where);
    long time = BinanceFields.wholeNumber(item, "time", where);
    boolean buyerMaker = BinanceFields.bool(item, "isBuyerMaker", where);
    try {
      return new Trade(id, price, qty, buyerMaker ? TradeSide.SELL : TradeSide.BUY, Instant.ofEpochMilli(time));
    } catch (IllegalArgumentException e) {
      throw new MalformedSourceAnswer(where + ": " + e.getMessage());
    }
  }
}
