package com.degenduel.realtime.node.config;

/**
 * Every configuration setting of every process, in one place. Each is read from its environment
 * variable or from the matching command-line flag ({@code DD_GATEWAY_PORT} or {@code
 * --gateway-port}); a flag wins over the environment. docs/operations.md's configuration table lists them
 * all, and a test keeps the two in step.
 */
public enum Setting {
  // Gateway
  GATEWAY_HOST("0.0.0.0", "Interface the public WSS listener binds to"),
  GATEWAY_INSTANCES("0", "Gateway verticle instances, each on its own event loop; 0 means one per CPU core"),
  GATEWAY_PORT("8443", "Port of the public WSS listener (TLS only, unless TLS_TERMINATED_BY_PROXY hands TLS to a proxy)"),
  TLS_KEYSTORE("", "PKCS#12 keystore with the gateway's certificate and key; empty with no PEM pair means a self-signed development certificate"),
  TLS_KEYSTORE_PASSWORD("", "Password of TLS_KEYSTORE"),
  TLS_CERT("", "PEM certificate chain of the gateway (used with TLS_KEY instead of a keystore)"),
  TLS_KEY("", "PEM private key of the gateway (used with TLS_CERT)"),
  TLS_TERMINATED_BY_PROXY("false", "true when a proxy (an ingress) terminates TLS: the gateway then listens without TLS and refuses every handshake not marked X-Forwarded-Proto: https"),
  TLS_ENGINE("openssl", "TLS implementation of the public listener: openssl (BoringSSL through netty-tcnative, several times cheaper per handshake and per record) or jdk; openssl falls back to jdk where the native library cannot load"),
  TLS_RELOAD_INTERVAL_MS("10000", "How often the gateway reads its certificate and key files (TLS_CERT and TLS_KEY, or TLS_KEYSTORE) again; a changed pair that parses and matches is served to new connections without a restart, open sockets keep theirs. 0 turns it off"),
  DEV_TLS_DIR("target/dev-tls", "Where development TLS material is created when none is configured: the gateway's self-signed certificate, and the event bus's throwaway CA and member certificate (only for an event bus on loopback)"),
  MAX_SYMBOLS_PER_CONNECTION("50", "Most symbols one market connection may watch"),
  MAX_FRAME_BYTES("16384", "Largest inbound WebSocket frame or message; bigger ones close the socket with 1009"),
  HEARTBEAT_INTERVAL_MS("30000", "Heartbeat interval expected from portfolio and contest clients (PING message or ping frame)"),
  MARKET_HEARTBEAT_INTERVAL_MS("15000", "Heartbeat interval expected from market clients"),
  HEARTBEAT_MISSED_LIMIT("3", "Missed heartbeat intervals after which the gateway closes with 4008"),
  TOKEN_EXPIRY_WARNING_SECONDS("60", "How long before the token's exp the gateway sends TOKEN_EXPIRING"),
  DRAIN_WINDOW_MS("10000", "On SIGTERM, the window over which open sockets are closed with 1012"),
  ALLOWED_ORIGINS("http://localhost:*,https://localhost:*,http://127.0.0.1:*,https://127.0.0.1:*", "Origins browsers may connect from (':*' allows any port); requests without Origin (non-browser clients) are allowed"),
  HANDSHAKES_PER_IP_PER_MINUTE("120", "WebSocket handshakes one IP address may make per minute, per gateway process"),
  MAX_CONNECTIONS_PER_WALLET("10", "Concurrent connections one wallet may hold across all gateways of the cluster"),
  MESSAGES_PER_SECOND("10", "Inbound messages one connection may send per second"),
  RATE_LIMIT_STRIKES("3", "RATE_LIMITED errors a connection may collect within ten seconds before it is closed with 1008"),
  SLOW_CONSUMER_MAX_PENDING("256", "Messages held for a client that is not reading (state messages are conflated first) before it is closed with 4009"),
  SLOW_CONSUMER_MAX_LAG_MS("10000", "How long a client may stay unable to take writes before it is closed with 4009"),
  SNAPSHOT_TIMEOUT_MS("3000", "How long a gateway waits for a service to answer a snapshot request"),

