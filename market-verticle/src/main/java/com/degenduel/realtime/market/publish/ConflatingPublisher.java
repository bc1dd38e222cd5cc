package com.degenduel.realtime.market.publish;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamSequencer;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Publishes at most {@code maxPerSecond} messages per stream and message type ("lane"), however
 * fast values are offered. Publishes of a lane are spaced at least {@code 1 s / maxPerSecond}
 * apart, which bounds every sliding one-second window, not just calendar seconds.
 *
 * <p>Offers faster than that are conflated: a lane keeps only the latest payload per {@link
 * StreamPayload#conflationKey()} until it may publish again, so memory is bounded by the number of
 * keys, never by the offer rate. A value offered to an idle lane goes out at once (no added
 * latency). Keys of one lane share its budget in turn: MARKET_VOLUME's six intervals are
 * published one per slot, oldest pending first, so a symbol's MARKET_VOLUME stays within the cap
 * and each interval refreshes at least every 0.6 s while its trades keep coming.
 *
 * <p>Sequence numbers are given at publish time, so conflated values leave no gap in {@code seq}.
 * Confined to the event loop of the verticle that owns it.
 */
public final class ConflatingPublisher {
  private record Lane(StreamId stream, MessageType type) {}

  private static final class LaneState {
    long lastPublishNanos;
    boolean published;
    long timerId = -1;
    final LinkedHashMap<String, StreamPayload> pending = new LinkedHashMap<>();
  }

  private final Vertx vertx;
  private final long spacingNanos;
  private final Consumer<StreamEvent> sink;
  private final StreamSequencer sequencer;
  private final Map<Lane, LaneState> lanes = new HashMap<>();

  public ConflatingPublisher(Vertx vertx, int maxPerSecond, Consumer<StreamEvent> sink) {
    this(vertx, maxPerSecond, new StreamSequencer(), sink);
  }

  /** Numbers with {@code sequencer}, which a new owner has resumed from where the previous one got to. */
  public ConflatingPublisher(Vertx vertx, int maxPerSecond, StreamSequencer sequencer, Consumer<StreamEvent> sink) {
    this.sequencer = sequencer;
    if (maxPerSecond < 1) {
      throw new IllegalArgumentException("the publish rate must be at least 1 per second");
    }
    this.vertx = vertx;
    this.spacingNanos = 1_000_000_000L / maxPerSecond;
    this.sink = sink;
  }

  public void offer(StreamId stream, StreamPayload payload) {
    Lane lane = new Lane(stream, payload.type());
    LaneState state = lanes.computeIfAbsent(lane, l -> new LaneState());
    state.pending.put(payload.conflationKey(), payload);
    if (state.timerId < 0) {
      drain(lane, state);
    }
  }

  private void drain(Lane lane, LaneState state) {
    state.timerId = -1;
    if (state.pending.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    long wait = state.published ? state.lastPublishNanos + spacingNanos - now : 0;
    if (wait > 0) {
      // Timers have millisecond resolution; rounding up keeps the spacing a lower bound.
      long delayMs = Math.max(1, (wait + 999_999) / 1_000_000);
      state.timerId = vertx.setTimer(delayMs, id -> drain(lane, state));
      return;
    }
    Iterator<StreamPayload> oldest = state.pending.values().iterator();
    StreamPayload payload = oldest.next();
    oldest.remove();
    state.lastPublishNanos = now;
    state.published = true;
    sink.accept(sequencer.next(lane.stream(), payload));
    if (!state.pending.isEmpty()) {
      state.timerId = vertx.setTimer(Math.max(1, spacingNanos / 1_000_000), id -> drain(lane, state));
    }
  }

  /** Drops what is pending and stops the timers; offers made afterwards are published again. */
  public void close() {
    lanes.values().forEach(s -> {
      if (s.timerId >= 0) {
        vertx.cancelTimer(s.timerId);
        s.timerId = -1;
      }
      s.pending.clear();
    });
  }
}
