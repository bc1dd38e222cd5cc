package com.degenduel.realtime.codec.stream;

import com.degenduel.realtime.codec.message.StreamPayload;
import java.util.Objects;

/**
 * What services publish: one message of the contract on its stream, numbered. {@code seq} rises by
 * one per message of the same type on the same stream, so a client that sees a jump knows it
 * missed messages of that type.
 */
public record StreamEvent(StreamId stream, long seq, StreamPayload payload) {

  public StreamEvent {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(payload, "payload");
  }

  public String address() {
    return stream.address();
  }
}
