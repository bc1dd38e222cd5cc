package com.degenduel.realtime.codec.stream;

import java.util.List;

/**
 * The answer to a {@link ResumeRequest}: whether the stream's history covers everything after
 * {@code since} in that epoch, and if so those events, in {@code seq} order (none otherwise).
 */
public record StreamHistory(boolean recovered, List<StreamEvent> events) {
  public StreamHistory {
    events = List.copyOf(events);
  }

  public static StreamHistory notRecovered() {
    return new StreamHistory(false, List.of());
  }
}
