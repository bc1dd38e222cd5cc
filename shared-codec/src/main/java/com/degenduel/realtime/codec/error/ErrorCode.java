package com.degenduel.realtime.codec.error;

/** Every {@code error.code} an ERROR message can carry, with the description clients are shown. */
public enum ErrorCode {
  AUTH_MISSING("No session token was offered as the WebSocket subprotocol"),
  AUTH_INVALID("The session token is malformed, wrongly signed or uses a forbidden algorithm"),
  AUTH_EXPIRED("The session token has expired"),
  FORBIDDEN("Your role does not allow this"),
  NOT_FOUND("No such endpoint"),
  CONTEST_NOT_FOUND("No contest with this id"),
  INVALID_CONTEST_ID("The contest id is malformed"),
  INVALID_RESUME("The since or epoch query parameter is malformed; the stream starts from its current state"),
  INVALID_SYMBOLS("The symbol list is missing, empty, malformed or too long"),
  UNKNOWN_SYMBOL("The symbol is not traded here"),
  MESSAGE_TOO_LARGE("The message exceeds the size limit"),
  INVALID_MESSAGE("The message is not a valid protocol message"),
  UNKNOWN_TYPE("The message type is not known"),
  SUBSCRIPTION_LIMIT("The connection already watches the most symbols allowed"),
  NOT_SUPPORTED("This endpoint does not take that message"),
  RATE_LIMITED("Too many requests; slow down"),
  TOO_MANY_CONNECTIONS("This wallet has too many open connections"),
  HEARTBEAT_TIMEOUT("No heartbeat arrived for three intervals"),
  REFRESH_REJECTED("The refresh token is invalid, expired, for another wallet or not later than the current one"),
  SLOW_CONSUMER("The connection fell too far behind its stream"),
  SERVER_RESTART("The gateway is restarting; reconnect"),
  MARKET_DATA_UNAVAILABLE("Market data is temporarily unavailable; showing the last known prices"),
  SERVICE_UNAVAILABLE("A backend service did not answer; retry shortly"),
  INTERNAL_ERROR("The server could not process the request");

  private final String description;

  ErrorCode(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
