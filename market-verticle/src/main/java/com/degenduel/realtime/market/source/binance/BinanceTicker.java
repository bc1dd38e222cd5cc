package com.degenduel.realtime.market.source.binance;

import com.degenduel.realtime.market.source.DayTicker;
import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Reads the body of Binance's {@code GET /api/v3/ticker/24hr?symbol=...}: of its many fields, {@code
 * openPrice}, {@code highPrice}, {@code lowPrice}, {@code volume} (base asset) and {@code lastId}.
 */
final class BinanceTicker {
  private static final String WHERE = "24 h ticker";

  private BinanceTicker() {}

  /** Every problem with the body is a {@link MalformedSourceAnswer}; nothing else escapes. */
  static DayTicker parse(Buffer body) {
    JsonObject ticker;
    try {
      ticker = new JsonObject(body == null ? Buffer.buffer() : body);
    } catch (DecodeException | ClassCastException e) {
      throw new MalformedSourceAnswer("24 h ticker answer is not a JSON object");
    }
    try {
      return new DayTicker(
          BinanceFields.decimal(ticker, "openPrice", WHERE),
          BinanceFields.decimal(ticker, "highPrice", WHERE),
          BinanceFields.decimal(ticker, "lowPrice", WHERE),
          BinanceFields.decimal(ticker, "volume", WHERE),
          BinanceFields.wholeNumber(ticker, "lastId", WHERE));
    } catch (IllegalArgumentException e) {
      throw new MalformedSourceAnswer(WHERE + ": " + e.getMessage());
    }
  }
}
