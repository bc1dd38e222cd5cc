package com.degenduel.realtime.node.streams;

import com.degenduel.realtime.codec.stream.StreamKind;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FactStep.Forward} as the record's outbox keeps it until it is delivered: numbered in the
 * order its stream's facts created it, with the fact in its encoded form.
 */
record PendingForward(long number, StreamKind target, String fact) {

  static void writeAll(ObjectDataOutput out, List<PendingForward> forwards) throws IOException {
    out.writeInt(forwards.size());
    for (PendingForward forward : forwards) {
      out.writeLong(forward.number);
      out.writeString(forward.target.name());
      out.writeString(forward.fact);
    }
  }

  static List<PendingForward> readAll(ObjectDataInput in) throws IOException {
    int size = in.readInt();
    List<PendingForward> forwards = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      forwards.add(new PendingForward(in.readLong(), StreamKind.valueOf(in.readString()), in.readString()));
    }
    return forwards;
  }
}
