/**
 * Every message of the DegenDuel realtime protocol, as a discriminated union on `type`.
 * The shapes are generated from protocol/schemas/*.json (the JSON Schemas the gateway is tested
 * against) into ./generated at build time; this file names them and sorts them by endpoint.
 */
import type * as Schema from "./generated/messages.js";

/** ISO-8601 in UTC with exactly three fraction digits, e.g. `2026-03-14T09:27:00.000Z`. */
export type Timestamp = Schema.PONG["timestamp"];

export type MarketPrice = Schema.MARKET_PRICE;
export type MarketVolume = Schema.MARKET_VOLUME;
export type MarketSentiment = Schema.MARKET_SENTIMENT;
/** The one streamed message whose timestamp sits at the top level, as the frontend contract has it. */
export type PortfolioUpdated = Schema.PORTFOLIO_UPDATED;
export type TradeExecuted = Schema.TRADE_EXECUTED;
export type PriceUpdated = Schema.PRICE_UPDATED;
export type ContestUpdated = Schema.CONTEST_UPDATED;
export type LeaderboardUpdated = Schema.LEADERBOARD_UPDATED;
export type ParticipantActivity = Schema.PARTICIPANT_ACTIVITY;
export type ErrorMessage = Schema.ERROR;
export type Pong = Schema.PONG;
export type TokenExpiring = Schema.TOKEN_EXPIRING;
export type AuthRefreshed = Schema.AUTH_REFRESHED;
/** `symbols`: the ones this SUBSCRIBE added; `current`: every symbol the connection watches now. */
export type Subscribed = Schema.SUBSCRIBED;
export type Unsubscribed = Schema.UNSUBSCRIBED;
/**
 * The answer to a reconnect with `since` and `epoch` (portfolio and contest): after the snapshot,
 * before the missed events. `recovered: false` means events were missed and none are replayed.
 */
export type Resumed = Schema.RESUMED;
export type Ping = Schema.PING;
export type AuthRefresh = Schema.AUTH_REFRESH;
export type Subscribe = Schema.SUBSCRIBE;
export type Unsubscribe = Schema.UNSUBSCRIBE;

export type VolumeInterval = MarketVolume["data"]["interval"];
export type VolumeTrend = MarketSentiment["data"]["volume_trend"];
export type ContestStatus = ContestUpdated["data"]["status"];
export type ActivityType = ParticipantActivity["data"]["activity_type"];
export type TokenValue = PortfolioUpdated["data"]["tokens"][number];
export type LeaderboardEntry = LeaderboardUpdated["data"]["leaderboard"][number];
export type ErrorCode = ErrorMessage["error"]["code"];

/** Messages of the connection itself, on every endpoint. */
export type ConnectionMessage = ErrorMessage | Pong | TokenExpiring | AuthRefreshed;

export type MarketMessage = MarketPrice | MarketVolume | MarketSentiment | Subscribed | Unsubscribed | ConnectionMessage;
export type PortfolioMessage = PortfolioUpdated | TradeExecuted | PriceUpdated | Resumed | ConnectionMessage;
export type ContestMessage = ContestUpdated | LeaderboardUpdated | ParticipantActivity | Resumed | ConnectionMessage;

/** Everything the gateway sends. */
export type ServerMessage = MarketMessage | PortfolioMessage | ContestMessage;

export type StreamedMessage = Extract<ServerMessage, { seq: number }>;

/** Everything a client may send. The gateway rejects any other field. */
export type ClientMessage = Ping | AuthRefresh | Subscribe | Unsubscribe;

/**
 * Every message either side sends: exactly the messages of protocol/schemas. A schema message that
 * is in neither ServerMessage nor ClientMessage (or the other way round) fails to compile here.
 */
export type ProtocolMessage = Within<ServerMessage | ClientMessage, Within<Schema.ProtocolMessage, ServerMessage | ClientMessage>>;
type Within<Part extends Whole, Whole> = Part;

/** The message of union `M` whose `type` is `T`. */
export type MessageOfType<M extends { type: string }, T extends M["type"]> = Extract<M, { type: T }>;
