package com.degenduel.realtime.codec.stream;

/**
 * Asks the owner of a stream for its current state; sent to {@link Addresses#snapshot}. {@code
 * watcher} names the asking gateway hub when it goes on watching the stream, so the owner starts
 * publishing it (streams that are published whether watched or not ignore it); null for a one-off
 * look.
 */
public record SnapshotRequest(StreamId stream, String watcher) {
  public SnapshotRequest(StreamId stream) {
    this(stream, null);
  }
}
