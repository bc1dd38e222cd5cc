package com.degenduel.realtime.testkit;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Records the events of one stream as a gateway would see them: a real consumer on the stream's
 * event-bus address on some cluster member, keeping only the events of that stream (wallet
 * addresses are shared by a shard of wallets).
 */
public final class StreamRecorder implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(20);
  private final StreamId stream;
  private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
  private final MessageConsumer<StreamBatch> consumer;

  private StreamRecorder(Vertx vertx, StreamId stream) {
    this.stream = stream;
    this.consumer = vertx.eventBus().consumer(stream.address(), m -> {
      for (StreamFrame frame : m.body().frames()) {
        if (frame.stream().equals(stream)) {
          events.add(frame.decode());
        }
      }
    });
  }

  public static StreamRecorder on(Vertx vertx, StreamId stream) {
    StreamRecorder recorder = new StreamRecorder(vertx, stream);
    TestCluster.await(recorder.consumer.completion());
    return recorder;
  }

  /**
   * Records the stream and watches it, as a gateway does for a socket: asks the owning service for
   * its snapshot as a named watcher (wallet and contest streams are published only while watched).
   * The interest lasts {@link com.degenduel.realtime.codec.stream.StreamInterest#TTL}, longer than
   * a test. A stream that does not exist yet (a contest before its creation) is watched all the
   * same: the service records the watch before it answers that there is no such stream.
   */
  public static StreamRecorder watching(Vertx vertx, StreamId stream) {
    StreamRecorder recorder = on(vertx, stream);
    TestCluster.await(vertx.eventBus()
        .request(Addresses.snapshot(stream.kind()), new SnapshotRequest(stream, "recorder-" + UUID.randomUUID()),
            new DeliveryOptions().setSendTimeout(10_000))
        .recover(e -> e instanceof ReplyException r && r.failureCode() == 404 ? Future.succeededFuture() : Future.failedFuture(e)));
    return recorder;
  }

  public List<StreamEvent> events() {
    return List.copyOf(events);
  }

  public List<StreamEvent> events(MessageType type) {
    return events.stream().filter(e -> e.payload().type() == type).toList();
  }

  /** Waits until an event of the type matches, and returns the first such. */
  public StreamEvent await(MessageType type, Predicate<StreamEvent> match, Duration timeout) {
    try {
      return Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(() -> events(type).stream().filter(match).findFirst(), Optional::isPresent)
          .orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no " + type + " matching on " + stream + " within " + timeout + "; saw " + events(type));
    }
  }

  /** Waits until {@code count} events of the type have arrived. */
  public List<StreamEvent> awaitCount(MessageType type, int count, Duration timeout) {
    try {
      return Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(() -> events(type), seen -> seen.size() >= count);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("expected " + count + " " + type + " on " + stream + ", saw " + events(type).size());
    }
  }

  @Override
  public void close() {
    TestCluster.await(consumer.unregister());
  }
}
