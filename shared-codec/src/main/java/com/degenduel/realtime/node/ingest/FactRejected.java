package com.degenduel.realtime.node.ingest;

/** A fact refused with a reason safe to show to the caller. */
public final class FactRejected extends RuntimeException {
  private final FactError error;

  public FactRejected(FactError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public FactError error() {
    return error;
  }
}
