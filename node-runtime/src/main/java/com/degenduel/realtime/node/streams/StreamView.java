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
 * yet confirmed published, the forwards not yet delivered, the {@code seq} of the last state message of each type and key that
 * member published, and until when the stream is watched. Read by {@link Read} or answered by a
 * watch, in one partition operation.
 */
public final class StreamView implements DataSerializable {
  private String epoch;
  private long seq;
  private Object state;
  private List<RecordedEvent> unpublished = List.of();
  private List<PendingForward> forwards = List.of();
  private Map<String, Long> lastStateSeqs = Map.of();
  private long watchedUntil;

  /** For deserialisation only. */
  public StreamView() {}

  private StreamView(
      String epoch, long seq, Object state, List<RecordedEvent> unpublished, List<PendingForward> forwards,
      Map<String, Long> lastStateSeqs, long watchedUntil) {
    this.epoch = epoch;
    this.seq = seq;
    this.state = state;
    this.unpublished = unpublished;
    this.forwards = forwards;
    this.lastStateSeqs = lastStateSeqs;
    this.watchedUntil = watchedUntil;
  }

  static StreamView absent() {
    return new StreamView(null, 0, null, List.of(), List.of(), Map.of(), 0);
  }

  static StreamView of(StreamRecord record, long now, Map<String, Long> lastStateSeqs) {
    return new StreamView(
        record.epoch(), record.seq(), record.state(), record.unpublished(), record.pendingForwards(), lastStateSeqs,
        record.watchedUntil(now));
  }

  StreamView withLastStateSeqs(Map<String, Long> lanes) {
    return new StreamView(epoch, seq, state, unpublished, forwards, lanes, watchedUntil);
  }

  /** Until when a gateway watches the stream; 0 when nobody does. */
  long watchedUntil() {
    return watchedUntil;
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

  List<PendingForward> forwards() {
    return forwards;
  }

  /** The seq of the last state message of this lane ({@link OwnedStreams#lane}) the owning member published, 0 if none. */
  long lastStateSeq(String lane) {
    return lastStateSeqs.getOrDefault(lane, 0L);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(epoch);
    out.writeLong(seq);
    out.writeObject(state);
    RecordedEvent.writeAll(out, unpublished);
    PendingForward.writeAll(out, forwards);
    KeyedLongs.write(out, lastStateSeqs);
    out.writeLong(watchedUntil);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    epoch = in.readString();
    seq = in.readLong();
    state = in.readObject();
    unpublished = RecordedEvent.readAll(in);
    forwards = PendingForward.readAll(in);
    lastStateSeqs = KeyedLongs.read(in);
    watchedUntil = in.readLong();
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
      Map<String, Long> lastState = member == null ? Map.of() : OwnedStreams.lastStateSeqs(member, entry.getKey());
      StreamRecord record = entry.getValue();
      return record == null ? StreamView.absent() : StreamView.of(record, System.currentTimeMillis(), lastState);
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
