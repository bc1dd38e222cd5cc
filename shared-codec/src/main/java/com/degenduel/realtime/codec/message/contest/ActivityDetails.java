package com.degenduel.realtime.codec.message.contest;

import static com.degenduel.realtime.codec.wire.WireJson.putIfPresent;
import static com.degenduel.realtime.codec.wire.WireJson.requireNumber;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;

import io.vertx.core.json.JsonObject;

/** The optional trade details of PARTICIPANT_ACTIVITY; each field may be null and is then left out. */
public record ActivityDetails(String symbol, Double amount, Double price) {

  JsonObject toJson() {
    JsonObject o = new JsonObject();
    putIfPresent(o, "symbol", symbol);
    putIfPresent(o, "amount", amount);
    return putIfPresent(o, "price", price);
  }

  static ActivityDetails fromJson(JsonObject o) {
    return new ActivityDetails(
        o.containsKey("symbol") ? requireString(o, "symbol") : null,
        o.containsKey("amount") ? requireNumber(o, "amount") : null,
        o.containsKey("price") ? requireNumber(o, "price") : null);
  }
}
