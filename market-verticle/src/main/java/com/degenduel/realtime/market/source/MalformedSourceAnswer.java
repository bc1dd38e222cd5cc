package com.degenduel.realtime.market.source;

/** A source answered, but not with what its contract promises. */
public final class MalformedSourceAnswer extends RuntimeException {
  public MalformedSourceAnswer(String message) {
    super(message, null, false, false);
  }
}
