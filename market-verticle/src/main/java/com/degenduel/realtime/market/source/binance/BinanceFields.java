package com.degenduel.realtime.market.source.binance;

import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import io.vertx.core.json.JsonObject;

/**
 * The fields of Binance's JSON: whole numbers, and decimals sent as strings so that no precision
 * is lost (numbers are accepted too). A field that is missing or of the wrong kind is a {@link
 * MalformedSourceAnswer} naming {@code where} it was looked for.
 */
final class BinanceFields {
  private BinanceFields() {}

  static long wholeNumber(JsonObject item, String field, String where) {
    Object v = item.getValue(field);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw new MalformedSourceAnswer(where + " has no whole-number " + field);
  }

  static double decimal(JsonObject item, String field, String where) {
    Object v = item.getValue(field);
    try {
      if (v instanceof String s) {
        return Double.parseDouble(s);
      }
      if (v instanceof Number n) {
        return n.doubleValue();
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new MalformedSourceAnswer(where + " has no decimal " + field);
  }

  static boolean bool(JsonObject item, String field, String where) {
    if (item.getValue(field) instanceof Boolean b) {
      return b;
    }
    throw new MalformedSourceAnswer(where + " has no boolean " + field);
  }

  static String text(JsonObject item, String field, String where) {
    if (item.getValue(field) instanceof String s) {
      return s;
    }
    throw new MalformedSourceAnswer(where + " has no text " + field);
  }
}
