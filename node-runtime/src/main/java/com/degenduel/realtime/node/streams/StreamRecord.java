package com.degenduel.realtime.node.streams;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything one stream is, in one cluster map entry, so one partition operation changes all of it
 * together with its backups: the service's state, the ids of the last facts applied, the events
 * those facts created (numbered by {@code seq}) and how far they have been published.
 *
 * <p>The events are the stream's outbox and its history at once: those above {@code published}
 * have not been confirmed published yet, and a member that becomes the partition's primary
 * publishes them again under the same {@code seq}; the published ones are kept as history for
 * reconnecting clients, within the service's {@link HistoryLimits}, which the record keeps from
 * its latest fact. The facts handed on to other services' streams ({@link FactStep.Forward}) wait
 * in a second outbox until the owning member has delivered them; a member promoted after a crash
 * delivers the rest again, and the receiving stream knows them by their fact ids.
 *
 * <p>{@code epoch} is given when the record is created and never changes: a stream whose record
 * was lost comes back under a new epoch, which is how a client tells a new history from a repeat.
 * {@code stateCeiling} bounds the {@code seq} numbers the owning member gives its state messages
 * (they are not kept, so they are numbered in reserved blocks instead of one write each).
 *
 * <p>Mutable, and only ever changed inside entry processors on the partition's thread.
 */
public final class StreamRecord implements DataSerializable {
  static final int HISTORY_EVENTS = 100;
  static final long HISTORY_MILLIS = 5 * 60_000;
  /**
   * Unpublished events beyond this many times the history are dropped oldest first: a stream
   * whose publishing is stuck must not grow without end.
   */
  private static final int MAX_UNPUBLISHED_HISTORIES = 10;

  private String epoch;
  private long seq;
  private long published;
  private long stateCeiling;
  private int historyEvents = HISTORY_EVENTS;
  private long historyMillis = HISTORY_MILLIS;
  private Object state;
  private FactWindow facts = new FactWindow();
  private ArrayDeque<RecordedEvent> events = new ArrayDeque<>();
  /** The last number given to a forward; those up to it not in {@link #forwards} have been delivered. */
  private long forwardCount;
  private ArrayDeque<PendingForward> forwards = new ArrayDeque<>();
  /** Who watches the stream (a gateway's hub), each until when; only watched streams are valued and published. */
  private Map<String, Long> watchers = new HashMap<>();

  /** For deserialisation only. */
  public StreamRecord() {}

  static StreamRecord create(String epoch) {
    StreamRecord record = new StreamRecord();
    record.epoch = epoch;
    return record;
  }

  /** Eight hex digits: a new history, told from a lost one's by a chance of one in four billion. */
  static String newEpoch() {
    String hex = Integer.toHexString(ThreadLocalRandom.current().nextInt());
    return "00000000".substring(hex.length()) + hex;
  }

  public String epoch() {
    return epoch;
  }

  public long seq() {
    return seq;
  }

  public long published() {
    return published;
  }

  public Object state() {
    return state;
  }

  FactWindow facts() {
    return facts;
  }

  /** Until when someone watches the stream, as of {@code now}; 0 when nobody does. */
  public long watchedUntil(long now) {
    long until = 0;
    for (long expiry : watchers.values()) {
      if (expiry > now) {
        until = Math.max(until, expiry);
      }
    }
    return until;
  }

  /** {@code until} 0 ends the watcher's interest. */
  void watch(String watcher, long until, long now) {
    watchers.values().removeIf(expiry -> expiry <= now);
    if (until > now) {
      watchers.put(watcher, until);
    } else {
      watchers.remove(watcher);
    }
  }

  /** A record that never had a fact or a kept state and that nobody watches holds nothing worth keeping. */
  boolean isEmpty() {
    return seq == 0 && state == null && watchers.isEmpty() && forwards.isEmpty();
  }

  int pendingForwardCount() {
    return forwards.size();
  }

  long forwardCount() {
    return forwardCount;
  }

  /** The number of the oldest forward not yet delivered; above the last given when there is none. */
  long firstPendingForward() {
    return forwards.isEmpty() ? forwardCount + 1 : forwards.peekFirst().number();
  }

