package com.degenduel.realtime.node.streams;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.wire.WireFormat;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of a stream's history as its record keeps it: the {@code seq} it was given when its
 * fact was applied, when that was, and the message itself.
 */
public record RecordedEvent(long seq, long appendedAtMillis, StreamPayload payload) {

  /** The wire form, the one encoding every member can read back whatever the payload type. */
  String encode() {
    return WireFormat.toJson(seq, payload, null).put("appended", appendedAtMillis).encode();
  }

  static RecordedEvent decode(String text) {
    JsonObject json = new JsonObject(text);
    WireFormat.Streamed streamed = WireFormat.readStreamed(json);
    return new RecordedEvent(streamed.seq(), json.getLong("appended"), streamed.payload());
  }

  static void writeAll(ObjectDataOutput out, List<RecordedEvent> events) throws IOException {
    out.writeInt(events.size());
    for (RecordedEvent event : events) {
      out.writeString(event.encode());
    }
  }

  static List<RecordedEvent> readAll(ObjectDataInput in) throws IOException {
    int size = in.readInt();
    List<RecordedEvent> events = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      try {
        events.add(decode(in.readString()));
      } catch (RuntimeException e) {
        throw new UncheckedIOException(new IOException("unreadable recorded event", e));
      }
    }
    return events;
  }
}
