/**
 * Every message of the DegenDuel realtime protocol, as a discriminated union on `type`.
 * These types mirror protocol/schemas/*.json (the JSON Schemas the gateway is tested against).
 */

/** ISO-8601 in UTC with exactly three fraction digits, e.g. `2026-03-14T09:27:00.000Z`. */
export type Timestamp = string;

export type VolumeInterval = "1m" | "5m" | "15m" | "1h" | "4h" | "1d";
export type VolumeTrend = "increasing" | "decreasing" | "stable";
export type ContestStatus = "active" | "completed" | "cancelled";
export type ActivityType = "join" | "leave" | "trade";

/** A streamed message: `seq` counts per stream, message type and key (MARKET_VOLUME: interval; PRICE_UPDATED: symbol); a gap on an event type means loss. */
interface Streamed<T extends string, D> {
  type: T;
  seq: number;
  /** Names the stream's history (portfolio streams): a seq that goes back under a new epoch starts a new stream. */
  epoch?: string;
  data: D;
}

export type MarketPrice = Streamed<
  "MARKET_PRICE",
  {
    symbol: string;
    price: number;
    change_24h: number;
    volume_24h: number;
    high_24h: number;
    low_24h: number;
    timestamp: Timestamp;
  }
>;

export type MarketVolume = Streamed<
  "MARKET_VOLUME",
  {
    symbol: string;
    volume: number;
    trades_count: number;
    buy_volume: number;
    sell_volume: number;
    interval: VolumeInterval;
    timestamp: Timestamp;
  }
>;

export type MarketSentiment = Streamed<
  "MARKET_SENTIMENT",
  {
    symbol: string;
    /** -1 to 1 */
    sentiment_score: number;
    /** 0 to 1 */
    buy_pressure: number;
    /** 0 to 1 */
    sell_pressure: number;
    volume_trend: VolumeTrend;
    timestamp: Timestamp;
  }
>;

export interface TokenValue {
  symbol: string;
  name: string;
  amount: number;
  value: number;
}

/** The one streamed message whose timestamp sits at the top level, as the frontend contract has it. */
export type PortfolioUpdated = Streamed<
  "PORTFOLIO_UPDATED",
  { tokens: TokenValue[]; total_value: number; performance_24h: number }
> & { timestamp: Timestamp };

export type TradeExecuted = Streamed<
  "TRADE_EXECUTED",
  {
    trade_id: string;
    wallet_address: string;
    symbol: string;
    amount: number;
    price: number;
    timestamp: Timestamp;
    contest_id?: string;
  }
>;

export type PriceUpdated = Streamed<
  "PRICE_UPDATED",
  { symbol: string; price: number; change_24h: number; timestamp: Timestamp }
>;

export type ContestUpdated = Streamed<
  "CONTEST_UPDATED",
  {
    contest_id: string;
    status: ContestStatus;
    current_round?: number;
    /** seconds */
    time_remaining?: number;
    total_participants: number;
    total_prize_pool: number;
  }
>;

export interface LeaderboardEntry {
  rank: number;
  wallet_address: string;
  username: string;
  portfolio_value: number;
  performance: number;
  last_trade_time?: Timestamp;
}

export type LeaderboardUpdated = Streamed<
  "LEADERBOARD_UPDATED",
  { contest_id: string; leaderboard: LeaderboardEntry[]; timestamp: Timestamp }
>;

export type ParticipantActivity = Streamed<
  "PARTICIPANT_ACTIVITY",
  {
    contest_id: string;
    wallet_address: string;
    username: string;
    activity_type: ActivityType;
    details?: { symbol?: string; amount?: number; price?: number };
    timestamp: Timestamp;
  }
>;

export type ErrorCode =
  | "AUTH_MISSING"
  | "AUTH_INVALID"
  | "AUTH_EXPIRED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONTEST_NOT_FOUND"
  | "INVALID_CONTEST_ID"
  | "INVALID_RESUME"
  | "INVALID_SYMBOLS"
  | "UNKNOWN_SYMBOL"
  | "MESSAGE_TOO_LARGE"
  | "INVALID_MESSAGE"
  | "UNKNOWN_TYPE"
  | "SUBSCRIPTION_LIMIT"
  | "NOT_SUPPORTED"
  | "RATE_LIMITED"
  | "TOO_MANY_CONNECTIONS"
  | "HEARTBEAT_TIMEOUT"
  | "REFRESH_REJECTED"
  | "SLOW_CONSUMER"
  | "SERVER_RESTART"
  | "MARKET_DATA_UNAVAILABLE"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_ERROR";

export interface ErrorMessage {
  type: "ERROR";
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export interface Pong {
  type: "PONG";
  timestamp: Timestamp;
}

export interface TokenExpiring {
  type: "TOKEN_EXPIRING";
  expires_at: Timestamp;
}

export interface AuthRefreshed {
  type: "AUTH_REFRESHED";
  expires_at: Timestamp;
}

export interface Subscribed {
  type: "SUBSCRIBED";
  /** The symbols this SUBSCRIBE added. */
  symbols: string[];
  /** Every symbol the connection watches now. */
  current: string[];
}

export interface Unsubscribed {
  type: "UNSUBSCRIBED";
  symbols: string[];
  current: string[];
}

/** Messages of the connection itself, on every endpoint. */
/**
 * The answer to a reconnect with `since` and `epoch` (portfolio and contest): after the snapshot,
 * before the missed events. `recovered: false` means events were missed and none are replayed.
 */
export interface Resumed {
  type: "RESUMED";
  data: {
    recovered: boolean;
    replayed: number;
    from_seq: number;
  };
}

export type ConnectionMessage = ErrorMessage | Pong | TokenExpiring | AuthRefreshed;

export type MarketMessage = MarketPrice | MarketVolume | MarketSentiment | Subscribed | Unsubscribed | ConnectionMessage;
export type PortfolioMessage = PortfolioUpdated | TradeExecuted | PriceUpdated | Resumed | ConnectionMessage;
export type ContestMessage = ContestUpdated | LeaderboardUpdated | ParticipantActivity | Resumed | ConnectionMessage;

/** Everything the gateway sends. */
export type ServerMessage = MarketMessage | PortfolioMessage | ContestMessage;

export type StreamedMessage = Extract<ServerMessage, { seq: number }>;

export interface Ping {
  type: "PING";
}

export interface AuthRefresh {
  type: "AUTH_REFRESH";
  token: string;
}

export interface Subscribe {
  type: "SUBSCRIBE";
  symbols: string[];
}

export interface Unsubscribe {
  type: "UNSUBSCRIBE";
  symbols: string[];
}

/** Everything a client may send. The gateway rejects any other field. */
export type ClientMessage = Ping | AuthRefresh | Subscribe | Unsubscribe;

/** The message of union `M` whose `type` is `T`. */
export type MessageOfType<M extends { type: string }, T extends M["type"]> = Extract<M, { type: T }>;
