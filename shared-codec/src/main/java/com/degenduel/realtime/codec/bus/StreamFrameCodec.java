package com.degenduel.realtime.codec.bus;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Carries a {@link StreamFrame} between cluster members as a small binary header followed by the
 * message's wire bytes, copied, never parsed; by reference inside a process. Names rather than
 * ordinals identify kinds and types, so members of two versions in one rolling deployment agree.
 * Services publish frames in a {@link com.degenduel.realtime.codec.wire.StreamBatch}; a lone frame
 * is what members of the previous version publish, still read during a rolling upgrade.
 */
final class StreamFrameCodec extends ImmutableValueCodec<StreamFrame> {
  StreamFrameCodec() {
    super("dd.StreamFrame");
  }

  @Override
  public void encodeToWire(Buffer buffer, StreamFrame frame) {
    write(buffer, frame);
  }

  @Override
  public StreamFrame decodeFromWire(int pos, Buffer buffer) {
    return read(new Reader(buffer, pos));
  }

  static void write(Buffer buffer, StreamFrame frame) {
    appendString(buffer, frame.stream().kind().name());
    appendString(buffer, frame.stream().key());
    buffer.appendLong(frame.seq());
    appendString(buffer, frame.epoch());
    appendString(buffer, frame.type().name());
    appendString(buffer, frame.conflationKey());
    buffer.appendLong(frame.eventTimeMillis());
    buffer.appendInt(frame.json().length).appendBytes(frame.json());
  }

  static StreamFrame read(Reader in) {
    StreamKind kind = StreamKind.valueOf(in.string());
    String key = in.string();
    long seq = in.longValue();
    String epoch = in.string();
    MessageType type = MessageType.valueOf(in.string());
    String conflationKey = in.string();
    long eventTime = in.longValue();
    byte[] json = in.bytes();
    return new StreamFrame(new StreamId(kind, key), seq, epoch, type, conflationKey, eventTime, json);
  }

  /** Length-prefixed UTF-8; length -1 for null. */
  private static void appendString(Buffer buffer, String value) {
    if (value == null) {
      buffer.appendInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  static final class Reader {
    private final Buffer buffer;
    private int pos;

    Reader(Buffer buffer, int pos) {
      this.buffer = buffer;
      this.pos = pos;
    }

    int intValue() {
      int value = buffer.getInt(pos);
      pos += 4;
      return value;
    }

    long longValue() {
      long value = buffer.getLong(pos);
      pos += 8;
      return value;
    }

    String string() {
      int length = intValue();
      if (length < 0) {
        return null;
      }
      String value = buffer.getString(pos, pos + length, "UTF-8");
      pos += length;
      return value;
    }

    byte[] bytes() {
      int length = intValue();
      byte[] value = buffer.getBytes(pos, pos + length);
      pos += length;
      return value;
    }
  }
}
