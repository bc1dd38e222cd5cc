package com.degenduel.realtime.codec.message.market;

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

/**
 * MARKET_SENTIMENT: buy and sell pressure of a symbol. {@code sentimentScore} lies in [-1, 1],
 * the pressures in [0, 1].
 */
public record MarketSentiment(
    String symbol,
    double sentimentScore,
    double buyPressure,
    double sellPressure,
    VolumeTrend volumeTrend,
    Instant timestamp)
    implements StreamPayload {

  @Override
  public MessageType type() {
    return MessageType.MARKET_SENTIMENT;
  }

  @Override
  public Instant eventTime() {
    return timestamp;
  }

  @Override
  public JsonObject toData() {
    return new JsonObject()
        .put("symbol", symbol)
        .put("sentiment_score", sentimentScore)
        .put("buy_pressure", buyPressure)
        .put("sell_pressure", sellPressure)
        .put("volume_trend", volumeTrend.wire())
        .put("timestamp", WireTime.format(timestamp));
  }

  public static MarketSentiment fromWire(JsonObject root) {
    JsonObject d = requireObject(root, "data");
    return new MarketSentiment(
        requireString(d, "symbol"),
        requireNumber(d, "sentiment_score"),
        requireNumber(d, "buy_pressure"),
        requireNumber(d, "sell_pressure"),
        WireEnum.parse(VolumeTrend.class, requireString(d, "volume_trend"), "volume_trend"),
        requireTime(d, "timestamp"));
  }
}
