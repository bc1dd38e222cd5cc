package com.degenduel.realtime.gateway.endpoint;

/**
 * Where a reconnecting client left a wallet or contest stream: the seq and epoch of the last event
 * it processed, from {@code ?since=&epoch=}.
 */
public record ResumePoint(long since, String epoch) {}
