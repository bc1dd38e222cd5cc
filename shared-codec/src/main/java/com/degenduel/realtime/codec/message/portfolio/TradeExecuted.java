package com.degenduel.realtime.codec.message.portfolio;

import static com.degenduel.realtime.codec.wire.WireJson.putIfPresent;
import static com.degenduel.realtime.codec.wire.WireJson.requireNumber;
import static com.degenduel.realtime.codec.wire.WireJson.requireObject;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;
import static com.degenduel.realtime.codec.wire.WireJson.requireTime;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** TRADE_EXECUTED: one trade of a wallet; an event, so never conflated. {@code contestId} may be null. */
public record TradeExecuted(
    String tradeId,
    String walletAddress,
    String symbol,
    double amount,
    double price,
    Instant timestamp,
    String contestId)
    implements StreamPayload {

  @Override
  public MessageType type() {
    return MessageType.TRADE_EXECUTED;
  }

  @Override
  public Instant eventTime() {
    return timestamp;
  }

  @Override
  public JsonObject toData() {
    JsonObject data =
        new JsonObject()
            .put("trade_id", tradeId)
            .put("wallet_address", walletAddress)
            .put("symbol", symbol)
            .put("amount", amount)
            .put("price", price)
            .put("timestamp", WireTime.format(timestamp));
    return putIfPresent(data, "contest_id", contestId);
  }

  public static TradeExecuted fromWire(JsonObject root) {
    JsonObject d = requireObject(root, "data");
    return new TradeExecuted(
        requireString(d, "trade_id"),
        requireString(d, "wallet_address"),
        requireString(d, "symbol"),
        requireNumber(d, "amount"),
        requireNumber(d, "price"),
        requireTime(d, "timestamp"),
        d.containsKey("contest_id") ? requireString(d, "contest_id") : null);
  }
}
