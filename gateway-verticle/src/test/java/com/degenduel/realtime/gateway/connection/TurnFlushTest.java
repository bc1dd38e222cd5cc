package com.degenduel.realtime.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.gateway.fanout.OutboundFrame;
import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Frames written to one socket in one event-loop turn leave in one TLS record, over a real WSS
 * connection, and what waits for them (a publish's latency sample) runs after they left.
 */
@ExtendWith(VertxExtension.class)
class TurnFlushTest {
  private static final int FRAMES = 3;

  private Vertx vertx;
  private WebSocketClient client;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    this.client = LoopbackWss.client(vertx);
  }

  @Test
  void streamedFramesOfOneTurnLeaveAsOneRecordAndOneFlush(VertxTestContext test) {
    sendInOneTurn(true).onComplete(test.succeeding(count -> test.verify(() -> {
      assertThat(count.flushes.get()).isEqualTo(1);
      assertThat(count.records.get()).isEqualTo(1);
      test.completeNow();
    })));
  }

  @Test
  void whatWaitsForTheFlushRunsAfterTheTurnsFramesLeft(VertxTestContext test) {
    // The client may have read the frames before the server's loop got to run the action.
    sendInOneTurn(true)
        .compose(count -> count.flushesBeforeTiming.future())
        .onComplete(test.succeeding(flushes -> test.verify(() -> {
          assertThat(flushes).isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void withNothingToFlushWhatWaitsForTheFlushRunsAtOnce() {
    AtomicInteger ran = new AtomicInteger();

    TurnFlush.whenFlushed(ran::incrementAndGet);

    assertThat(ran.get()).isEqualTo(1);
  }

  @Test
  void framesWrittenThroughVertxAreFlushedAndSealedOneByOne(VertxTestContext test) {
    sendInOneTurn(false).onComplete(test.succeeding(count -> test.verify(() -> {
      assertThat(count.flushes.get()).isEqualTo(FRAMES);
      assertThat(count.records.get()).isEqualTo(FRAMES);
      test.completeNow();
    })));
  }

  /** Counts what reaches the socket below TLS, i.e. sealed records and flushes to the kernel. */
  private static final class WireCount extends ChannelOutboundHandlerAdapter {
    final AtomicInteger flushes = new AtomicInteger();
    final AtomicInteger records = new AtomicInteger();
    /** Flushes seen when the turn's {@link TurnFlush#whenFlushed} action ran (streamed frames only). */
    final Promise<Integer> flushesBeforeTiming = Promise.promise();

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

  /** The turn's frames, once the client has read them all, in order. */
  private Future<WireCount> sendInOneTurn(boolean streamed) {
    WireCount count = new WireCount();
    List<String> received = new CopyOnWriteArrayList<>();
    Promise<Void> all = Promise.promise();
    return vertx
        .createHttpServer(LoopbackWss.serverOptions())
        .webSocketHandler(
            socket -> {
              SocketPipeline.install(socket);
              OutboundQueue queue = new OutboundQueue(socket, Endpoint.MARKET, GatewayMetrics.of(vertx));
              ((WebSocketInternal) socket).channelHandlerContext().pipeline().addFirst(count);
              // The client sends one frame once it is ready to receive; the answer is written in one turn.
              socket.textMessageHandler(go -> writeFrames(socket, streamed ? queue : null, count));
            })
        .listen()
        .compose(server -> client.connect(LoopbackWss.to(server.actualPort())))
        .compose(ws -> {
          ws.textMessageHandler(
              text -> {
                received.add(text);
                if (received.size() == FRAMES) {
                  all.tryComplete();
                }
              });
          ws.writeTextMessage("go");
          return all.future();
        })
        .map(v -> {
          assertThat(received).containsExactly("frame-0", "frame-1", "frame-2");
          return count;
        });
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
            TurnFlush.whenFlushed(() -> count.flushesBeforeTiming.complete(count.flushes.get()));
          }
        });
  }
}
