package com.degenduel.realtime.node.launch;

import static com.degenduel.realtime.node.config.Setting.*;

import com.degenduel.realtime.node.config.Setting;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code ./degenduel-ws <role> --help} says about each role: what it is and the settings it
 * reads besides those every process reads. Listed beside the launcher rather than in each role's
 * module so that one test can hold every list against the code that reads the settings.
 */
enum RoleSettings {
  GATEWAY(
      "the public WSS edge, which authenticates clients and fans the event bus out to their sockets",
      union(
          EnumSet.of(
              GATEWAY_HOST, GATEWAY_INSTANCES, GATEWAY_PORT, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_CERT, TLS_KEY,
              TLS_TERMINATED_BY_PROXY, TLS_ENGINE, TLS_RELOAD_INTERVAL_MS, MAX_SYMBOLS_PER_CONNECTION, MAX_FRAME_BYTES,
              HEARTBEAT_INTERVAL_MS, MARKET_HEARTBEAT_INTERVAL_MS, HEARTBEAT_MISSED_LIMIT, TOKEN_EXPIRY_WARNING_SECONDS,
              DRAIN_WINDOW_MS, ALLOWED_ORIGINS, HANDSHAKES_PER_IP_PER_MINUTE, MAX_CONNECTIONS_PER_WALLET,
              MESSAGES_PER_SECOND, RATE_LIMIT_STRIKES, SLOW_CONSUMER_MAX_PENDING, SLOW_CONSUMER_MAX_LAG_MS,
              SNAPSHOT_TIMEOUT_MS, MARKET_SYMBOLS),
          Groups.TOKENS)),
  MARKET(
      "market data from the synthetic source or an exchange's stream or REST API, behind a circuit breaker",
      union(
          EnumSet.of(
              MARKET_SYMBOLS, MARKET_SOURCE, MARKET_SOURCE_URL, MARKET_STREAM_URL, MARKET_STREAM_SILENCE_MS,
              MARKET_STREAM_BACKOFF_MAX_MS, MARKET_POLL_INTERVAL_MS, MARKET_DAY_REFRESH_MS, MARKET_SOURCE_TIMEOUT_MS,
              MARKET_MAX_UPDATES_PER_SECOND, BREAKER_MAX_FAILURES, BREAKER_RESET_TIMEOUT_MS),
          Groups.STREAMS)),
  PORTFOLIO(
      "wallet holdings, trades and valuations",
      union(
          EnumSet.of(PORTFOLIO_INGEST_HOST, PORTFOLIO_INGEST_PORT, PORTFOLIO_UPDATE_INTERVAL_MS, PORTFOLIO_HISTORY_EVENTS, MARKET_SYMBOLS),
          Groups.STREAMS,
          Groups.TOKENS)),
  CONTEST(
      "contests, leaderboards and participant activity",
      union(
          EnumSet.of(
              CONTEST_INGEST_HOST, CONTEST_INGEST_PORT, CONTEST_UPDATE_INTERVAL_MS, CONTEST_LEADERBOARD_SIZE,
              CONTEST_HISTORY_EVENTS, MARKET_SYMBOLS),
          Groups.STREAMS,
          Groups.TOKENS)),
  SIMULATOR(
      "synthetic market, users and contests for development and QA",
      union(
          EnumSet.of(
              SIM_TICKS_PER_SECOND, SIM_HTTP_HOST, SIM_HTTP_PORT, SIM_SEED, SIM_USERS, SIM_TRADES_PER_SECOND, SIM_CONTESTS,
              SIM_CONTEST_DURATION_SECONDS, SIM_CONTEST_ROUNDS, SIM_CONTEST_TRADES_PER_SECOND, SIM_JOINS_PER_SECOND,
              SIM_CANCEL_PERCENT, SIM_DEMO_WALLET, SIM_DEMO_CONTEST, MARKET_SYMBOLS, PORTFOLIO_INGEST_HOST,
              PORTFOLIO_INGEST_PORT, CONTEST_INGEST_HOST, CONTEST_INGEST_PORT),
          Groups.TOKENS));

  /** The cluster member (with its event-bus TLS), its management listener and its logs: what the launcher sets up for any role. */
  static final Set<Setting> EVERY_PROCESS =
      EnumSet.of(
          CLUSTER_CONFIG, CLUSTER_HOST, CLUSTER_PORT, CLUSTER_MEMBERS, CLUSTER_DISCOVERY, KUBERNETES_SERVICE_DNS,
          EVENTBUS_HOST, EVENTBUS_PORT, EVENTBUS_PUBLIC_HOST, EVENTBUS_TLS_CERT, EVENTBUS_TLS_KEY, EVENTBUS_TLS_CA,
          DEV_TLS_DIR, TRANSPORT, MANAGEMENT_HOST, MANAGEMENT_PORT, LOG_LEVEL, LOG_FORMAT);

  private final String summary;
  private final Set<Setting> own;

  RoleSettings(String summary, Set<Setting> own) {
    this.summary = summary;
    this.own = own;
  }

  static Optional<RoleSettings> of(String command) {
    return Arrays.stream(values()).filter(r -> r.command().equals(command)).findFirst();
  }

  String command() {
    return name().toLowerCase();
  }

  String summary() {
    return summary;
  }

  /** The settings this role reads besides {@link #EVERY_PROCESS}, in the order of {@link Setting}. */
  Set<Setting> own() {
    return own;
  }

  @SafeVarargs
  private static Set<Setting> union(Set<Setting>... sets) {
    EnumSet<Setting> all = EnumSet.noneOf(Setting.class);
    Arrays.stream(sets).forEach(all::addAll);
    return all;
  }

  /** Settings read through one part of node-runtime, shared by several roles. */
  private static final class Groups {
    /** Token verification (clients' tokens, services' fact calls, admin calls). */
    static final Set<Setting> TOKENS = EnumSet.of(
        DEV_MODE, JWT_ALGORITHM, JWT_SECRET, JWT_PUBLIC_KEY, JWT_JWKS, JWT_JWKS_REFRESH_MS, JWT_JWKS_MIN_REFRESH_MS, JWT_ISSUER,
        JWT_AUDIENCE, JWT_SERVICE_AUDIENCE, JWT_LEEWAY_SECONDS);

    /** The service's own stream cluster, shared by its replicas. */
    static final Set<Setting> STREAMS = EnumSet.of(STREAMS_PORT, STREAMS_MEMBERS, STREAMS_QUORUM, STREAMS_HISTORY_SECONDS);
  }
}
