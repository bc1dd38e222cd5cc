package com.degenduel.realtime.codec.message.portfolio;

import static com.degenduel.realtime.codec.wire.WireJson.requireNumber;
import static com.degenduel.realtime.codec.wire.WireJson.requireObject;
import static com.degenduel.realtime.codec.wire.WireJson.requireTime;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.wire.WireFormatException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * PORTFOLIO_UPDATED: a wallet's holdings valued at current prices. Unlike every other streamed
 * message, the contract puts its {@code timestamp} at the top level, beside {@code type}.
 */
public record PortfolioUpdated(
    List<TokenValue> tokens, double totalValue, double performance24h, Instant timestamp)
    implements StreamPayload {

  public PortfolioUpdated {
    tokens = List.copyOf(tokens);
  }

  @Override
  public MessageType type() {
    return MessageType.PORTFOLIO_UPDATED;
  }

  @Override
  public Instant eventTime() {
    return timestamp;
  }

  @Override
  public JsonObject toData() {
    JsonArray list = new JsonArray();
    tokens.forEach(t -> list.add(t.toJson()));
    return new JsonObject()
        .put("tokens", list)
        .put("total_value", totalValue)
        .put("performance_24h", performance24h);
  }

  public static PortfolioUpdated fromWire(JsonObject root) {
    JsonObject d = requireObject(root, "data");
    if (!(d.getValue("tokens") instanceof JsonArray array)) {
      throw new WireFormatException("field 'tokens' must be an array");
    }
    List<TokenValue> tokens =
        array.stream()
            .map(
                o -> {
                  if (!(o instanceof JsonObject token)) {
                    throw new WireFormatException("field 'tokens' must hold objects");
                  }
                  return TokenValue.fromJson(token);
                })
            .toList();
    return new PortfolioUpdated(
        tokens,
        requireNumber(d, "total_value"),
        requireNumber(d, "performance_24h"),
        requireTime(root, "timestamp"));
  }
}
