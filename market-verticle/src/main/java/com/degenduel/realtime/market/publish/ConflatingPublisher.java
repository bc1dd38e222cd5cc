package com.degenduel.realtime.market.publish;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.stream.StreamId;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes at most {@code maxPerSecond} messages per stream and message type ("lane") in every
 * sliding one-second window, not just calendar seconds, however fast values are offered.
 *
 * <p>Offers faster than that are conflated: a lane keeps only the latest payload per {@link
 * StreamPayload#conflationKey()} until it may publish again, so memory is bounded by the number of
 * keys, never by the offer rate. A value offered while the window has room goes out at once (no
 * added latency). Keys of one lane share its budget in turn: MARKET_VOLUME's six intervals are
 * published oldest pending first, so a symbol's MARKET_VOLUME stays within the cap.
 *
 * <p>A value held by the cap goes out with its stream's next offer once the window has room, not
 * on a timer of its own: a symbol's MARKET_VOLUME then leaves together with the MARKET_PRICE and
 * MARKET_SENTIMENT of the next trade, in the same batch ({@link Sink}), and the gateway writes
 * them all to a socket as one TLS record and one system call. Published on their own timer, at
 * instants unrelated to trades, the held volumes doubled the records every market socket
 * received. A fallback timer, {@link #QUIET_STREAM_GRACE_NANOS} after the window opens, publishes
 * what a stream that has gone quiet still holds.
 *
 * <p>What one trade produces is offered as one batch: every value is taken in before any lane
 * publishes, so a fresh value replaces the one its lane held. Offered one by one, the trade's
 * MARKET_PRICE released the MARKET_SENTIMENT held since the previous trade, stale, a moment before
 * the fresh one arrived; the stale one took a slot of the window, the fresh one then had to wait a
 * trade interval for the next, and one late value kept making the next: a tenth of all
 * MARKET_SENTIMENT messages left a trade interval (about 110 ms at 9 trades a second) late.
 *
 * <p>The sink numbers what it is given, so conflated values leave no gap in {@code seq}. It is
 * told whether each value was held: a value that leaves with the offer that brought it waited for
 * nothing here; a held one waited, by design, for its lane's window to open (or for the grace
 * timer), and the sink can tell that wait from the rest of the path. Confined to the event loop of
 * the verticle that owns it.
 */
public final class ConflatingPublisher {
  /** Where what the publisher lets out goes. */
  @FunctionalInterface
  public interface Sink {
    /**
     * What one offer (or one fallback timer) lets out of one stream's lanes, oldest first within
     * each lane; published together.
     */
    void publish(StreamId stream, List<Released> released);
  }

  /**
   * One value let out. {@code held}: it did not leave with the offer that brought it, because its
   * lane's window was full (or older values of the lane took the room). {@code arrivedNanos}: when
   * what produced it arrived ({@link System#nanoTime()}, as given with its offer).
   */
  public record Released(StreamPayload payload, boolean held, long arrivedNanos) {}

  private record Lane(StreamId stream, MessageType type) {}

  /** A value waiting in its lane, with the number of the offer that brought it and when what produced it arrived. */
  private record Pending(StreamPayload payload, long offer, long arrivedNanos) {}

  private static final class LaneState {
    /**
     * When the lane's last publishes happened, oldest at {@code next} once full. The cap is a
     * sliding one-second window rather than a minimum spacing: with a minimum spacing, timer
     * lateness pushes every publish a little later than the last, publishes drift against
     * periodic ticks, and delivery delay cycles through the whole interval.
     */
    final long[] recent;
    int next;
    int count;
    long timerId = -1;
    final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();

    LaneState(int maxPerSecond) {
      recent = new long[maxPerSecond];
    }

    long waitNanos(long now) {
      return count < recent.length ? 0 : recent[next] + WINDOW_NANOS - now;
    }

    void published(long now) {
      recent[next] = now;
      next = (next + 1) % recent.length;
      count = Math.min(count + 1, recent.length);
    }
  }

  /**
   * One second plus a guard, so that the cap also holds as consumers observe it through delivery
   * jitter and the odd GC pause. Below the cap the guard costs nothing: nothing waits.
   */
  private static final long WINDOW_NANOS = 1_020_000_000L;

  /**
   * How long after its window opens a held value waits for its stream's next offer before a timer
   * publishes it. Longer than a trade interval of a symbol that trades at all, short beside a
   * rolling window's own age.
   */
  static final long QUIET_STREAM_GRACE_NANOS = 250_000_000L;

  private final Vertx vertx;
  private final int maxPerSecond;
  private final Sink sink;
  private final long quietStreamGraceNanos;
  private final Map<Lane, LaneState> lanes = new HashMap<>();
  /** Each stream's lanes, drained together on any offer to the stream. */
  private final Map<StreamId, List<Lane>> lanesOfStream = new HashMap<>();
  /** Numbers the offers, so that a drain knows which values came with the offer it serves. */
  private long offers;

  public ConflatingPublisher(Vertx vertx, int maxPerSecond, Sink sink) {
    this(vertx, maxPerSecond, QUIET_STREAM_GRACE_NANOS, sink);
  }

  ConflatingPublisher(Vertx vertx, int maxPerSecond, long quietStreamGraceNanos, Sink sink) {
    if (maxPerSecond < 1) {
      throw new IllegalArgumentException("the publish rate must be at least 1 per second");
    }
    this.vertx = vertx;
    this.maxPerSecond = maxPerSecond;
    this.quietStreamGraceNanos = quietStreamGraceNanos;
    this.sink = sink;
  }

  /** Offers what one fact produced for {@code stream}, together (see the class comment), as arrived now. */
  void offer(StreamId stream, List<? extends StreamPayload> payloads) {
    offer(stream, payloads, System.nanoTime());
  }

  /**
   * Offers what one fact produced for {@code stream}, together (see the class comment); the fact
   * arrived at {@code arrivedNanos} ({@link System#nanoTime()}).
   */
  public void offer(StreamId stream, List<? extends StreamPayload> payloads, long arrivedNanos) {
    long offer = ++offers;
    for (StreamPayload payload : payloads) {
      Lane lane = new Lane(stream, payload.type());
      LaneState state = lanes.get(lane);
      if (state == null) {
        state = new LaneState(maxPerSecond);
        lanes.put(lane, state);
        lanesOfStream.computeIfAbsent(stream, s -> new ArrayList<>()).add(lane);
      }
      state.pending.put(payload.conflationKey(), new Pending(payload, offer, arrivedNanos));
    }
    List<Released> released = new ArrayList<>(payloads.size());
    for (Lane each : lanesOfStream.getOrDefault(stream, List.of())) {
      drain(each, lanes.get(each), offer, released);
    }
    if (!released.isEmpty()) {
      sink.publish(stream, released);
    }
  }

  /**
   * Lets out into {@code released}, oldest first, as much of what the lane holds as its window has
   * room for now; what did not come with offer {@code serving} (none does, for the fallback timer)
   * was held.
   */
  private void drain(Lane lane, LaneState state, long serving, List<Released> released) {
    long now = System.nanoTime();
    Iterator<Pending> oldest = state.pending.values().iterator();
    while (oldest.hasNext() && state.waitNanos(now) <= 0) {
      Pending pending = oldest.next();
      oldest.remove();
      state.published(now);
      released.add(new Released(pending.payload(), pending.offer() != serving, pending.arrivedNanos()));
    }
    if (state.pending.isEmpty()) {
      cancelFallback(state);
    } else if (state.timerId < 0) {
      scheduleFallback(lane, state, state.waitNanos(now) + quietStreamGraceNanos);
    }
  }

  /** Timers have millisecond resolution; rounding up keeps the window a bound, never exceeded. */
  private void scheduleFallback(Lane lane, LaneState state, long waitNanos) {
    long delayMs = Math.max(1, (waitNanos + 999_999) / 1_000_000);
    state.timerId =
        vertx.setTimer(
            delayMs,
            id -> {
              state.timerId = -1;
              List<Released> released = new ArrayList<>();
              drain(lane, state, 0, released);
              if (!released.isEmpty()) {
                sink.publish(lane.stream(), released);
              }
            });
  }

  private void cancelFallback(LaneState state) {
    if (state.timerId >= 0) {
      vertx.cancelTimer(state.timerId);
      state.timerId = -1;
    }
  }

  /** Drops what one stream holds and stops its timers; offers made afterwards are published again. */
  public void drop(StreamId stream) {
    List<Lane> ofStream = lanesOfStream.remove(stream);
    if (ofStream != null) {
      for (Lane lane : ofStream) {
        cancelFallback(lanes.remove(lane));
      }
    }
  }

  /** Drops what every stream holds and stops the timers. */
  public void close() {
    List.copyOf(lanesOfStream.keySet()).forEach(this::drop);
  }
}
