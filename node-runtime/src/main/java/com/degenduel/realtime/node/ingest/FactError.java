package com.degenduel.realtime.node.ingest;

/**
 * Every error code the internal fact-ingestion APIs answer with, and its HTTP status. Messages
 * name fields and rules, never the submitted values, so nothing a caller sends is echoed back.
 */
public enum FactError {
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  INVALID_FACT(400),
  UNKNOWN_SYMBOL(400),
  CONTEST_NOT_FOUND(404),
  NOT_FOUND(404),
  INSUFFICIENT_HOLDINGS(409),
  INSUFFICIENT_BALANCE(409),
  ILLEGAL_TRANSITION(409),
  CONTEST_NOT_ACTIVE(409),
  CONTEST_EXISTS(409),
  ALREADY_JOINED(409),
  NOT_PARTICIPANT(409),
  /** The same fact id was reported before with different content. */
  FACT_ID_CONFLICT(409),
  SERVICE_UNAVAILABLE(503),
  INTERNAL_ERROR(500);

  private final int status;

  FactError(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  public FactRejected reject(String message) {
    return new FactRejected(this, message);
  }

  public static FactError byName(String name) {
    for (FactError e : values()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return INTERNAL_ERROR;
  }
}
