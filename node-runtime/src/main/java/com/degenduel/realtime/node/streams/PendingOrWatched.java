package com.degenduel.realtime.node.streams;

import com.hazelcast.query.Predicate;
import java.util.Map;

/**
 * The records a member must take up when it becomes a partition's primary: those with events not
 * yet marked published or forwards not yet delivered, and those someone watches. The others need nothing until their next fact.
 */
final class PendingOrWatched implements Predicate<String, StreamRecord> {
  private static final long serialVersionUID = 1L;

  private final long now;

  PendingOrWatched(long now) {
    this.now = now;
  }

  @Override
  public boolean apply(Map.Entry<String, StreamRecord> entry) {
    StreamRecord record = entry.getValue();
    return record != null && (record.seq() > record.published() || record.pendingForwardCount() > 0 || record.watchedUntil(now) > now);
  }
}
