package com.degenduel.realtime.codec.message.market;

import static com.degenduel.realtime.codec.wire.WireJson.requireLong;
import static com.degenduel.realtime.codec.wire.WireJson.requireNumber;
import static com.degenduel.realtime.codec.wire.WireJson.requireObject;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;
import static com.degenduel.realtime.codec.wire.WireJson.requireTime;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.wire.WireEnum;
import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** MARKET_VOLUME: traded volume of a symbol over one interval, split into buys and sells. */
public record MarketVolume(
    String symbol,
    double volume,
    long tradesCount,
    double buyVolume,
    double sellVolume,
    VolumeInterval interval,
    Instant timestamp)
    implements StreamPayload {

  @Override
  public MessageType type() {
    return MessageType.MARKET_VOLUME;
  }

  @Override
  public Instant eventTime() {
    return timestamp;
  }

  @Override
  public String conflationKey() {
    return interval.wire();
  }

  @Override
  public JsonObject toData() {
    return new JsonObject()
        .put("symbol", symbol)
        .put("volume", volume)
        .put("trades_count", tradesCount)
        .put("buy_volume", buyVolume)
        .put("sell_volume", sellVolume)
        .put("interval", interval.wire())
        .put("timestamp", WireTime.format(timestamp));
  }

  public static MarketVolume fromWire(JsonObject root) {
    JsonObject d = requireObject(root, "data");
    return new MarketVolume(
        requireString(d, "symbol"),
        requireNumber(d, "volume"),
        requireLong(d, "trades_count"),
        requireNumber(d, "buy_volume"),
        requireNumber(d, "sell_volume"),
        WireEnum.parse(VolumeInterval.class, requireString(d, "interval"), "interval"),
        requireTime(d, "timestamp"));
  }
}
