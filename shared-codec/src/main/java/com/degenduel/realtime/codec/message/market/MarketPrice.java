package com.degenduel.realtime.codec.message.market;

import static com.degenduel.realtime.codec.wire.WireJson.requireNumber;
import static com.degenduel.realtime.codec.wire.WireJson.requireObject;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;
import static com.degenduel.realtime.codec.wire.WireJson.requireTime;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** MARKET_PRICE: a symbol's price with its rolling 24-hour change, volume, high and low. */
public record MarketPrice(
    String symbol,
    double price,
    double change24h,
    double volume24h,
    double high24h,
    double low24h,
    Instant timestamp)
    implements StreamPayload {

  @Override
  public MessageType type() {
    return MessageType.MARKET_PRICE;
  }

  @Override
  public Instant eventTime() {
    return timestamp;
  }

  @Override
  public JsonObject toData() {
    return new JsonObject()
        .put("symbol", symbol)
        .put("price", price)
        .put("change_24h", change24h)
        .put("volume_24h", volume24h)
        .put("high_24h", high24h)
        .put("low_24h", low24h)
        .put("timestamp", WireTime.format(timestamp));
  }

  public static MarketPrice fromWire(JsonObject root) {
    JsonObject d = requireObject(root, "data");
    return new MarketPrice(
        requireString(d, "symbol"),
        requireNumber(d, "price"),
        requireNumber(d, "change_24h"),
        requireNumber(d, "volume_24h"),
        requireNumber(d, "high_24h"),
        requireNumber(d, "low_24h"),
        requireTime(d, "timestamp"));
  }
}
