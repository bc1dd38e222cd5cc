export { RealtimeClient, MarketChannel, HEARTBEAT_INTERVAL_MS } from "./client.js";
export type { RealtimeClientOptions, PortfolioChannel, ContestChannel } from "./client.js";
export { Connection } from "./connection.js";
export type {
  ConnectionState,
  StateChange,
  HeartbeatOptions,
  ResumeOutcome,
  StreamPosition,
  TokenSource,
  WebSocketLike,
  WebSocketConstructor,
} from "./connection.js";
export { backoffDelay, DEFAULT_RECONNECT } from "./backoff.js";
export type { ReconnectOptions } from "./backoff.js";
export { DO_NOT_RETRY_CLOSE_CODES, shouldRetry } from "./closeCodes.js";
export type * from "./messages.js";
