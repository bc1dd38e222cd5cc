package com.degenduel.realtime.node.streams;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.ingest.FactRejected;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One fact applied to one stream in one partition operation, on the partition's primary and then,
 * identically, on its backups: the fact id is checked against the ids the record remembers, the
 * fact applied to the state, each event it creates given the next {@code seq} and appended to the
 * record's outbox. The caller is answered only after all of that, backups included, so an
 * acknowledged fact survives the loss of any one member.
 *
 * <p>A service supplies what the fact does ({@link #apply}); it must be deterministic, because the
 * backups run it again on their copy. What is not (the time, a new record's epoch) is decided on
 * the primary and travels with the backup.
 *
 * <p>On the primary, the record's unpublished events then go to the member's {@link OwnedStreams},
 * which publishes them to the gateways watching the stream.
 */
public abstract class FactStep<S> extends RecordStep<FactOutcome> {

  /**
   * What a fact does to a stream: its next state, the events to publish, in order, and the facts
   * it hands to other services' streams ({@link Forward}).
   */
  public record Change<S>(S state, List<StreamPayload> events, List<Forward> forwards) {
    public Change {
      events = List.copyOf(events);
      forwards = List.copyOf(forwards);
    }

    public Change(S state, List<StreamPayload> events) {
      this(state, events, List.of());
    }
  }

  /**
   * A fact this stream's fact hands on to a stream of another kind, in the form that kind's
   * service reads ({@link OwnedStreams#acceptForwarded}). It waits in the record's outbox, recorded
   * in the same step as the fact, until the owning member has delivered it; the receiving stream
   * applies it once by its fact id, so delivering it again after a crash changes nothing.
   */
  public record Forward(StreamKind target, JsonObject fact) {}

  /**
   * A record holds at most this many undelivered forwards: while the receiving service takes none,
   * facts that would add more are refused as unavailable (the reporter retries) rather than
   * growing the record without end or dropping what was acknowledged.
   */
  static final int MAX_PENDING_FORWARDS = 10_000;

  private String factId;
  private long fingerprint;
  private HistoryLimits history = new HistoryLimits(StreamRecord.HISTORY_EVENTS, Duration.ofMillis(StreamRecord.HISTORY_MILLIS));

  /** For deserialisation only. */
  protected FactStep() {}

  /** {@code fingerprint} is the fact's content as compared when its id is reported again ({@link Fingerprint}). */
  protected FactStep(String factId, long fingerprint) {
    this.factId = factId;
    this.fingerprint = fingerprint;
  }

  /**
   * How many of a stream's last fact ids its record remembers to recognise a retry: enough for
   * every fact the stream may see while a backend retries.
   */
  protected int rememberedFacts() {
    return FactWindow.SIZE;
  }

  /** Keeps the stream's history within these limits from this fact on; the service's, set by {@link OwnedStreams}. */
  final FactStep<S> keeping(HistoryLimits limits) {
    this.history = limits;
    return this;
  }

  /** The state of a stream that has no record yet. */
  protected abstract S initialState(String key);

  /** Applies the fact, or throws {@link FactRejected} to refuse it and change nothing. */
  protected abstract Change<S> apply(String key, S state);

  protected abstract void writeFact(ObjectDataOutput out) throws IOException;

  protected abstract void readFact(ObjectDataInput in) throws IOException;

  @Override
  @SuppressWarnings("unchecked")
  final FactOutcome change(Map.Entry<String, StreamRecord> entry) {
    StreamRecord record = entry.getValue();
    if (record != null) {
      FactWindow.Seen seen = record.facts().find(factId);
      if (seen != null) {
        return seen.fingerprint() == fingerprint
            ? FactOutcome.duplicate(seen.seq())
            : FactOutcome.refused(FactError.FACT_ID_CONFLICT.reject("this fact id was already reported with different content"));
      }
    }
    Change<S> change;
    try {
      change = apply(entry.getKey(), record == null || record.state() == null ? initialState(entry.getKey()) : (S) record.state());
    } catch (FactRejected rejected) {
      return FactOutcome.refused(rejected);
    }
    if (!change.forwards().isEmpty() && record != null && record.pendingForwardCount() >= MAX_PENDING_FORWARDS) {
      return FactOutcome.refused(FactError.SERVICE_UNAVAILABLE.reject(
          "the facts this stream hands on to another service are not being taken; retry the same fact later"));
    }
    StreamRecord changed = record == null ? StreamRecord.create(epochIfNew()) : record;
    changed.apply(factId, fingerprint, rememberedFacts(), history, change.state(), change.events(), change.forwards(), now());
    entry.setValue(changed);
    return FactOutcome.applied(changed.seq());
  }

  @Override
  final boolean changedRecord(FactOutcome outcome) {
    return outcome.result() == FactOutcome.Result.APPLIED;
  }

  @Override
  final void writeStep(ObjectDataOutput out) throws IOException {
    out.writeString(factId);
    out.writeLong(fingerprint);
    out.writeInt(history.events());
    out.writeLong(history.age().toMillis());
    writeFact(out);
  }

  @Override
  final void readStep(ObjectDataInput in) throws IOException {
    factId = in.readString();
    fingerprint = in.readLong();
    history = new HistoryLimits(in.readInt(), Duration.ofMillis(in.readLong()));
    readFact(in);
  }
}
