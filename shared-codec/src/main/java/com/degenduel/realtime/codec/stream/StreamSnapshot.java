package com.degenduel.realtime.codec.stream;

import java.util.List;

/**
 * The current state of a stream, as the latest message of each state type (with its {@code seq}),
 * in the order a new subscriber should receive them. Empty when the stream has no state yet.
 */
public record StreamSnapshot(List<StreamEvent> events) {
  public StreamSnapshot {
    events = List.copyOf(events);
  }
}
