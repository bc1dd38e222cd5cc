package com.degenduel.realtime.node.streams;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Reserves the next block of {@code seq} numbers for a stream's state messages and answers its
 * first number (0 when the stream has no record). State messages are computed, not kept, so they
 * are not numbered by the record one by one; a member numbers them from its block, and whoever
 * owns the stream next starts above every number reserved before.
 */
final class ReserveStates implements EntryProcessor<String, StreamRecord, Long>, DataSerializable {
  private long block;

  /** For deserialisation only. */
  public ReserveStates() {}

  ReserveStates(long block) {
    this.block = block;
  }

  @Override
  public Long process(Map.Entry<String, StreamRecord> entry) {
    StreamRecord record = entry.getValue();
    if (record == null) {
      return 0L;
    }
    long start = record.reserveStates(block);
    entry.setValue(record);
    return start;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(block);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    block = in.readLong();
  }
}
