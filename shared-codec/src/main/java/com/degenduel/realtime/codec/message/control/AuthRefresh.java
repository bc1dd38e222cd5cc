package com.degenduel.realtime.codec.message.control;

/** {@code {"type":"AUTH_REFRESH","token":"..."}}: a fresh token for the same wallet, to extend the connection. */
public record AuthRefresh(String token) implements ClientMessage {
  @Override
  public String toString() {
    return "AuthRefresh[token=<redacted>]";
  }
}
