package com.degenduel.realtime.codec.stream;

/**
 * Asks the owner of a stream for the events after {@code since} in {@code epoch}, for a client
 * that reconnects after having processed every event up to {@code since}; sent to {@link
 * Addresses#history}.
 */
public record ResumeRequest(StreamId stream, long since, String epoch) {}
