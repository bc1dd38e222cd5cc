package com.degenduel.realtime.codec.stream;

import java.util.List;

/**
 * The current state of a stream, as the latest message of each state type (with its {@code seq}),
 * in the order a new subscriber should receive them. Empty when the stream has no state yet.
 * {@code eventSeq} is the seq of the stream's last event the state reflects (0: none yet), for a
 * stream that keeps a history of events; -1 for one that carries no events.
 */
public record StreamSnapshot(List<StreamEvent> events, long eventSeq) {
  public StreamSnapshot {
    events = List.copyOf(events);
  }

  /** A snapshot of a stream that carries state only. */
  public StreamSnapshot(List<StreamEvent> events) {
    this(events, -1);
  }
}
