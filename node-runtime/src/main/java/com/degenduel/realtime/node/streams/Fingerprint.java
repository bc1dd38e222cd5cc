package com.degenduel.realtime.node.streams;

import java.time.Instant;

/**
 * A 64-bit fingerprint (FNV-1a) of a fact's content, field by field: what the fact-id window
 * compares when an id is reported again, so a reused id with other content is told apart from a
 * retry. Built from the parsed fields rather than from an encoded form, which would cost more than
 * the rest of a fact's step.
 */
public final class Fingerprint {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private long hash = OFFSET;

  public static Fingerprint start() {
    return new Fingerprint();
  }

  /** Null and the empty string are told apart. */
  public Fingerprint add(String value) {
    if (value == null) {
      return mix(-1);
    }
    for (int i = 0; i < value.length(); i++) {
      mix(value.charAt(i));
    }
    return mix(value.length());
  }

  public Fingerprint add(double value) {
    return add(Double.doubleToLongBits(value));
  }

  public Fingerprint add(long value) {
    for (int i = 0; i < 8; i++) {
      mix((int) (value >>> (8 * i)) & 0xff);
    }
    return this;
  }

  public Fingerprint add(Instant value) {
    return add(value.getEpochSecond()).add(value.getNano());
  }

  public long value() {
    return hash;
  }

  private Fingerprint mix(int value) {
    hash ^= value;
    hash *= PRIME;
    return this;
  }
}
