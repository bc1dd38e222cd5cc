package com.degenduel.realtime.codec.message.portfolio;

import static com.degenduel.realtime.codec.wire.WireJson.requireNumber;
import static com.degenduel.realtime.codec.wire.WireJson.requireObject;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;
import static com.degenduel.realtime.codec.wire.WireJson.requireTime;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** PRICE_UPDATED: the price of a symbol that the watched wallet holds. */
public record PriceUpdated(String symbol, double price, double change24h, Instant timestamp)
    implements StreamPayload {

  @Override
  public MessageType type() {
    return MessageType.PRICE_UPDATED;
  }

  @Override
  public Instant eventTime() {
    return timestamp;
  }

  @Override
  public String conflationKey() {
    return symbol;
  }

  @Override
  public JsonObject toData() {
    return new JsonObject()
        .put("symbol", symbol)
        .put("price", price)
        .put("change_24h", change24h)
        .put("timestamp", WireTime.format(timestamp));
  }

  public static PriceUpdated fromWire(JsonObject root) {
    JsonObject d = requireObject(root, "data");
    return new PriceUpdated(
        requireString(d, "symbol"),
        requireNumber(d, "price"),
        requireNumber(d, "change_24h"),
        requireTime(d, "timestamp"));
  }
}
