package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.codec.message.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * A published message encoded once, shared by every subscriber: {@code wire} is the whole
 * WebSocket text frame, header included, exactly as it goes on every socket. A server's frames
 * are unmasked (RFC 6455, 5.1), so one copy of the bytes is right for all of them, and a socket
 * writes them below its WebSocket encoder with nothing built per write but a view of them.
 *
 * <p>The bytes sit in a direct buffer of the JDK's, which the garbage collector frees once the
 * frame is unreachable (Netty never frees a buffer it did not allocate), so nothing has to count
 * who still needs a frame. Direct, because the TLS handler copies every frame it seals into a
 * direct buffer: from heap bytes that copy made a {@code ByteBuffer} view per frame and socket,
 * the largest allocation per delivered frame. {@code conflationKey} names the
 * state it is the latest of (stream, type and key), so a newer frame may replace it for a slow
 * client; it is null for events, which are never replaced. The bytes must not be modified.
 * {@code eventTimeMillis} is the source time of a live frame, from which end-to-end latency is
 * measured; it is {@link #NO_EVENT_TIME} for a message without one and for a replayed state.
 */
public record OutboundFrame(String conflationKey, ByteBuf wire, MessageType type, long eventTimeMillis) {
  public static final long NO_EVENT_TIME = Long.MIN_VALUE;

  private static final int FIN_TEXT = 0x81;
  private static final int LENGTH_16_BIT = 126;
  private static final int LENGTH_64_BIT = 127;

  /** Frames {@code utf8} as one final, unmasked text frame. */
  public static OutboundFrame text(String conflationKey, byte[] utf8, MessageType type, long eventTimeMillis) {
    return new OutboundFrame(conflationKey, textFrame(utf8), type, eventTimeMillis);
  }

  static ByteBuf textFrame(byte[] utf8) {
    int length = utf8.length;
    int header = length < LENGTH_16_BIT ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer frame = ByteBuffer.allocateDirect(header + length);
    frame.put((byte) FIN_TEXT);
    if (header == 2) {
      frame.put((byte) length);
    } else if (header == 4) {
      frame.put((byte) LENGTH_16_BIT).putShort((short) length);
    } else {
      frame.put((byte) LENGTH_64_BIT).putLong(length);
    }
    frame.put(utf8).flip();
    return Unpooled.wrappedBuffer(frame);
  }

  /** What one socket writes: a view of the shared bytes with its own read position. */
  public ByteBuf view() {
    // Retained because the channel releases what it has written; the shared buffer itself is
    // never released (the collector frees it), so the count only ever returns to one.
    return wire.retainedDuplicate();
  }

  public boolean timed() {
    return eventTimeMillis != NO_EVENT_TIME;
  }

  /** The same bytes sent as current state to a new subscriber: not a live delivery, so not timed. */
  OutboundFrame replay() {
    return new OutboundFrame(conflationKey, wire, type, NO_EVENT_TIME);
  }
}
