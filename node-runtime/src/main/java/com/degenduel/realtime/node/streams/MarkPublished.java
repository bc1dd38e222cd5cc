package com.degenduel.realtime.node.streams;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Records how far the owning member has published the streams of one partition, so that a member
 * promoted after it dies republishes only what may not have gone out. Sent for many streams of one
 * partition at once, every few hundred milliseconds, rather than once per event.
 */
final class MarkPublished implements EntryProcessor<String, StreamRecord, Void>, DataSerializable {
  private Map<String, Long> upTo;
  private long now;

  /** For deserialisation only. */
  public MarkPublished() {}

  MarkPublished(Map<String, Long> upTo, long now) {
    this.upTo = upTo;
    this.now = now;
  }

  @Override
  public Void process(Map.Entry<String, StreamRecord> entry) {
    StreamRecord record = entry.getValue();
    Long seq = upTo.get(entry.getKey());
    if (record != null && seq != null && seq > record.published()) {
      record.markPublished(seq, now);
      entry.setValue(record);
    }
    return null;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(now);
    KeyedLongs.write(out, upTo);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    now = in.readLong();
    upTo = KeyedLongs.read(in);
  }
}
