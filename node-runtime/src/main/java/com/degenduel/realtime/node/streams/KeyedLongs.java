package com.degenduel.realtime.node.streams;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The wire form of a string-to-number map (watchers' expiries, published marks, state seqs) between members. */
final class KeyedLongs {
  private KeyedLongs() {}

  static void write(ObjectDataOutput out, Map<String, Long> values) throws IOException {
    out.writeInt(values.size());
    for (Map.Entry<String, Long> value : values.entrySet()) {
      out.writeString(value.getKey());
      out.writeLong(value.getValue());
    }
  }

  static Map<String, Long> read(ObjectDataInput in) throws IOException {
    int size = in.readInt();
    Map<String, Long> values = new HashMap<>(Math.max(4, size * 2));
    for (int i = 0; i < size; i++) {
      values.put(in.readString(), in.readLong());
    }
    return values;
  }
}