  // Authentication
  DEV_MODE("false", "Development mode: allows the publicly known development secret (JWT_SECRET's default), which every process that verifies tokens otherwise refuses to start with, and makes the gateway serve the demo page under /demo/ when its jar is on the classpath; './degenduel-ws up' turns it on"),
  JWT_ALGORITHM("HS256", "Token signature algorithm with JWT_SECRET or JWT_PUBLIC_KEY: HS256 (development, shared secret), RS256 or ES256 (one public key); not used with JWT_JWKS"),
  JWT_SECRET("degenduel-development-secret-do-not-use-in-production", "HS256 shared secret (at least 32 characters); also what './degenduel-ws token' signs with. The default is public: outside DEV_MODE it is refused"),
  JWT_PUBLIC_KEY("", "Path of the PEM public key that verifies RS256 or ES256 tokens"),
  JWT_JWKS("", "Path, or https URL, of the JSON Web Key Set that verifies tokens (RSA and EC keys: RS256, ES256 and their kin), each token's key picked by its kid; reloaded without a restart. When set, JWT_ALGORITHM, JWT_SECRET and JWT_PUBLIC_KEY are not used"),
  JWT_JWKS_REFRESH_MS("60000", "How often the key set of JWT_JWKS is read again (file) or fetched again (URL); a key removed from it is refused from the next read on"),
  JWT_JWKS_MIN_REFRESH_MS("5000", "Least time between two extra reads of the token keys, made when a token names a key (kid) the set read last does not hold, or while none could be read yet"),
  JWT_ISSUER("", "The iss every token must carry; empty means iss is not checked"),
  JWT_AUDIENCE("", "The aud a token must name to open a WebSocket (and to reach the simulator's test endpoints); empty means aud is not checked there"),
  JWT_SERVICE_AUDIENCE("", "The aud a service token must name to report facts to the ingestion APIs; empty means aud is not checked there. Must differ from JWT_AUDIENCE"),
  JWT_LEEWAY_SECONDS("5", "Clock skew tolerated when checking exp"),

  // Cluster
  CLUSTER_CONFIG("", "Path of the Hazelcast XML configuration; empty means the cluster.xml shipped on the classpath"),
  CLUSTER_PORT("5701", "Hazelcast member port (increments when taken)"),
  CLUSTER_HOST("", "Interface (an IP address) this process's Hazelcast members (node cluster and stream cluster) bind to; empty means the one EVENTBUS_HOST names; 0.0.0.0 binds every interface"),
  CLUSTER_MEMBERS("127.0.0.1", "Comma-separated Hazelcast members (host or host:port) to join over TCP-IP"),
  CLUSTER_DISCOVERY("tcp-ip", "How members find each other: tcp-ip (the CLUSTER_MEMBERS list) or kubernetes (DNS lookup of KUBERNETES_SERVICE_DNS)"),
  KUBERNETES_SERVICE_DNS("", "DNS name of the headless service that resolves to every member pod (e.g. degenduel-hazelcast.default.svc.cluster.local); required when CLUSTER_DISCOVERY is kubernetes"),
  EVENTBUS_HOST("127.0.0.1", "Interface the clustered event bus binds to"),
  EVENTBUS_PORT("0", "Event-bus port; 0 picks a free one"),
  EVENTBUS_PUBLIC_HOST("", "Host other members use to reach this event bus (a pod IP); empty means EVENTBUS_HOST"),
  EVENTBUS_TLS_CERT("", "PEM certificate chain of this member on the event bus (mutual TLS: it is both the server's and the client's certificate), signed by a CA of EVENTBUS_TLS_CA; empty with an event bus on loopback means a development CA and certificate in DEV_TLS_DIR"),
  EVENTBUS_TLS_KEY("", "PEM private key of EVENTBUS_TLS_CERT"),
  EVENTBUS_TLS_CA("", "PEM bundle of the CAs whose certificates are members: a private CA of this cluster only, never a public one"),
  TRANSPORT("epoll", "Socket transport of every listener and connection: epoll, io_uring (Linux 5.14 or later; a turn's writes in one system call) or nio; a native transport that cannot load falls back to nio"),
  STREAMS_PORT("5801", "Port of the Hazelcast member through which a market, portfolio or contest replica shares its streams (symbols, wallets, contests) with the other replicas of its service, in a cluster of their own (increments when taken, so one process can run all three)"),
  STREAMS_MEMBERS("127.0.0.1", "Comma-separated members (host or host:port) of the service's stream cluster, joined over TCP-IP; with CLUSTER_DISCOVERY kubernetes, KUBERNETES_SERVICE_DNS is looked up on STREAMS_PORT instead"),
  STREAMS_QUORUM("0", "Least number of a service's replicas that must see each other for its stream records (symbols, wallets, contests) to be read or written (Hazelcast split-brain protection); a smaller side refuses facts with 503, so no fact is acknowledged on a side that a merge would overrule. 0 turns it off; with 3 replicas use 2"),
  STREAMS_HISTORY_SECONDS("300", "Longest time a wallet or contest stream keeps its events for clients that reconnect with since and epoch; older events are not replayed"),

