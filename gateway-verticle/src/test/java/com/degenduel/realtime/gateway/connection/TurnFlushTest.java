package com.degenduel.realtime.gateway.connection;

import static com.degenduel.realtime.gateway.connection.LoopbackWss.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.gateway.fanout.OutboundFrame;
import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.internal.http.WebSocketInternal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frames written to one socket in one event-loop turn leave in one TLS record, over a real WSS
 * connection, and what waits for them (a publish's latency sample) runs after they left.
 */
class TurnFlushTest {
  private static final int FRAMES = 3;

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void streamedFramesOfOneTurnLeaveAsOneRecordAndOneFlush() throws Exception {
    WireCount count = sendInOneTurn(true);

    assertThat(count.flushes.get()).isEqualTo(1);
    assertThat(count.records.get()).isEqualTo(1);
  }

  @Test
  void whatWaitsForTheFlushRunsAfterTheTurnsFramesLeft() throws Exception {
    WireCount count = sendInOneTurn(true);
    // The client may have read the frames before the server's loop got to run the action.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (count.flushesBeforeTiming.get() == -1 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }

    assertThat(count.flushesBeforeTiming.get()).isEqualTo(1);
  }

  @Test
  void withNothingToFlushWhatWaitsForTheFlushRunsAtOnce() {
    AtomicInteger ran = new AtomicInteger();

    TurnFlush.whenFlushed(ran::incrementAndGet);

    assertThat(ran.get()).isEqualTo(1);
  }

  @Test
  void framesWrittenThroughVertxAreFlushedAndSealedOneByOne() throws Exception {
    WireCount count = sendInOneTurn(false);

    assertThat(count.flushes.get()).isEqualTo(FRAMES);
    assertThat(count.records.get()).isEqualTo(FRAMES);
  }

  /** Counts what reaches the socket below TLS, i.e. sealed records and flushes to the kernel. */
  private static final class WireCount extends ChannelOutboundHandlerAdapter {
    final AtomicInteger flushes = new AtomicInteger();
    final AtomicInteger records = new AtomicInteger();
    /** Flushes seen when the turn's {@link TurnFlush#whenFlushed} action ran (streamed frames only). */
    final AtomicInteger flushesBeforeTiming = new AtomicInteger(-1);

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      records.incrementAndGet();
      ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushes.incrementAndGet();
      ctx.flush();
    }
  }

  private WireCount sendInOneTurn(boolean streamed) throws Exception {
    WireCount count = new WireCount();
    HttpServer server =
        vertx
            .createHttpServer(LoopbackWss.serverOptions())
            .webSocketHandler(
                socket -> {
                  SocketPipeline.install(socket);
                  OutboundQueue queue = new OutboundQueue(socket, Endpoint.MARKET, GatewayMetrics.of(vertx));
                  ((WebSocketInternal) socket).channelHandlerContext().pipeline().addFirst(count);
                  // The client sends one frame once it is ready to receive; the answer is written in one turn.
                  socket.textMessageHandler(go -> writeFrames(socket, streamed ? queue : null, count));
                });
    int port = await(server.listen()).actualPort();

    List<String> received = new CopyOnWriteArrayList<>();
    Promise<Void> all = Promise.promise();
    WebSocketClient client = LoopbackWss.client(vertx);
    WebSocket ws = await(client.connect(LoopbackWss.to(port)));
    ws.textMessageHandler(
        text -> {
          received.add(text);
          if (received.size() == FRAMES) {
            all.tryComplete();
          }
        });
    ws.writeTextMessage("go");
    await(all.future());

    assertThat(received).containsExactly("frame-0", "frame-1", "frame-2");
    return count;
  }

  /**
   * Called inside a read: it leaves that read first, so the writes happen outside one, as a bus
   * message's would. Through {@code queue} as a publish's frames go, or through Vert.x as a
   * control message goes.
   */
  private void writeFrames(ServerWebSocket socket, OutboundQueue queue, WireCount count) {
    vertx.setTimer(
        1,
        t -> {
          for (int i = 0; i < FRAMES; i++) {
            if (queue != null) {
              byte[] text = ("frame-" + i).getBytes(StandardCharsets.UTF_8);
              queue.offer(OutboundFrame.text(null, text, MessageType.MARKET_PRICE, OutboundFrame.NO_EVENT_TIME));
            } else {
              socket.writeTextMessage("frame-" + i);
            }
          }
          if (queue != null) {
            TurnFlush.whenFlushed(() -> count.flushesBeforeTiming.set(count.flushes.get()));
          }
        });
  }
}
