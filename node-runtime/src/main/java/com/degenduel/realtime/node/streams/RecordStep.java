package com.degenduel.realtime.node.streams;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * A change of one stream record, run on the partition's primary and then, identically, on its
 * backups. What is not deterministic (the time, the epoch of a record it creates) is decided once,
 * where the step is created, and travels with it to the primary and the backups; the change itself
 * must depend on nothing else. Deciding it in {@link #process} instead would race: a step sent to
 * many keys ({@code submitToKeys}) is one object run by several partition threads at once. On the
 * primary, the member's {@link OwnedStreams} hears of the record as changed.
 */
public abstract class RecordStep<R> implements EntryProcessor<String, StreamRecord, R>, HazelcastInstanceAware, DataSerializable {
  private long now = System.currentTimeMillis();
  private String epochIfNew = StreamRecord.newEpoch();
  private transient HazelcastInstance member;

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    this.member = member;
  }

  @Override
  public final R process(Map.Entry<String, StreamRecord> entry) {
    long forwardsBefore = entry.getValue() == null ? 0 : entry.getValue().forwardCount();
    R result = change(entry);
    if (member == null) {
      return result;
    }
    if (changedRecord(result)) {
      OwnedStreams.changed(member, entry.getKey(), entry.getValue(), forwardsBefore, now);
    }
    return onPrimary(member, entry.getKey(), result);
  }

  /** What the primary adds to the result from what only it knows; nothing by default. */
  R onPrimary(HazelcastInstance member, String key, R result) {
    return result;
  }

  /** The change itself: deterministic given the record, the fields and {@link #now}. */
  abstract R change(Map.Entry<String, StreamRecord> entry);

  /** Whether this result changed the record, so that the owning member must hear of it. */
  abstract boolean changedRecord(R result);

  abstract void writeStep(ObjectDataOutput out) throws IOException;

  abstract void readStep(ObjectDataInput in) throws IOException;

  long now() {
    return now;
  }

  String epochIfNew() {
    return epochIfNew;
  }

  @Override
  public EntryProcessor<String, StreamRecord, R> getBackupProcessor() {
    return new Backup<>(this);
  }

  @Override
  public final void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(now);
    out.writeString(epochIfNew);
    writeStep(out);
  }

  @Override
  public final void readData(ObjectDataInput in) throws IOException {
    now = in.readLong();
    epochIfNew = in.readString();
    readStep(in);
  }

  /** The same change on a backup: the primary's decisions, nobody told. */
  public static final class Backup<R> implements EntryProcessor<String, StreamRecord, R>, DataSerializable {
    private RecordStep<R> step;

    /** For deserialisation only. */
    public Backup() {}

    Backup(RecordStep<R> step) {
      this.step = step;
    }

    @Override
    public R process(Map.Entry<String, StreamRecord> entry) {
      return step.change(entry);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
      out.writeObject(step);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
      step = in.readObject();
    }
  }
}
