// Type-checked as a CommonJS module (module node16): the package's types for require().
import { RealtimeClient, type MarketPrice, type WebSocketConstructor } from "@degenduel/realtime-client";

declare const WebSocketImpl: WebSocketConstructor;
const market = new RealtimeClient({ url: "wss://gw.example", token: "a.b.c", WebSocket: WebSocketImpl }).market(["BTC"]);
market.onMessage("MARKET_PRICE", (message: MarketPrice) => message.data.price.toFixed(2));
