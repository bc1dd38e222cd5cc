package com.degenduel.realtime.gateway.connection;

import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import java.time.Duration;

/** The limits every connection of a gateway lives by, read once from the configuration. */
public record ConnectionPolicy(
    Duration heartbeatInterval,
    Duration marketHeartbeatInterval,
    int missedHeartbeats,
    Duration expiryWarning,
    int messagesPerSecond,
    int rateLimitStrikes,
    int maxPending,
    Duration maxLag,
    int maxSymbols,
    int maxMessageBytes) {

  public static ConnectionPolicy from(NodeConfig config) {
    return new ConnectionPolicy(
        config.getMillis(Setting.HEARTBEAT_INTERVAL_MS),
        config.getMillis(Setting.MARKET_HEARTBEAT_INTERVAL_MS),
        config.getInt(Setting.HEARTBEAT_MISSED_LIMIT),
        Duration.ofSeconds(config.getLong(Setting.TOKEN_EXPIRY_WARNING_SECONDS)),
        config.getInt(Setting.MESSAGES_PER_SECOND),
        config.getInt(Setting.RATE_LIMIT_STRIKES),
        config.getInt(Setting.SLOW_CONSUMER_MAX_PENDING),
        config.getMillis(Setting.SLOW_CONSUMER_MAX_LAG_MS),
        config.getInt(Setting.MAX_SYMBOLS_PER_CONNECTION),
        config.getInt(Setting.MAX_FRAME_BYTES));
  }

  /** How long a connection on this endpoint may stay silent before it is declared dead. */
  public Duration silenceLimit(Endpoint endpoint) {
    Duration interval = endpoint == Endpoint.MARKET ? marketHeartbeatInterval : heartbeatInterval;
    return interval.multipliedBy(missedHeartbeats);
  }

  /** How often connections are checked: often enough to notice the shortest deadline within a quarter of it. */
  public Duration sweepInterval() {
    long shortest = Math.min(Math.min(heartbeatInterval.toMillis(), marketHeartbeatInterval.toMillis()), maxLag.toMillis());
    return Duration.ofMillis(Math.max(50, Math.min(1000, shortest / 4)));
  }
}
