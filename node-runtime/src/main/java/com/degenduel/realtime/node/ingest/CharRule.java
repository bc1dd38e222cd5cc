package com.degenduel.realtime.node.ingest;

/**
 * A string of ASCII characters from one set, between two lengths: how ids and wallet addresses
 * are checked on every fact, by a table lookup per character rather than a regular expression.
 */
public final class CharRule {
  private final boolean[] allowed = new boolean[128];
  private final int minLength;
  private final int maxLength;

  /** {@code ranges} pairs first and last characters: {@code "azAZ09"} is letters and digits. */
  public CharRule(String ranges, String singles, int minLength, int maxLength) {
    for (int i = 0; i + 1 < ranges.length(); i += 2) {
      for (char c = ranges.charAt(i); c <= ranges.charAt(i + 1); c++) {
        allowed[c] = true;
      }
    }
    for (char c : singles.toCharArray()) {
      allowed[c] = true;
    }
    this.minLength = minLength;
    this.maxLength = maxLength;
  }

  public boolean matches(String value) {
    int length = value.length();
    if (length < minLength || length > maxLength) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 128 || !allowed[c]) {
        return false;
      }
    }
    return true;
  }
}
