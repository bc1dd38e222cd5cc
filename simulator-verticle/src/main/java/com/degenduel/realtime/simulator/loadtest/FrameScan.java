package com.degenduel.realtime.simulator.loadtest;

/**
 * Reads the few fields the load test needs (type, seq, symbol, event timestamp) from a frame
 * without parsing it: at a hundred thousand frames a second a full JSON parse per frame would
 * make the load generator, not the gateway, the thing being measured. Relies on the fixed key
 * order and timestamp format of {@code WireFormat}; the golden tests pin both.
 */
final class FrameScan {
  private FrameScan() {}

  static String type(String frame) {
    return stringAfter(frame, "\"type\":\"", 0);
  }

  static long seq(String frame) {
    int i = frame.indexOf("\"seq\":");
    if (i < 0) {
      return -1;
    }
    long value = 0;
    for (int j = i + 6; j < frame.length(); j++) {
      char c = frame.charAt(j);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static String symbol(String frame) {
    return stringAfter(frame, "\"symbol\":\"", 0);
  }

  static String interval(String frame) {
    return stringAfter(frame, "\"interval\":\"", 0);
  }

  static String errorCode(String frame) {
    return stringAfter(frame, "\"code\":\"", 0);
  }

  /** The event's source time in epoch milliseconds, or -1 when the message carries none. */
  static long eventMillis(String frame) {
    int i = frame.indexOf("\"timestamp\":\"");
    if (i < 0 || i + 13 + 24 > frame.length()) {
      return -1;
    }
    return isoMillis(frame, i + 13);
  }

  /** Parses {@code yyyy-MM-ddTHH:mm:ss.SSSZ} at {@code at}. */
  static long isoMillis(String s, int at) {
    int year = num(s, at, 4);
    int month = num(s, at + 5, 2);
    int day = num(s, at + 8, 2);
    int hour = num(s, at + 11, 2);
    int minute = num(s, at + 14, 2);
    int second = num(s, at + 17, 2);
    int millis = num(s, at + 20, 3);
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
  }

  private static int num(String s, int at, int digits) {
    int v = 0;
    for (int i = at; i < at + digits; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  private static String stringAfter(String frame, String key, int from) {
    int i = frame.indexOf(key, from);
    if (i < 0) {
      return null;
    }
    int start = i + key.length();
    int end = frame.indexOf('"', start);
    return end < 0 ? null : frame.substring(start, end);
  }
}
