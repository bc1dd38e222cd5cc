package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.control.ControlMessage;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.codec.wire.WireFormat;
import java.nio.charset.StandardCharsets;

/**
 * A published message encoded once, shared by every subscriber: {@code wire} is the whole
 * WebSocket text frame, header included, exactly as it goes on every socket. A server's frames
 * are unmasked (RFC 6455, 5.1), so one copy of the bytes is right for all of them, and a socket
 * writes them below its WebSocket encoder with nothing built per write. {@code conflationKey} names the
 * state it is the latest of (stream, type and key), so a newer frame may replace it for a slow
 * client; it is null for events, which are never replaced. The bytes must not be modified.
 * {@code eventTimeMillis} is the source time of a live frame, from which end-to-end latency is
 * measured; it is {@link #NO_EVENT_TIME} for a message without one and for a replayed state.
 */
public record OutboundFrame(String conflationKey, byte[] wire, MessageType type, long eventTimeMillis) {
  public static final long NO_EVENT_TIME = StreamFrame.NO_EVENT_TIME;

  private static final int FIN_TEXT = 0x81;
  private static final int LENGTH_16_BIT = 126;
  private static final int LENGTH_64_BIT = 127;

  /** Frames {@code utf8} as one final, unmasked text frame. */
  public static OutboundFrame text(String conflationKey, byte[] utf8, MessageType type, long eventTimeMillis) {
    return new OutboundFrame(conflationKey, textFrame(utf8), type, eventTimeMillis);
  }

  /** A connection message (no stream type, never conflated, not timed) that must keep its place among the stream's frames. */
  public static OutboundFrame control(ControlMessage message) {
    return text(null, WireFormat.encode(message).getBytes(StandardCharsets.UTF_8), null, NO_EVENT_TIME);
  }

  static byte[] textFrame(byte[] utf8) {
    int length = utf8.length;
    int header = length < LENGTH_16_BIT ? 2 : length <= 0xFFFF ? 4 : 10;
    byte[] frame = new byte[header + length];
    frame[0] = (byte) FIN_TEXT;
    if (header == 2) {
      frame[1] = (byte) length;
    } else if (header == 4) {
      frame[1] = LENGTH_16_BIT;
      frame[2] = (byte) (length >>> 8);
      frame[3] = (byte) length;
    } else {
      frame[1] = LENGTH_64_BIT;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
      }
    }
    System.arraycopy(utf8, 0, frame, header, length);
    return frame;
  }

  public boolean timed() {
    return eventTimeMillis != NO_EVENT_TIME;
  }

  /** The same bytes sent as current state to a new subscriber: not a live delivery, so not timed. */
  OutboundFrame replay() {
    return new OutboundFrame(conflationKey, wire, type, NO_EVENT_TIME);
  }
}
