// Loaded with require() from an app that installed the packed tarball: prints where the package
// resolved to and what a market channel opened.
const { RealtimeClient, shouldRetry } = require("@degenduel/realtime-client");

const opened = [];
class RecordingWebSocket {
  constructor(url, protocols) {
    opened.push({ url, protocols });
    this.readyState = 0;
  }
  send() {}
  close() {}
}

const market = new RealtimeClient({ url: "wss://gw.example", token: "a.b.c", WebSocket: RecordingWebSocket }).market(["BTC"]).connect();
market.close();
console.log(
  JSON.stringify({
    resolved: require.resolve("@degenduel/realtime-client"),
    exports: Object.keys(require("@degenduel/realtime-client")).sort(),
    opened,
    retryAfter4001: shouldRetry(4001),
  }),
);
