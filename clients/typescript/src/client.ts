import { DEFAULT_RECONNECT, type ReconnectOptions } from "./backoff.js";
import {
  Connection,
  type ConnectionSettings,
  type HeartbeatOptions,
  type StreamPosition,
  type TokenSource,
  type WebSocketConstructor,
} from "./connection.js";
import type { ContestMessage, MarketMessage, PortfolioMessage } from "./messages.js";

export interface RealtimeClientOptions {
  /** The gateway's origin, e.g. `wss://realtime.degenduel.com` or `wss://localhost:8443`. */
  url: string;
  /** The session token; it travels as the WebSocket subprotocol. */
  token: string;
  /** Asked for a fresh token (same wallet, later exp) when the gateway announces TOKEN_EXPIRING. */
  refreshToken?: () => string | Promise<string>;
  /** The WebSocket implementation; default `globalThis.WebSocket`. Node 20 has none: pass `ws`'s. */
  WebSocket?: WebSocketConstructor;
  reconnect?: ReconnectOptions;
  heartbeat?: HeartbeatOptions;
  /** The jitter's source of randomness; default `Math.random`. */
  random?: () => number;
}

/** The gateway's heartbeat intervals: it closes a connection that stays silent for three of them. */
export const HEARTBEAT_INTERVAL_MS = { market: 15_000, portfolio: 30_000, contest: 30_000 } as const;
const DEFAULT_PONG_TIMEOUT_MS = 10_000;
const SYMBOL = /^[A-Z0-9]{1,15}$/;
const MAX_SYMBOLS_PER_MESSAGE = 100;

/** One token for every channel, so that a refresh on one serves the others and every reconnection. */
class SharedToken implements TokenSource {
  private inflight: Promise<string> | undefined;

  constructor(
    private token: string,
    private readonly refresher: (() => string | Promise<string>) | undefined,
  ) {}

  current(): string {
    return this.token;
  }

  set(token: string): void {
    this.token = token;
  }

