import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  backoffDelay,
  DEFAULT_RECONNECT,
  DO_NOT_RETRY_CLOSE_CODES,
  RealtimeClient,
  type RealtimeClientOptions,
  type StateChange,
} from "../../src/index.js";
import { FakeWebSocket } from "./fakeWebSocket.js";

const TOKEN = "header.payload.signature";
const MARKET_PRICE = {
  type: "MARKET_PRICE",
  seq: 7,
  data: {
    symbol: "BTC",
    price: 65000.5,
    change_24h: 1.2,
    volume_24h: 1000,
    high_24h: 66000,
    low_24h: 64000,
    timestamp: "2026-03-14T09:27:00.000Z",
  },
};

function client(options: Partial<RealtimeClientOptions> = {}): RealtimeClient {
  return new RealtimeClient({ url: "wss://gw.example:8443/", token: TOKEN, WebSocket: FakeWebSocket, ...options });
}

function states(connection: { on(e: "state", l: (s: StateChange) => void): () => void }): StateChange[] {
  const seen: StateChange[] = [];
  connection.on("state", (s) => seen.push(s));
  return seen;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("connecting", () => {
  it("opens each endpoint's URL with the token as the only subprotocol", () => {
    const realtime = client();
    realtime.market(["BTC", "ETH"]).connect();
    realtime.portfolio().connect();
    realtime.portfolio({ wallet: "Wa11et0000000001" }).connect();
    realtime.contest("cup-1").connect();
    expect(FakeWebSocket.instances.map((s) => s.url)).toEqual([
      "wss://gw.example:8443/api/v2/ws/market?symbols=BTC,ETH",
      "wss://gw.example:8443/api/v2/ws/portfolio",
      "wss://gw.example:8443/api/v2/ws/portfolio?wallet=Wa11et0000000001",
      "wss://gw.example:8443/api/v2/ws/contest/cup-1",
    ]);
    expect(FakeWebSocket.instances.every((s) => s.protocols === TOKEN)).toBe(true);
  });

  it("refuses malformed symbols before anything is sent", () => {
    expect(() => client().market(["btc"])).toThrow(TypeError);
    expect(() => client().market([])).toThrow(TypeError);
    const market = client().market(["BTC"]);
    expect(() => market.subscribe(["BTC;DROP"])).toThrow(TypeError);
  });

  it("needs a WebSocket implementation when the runtime has none", () => {
    const global = globalThis as { WebSocket?: unknown };
    const saved = global.WebSocket;
    delete global.WebSocket;
    try {
      expect(() => new RealtimeClient({ url: "wss://x", token: TOKEN })).toThrow(/WebSocket/);
    } finally {
      if (saved !== undefined) {
        global.WebSocket = saved;
      }
    }
  });

  it("delivers typed messages to the listeners of their type", () => {
    const market = client().market(["BTC"]).connect();
    const prices: number[] = [];
    const all: string[] = [];
    market.onMessage("MARKET_PRICE", (m) => prices.push(m.data.price));
    market.on("message", (m) => all.push(m.type));
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    socket.serverSends(MARKET_PRICE);
    socket.serverSends({ type: "PONG", timestamp: "2026-03-14T09:27:00.000Z" });
    expect(prices).toEqual([65000.5]);
    expect(all).toEqual(["MARKET_PRICE", "PONG"]);
    expect(market.state).toBe("open");
  });
});

describe("heartbeat", () => {
  it("pings on open and then every 15 s on market", () => {
    client().market(["BTC"]).connect();
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    expect(socket.sentOfType("PING")).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(5_000);
      socket.serverSends({ type: "PONG", timestamp: "2026-03-14T09:27:00.000Z" });
    }
    expect(socket.sentOfType("PING")).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(socket.sentOfType("PING")).toHaveLength(3);
    expect(socket.sent.every((m) => Object.keys(m).length === 1)).toBe(true);
  });

  it("pings every 30 s on portfolio and contest", () => {
    const realtime = client({ heartbeat: { pongTimeoutMs: 60_000 } });
    realtime.portfolio().connect();
    const portfolio = FakeWebSocket.latest();
    realtime.contest("cup-1").connect();
    const contest = FakeWebSocket.latest();
    portfolio.serverOpens();
    contest.serverOpens();
    vi.advanceTimersByTime(29_999);
    expect(portfolio.sentOfType("PING")).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(portfolio.sentOfType("PING")).toHaveLength(2);
    expect(contest.sentOfType("PING")).toHaveLength(2);
  });

  it("keeps a connection whose PONGs arrive", () => {
    const market = client().market(["BTC"]).connect();
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    for (let i = 0; i < 40; i++) {
      socket.serverSends({ type: "PONG", timestamp: "2026-03-14T09:27:00.000Z" });
      vi.advanceTimersByTime(15_000);
    }
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(market.state).toBe("open");
  });

  it("treats a connection whose PONGs stop as dead: drops it and reconnects after the backoff", () => {
    const market = client({ random: () => 0 }).market(["BTC"]).connect();
    const seen = states(market);
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    socket.serverSends({ type: "PONG", timestamp: "2026-03-14T09:27:00.000Z" });
    vi.advanceTimersByTime(15_000);
    vi.advanceTimersByTime(9_999);
    expect(market.state).toBe("open");
    vi.advanceTimersByTime(1);
    expect(socket.closedByClient).toBe(1000);
    expect(seen.at(-1)).toMatchObject({ state: "reconnecting", attempt: 1, delayMs: 500 });
    expect(seen.at(-1)?.closeReason).toMatch(/no PONG/);
    vi.advanceTimersByTime(500);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(market.state).toBe("connecting");
  });

  it("ignores a late close of a socket it has given up on", () => {
    const market = client({ random: () => 0 }).market(["BTC"]).connect();
    const dead = FakeWebSocket.latest();
    dead.serverOpens();
    vi.advanceTimersByTime(10_000);
    vi.advanceTimersByTime(500);
    const next = FakeWebSocket.latest();
    next.serverOpens();
    dead.onclose?.({ code: 4001, reason: "late" });
    expect(market.state).toBe("open");
  });
});