  /** The forwards numbered above {@code number} still undelivered, oldest first: walked from the newest, as they are few. */
  List<PendingForward> forwardsAfter(long number) {
    if (forwardCount <= number || forwards.isEmpty()) {
      return List.of();
    }
    ArrayDeque<PendingForward> after = new ArrayDeque<>();
    Iterator<PendingForward> newestFirst = forwards.descendingIterator();
    while (newestFirst.hasNext()) {
      PendingForward forward = newestFirst.next();
      if (forward.number() <= number) {
        break;
      }
      after.addFirst(forward);
    }
    return List.copyOf(after);
  }

  /** The forwards not yet delivered, oldest first. */
  List<PendingForward> pendingForwards() {
    return forwards.isEmpty() ? List.of() : List.copyOf(forwards);
  }

  /** The state of a stream that has no facts, as its owning member keeps it (see {@link KeepStates}). */
  void keepState(Object newState) {
    state = newState;
  }

  /**
   * Applies one fact's result: the new state, its events numbered on from {@code seq}, its
   * forwards queued for delivery.
   */
  void apply(
      String factId, long fingerprint, int rememberedFacts, HistoryLimits history, Object newState,
      List<StreamPayload> created, List<FactStep.Forward> handedOn, long now) {
    historyEvents = history.events();
    historyMillis = history.age().toMillis();
    state = newState;
    for (StreamPayload payload : created) {
      events.addLast(new RecordedEvent(++seq, now, payload));
    }
    for (FactStep.Forward forward : handedOn) {
      forwards.addLast(new PendingForward(++forwardCount, forward.target(), forward.fact().encode()));
    }
    facts.add(factId, fingerprint, seq, rememberedFacts);
    trim(now);
  }

  void markPublished(long upTo, long now) {
    published = Math.max(published, Math.min(upTo, seq));
    trim(now);
  }

  void markForwarded(long upTo) {
    while (!forwards.isEmpty() && forwards.peekFirst().number() <= upTo) {
      forwards.removeFirst();
    }
  }

  /** The first number of a new block of state seqs; the record keeps its end. */
  long reserveStates(long block) {
    long start = stateCeiling + 1;
    stateCeiling += block;
    return start;
  }

  /** The events above {@code published}, oldest first: walked from the newest, as they are few. */
  List<RecordedEvent> unpublished() {
    if (seq <= published) {
      return List.of();
    }
    RecordedEvent[] tail = new RecordedEvent[(int) Math.min(seq - published, events.size())];
    int i = tail.length;
    Iterator<RecordedEvent> newestFirst = events.descendingIterator();
    while (i > 0 && newestFirst.hasNext()) {
      tail[--i] = newestFirst.next();
    }
    return Arrays.asList(tail);
  }

  /**
   * The events after {@code since}, if the kept history covers all of them; null if it does not
   * (trimmed past {@code since}, or {@code since} ahead of the stream).
   */
  List<RecordedEvent> after(long since) {
    if (since > seq) {
      return null;
    }
    if (since < seq && (events.isEmpty() || events.peekFirst().seq() > since + 1)) {
      return null;
    }
    List<RecordedEvent> missed = new ArrayList<>();
    for (RecordedEvent event : events) {
      if (event.seq() > since) {
        missed.add(event);
      }
    }
    return missed;
  }

  private void trim(long now) {
    while (!events.isEmpty()) {
      RecordedEvent oldest = events.peekFirst();
      boolean expired = events.size() > historyEvents || now - oldest.appendedAtMillis() > historyMillis;
      boolean publishedAlready = oldest.seq() <= published;
      if ((expired && publishedAlready) || events.size() > MAX_UNPUBLISHED_HISTORIES * historyEvents) {
        events.removeFirst();
      } else {
        return;
      }
    }
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(epoch);
    out.writeLong(seq);
    out.writeLong(published);
    out.writeLong(stateCeiling);
    out.writeInt(historyEvents);
    out.writeLong(historyMillis);
    out.writeObject(state);
    facts.writeTo(out);
    RecordedEvent.writeAll(out, List.copyOf(events));
    KeyedLongs.write(out, watchers);
    out.writeLong(forwardCount);
    PendingForward.writeAll(out, List.copyOf(forwards));
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    epoch = in.readString();
    seq = in.readLong();
    published = in.readLong();
    stateCeiling = in.readLong();
    historyEvents = in.readInt();
    historyMillis = in.readLong();
    state = in.readObject();
    facts = FactWindow.readFrom(in);
    events = new ArrayDeque<>(RecordedEvent.readAll(in));
    watchers = KeyedLongs.read(in);
    forwardCount = in.readLong();
    forwards = new ArrayDeque<>(PendingForward.readAll(in));
  }
}