  // Market
  MARKET_SYMBOLS("BTC,ETH,SOL,BNB,XRP,ADA,DOGE,AVAX,DOT,LINK", "Symbols the market service tracks and clients may subscribe to"),
  MARKET_SOURCE("synthetic", "Market-data source: synthetic (the in-process simulator, pushed), binance (an exchange's WebSocket trade stream in Binance's shape, pushed) or binance-rest (Binance's REST shape, polled)"),
  MARKET_SOURCE_URL("http://127.0.0.1:8090", "Base URL of the source's REST API (Binance REST shape): binance-rest polls its trades, binance reads its 24-hour figures"),
  MARKET_STREAM_URL("", "Base URL of the binance source's WebSocket stream (e.g. wss://stream.binance.com:9443); empty means MARKET_SOURCE_URL with the ws or wss scheme, where the simulator serves it"),
  MARKET_STREAM_SILENCE_MS("10000", "A stream connection that sends nothing for this long counts as a source failure and is replaced"),
  MARKET_STREAM_BACKOFF_MAX_MS("5000", "Longest wait before reconnecting to the stream; waits double from 100 ms up to it, with jitter"),
  MARKET_POLL_INTERVAL_MS("50", "How often binance-rest polls its source; raise it (e.g. 1000) for a real exchange with request limits"),
  MARKET_DAY_REFRESH_MS("60000", "How often the market service asks its source for the 24-hour figures of the symbols it publishes (also asked when it takes a symbol over)"),
  MARKET_SOURCE_TIMEOUT_MS("1000", "Time after which a call to the source (a poll, a 24-hour ticker, a stream handshake) counts as failed"),
  MARKET_MAX_UPDATES_PER_SECOND("10", "Most updates per second per symbol and message type; faster ticks are conflated"),
  BREAKER_MAX_FAILURES("5", "Consecutive source failures (failed calls, lost, refused or silent stream connections, unreadable messages) that open the circuit breaker"),
  BREAKER_RESET_TIMEOUT_MS("5000", "How long the breaker stays open before a half-open probe"),

  // Portfolio
  PORTFOLIO_INGEST_HOST("127.0.0.1", "Interface of the portfolio service's internal fact-ingestion HTTP API (never the public listener)"),
  PORTFOLIO_INGEST_PORT("8091", "Port of the portfolio service's internal fact-ingestion HTTP API"),
  PORTFOLIO_UPDATE_INTERVAL_MS("1000", "Least time between two PORTFOLIO_UPDATED (and two PRICE_UPDATED of one symbol) of one wallet"),
  PORTFOLIO_HISTORY_EVENTS("100", "Most TRADE_EXECUTED a wallet stream keeps for clients that reconnect with since and epoch (with STREAMS_HISTORY_SECONDS, whichever keeps fewer)"),

  // Contest
  CONTEST_INGEST_HOST("127.0.0.1", "Interface of the contest service's internal fact-ingestion HTTP API (never the public listener)"),
  CONTEST_INGEST_PORT("8092", "Port of the contest service's internal fact-ingestion HTTP API"),
  CONTEST_UPDATE_INTERVAL_MS("500", "Least time between two CONTEST_UPDATED (and two LEADERBOARD_UPDATED) of one contest"),
  CONTEST_LEADERBOARD_SIZE("100", "Rows of the leaderboard sent in each LEADERBOARD_UPDATED"),
  CONTEST_HISTORY_EVENTS("500", "Most PARTICIPANT_ACTIVITY a contest stream keeps for clients that reconnect with since and epoch (with STREAMS_HISTORY_SECONDS, whichever keeps fewer)"),

  // Simulator
  SIM_TICKS_PER_SECOND("20", "Synthetic trades per second per symbol"),
  SIM_HTTP_HOST("127.0.0.1", "Interface of the simulator's HTTP exchange"),
  SIM_HTTP_PORT("8090", "Port of the simulator's HTTP exchange (Binance's REST and trade-stream shapes)"),
  SIM_SEED("", "Seed of the synthetic market's random walk and of the simulated users and contests; empty means a different simulation every start"),
  SIM_USERS("50", "Simulated users (wallets with usernames) who trade and join contests; 0 turns users and contests off"),
  SIM_TRADES_PER_SECOND("5", "Wallet trades per second the simulated users report to the portfolio service, all users together"),
  SIM_CONTESTS("3", "Contests the simulator keeps running at once, the demo contest included; 0 turns contests off"),
  SIM_CONTEST_DURATION_SECONDS("300", "Duration of a simulated contest; it then completes (or is cancelled) and a new one replaces it"),
  SIM_CONTEST_ROUNDS("5", "Rounds of a simulated contest, advanced evenly over its duration"),
  SIM_CONTEST_TRADES_PER_SECOND("5", "Contest trades per second the participants of all simulated contests report together"),
  SIM_JOINS_PER_SECOND("1", "Joins and leaves per second in simulated contests, all contests together"),
  SIM_CANCEL_PERCENT("10", "Chance in percent that a simulated contest is cancelled mid-round instead of completing"),
  SIM_DEMO_WALLET("DemoWa11et1111111111111111111111111111111111", "Wallet the simulator always trades for and keeps in the demo contest; 'up' prints a token for it"),
  SIM_DEMO_CONTEST("demo-contest", "Id of the contest that runs as long as the simulator does, with the demo wallet in it; 'up' prints its URL"),

  // Management (internal plain HTTP: /metrics, /health, /ready)
  MANAGEMENT_HOST("0.0.0.0", "Interface of the internal management listener (/metrics, /health, /ready); never the public port"),
  MANAGEMENT_PORT("9090", "Port of the internal management listener"),

  // Logging
  LOG_LEVEL("INFO", "Root log level"),
  LOG_FORMAT("json", "Log line format on stderr: json (one object per line) or text; ./degenduel-ws up in a terminal passes text");

  private final String defaultValue;
  private final String description;

  Setting(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String env() {
    return "DD_" + name();
  }

  public String flag() {
    return "--" + name().toLowerCase().replace('_', '-');
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
