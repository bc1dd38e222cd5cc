package com.degenduel.realtime.codec.stream;

import com.degenduel.realtime.codec.message.StreamPayload;
import java.util.Objects;

/**
 * What services publish: one message of the contract on its stream, numbered. {@code seq} rises by
 * one per message of the same type on the same stream, so a client that sees a jump knows it
 * missed messages of that type.
 *
 * <p>{@code epoch} names the stream's history: it changes only when that history is really lost
 * (a new record after a lost partition), so a {@code seq} that goes back under a new epoch is a new
 * stream, and under the same epoch a repeat. Null for streams that keep no record.
 */
public record StreamEvent(StreamId stream, long seq, StreamPayload payload, String epoch) {

  public StreamEvent {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(payload, "payload");
  }

  public StreamEvent(StreamId stream, long seq, StreamPayload payload) {
    this(stream, seq, payload, null);
  }

  public String address() {
    return stream.address();
  }
}
