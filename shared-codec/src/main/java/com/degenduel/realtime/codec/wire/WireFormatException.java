package com.degenduel.realtime.codec.wire;

/** A JSON document that is not a valid protocol message. The message never echoes the raw input. */
public final class WireFormatException extends RuntimeException {
  public WireFormatException(String message) {
    super(message);
  }
}
