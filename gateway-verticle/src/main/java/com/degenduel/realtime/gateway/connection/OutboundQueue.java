package com.degenduel.realtime.gateway.connection;

import com.degenduel.realtime.gateway.fanout.OutboundFrame;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a socket has not been able to take yet. While the socket keeps up, frames go straight to
 * it. Once its write queue is full, frames wait here: a newer state replaces the older one in place
 * (latest wins), events keep their order and are never replaced. The caller closes the connection
 * when this holds more than its limit or stays blocked too long, so a client that does not read
 * costs the gateway a bounded amount of memory and slows no one else.
 */
final class OutboundQueue {
  private final ServerWebSocket socket;
  private final Map<Object, OutboundFrame> waiting = new LinkedHashMap<>();
  private long nextEventKey;
  private long blockedSince;
  private long conflated;

  OutboundQueue(ServerWebSocket socket) {
    this.socket = socket;
    socket.drainHandler(v -> drain());
  }

  void offer(OutboundFrame frame) {
    // The peer may have closed the socket before its close handler has run on this event loop.
    if (socket.isClosed()) {
      return;
    }
    if (waiting.isEmpty() && !socket.writeQueueFull()) {
      write(frame);
      return;
    }
    if (waiting.isEmpty()) {
      blockedSince = System.nanoTime();
    }
    Object key = frame.conflationKey() != null ? frame.conflationKey() : Long.valueOf(nextEventKey++);
    if (waiting.put(key, frame) != null) {
      conflated++;
    }
  }

  int waiting() {
    return waiting.size();
  }

  long conflated() {
    return conflated;
  }

  /** Nanoseconds the socket has been unable to take writes, or 0 while it keeps up. */
  long blockedFor(long nowNanos) {
    return waiting.isEmpty() ? 0 : nowNanos - blockedSince;
  }

  private void drain() {
    Iterator<OutboundFrame> it = waiting.values().iterator();
    while (it.hasNext() && !socket.isClosed() && !socket.writeQueueFull()) {
      write(it.next());
      it.remove();
    }
  }

  private void write(OutboundFrame frame) {
    // Wraps the shared bytes without copying: one encoding serves every subscriber.
    socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame.bytes(), true));
  }
}
