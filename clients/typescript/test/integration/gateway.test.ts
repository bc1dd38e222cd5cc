import { describe, expect, inject, it, vi } from "vitest";
import WebSocket from "ws";
import {
  type MarketPrice,
  type RealtimeClientOptions,
  type ResumeOutcome,
  RealtimeClient,
  type ServerMessage,
  type StateChange,
  type WebSocketLike,
} from "../../src/index.js";
import { reportTrade } from "./facts.js";
import { mintToken, REFRESH_WALLET, TOKEN_EXPIRY_WARNING_SECONDS } from "./launcher.js";

const backend = inject("backend");

/** Node 20 has no global WebSocket: `ws`, trusting the backend's development certificate, and recording its sockets. */
function trustingWebSocket(opened: WebSocket[] = []) {
  return class TrustingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { ca: backend.caPem });
      opened.push(this);
    }
  };
}

function client(options: Partial<RealtimeClientOptions> = {}, opened: WebSocket[] = []): RealtimeClient {
  return new RealtimeClient({
    url: backend.url,
    token: backend.token,
    WebSocket: trustingWebSocket(opened) as unknown as new (url: string, protocols?: string | string[]) => WebSocketLike,
    reconnect: { baseDelayMs: 100, maxDelayMs: 1000 },
    ...options,
  });
}

/** Resolves with the first message the predicate accepts, or fails after `ms`. */
function next<M extends ServerMessage, T extends M>(
  channel: { on(e: "message", l: (m: M) => void): () => void },
  accept: (m: M) => m is T,
  ms = 15_000,
): Promise<T> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      off();
      fail(new Error(`no matching message within ${ms} ms`));
    }, ms);
    const off = channel.on("message", (m) => {
      if (accept(m)) {
        clearTimeout(timer);
        off();
        done(m);
      }
    });
  });
}

