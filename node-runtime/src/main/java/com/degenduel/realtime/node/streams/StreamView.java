package com.degenduel.realtime.node.streams;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A stream as its partition's primary sees it: epoch, last event {@code seq}, state, the events not
 * yet confirmed published, and the {@code seq} of the last state message that member published.
 * Read by {@link Read}, in one partition operation.
 */
public final class StreamView implements DataSerializable {
  private String epoch;
  private long seq;
  private Object state;
  private List<RecordedEvent> unpublished = List.of();
  private long lastStateSeq;

  /** For deserialisation only. */
  public StreamView() {}

  StreamView(String epoch, long seq, Object state, List<RecordedEvent> unpublished, long lastStateSeq) {
    this.epoch = epoch;
    this.seq = seq;
    this.state = state;
    this.unpublished = unpublished;
    this.lastStateSeq = lastStateSeq;
  }

  /** Null while the stream has no record. */
  public String epoch() {
    return epoch;
  }

  public long seq() {
    return seq;
  }

  /** The service's state, null while the stream has no record. */
  public Object state() {
    return state;
  }

  List<RecordedEvent> unpublished() {
    return unpublished;
  }

  /** 0 when the owning member has published no state message of this stream yet. */
  public long lastStateSeq() {
    return lastStateSeq;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(epoch);
    out.writeLong(seq);
    out.writeObject(state);
    RecordedEvent.writeAll(out, unpublished);
    out.writeLong(lastStateSeq);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    epoch = in.readString();
    seq = in.readLong();
    state = in.readObject();
    unpublished = RecordedEvent.readAll(in);
    lastStateSeq = in.readLong();
  }

  /** Reads the view on the partition's primary, where the member's last state seq is known. */
  static final class Read implements EntryProcessor<String, StreamRecord, StreamView>, ReadOnly, HazelcastInstanceAware,
      DataSerializable {
    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
      this.member = member;
    }

    @Override
    public StreamView process(Map.Entry<String, StreamRecord> entry) {
      long lastState = member == null ? 0 : OwnedStreams.lastStateSeq(member, entry.getKey());
      StreamRecord record = entry.getValue();
      if (record == null) {
        return new StreamView(null, 0, null, List.of(), lastState);
      }
      return new StreamView(record.epoch(), record.seq(), record.state(), record.unpublished(), lastState);
    }

    @Override
    public EntryProcessor<String, StreamRecord, StreamView> getBackupProcessor() {
      return null;
    }

    @Override
    public void writeData(ObjectDataOutput out) {}

    @Override
    public void readData(ObjectDataInput in) {}
  }
}
