package com.degenduel.realtime.codec.message.contest;

import static com.degenduel.realtime.codec.wire.WireJson.putIfPresent;
import static com.degenduel.realtime.codec.wire.WireJson.requireInt;
import static com.degenduel.realtime.codec.wire.WireJson.requireNumber;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;
import static com.degenduel.realtime.codec.wire.WireJson.requireTime;

import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One row of LEADERBOARD_UPDATED. {@code lastTradeTime} may be null and is then left out. */
public record LeaderboardEntry(
    int rank,
    String walletAddress,
    String username,
    double portfolioValue,
    double performance,
    Instant lastTradeTime) {

  JsonObject toJson() {
    JsonObject o =
        new JsonObject()
            .put("rank", rank)
            .put("wallet_address", walletAddress)
            .put("username", username)
            .put("portfolio_value", portfolioValue)
            .put("performance", performance);
    return putIfPresent(o, "last_trade_time", lastTradeTime == null ? null : WireTime.format(lastTradeTime));
  }

  static LeaderboardEntry fromJson(JsonObject o) {
    return new LeaderboardEntry(
        requireInt(o, "rank"),
        requireString(o, "wallet_address"),
        requireString(o, "username"),
        requireNumber(o, "portfolio_value"),
        requireNumber(o, "performance"),
        o.containsKey("last_trade_time") ? requireTime(o, "last_trade_time") : null);
  }
}
