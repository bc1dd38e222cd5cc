package com.degenduel.realtime.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import java.util.Set;

/** One simulated client: connects, heartbeats at the seed's interval, and checks what it receives. */
final class LoadConnection {
  private static final Set<String> EVENT_TYPES = Set.of("TRADE_EXECUTED", "PARTICIPANT_ACTIVITY");

  private final LoadStats stats;
  private final boolean market;
  private final LaneSeqs lastSeq = new LaneSeqs();
  private WebSocket socket;
  private long heartbeat = -1;

  LoadConnection(LoadStats stats, boolean market) {
    this.stats = stats;
    this.market = market;
  }

  /** Completes when the handshake has succeeded or failed. */
  Future<WebSocket> open(Vertx vertx, WebSocketClient client, WebSocketConnectOptions options) {
    return client
        .connect(options)
        .onSuccess(
            ws -> {
              socket = ws;
              stats.opened.increment();
              stats.open.increment();
              // Frames, not messages: the gateway never fragments, and reading the bytes skips the
              // aggregation and String decoding Vert.x does for a text-message handler.
              ws.frameHandler(this::onFrame);
              ws.closeHandler(
                  v -> {
                    stats.open.decrement();
                    stats.count(stats.closes, String.valueOf(ws.closeStatusCode()));
                    vertx.cancelTimer(heartbeat);
                  });
              // The seed's heartbeat: every 15 s on market, 30 s elsewhere.
              heartbeat = vertx.setPeriodic(market ? 15_000 : 30_000, t -> ws.writeTextMessage("{\"type\":\"PING\"}"));
            })
        .onFailure(e -> stats.count(stats.failures, causeOf(e)));
  }

  void close() {
    if (socket != null && !socket.isClosed()) {
      socket.close();
    }
  }

  private void onFrame(WebSocketFrame received) {
    long now = System.currentTimeMillis();
    if (received.type() != WebSocketFrameType.TEXT) {
      return;
    }
    if (!received.isFinal()) {
      stats.count(stats.errors, "fragmented frame");
      return;
    }
    byte[] frame = received.binaryData().getBytes();
    String type = FrameScan.type(frame);
    if (type == null) {
      return;
    }
    if (type.equals("ERROR")) {
      stats.count(stats.errors, FrameScan.errorCode(frame));
      return;
    }
    long seq = FrameScan.seq(frame);
    if (seq < 0) {
      return;
    }
    stats.messages.increment();
    stats.count(stats.byType, type);
    long last = lastSeq.put(lane(type, frame), seq);
    if (last != LaneSeqs.NONE) {
      if (seq <= last) {
        stats.duplicates.increment();
        stats.count(stats.duplicatesByType, type);
      } else if (seq > last + 1) {
        stats.gaps.add(seq - last - 1);
        stats.count(stats.gapsByType, type);
        if (EVENT_TYPES.contains(type)) {
          stats.eventGaps.add(seq - last - 1);
        }
      }
    }
    long eventMillis = FrameScan.eventMillis(frame);
    if (eventMillis > 0 && last != LaneSeqs.NONE) {
      // The first message of a stream is its snapshot, whose timestamp is the state's age, not a delivery delay.
      stats.latency(type, (now - eventMillis) * 1000);
    }
  }

  /**
   * What seq counts per: the stream (one per connection here, or the symbol), the type and its
   * key, as a 64-bit hash of those fields' bytes rather than a String built per frame.
   */
  private static long lane(String type, byte[] frame) {
    long lane = FrameScan.mix(FrameScan.FNV_OFFSET, type.hashCode());
    return switch (type) {
      case "MARKET_PRICE", "MARKET_SENTIMENT", "PRICE_UPDATED" -> FrameScan.hashOfSymbol(frame, lane);
      case "MARKET_VOLUME" -> FrameScan.hashOfInterval(frame, FrameScan.hashOfSymbol(frame, lane));
      default -> lane;
    };
  }

  private static String causeOf(Throwable e) {
    String name = e.getClass().getSimpleName();
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("Connection refused")) {
      return "connection refused";
    }
    if (message.toLowerCase().contains("timeout") || name.contains("Timeout")) {
      return "timeout";
    }
    if (name.contains("UpgradeRejected")) {
      return "handshake rejected: " + message.replaceAll("[^0-9]", "");
    }
    if (name.contains("SSL")) {
      return "tls";
    }
    return name;
  }
}
