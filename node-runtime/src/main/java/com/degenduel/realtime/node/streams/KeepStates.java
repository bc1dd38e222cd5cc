package com.degenduel.realtime.node.streams;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores the states an owning member keeps for streams whose state does not come from facts (see
 * {@link OwnedStreams#keepState}), for many streams of one partition at once. A stream without a
 * record is left without one: only an owned, hence recorded, stream's state is kept.
 */
final class KeepStates implements EntryProcessor<String, StreamRecord, Void>, DataSerializable {
  private Map<String, Object> states;

  /** For deserialisation only. */
  public KeepStates() {}

  KeepStates(Map<String, Object> states) {
    this.states = states;
  }

  @Override
  public Void process(Map.Entry<String, StreamRecord> entry) {
    StreamRecord record = entry.getValue();
    Object state = states.get(entry.getKey());
    if (record != null && state != null) {
      record.keepState(state);
      entry.setValue(record);
    }
    return null;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(states.size());
    for (Map.Entry<String, Object> each : states.entrySet()) {
      out.writeString(each.getKey());
      out.writeObject(each.getValue());
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    int size = in.readInt();
    states = new HashMap<>(size * 2);
    for (int i = 0; i < size; i++) {
      states.put(in.readString(), in.readObject());
    }
  }
}
