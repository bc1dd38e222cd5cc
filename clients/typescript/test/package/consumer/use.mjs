// Loaded with import from an app that installed the packed tarball: prints where the package
// resolved to and what a market channel opened.
import * as client from "@degenduel/realtime-client";

const opened = [];
class RecordingWebSocket {
  constructor(url, protocols) {
    opened.push({ url, protocols });
    this.readyState = 0;
  }
  send() {}
  close() {}
}

const market = new client.RealtimeClient({ url: "wss://gw.example", token: "a.b.c", WebSocket: RecordingWebSocket }).market(["BTC"]).connect();
market.close();
console.log(
  JSON.stringify({
    resolved: import.meta.resolve("@degenduel/realtime-client"),
    exports: Object.keys(client).sort(),
    opened,
    retryAfter4001: client.shouldRetry(4001),
  }),
);
