package com.degenduel.realtime.codec.message.control;

/** {@code {"type":"PING"}}: the browser-friendly heartbeat (browsers cannot send WebSocket ping frames). */
public record Ping() implements ClientMessage {}
