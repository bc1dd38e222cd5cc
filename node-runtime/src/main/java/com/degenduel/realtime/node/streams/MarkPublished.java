package com.degenduel.realtime.node.streams;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Records how far the owning member has published the streams of one partition (their events to
 * the gateways, their forwards to other services), so that a member promoted after it dies sends
 * again only what may not have gone out. Sent for many streams of one partition at once, every few
 * hundred milliseconds, rather than once per event.
 */
final class MarkPublished implements EntryProcessor<String, StreamRecord, Void>, DataSerializable {
  private Map<String, Long> published;
  private Map<String, Long> forwarded;
  private long now;

  /** For deserialisation only. */
  public MarkPublished() {}

  /** Events up to {@code published}'s seq and forwards up to {@code forwarded}'s number, per key. */
  MarkPublished(Map<String, Long> published, Map<String, Long> forwarded, long now) {
    this.published = published;
    this.forwarded = forwarded;
    this.now = now;
  }

  @Override
  public Void process(Map.Entry<String, StreamRecord> entry) {
    StreamRecord record = entry.getValue();
    if (record == null) {
      return null;
    }
    Long seq = published.get(entry.getKey());
    Long forward = forwarded.get(entry.getKey());
    if (seq != null && seq > record.published()) {
      record.markPublished(seq, now);
    }
    if (forward != null) {
      record.markForwarded(forward);
    }
    if (seq != null || forward != null) {
      entry.setValue(record);
    }
    return null;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(now);
    KeyedLongs.write(out, published);
    KeyedLongs.write(out, forwarded);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    now = in.readLong();
    published = KeyedLongs.read(in);
    forwarded = KeyedLongs.read(in);
  }
}
