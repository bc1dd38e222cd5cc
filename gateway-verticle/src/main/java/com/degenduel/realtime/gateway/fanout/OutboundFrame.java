package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.codec.message.MessageType;

/**
 * A published message encoded once, shared by every subscriber. {@code conflationKey} names the
 * state it is the latest of (stream, type and key), so a newer frame may replace it for a slow
 * client; it is null for events, which are never replaced. The bytes must not be modified.
 * {@code eventTimeMillis} is the source time of a live frame, from which end-to-end latency is
 * measured; it is {@link #NO_EVENT_TIME} for a message without one and for a replayed state.
 */
public record OutboundFrame(String conflationKey, byte[] bytes, MessageType type, long eventTimeMillis) {
  public static final long NO_EVENT_TIME = Long.MIN_VALUE;

  public boolean timed() {
    return eventTimeMillis != NO_EVENT_TIME;
  }

  /** The same bytes sent as current state to a new subscriber: not a live delivery, so not timed. */
  OutboundFrame replay() {
    return new OutboundFrame(conflationKey, bytes, type, NO_EVENT_TIME);
  }
}
