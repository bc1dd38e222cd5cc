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

  /** The failure message of an event-bus reply that carries this rejection to another service. */
  public String toReplyMessage() {
    return error.name() + ": " + getMessage();
  }

  /** Reads back a rejection sent with {@link #toReplyMessage}. */
  public static FactRejected fromReplyMessage(String message) {
    String text = message == null ? "" : message;
    int colon = text.indexOf(": ");
    if (colon < 0) {
      return FactError.INTERNAL_ERROR.reject("the owning service could not process the fact");
    }
    return new FactRejected(FactError.byName(text.substring(0, colon)), text.substring(colon + 2));
  }
}