  refresh(stale: string): Promise<string> {
    if (this.token !== stale) {
      return Promise.resolve(this.token);
    }
    const refresher = this.refresher;
    if (refresher === undefined) {
      return Promise.reject(new Error("the gateway asked for a token refresh but no refreshToken callback was given"));
    }
    this.inflight ??= Promise.resolve()
      .then(refresher)
      .then((token) => {
        this.token = token;
        return token;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}

/**
 * The DegenDuel realtime client: one object per signed-in user, one channel per endpoint watched.
 *
 * ```ts
 * const realtime = new RealtimeClient({ url: "wss://localhost:8443", token, refreshToken });
 * const market = realtime.market(["BTC", "ETH"]).connect();
 * market.onMessage("MARKET_PRICE", (m) => console.log(m.data.symbol, m.data.price));
 * ```
 */
export class RealtimeClient {
  private readonly tokens: SharedToken;
  private readonly WebSocketImpl: WebSocketConstructor;

  constructor(private readonly options: RealtimeClientOptions) {
    this.tokens = new SharedToken(options.token, options.refreshToken);
    const fallback = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    const impl = options.WebSocket ?? fallback;
    if (impl === undefined) {
      throw new Error("no WebSocket implementation: pass options.WebSocket (in Node 20, the `ws` package's WebSocket)");
    }
    this.WebSocketImpl = impl;
  }

  /** Replaces the token, e.g. after the user signed in again; used from the next (re)connection on. */
  setToken(token: string): void {
    this.tokens.set(token);
  }

  /** Market data of `symbols` (1 to 50); `subscribe()` and `unsubscribe()` change the set later. */
  market(symbols: readonly string[]): MarketChannel {
    if (symbols.length === 0) {
      throw new TypeError("the market endpoint needs at least one symbol");
    }
    checkSymbols(symbols);
    const url = `${this.base()}/api/v2/ws/market?symbols=${symbols.join(",")}`;
    return new MarketChannel(this.settings(url, HEARTBEAT_INTERVAL_MS.market), symbols);
  }

  /**
   * The token's own wallet; admins may name another `wallet`. Reconnections resume where the last
   * TRADE_EXECUTED left off; `resumeFrom` (a channel's `lastEvent`, kept by the app) resumes the
   * first connection too.
   */
  portfolio(options: { wallet?: string; resumeFrom?: StreamPosition } = {}): PortfolioChannel {
    const query = options.wallet === undefined ? "" : `?wallet=${encodeURIComponent(options.wallet)}`;
    return new Connection<PortfolioMessage>({
      ...this.settings(`${this.base()}/api/v2/ws/portfolio${query}`, HEARTBEAT_INTERVAL_MS.portfolio),
      resume: { from: options.resumeFrom },
    });
  }

  /** One contest; reconnections resume where the last PARTICIPANT_ACTIVITY left off, as for `portfolio`. */
  contest(contestId: string, options: { resumeFrom?: StreamPosition } = {}): ContestChannel {
    return new Connection<ContestMessage>({
      ...this.settings(`${this.base()}/api/v2/ws/contest/${encodeURIComponent(contestId)}`, HEARTBEAT_INTERVAL_MS.contest),
      resume: { from: options.resumeFrom },
    });
  }

  private base(): string {
    return this.options.url.replace(/\/+$/, "");
  }

  private settings(url: string, heartbeatIntervalMs: number): ConnectionSettings {
    return {
      url,
      tokens: this.tokens,
      WebSocket: this.WebSocketImpl,
      heartbeat: {
        intervalMs: this.options.heartbeat?.intervalMs ?? heartbeatIntervalMs,
        pongTimeoutMs: this.options.heartbeat?.pongTimeoutMs ?? DEFAULT_PONG_TIMEOUT_MS,
      },
      reconnect: { ...DEFAULT_RECONNECT, ...this.options.reconnect },
      random: this.options.random ?? Math.random,
    };
  }
}

export type PortfolioChannel = Connection<PortfolioMessage>;
export type ContestChannel = Connection<ContestMessage>;

/**
 * The market endpoint. It remembers the symbols the app asked for, so that after a reconnection
 * the new connection watches exactly those again (and receives their current prices first).
 */
export class MarketChannel extends Connection<MarketMessage> {
  private readonly inUrl: ReadonlySet<string>;
  private readonly wanted: Set<string>;

  constructor(settings: ConnectionSettings, symbols: readonly string[]) {
    super(settings);
    this.inUrl = new Set(symbols);
    this.wanted = new Set(symbols);
  }

  /** The symbols the app wants, whether or not the gateway has acknowledged them yet. */
  get symbols(): string[] {
    return [...this.wanted];
  }

  subscribe(symbols: readonly string[]): void {
    checkSymbols(symbols);
    const added = symbols.filter((s) => !this.wanted.has(s));
    added.forEach((s) => this.wanted.add(s));
    if (added.length > 0) {
      this.send({ type: "SUBSCRIBE", symbols: added });
    }
  }

  unsubscribe(symbols: readonly string[]): void {
    checkSymbols(symbols);
    const removed = symbols.filter((s) => this.wanted.has(s));
    removed.forEach((s) => this.wanted.delete(s));
    if (removed.length > 0) {
      this.send({ type: "UNSUBSCRIBE", symbols: removed });
    }
  }

  protected override onOpened(): void {
    const added = [...this.wanted].filter((s) => !this.inUrl.has(s));
    const removed = [...this.inUrl].filter((s) => !this.wanted.has(s));
    if (added.length > 0) {
      this.send({ type: "SUBSCRIBE", symbols: added });
    }
    if (removed.length > 0) {
      this.send({ type: "UNSUBSCRIBE", symbols: removed });
    }
  }
}

function checkSymbols(symbols: readonly string[]): void {
  if (symbols.length > MAX_SYMBOLS_PER_MESSAGE) {
    throw new TypeError(`at most ${MAX_SYMBOLS_PER_MESSAGE} symbols at once`);
  }
  for (const symbol of symbols) {
    if (!SYMBOL.test(symbol)) {
      throw new TypeError(`not a symbol (1 to 15 upper-case letters or digits): ${JSON.stringify(symbol)}`);
    }
  }
}
