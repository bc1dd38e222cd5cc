package com.degenduel.realtime.codec.message.portfolio;

import static com.degenduel.realtime.codec.wire.WireJson.requireNumber;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;

import io.vertx.core.json.JsonObject;

/** One line of PORTFOLIO_UPDATED: how much of a token a wallet holds and what it is worth now. */
public record TokenValue(String symbol, String name, double amount, double value) {

  JsonObject toJson() {
    return new JsonObject()
        .put("symbol", symbol)
        .put("name", name)
        .put("amount", amount)
        .put("value", value);
  }

  static TokenValue fromJson(JsonObject o) {
    return new TokenValue(
        requireString(o, "symbol"),
        requireString(o, "name"),
        requireNumber(o, "amount"),
        requireNumber(o, "value"));
  }
}
