// Type-checked as an ES module (module node16): the package's types for import.
import { RealtimeClient, type ErrorCode, type WebSocketConstructor } from "@degenduel/realtime-client";

declare const WebSocketImpl: WebSocketConstructor;
const portfolio = new RealtimeClient({ url: "wss://gw.example", token: "a.b.c", WebSocket: WebSocketImpl }).portfolio();
portfolio.onMessage("ERROR", (message) => {
  const code: ErrorCode = message.error.code;
  return code;
});
portfolio.on("resumed", (outcome) => outcome.recovered);