describe("reconnection", () => {
  it("waits exponentially longer with jitter between half and all of the step, capped", () => {
    const steps = [1000, 2000, 4000, 8000, 16000, 30000, 30000];
    steps.forEach((step, i) => {
      expect(backoffDelay(i + 1, DEFAULT_RECONNECT, () => 0)).toBe(step / 2);
      expect(backoffDelay(i + 1, DEFAULT_RECONNECT, () => 0.999999)).toBe(step);
      const jittered = backoffDelay(i + 1, DEFAULT_RECONNECT, Math.random);
      expect(jittered).toBeGreaterThanOrEqual(step / 2);
      expect(jittered).toBeLessThanOrEqual(step);
    });
  });

  it("makes at most 5 attempts, then stays in restart_required until the app connects again", () => {
    const market = client({ random: () => 1 }).market(["BTC"]).connect();
    const seen = states(market);
    FakeWebSocket.latest().serverOpens();
    FakeWebSocket.latest().serverCloses(1012, "SERVICE_RESTART");
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const waiting = seen.at(-1)!;
      expect(waiting).toMatchObject({ state: "reconnecting", attempt });
      delays.push(waiting.delayMs!);
      vi.advanceTimersByTime(waiting.delayMs!);
      expect(FakeWebSocket.instances).toHaveLength(1 + attempt);
      FakeWebSocket.latest().serverCloses(1006, "");
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(market.state).toBe("restart_required");
    expect(seen.at(-1)).toMatchObject({ state: "restart_required", closeCode: 1006 });
    vi.advanceTimersByTime(10 * 60_000);
    expect(FakeWebSocket.instances).toHaveLength(6);

    market.connect();
    expect(FakeWebSocket.instances).toHaveLength(7);
    expect(market.state).toBe("connecting");
  });

  it("gets its whole attempt budget back once a connection is admitted", () => {
    const market = client({ random: () => 0 }).market(["BTC"]).connect();
    const seen = states(market);
    for (let round = 0; round < 4; round++) {
      FakeWebSocket.latest().serverCloses(1006, "");
      vi.advanceTimersByTime(seen.at(-1)!.delayMs!);
    }
    expect(seen.at(-1)).toMatchObject({ state: "connecting" });
    FakeWebSocket.latest().serverOpens();
    FakeWebSocket.latest().serverSends(MARKET_PRICE);
    FakeWebSocket.latest().serverCloses(1001, "");
    expect(seen.at(-1)).toMatchObject({ state: "reconnecting", attempt: 1 });
  });

  it.each([4001, 4003, 4004, 1007, 1008, 1009, 1003])("does not retry after close code %i", (code) => {
    const market = client().market(["BTC"]).connect();
    const seen = states(market);
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    const error = { type: "ERROR", error: { code: "AUTH_EXPIRED", message: "The session token has expired" } };
    socket.serverSends(error);
    socket.serverCloses(code, "reason");
    expect(market.state).toBe("stopped");
    expect(seen.at(-1)).toEqual({ state: "stopped", closeCode: code, closeReason: "reason", lastError: error });
    vi.advanceTimersByTime(10 * 60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it.each([1000, 1001, 1006, 1011, 1012, 1013, 4008, 4009])("retries after close code %i", (code) => {
    const market = client().market(["BTC"]).connect();
    FakeWebSocket.latest().serverOpens();
    FakeWebSocket.latest().serverCloses(code, "");
    expect(market.state).toBe("reconnecting");
    vi.advanceTimersByTime(DEFAULT_RECONNECT.baseDelayMs);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it("agrees with the close-code table of protocol/asyncapi.yaml", () => {
    const yaml = readFileSync(new URL("../../../../protocol/asyncapi.yaml", import.meta.url), "utf8");
    const rows = [...yaml.matchAll(/\{code: (\d+), name: (\w+), retry: (true|false)\}/g)];
    expect(rows.length).toBeGreaterThan(10);
    for (const [, code, name, retry] of rows) {
      // NORMAL (1000) is the one exception: the gateway never sends it, so a 1000 comes from a proxy.
      const expectRetry = retry === "true" || name === "NORMAL";
      expect(DO_NOT_RETRY_CLOSE_CODES.has(Number(code)), `${code} ${name}`).toBe(!expectRetry);
    }
  });

  it("does not reconnect after the app closes", () => {
    const market = client().market(["BTC"]).connect();
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    market.close();
    expect(socket.closedByClient).toBe(1000);
    expect(market.state).toBe("closed");
    vi.advanceTimersByTime(10 * 60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});

describe("market subscriptions", () => {
  it("sends SUBSCRIBE and UNSUBSCRIBE while open, and restores the same set after a reconnection", () => {
    const market = client({ random: () => 0 }).market(["BTC", "ETH"]).connect();
    const first = FakeWebSocket.latest();
    first.serverOpens();
    market.subscribe(["SOL", "BTC"]);
    market.unsubscribe(["ETH"]);
    expect(first.sentOfType("SUBSCRIBE")).toEqual([{ type: "SUBSCRIBE", symbols: ["SOL"] }]);
    expect(first.sentOfType("UNSUBSCRIBE")).toEqual([{ type: "UNSUBSCRIBE", symbols: ["ETH"] }]);
    expect(market.symbols).toEqual(["BTC", "SOL"]);

    first.serverCloses(1012, "");
    market.subscribe(["DOGE"]);
    vi.advanceTimersByTime(500);
    const second = FakeWebSocket.latest();
    expect(second.url).toMatch(/symbols=BTC,ETH$/);
    expect(second.sent).toEqual([]);
    second.serverOpens();
    expect(second.sentOfType("SUBSCRIBE")).toEqual([{ type: "SUBSCRIBE", symbols: ["SOL", "DOGE"] }]);
    expect(second.sentOfType("UNSUBSCRIBE")).toEqual([{ type: "UNSUBSCRIBE", symbols: ["ETH"] }]);
  });
});

describe("token refresh", () => {
  it("asks the app for a token on TOKEN_EXPIRING, sends AUTH_REFRESH and reconnects with the new token", async () => {
    const refreshToken = vi.fn(async () => "fresh.token.value");
    const realtime = client({ refreshToken, random: () => 0 });
    const portfolio = realtime.portfolio().connect();
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    socket.serverSends({ type: "TOKEN_EXPIRING", expires_at: "2026-03-14T09:28:00.000Z" });
    await vi.waitFor(() => expect(socket.sentOfType("AUTH_REFRESH")).toHaveLength(1));
    expect(socket.sentOfType("AUTH_REFRESH")[0]).toEqual({ type: "AUTH_REFRESH", token: "fresh.token.value" });
    expect(refreshToken).toHaveBeenCalledTimes(1);

    socket.serverCloses(1012, "");
    vi.advanceTimersByTime(500);
    expect(FakeWebSocket.latest().protocols).toBe("fresh.token.value");
    expect(portfolio.state).toBe("connecting");
  });

  it("refreshes once for all channels of a client", async () => {
    const refreshToken = vi.fn(async () => "fresh.token.value");
    const realtime = client({ refreshToken });
    realtime.portfolio().connect();
    realtime.contest("cup-1").connect();
    const [portfolio, contest] = FakeWebSocket.instances;
    for (const socket of [portfolio!, contest!]) {
      socket.serverOpens();
      socket.serverSends({ type: "TOKEN_EXPIRING", expires_at: "2026-03-14T09:28:00.000Z" });
    }
    await vi.waitFor(() => expect(contest!.sentOfType("AUTH_REFRESH")).toHaveLength(1));
    await vi.waitFor(() => expect(portfolio!.sentOfType("AUTH_REFRESH")).toHaveLength(1));
    expect(refreshToken).toHaveBeenCalledTimes(1);
  });

  it("reports a failed refresh and keeps the connection", async () => {
    const portfolio = client({ refreshToken: () => Promise.reject(new Error("signed out")) }).portfolio().connect();
    const failures: unknown[] = [];
    portfolio.on("refreshError", (e) => failures.push(e));
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    socket.serverSends({ type: "TOKEN_EXPIRING", expires_at: "2026-03-14T09:28:00.000Z" });
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    expect(socket.sentOfType("AUTH_REFRESH")).toEqual([]);
    expect(portfolio.state).toBe("open");
  });
});

function trade(seq: number, epoch = "e1"): Record<string, unknown> {
  return {
    type: "TRADE_EXECUTED",
    seq,
    epoch,
    data: {
      trade_id: `t-${seq}`,
      wallet_address: "Wa11et0000000001",
      symbol: "BTC",
      amount: 1,
      price: 65000,
      timestamp: "2026-03-14T09:27:00.000Z",
    },
  };
}

describe("resuming portfolio and contest streams", () => {
  it("reconnects with since and epoch of the last event processed", () => {
    const realtime = client();
    realtime.portfolio({ wallet: "Wa11et0000000001" }).connect();
    FakeWebSocket.latest().serverOpens();
    FakeWebSocket.latest().serverSends(trade(3));
    FakeWebSocket.latest().serverSends(trade(4));
    FakeWebSocket.latest().serverCloses(1006, "");
    vi.runOnlyPendingTimers();
    expect(FakeWebSocket.latest().url).toBe(
      "wss://gw.example:8443/api/v2/ws/portfolio?wallet=Wa11et0000000001&since=4&epoch=e1",
    );
  });

  it("starts from a position the app kept, and never resumes market data", () => {
    const realtime = client();
    realtime.contest("cup-1", { resumeFrom: { seq: 9, epoch: "a b" } }).connect();
    expect(FakeWebSocket.latest().url).toBe("wss://gw.example:8443/api/v2/ws/contest/cup-1?since=9&epoch=a%20b");
    const market = realtime.market(["BTC"]);
    market.connect();
    FakeWebSocket.latest().serverOpens();
    FakeWebSocket.latest().serverSends({ ...MARKET_PRICE, epoch: "m" });
    FakeWebSocket.latest().serverCloses(1006, "");
    vi.runOnlyPendingTimers();
    expect(FakeWebSocket.latest().url).toBe("wss://gw.example:8443/api/v2/ws/market?symbols=BTC");
  });

  it("reports the server's answer and starts over from the live stream when events could not be recovered", () => {
    const portfolio = client().portfolio();
    const outcomes: unknown[] = [];
    portfolio.on("resumed", (o) => outcomes.push(o));
    portfolio.connect();
    FakeWebSocket.latest().serverOpens();
    FakeWebSocket.latest().serverSends(trade(4));
    FakeWebSocket.latest().serverCloses(1006, "");
    vi.runOnlyPendingTimers();
    FakeWebSocket.latest().serverOpens();
    FakeWebSocket.latest().serverSends({ type: "RESUMED", data: { recovered: false, replayed: 0, from_seq: 5 } });
    expect(outcomes).toEqual([{ recovered: false, replayed: 0, fromSeq: 5 }]);
    expect(portfolio.lastEvent).toBeUndefined();
    FakeWebSocket.latest().serverSends(trade(40, "e2"));
    expect(portfolio.lastEvent).toEqual({ seq: 40, epoch: "e2" });
  });

  it("resumes at once on a gap in live events, and delivers each event once and in order", () => {
    const portfolio = client().portfolio();
    const seqs: number[] = [];
    portfolio.onMessage("TRADE_EXECUTED", (m) => seqs.push(m.seq));
    portfolio.connect();
    const first = FakeWebSocket.latest();
    first.serverOpens();
    first.serverSends(trade(1));
    first.serverSends(trade(1));
    first.serverSends(trade(3));
    const second = FakeWebSocket.latest();
    expect(second).not.toBe(first);
    expect(first.closedByClient).toBe(1000);
    expect(second.url).toBe("wss://gw.example:8443/api/v2/ws/portfolio?since=1&epoch=e1");
    second.serverOpens();
    second.serverSends({ type: "RESUMED", data: { recovered: true, replayed: 2, from_seq: 2 } });
    second.serverSends(trade(2));
    second.serverSends(trade(3));
    second.serverSends(trade(4));
    expect(seqs).toEqual([1, 2, 3, 4]);
  });
});
