package com.degenduel.realtime.codec.stream;

/** Asks the owner of a stream for its current state; sent to {@link Addresses#snapshot}. */
public record SnapshotRequest(StreamId stream) {}