function nextState(channel: { on(e: "state", l: (s: StateChange) => void): () => void }, state: string, ms = 15_000): Promise<StateChange> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ${state} within ${ms} ms`)), ms);
    const off = channel.on("state", (s) => {
      if (s.state === state) {
        clearTimeout(timer);
        off();
        done(s);
      }
    });
  });
}

const priceOf =
  (symbol: string) =>
  (m: ServerMessage): m is MarketPrice =>
    m.type === "MARKET_PRICE" && m.data.symbol === symbol;

describe("against a running gateway", () => {
  it("receives the current price, then live MARKET_PRICE ticks from the simulator", async () => {
    const market = client().market(["BTC"]).connect();
    try {
      const first = await next(market, priceOf("BTC"));
      const later = await next(market, (m): m is MarketPrice => priceOf("BTC")(m) && m.seq > first.seq);
      expect(later.data.price).toBeGreaterThan(0);
      expect(market.state).toBe("open");
    } finally {
      market.close();
    }
  });

  it("subscribes and unsubscribes while connected", async () => {
    const market = client().market(["BTC"]).connect();
    try {
      await next(market, priceOf("BTC"));
      market.subscribe(["ETH"]);
      const subscribed = await next(market, (m): m is Extract<ServerMessage, { type: "SUBSCRIBED" }> => m.type === "SUBSCRIBED");
      expect(subscribed.current).toEqual(["BTC", "ETH"]);
      await next(market, priceOf("ETH"));

      market.unsubscribe(["ETH"]);
      const unsubscribed = await next(market, (m): m is Extract<ServerMessage, { type: "UNSUBSCRIBED" }> => m.type === "UNSUBSCRIBED");
      expect(unsubscribed.current).toEqual(["BTC"]);
      const ethAfter: MarketPrice[] = [];
      market.on("message", (m) => priceOf("ETH")(m) && ethAfter.push(m));
      await next(market, (m): m is MarketPrice => priceOf("BTC")(m));
      await new Promise((r) => setTimeout(r, 1500));
      expect(ethAfter).toEqual([]);
    } finally {
      market.close();
    }
  });

  it("after a lost connection, reconnects, resubscribes and takes the fresh snapshot", async () => {
    const sockets: WebSocket[] = [];
    const market = client({}, sockets).market(["BTC"]).connect();
    try {
      await next(market, priceOf("BTC"));
      market.subscribe(["SOL"]);
      await next(market, priceOf("SOL"));

      const reconnecting = nextState(market, "reconnecting");
      sockets[0]!.terminate();
      expect((await reconnecting).closeCode).toBe(1006);
      const resubscribed = await next(market, (m): m is Extract<ServerMessage, { type: "SUBSCRIBED" }> => m.type === "SUBSCRIBED");
      expect(resubscribed.current).toEqual(["BTC", "SOL"]);
      await next(market, priceOf("SOL"));
      expect(sockets).toHaveLength(2);
      expect(market.state).toBe("open");
    } finally {
      market.close();
    }
  });

  it("after a lost connection, resumes the portfolio stream and gets every trade it missed, once and in order", async () => {
    const sockets: WebSocket[] = [];
    const portfolio = client({}, sockets).portfolio().connect();
    const trades: string[] = [];
    portfolio.onMessage("TRADE_EXECUTED", (m) => trades.push(m.data.trade_id));
    const run = `ts-${Date.now()}`;
    const received = (id: string) => vi.waitFor(() => expect(trades).toContain(id), { timeout: 15_000, interval: 20 });
    try {
      await next(portfolio, (m): m is Extract<ServerMessage, { type: "PORTFOLIO_UPDATED" }> => m.type === "PORTFOLIO_UPDATED");
      await reportTrade(`${run}-1`);
      await received(`${run}-1`);

      const resumed = new Promise<ResumeOutcome>((done) => portfolio.on("resumed", done));
      sockets[0]!.terminate();
      await reportTrade(`${run}-2`);
      await reportTrade(`${run}-3`);
      expect((await resumed).recovered).toBe(true);
      await received(`${run}-3`);
      await reportTrade(`${run}-4`);
      await received(`${run}-4`);
      expect(trades.filter((id) => id.startsWith(run))).toEqual([1, 2, 3, 4].map((i) => `${run}-${i}`));
      expect(sockets).toHaveLength(2);
    } finally {
      portfolio.close();
    }
  });

  it("stops without retrying when the gateway refuses the token with 4001", async () => {
    const sockets: WebSocket[] = [];
    const market = client({ token: "not.a.token" }, sockets).market(["BTC"]);
    const stopped = nextState(market, "stopped");
    market.connect();
    const change = await stopped;
    expect(change.closeCode).toBe(4001);
    expect(change.lastError?.error.code).toBe("AUTH_INVALID");
    await new Promise((r) => setTimeout(r, 2000));
    expect(sockets).toHaveLength(1);
    expect(market.state).toBe("stopped");
  });

  it("answers TOKEN_EXPIRING with the app's fresh token and gets AUTH_REFRESHED", async () => {
    const shortToken = await mintToken(REFRESH_WALLET, TOKEN_EXPIRY_WARNING_SECONDS + 5);
    let asked = 0;
    const portfolio = client({
      token: shortToken,
      refreshToken: async () => {
        asked += 1;
        return backend.freshToken;
      },
    })
      .portfolio()
      .connect();
    try {
      const expiring = await next(portfolio, (m): m is Extract<ServerMessage, { type: "TOKEN_EXPIRING" }> => m.type === "TOKEN_EXPIRING");
      const refreshed = await next(portfolio, (m): m is Extract<ServerMessage, { type: "AUTH_REFRESHED" }> => m.type === "AUTH_REFRESHED");
      expect(asked).toBe(1);
      expect(Date.parse(refreshed.expires_at)).toBeGreaterThan(Date.parse(expiring.expires_at) + 60_000);
      expect(portfolio.state).toBe("open");
    } finally {
      portfolio.close();
    }
  });
});
