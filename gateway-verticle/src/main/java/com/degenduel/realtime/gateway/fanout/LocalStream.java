package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.codec.message.Delivery;
import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.control.Resumed;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamHistory;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.codec.wire.WireFormat;
import com.degenduel.realtime.gateway.connection.TurnFlush;
import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.gateway.endpoint.ResumePoint;
import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One stream as seen by one gateway: its local subscribers and the latest frame of each state it
 * has seen, which is what a later subscriber is sent first.
 *
 * <p>Until the owning service's snapshot arrives, live events are held back; then the snapshot is
 * sent, followed by the held events it does not already cover (by {@code seq}), so a subscriber
 * sees state then stream with no gap and no duplicate.
 *
 * <p>Live events are filtered the same way: one whose {@code seq} is not above the last delivered
 * of its type and key is dropped. While a stream changes owner, the old owner may still publish
 * for a moment next to the new one, and a new owner publishes again what the old one may not have
 * sent; this keeps what clients see in order and free of repeats. A stream whose history was lost
 * comes back under a new {@code epoch}: the first message of a new epoch starts every type over.
 * For streams that carry no epoch, {@code seq} 1 plays that part: their publisher started over
 * with no stored position, and following it beats going silent. Confined to the gateway's event
 * loop.
 *
 * <p>Events of a stream that keeps a history are numbered without gaps. A live event past the next
 * expected seq means some went missing on the way (published before this gateway's registration
 * reached the publisher, or overtaken during a change of owner): the following events wait while
 * the missing ones are read from the stream's history, then all go out in order. The hub also has
 * a stream checked once shortly after it goes live ({@link #checkForMissed}), for an event lost
 * with no other after it to reveal the gap.
 *
 * <p>A subscriber that reconnects with where it left off ({@link ResumePoint}) catches up on its
 * own: its live frames wait while the owning service's history is fetched; then it gets, after
 * the snapshot, RESUMED, the missed events and the frames that waited, leaving out the events the
 * history already gave it, and later live events with those seqs too.
 */
final class LocalStream {
  /** Reads a stream's events after a seq from its owning service. */
  interface History {
    Future<StreamHistory> after(StreamId stream, long since, String epoch);
  }

  /** Live events held while the snapshot is awaited; a snapshot answers within seconds, so this is ample. */
  private static final int MAX_HELD_EVENTS = 4096;

  private final StreamId id;
  /** Prefixes a lane into a conflation key unique across the streams one socket watches. */
  private final String statePrefix;
  private final Endpoint endpoint;
  private final GatewayMetrics metrics;
  private final Set<Subscriber> subscribers = new LinkedHashSet<>();
  /**
   * The subscribers as an array, for the per-publish loop: iterating the set walks its hash
   * table and node chain, a cost per subscriber that showed in profiles at fan-out. Rebuilt on the
   * first publish after the set changed; subscribers join and leave far less often than messages
   * are published.
   */
  private Subscriber[] fanOut;
  private final Map<String, OutboundFrame> stateFrames = new LinkedHashMap<>();
  /** The last seq delivered per message type and key, as publishers number them, within {@link #epoch}. */
  private final Map<String, Long> lastSeq = new HashMap<>();
  /** The stream's epoch as last seen; null for streams that carry none. */
  private String epoch;
  private List<StreamFrame> held = new ArrayList<>();
  private final History history;
  /** The seq of the last event delivered (or reflected in the snapshot) in {@link #epoch}; -1 unknown. */
  private long eventSeq = -1;
  /** While missing events are read from the history: the live events that arrived meanwhile. */
  private List<StreamFrame> repairing;
  /** Subscribers catching up after a reconnect; empty almost always, so the fan-out checks it once per publish. */
  private final Map<Subscriber, CatchUp> catchingUp = new HashMap<>();

  /** One subscriber's catch-up: its live frames while the history is fetched, then the last seq the history gave it. */
  private static final class CatchUp {
    final ResumePoint from;
    final List<Waiting> waiting = new ArrayList<>();
    StreamHistory history;
    /** Once caught up: events up to this seq in {@link #epoch} came with the history. */
    long replayedUpTo = -1;
    String epoch;

    CatchUp(ResumePoint from) {
      this.from = from;
    }

    boolean caughtUp() {
      return replayedUpTo >= 0;
    }

    boolean replayed(StreamFrame event) {
      return event.type().delivery() == Delivery.EVENT && event.seq() <= replayedUpTo && Objects.equals(event.epoch(), epoch);
    }
  }

  private record Waiting(StreamFrame event, OutboundFrame frame) {}

  LocalStream(StreamId id, GatewayMetrics metrics, History history) {
    this.id = id;
    this.history = history;
    this.statePrefix = id + ":";
    this.endpoint = Endpoint.serving(id.kind());
    this.metrics = metrics;
  }

  StreamId id() {
    return id;
  }

  boolean isLive() {
    return held == null;
  }

  void add(Subscriber subscriber) {
    if (isLive()) {
      stateFrames.values().forEach(subscriber::deliver);
    }
    if (subscribers.add(subscriber)) {
      fanOut = null;
    }
  }

  void remove(Subscriber subscriber) {
    if (subscribers.remove(subscriber)) {
      fanOut = null;
    }
    catchingUp.remove(subscriber);
  }

  boolean has(Subscriber subscriber) {
    return subscribers.contains(subscriber);
  }

  /** Holds the subscriber's live frames back until {@link #resume} has sent it what it missed. */
  void catchUp(Subscriber subscriber, ResumePoint from) {
    catchingUp.put(subscriber, new CatchUp(from));
  }

  /** The owning service's answer for a subscriber catching up; sent once the snapshot has gone out. */
  void resume(Subscriber subscriber, StreamHistory history) {
    CatchUp catchUp = catchingUp.get(subscriber);
    if (catchUp == null || catchUp.history != null) {
      return;
    }
    catchUp.history = history;
    if (isLive()) {
      sendMissed(subscriber, catchUp);
    }
  }

  private void sendMissed(Subscriber subscriber, CatchUp catchUp) {
    List<StreamEvent> missed = catchUp.history.recovered() ? catchUp.history.events() : List.of();
    subscriber.resumed(new Resumed(catchUp.history.recovered(), missed.size(), catchUp.from.since() + 1));
    catchUp.replayedUpTo = catchUp.from.since();
    catchUp.epoch = catchUp.from.epoch();
    for (StreamEvent event : missed) {
      subscriber.deliver(OutboundFrame.text(null, WireFormat.encodeUtf8(event), event.payload().type(), OutboundFrame.NO_EVENT_TIME));
      catchUp.replayedUpTo = event.seq();
    }
    for (Waiting waiting : catchUp.waiting) {
      if (!catchUp.replayed(waiting.event())) {
        subscriber.deliver(waiting.frame());
      }
    }
    catchUp.waiting.clear();
    if (!catchUp.history.recovered()) {
      catchingUp.remove(subscriber);
    }
  }

  boolean isEmpty() {
    return subscribers.isEmpty();
  }

  Set<Subscriber> subscribers() {
    return subscribers;
  }

  /** Starts live delivery from the owner's state (empty, event seq -1, if the owner could not be asked). */
  void goLive(List<StreamEvent> snapshot, long snapshotEventSeq) {
    if (isLive()) {
      return;
    }
    // In seq order, so the states replayed below rise within each type whatever order the owner listed them in.
    snapshot.stream().map(StreamFrame::of).sorted(Comparator.comparingLong(StreamFrame::seq)).forEach(e -> remember(e, e.lane()));
    if (epoch != null && snapshotEventSeq >= 0) {
      eventSeq = snapshotEventSeq;
    }
    for (Subscriber s : subscribers) {
      stateFrames.values().forEach(s::deliver);
    }
    for (Map.Entry<Subscriber, CatchUp> waiting : List.copyOf(catchingUp.entrySet())) {
      if (waiting.getValue().history != null) {
        sendMissed(waiting.getKey(), waiting.getValue());
      }
    }
    List<StreamFrame> pending = held;
    held = null;
    for (StreamFrame event : pending) {
      publishIfNew(event);
    }
  }

  void onEvent(StreamFrame event) {
    if (!isLive()) {
      if (held.size() < MAX_HELD_EVENTS) {
        held.add(event);
      }
      return;
    }
    publishIfNew(event);
  }

  /**
   * Asks the history for events after the last one delivered: one published while this gateway's
   * registration was still on its way to the publisher is lost with nothing after it to show it.
   */
  void checkForMissed() {
    if (isLive() && repairing == null && eventSeq >= 0) {
      repair(new ArrayList<>());
    }
  }

  private void publishIfNew(StreamFrame event) {
    if (repairing != null) {
      repairing.add(event);
      return;
    }
    if (isEvent(event) && eventSeq >= 0 && Objects.equals(event.epoch(), epoch)) {
      if (event.seq() <= eventSeq) {
        return;
      }
      if (event.seq() > eventSeq + 1) {
        repair(new ArrayList<>(List.of(event)));
        return;
      }
    }
    String lane = event.lane();
    Long last = lastSeq.get(lane);
    boolean restarted = event.epoch() == null ? event.seq() == 1 : !event.epoch().equals(epoch);
    if (last == null || event.seq() > last || restarted) {
      publish(event, lane);
    }
  }

  /**
   * Encodes once, then hands the same bytes to every local subscriber. Latency is recorded once,
   * when the turn's writes to those sockets have been flushed, rather than per socket: one sample
   * bounds every frame of this publish written in this loop and costs ~100 ns per publish instead
   * of per subscriber. Frames a slow socket could not take at once are timed when they are written
   * and flushed.
   */
  private void publish(StreamFrame event, String lane) {
    OutboundFrame frame = remember(event, lane);
    if (fanOut == null) {
      fanOut = subscribers.toArray(new Subscriber[0]);
    }
    // A delivery may close its subscriber (a slow consumer), which leaves the set, not this
    // snapshot of it; a closed subscriber ignores what it is given.
    Subscriber[] targets = fanOut;
    if (catchingUp.isEmpty()) {
      for (Subscriber s : targets) {
        s.deliver(frame);
      }
    } else {
      for (Subscriber s : targets) {
        deliverCatchingUp(s, event, frame);
      }
    }
    metrics.fannedOut(endpoint, targets.length);
    if (frame.timed() && targets.length > 0) {
      TurnFlush.whenFlushed(() -> metrics.delivered(frame.type(), frame.eventTimeMillis()));
    }
  }

  private void repair(List<StreamFrame> waiting) {
    repairing = waiting;
    long since = eventSeq;
    String inEpoch = epoch;
    history.after(id, since, inEpoch).onComplete(answer -> {
      List<StreamFrame> arrived = repairing;
      repairing = null;
      if (answer.succeeded() && answer.result().recovered()) {
        answer.result().events().forEach(e -> publishIfNew(StreamFrame.of(e)));
      }
      StreamFrame firstEvent = arrived.stream().filter(LocalStream::isEvent).findFirst().orElse(null);
      if (firstEvent != null && Objects.equals(firstEvent.epoch(), epoch) && firstEvent.seq() > eventSeq + 1) {
        // The history could not fill the gap: go on from what came, rather than wait for ever.
        metrics.eventGapUnrepaired(endpoint);
        eventSeq = firstEvent.seq() - 1;
      }
      arrived.forEach(this::publishIfNew);
    });
  }

  private static boolean isEvent(StreamFrame event) {
    return event.type().delivery() == Delivery.EVENT;
  }

  /**
   * A subscriber catching up gets the frame later, or not at all if its history gave it the event
   * already; once a live event beyond what the history gave arrives, it is an ordinary subscriber.
   */
  private void deliverCatchingUp(Subscriber subscriber, StreamFrame event, OutboundFrame frame) {
    CatchUp catchUp = catchingUp.get(subscriber);
    if (catchUp == null) {
      subscriber.deliver(frame);
    } else if (!catchUp.caughtUp()) {
      catchUp.waiting.add(new Waiting(event, frame));
    } else if (!catchUp.replayed(event)) {
      subscriber.deliver(frame);
      if (isEvent(event)) {
        catchingUp.remove(subscriber);
      }
    }
  }

  /** The frame of the event: its publisher's bytes, as they came, for every subscriber. */
  private OutboundFrame remember(StreamFrame event, String lane) {
    MessageType type = event.type();
    if (event.epoch() != null && !event.epoch().equals(epoch)) {
      epoch = event.epoch();
      lastSeq.clear();
      eventSeq = -1;
    }
    if (event.epoch() != null && type.delivery() == Delivery.EVENT) {
      eventSeq = Math.max(eventSeq, event.seq());
    }
    // Only ever up within an epoch, except seq 1 on a stream without one: a publisher that starts over.
    lastSeq.merge(lane, event.seq(), (old, seq) -> event.epoch() == null && seq == 1 ? 1 : Math.max(old, seq));
    long eventTime = event.eventTimeMillis();
    if (type.delivery() == Delivery.EVENT) {
      return OutboundFrame.text(null, event.json(), type, eventTime);
    }
    String state = statePrefix + lane;
    OutboundFrame frame = OutboundFrame.text(state, event.json(), type, eventTime);
    // Re-inserted, not replaced in place: the cache stays in publication order, so a new
    // subscriber's state arrives with seq rising within each type (MARKET_VOLUME has six keys).
    stateFrames.remove(state);
    stateFrames.put(state, frame.replay());
    return frame;
  }
}
