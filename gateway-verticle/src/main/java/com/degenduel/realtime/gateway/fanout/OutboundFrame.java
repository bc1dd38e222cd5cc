package com.degenduel.realtime.gateway.fanout;

/**
 * A published message encoded once, shared by every subscriber. {@code conflationKey} names the
 * state it is the latest of (stream, type and key), so a newer frame may replace it for a slow
 * client; it is null for events, which are never replaced. The bytes must not be modified.
 */
public record OutboundFrame(String conflationKey, byte[] bytes) {}
