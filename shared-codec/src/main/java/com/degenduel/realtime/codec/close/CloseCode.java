package com.degenduel.realtime.codec.close;

/**
 * Every WebSocket close code the gateway uses, and whether a client should reconnect after it.
 * "Retry" means reconnect with exponential backoff; "do not retry" means reconnecting with the
 * same request will fail the same way.
 */
public enum CloseCode {
  NORMAL(1000, false, "Normal closure"),
  GOING_AWAY(1001, true, "The server is going away"),
  UNSUPPORTED_DATA(1003, false, "A binary frame was sent; only text frames are accepted"),
  INVALID_PAYLOAD(1007, false, "A text frame was not valid UTF-8"),
  POLICY_VIOLATION(1008, false, "A rate limit or protocol rule was broken repeatedly"),
  MESSAGE_TOO_BIG(1009, false, "A frame or message exceeded the size limit"),
  INTERNAL_ERROR(1011, true, "The server hit an unexpected condition"),
  SERVICE_RESTART(1012, true, "The gateway is restarting or draining; reconnect elsewhere"),
  TRY_AGAIN_LATER(1013, true, "The gateway is overloaded"),
  UNAUTHORIZED(4001, false, "The session token is missing, invalid or expired"),
  FORBIDDEN(4003, false, "The token's role does not allow this stream"),
  NOT_FOUND(4004, false, "The endpoint, contest or symbol does not exist"),
  HEARTBEAT_TIMEOUT(4008, true, "No heartbeat arrived for three intervals"),
  SLOW_CONSUMER(4009, true, "The client read too slowly and fell too far behind");

  private final int code;
  private final boolean retry;
  private final String reason;

  CloseCode(int code, boolean retry, String reason) {
    this.code = code;
    this.retry = retry;
    this.reason = reason;
  }

  public short code() {
    return (short) code;
  }

  public boolean retry() {
    return retry;
  }

  public String reason() {
    return reason;
  }
}
