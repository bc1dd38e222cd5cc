package com.degenduel.realtime.node.streams;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What a stream's record holds of the events after a seq, for a reconnecting client: read on the
 * partition's primary (the member that owns the stream, or the backup promoted in its place).
 * {@code events} is null when the history does not cover the gap: another epoch, events trimmed
 * past {@code since}, or {@code since} ahead of the stream.
 */
final class StreamReplay implements DataSerializable {
  private String epoch;
  private List<RecordedEvent> events;

  /** For deserialisation only. */
  public StreamReplay() {}

  private StreamReplay(String epoch, List<RecordedEvent> events) {
    this.epoch = epoch;
    this.events = events;
  }

  String epoch() {
    return epoch;
  }

  /** Null: not recovered. */
  List<RecordedEvent> events() {
    return events;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(epoch);
    out.writeBoolean(events != null);
    if (events != null) {
      RecordedEvent.writeAll(out, events);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    epoch = in.readString();
    events = in.readBoolean() ? RecordedEvent.readAll(in) : null;
  }

  /** Reads the events after {@code since} in {@code epoch}. */
  static final class Read implements EntryProcessor<String, StreamRecord, StreamReplay>, ReadOnly, DataSerializable {
    private long since;
    private String epoch;

    /** For deserialisation only. */
    public Read() {}

    Read(long since, String epoch) {
      this.since = since;
      this.epoch = epoch;
    }

    @Override
    public StreamReplay process(Map.Entry<String, StreamRecord> entry) {
      StreamRecord record = entry.getValue();
      if (record == null || record.epoch() == null || !record.epoch().equals(epoch)) {
        return new StreamReplay(record == null ? null : record.epoch(), null);
      }
      return new StreamReplay(record.epoch(), record.after(since));
    }

    @Override
    public EntryProcessor<String, StreamRecord, StreamReplay> getBackupProcessor() {
      return null;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
      out.writeLong(since);
      out.writeString(epoch);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
      since = in.readLong();
      epoch = in.readString();
    }
  }
}
