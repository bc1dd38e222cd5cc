package com.degenduel.realtime.gateway.connection;

import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.gateway.fanout.OutboundFrame;
import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.ServerWebSocket;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a socket has not been able to take yet. While the socket keeps up, frames go straight to
 * it. Once its write queue is full, frames wait here: a newer state replaces the older one and takes its place at the back
 * (latest wins), events keep their order and are never replaced. The caller closes the connection
 * when this holds more than its limit or stays blocked too long, so a client that does not read
 * costs the gateway a bounded amount of memory and slows no one else.
 *
 * <p>Frames are written to the socket's Netty channel, already framed, below Vert.x's WebSocket
 * encoder: Vert.x's own write path builds a promise, a queued write task, a Netty frame object and
 * a header buffer for every frame, which made it the gateway's largest cost at fan-out. Writes
 * are made on the socket's event loop and reach the channel in the order they are made, control
 * messages (which go through Vert.x) included, while the socket keeps up. Once it does not, frames
 * wait here and control messages in Vert.x's queue, which is written first when the socket
 * drains. Whether the socket keeps up is the channel's own writability (its pending bytes against
 * Netty's water marks): Vert.x's {@code writeQueueFull()} counts only what waits in Vert.x's queue,
 * which these writes never enter.
 */
final class OutboundQueue implements TurnFlush.Pending {
  /** Even in a very long turn, a socket's frames go out after this many. */
  private static final int MAX_UNFLUSHED = 64;

  private final ServerWebSocket socket;
  private final ChannelHandlerContext channel;
  private final Endpoint endpoint;
  private final GatewayMetrics metrics;
  private final Map<Object, OutboundFrame> waiting = new LinkedHashMap<>();
  private long nextEventKey;
  private long blockedSince;
  private boolean flushPending;
  private int unflushed;

  OutboundQueue(ServerWebSocket socket, Endpoint endpoint, GatewayMetrics metrics) {
    this.socket = socket;
    this.channel = SocketPipeline.channelOf(socket);
    this.endpoint = endpoint;
    this.metrics = metrics;
    SocketPipeline.onWritable(socket, this::drain);
  }

  private boolean full() {
    return !channel.channel().isWritable();
  }

  void offer(OutboundFrame frame) {
    // The peer may have closed the socket before its close handler has run on this event loop.
    if (socket.isClosed()) {
      return;
    }
    if (waiting.isEmpty() && !full()) {
      write(frame);
      return;
    }
    if (waiting.isEmpty()) {
      blockedSince = System.nanoTime();
    }
    Object key = frame.conflationKey() != null ? frame.conflationKey() : Long.valueOf(nextEventKey++);
    // Re-inserted, not replaced in place: a type with several keys (MARKET_VOLUME's intervals)
    // shares one seq, so the newest frame must also be written last or seq would go backwards.
    if (waiting.remove(key) != null) {
      metrics.conflated(endpoint);
    }
    waiting.put(key, frame);
  }

  int waiting() {
    return waiting.size();
  }

  /** Nanoseconds the socket has been unable to take writes, or 0 while it keeps up. */
  long blockedFor(long nowNanos) {
    return waiting.isEmpty() ? 0 : nowNanos - blockedSince;
  }

  private void drain() {
    Iterator<OutboundFrame> it = waiting.values().iterator();
    while (it.hasNext() && !socket.isClosed() && !full()) {
      OutboundFrame frame = it.next();
      write(frame);
      it.remove();
      if (frame.timed()) {
        TurnFlush.whenFlushed(() -> metrics.delivered(frame.type(), frame.eventTimeMillis()));
      }
    }
  }

  private void write(OutboundFrame frame) {
    // Wraps the shared bytes without copying: one encoding serves every subscriber.
    channel.write(Unpooled.wrappedBuffer(frame.wire()), channel.voidPromise());
    if (++unflushed == MAX_UNFLUSHED) {
      flushChannel();
    } else if (!flushPending) {
      flushPending = true;
      TurnFlush.atEndOfTurn(channel.executor(), this);
    }
    if (frame.type() != null) {
      metrics.streamedOut(endpoint, frame.type());
    }
  }

  @Override
  public void flushNow() {
    flushPending = false;
    flushChannel();
  }

  private void flushChannel() {
    unflushed = 0;
    channel.flush();
    metrics.flushed(endpoint);
  }
}
