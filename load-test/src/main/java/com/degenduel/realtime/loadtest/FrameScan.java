package com.degenduel.realtime.loadtest;

import com.degenduel.realtime.codec.message.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the few fields the load test needs (type, seq, symbol, event timestamp) from a frame's
 * UTF-8 bytes without parsing or even decoding it: at a hundred thousand frames a second a JSON
 * parse, or a String, per frame would make the load generator, not the gateway, the thing being
 * measured. Every key and every value read here is ASCII. Relies on the fixed key order and
 * timestamp format of {@code WireFormat}; the golden tests pin both.
 */
final class FrameScan {
  private static final byte[] TYPE = ascii("\"type\":\"");
  private static final byte[] SEQ = ascii("\"seq\":");
  private static final byte[] SYMBOL = ascii("\"symbol\":\"");
  private static final byte[] INTERVAL = ascii("\"interval\":\"");
  private static final byte[] CODE = ascii("\"code\":\"");
  private static final byte[] TIMESTAMP = ascii("\"timestamp\":\"");
  private static final int ISO_MILLIS_LENGTH = 24;
  private static final Map<byte[], String> KNOWN_TYPE_NAMES = new IdentityHashMap<>();
  private static final byte[][] KNOWN_TYPES;

  static {
    List<String> names = new ArrayList<>();
    for (MessageType type : MessageType.values()) {
      names.add(type.name());
    }
    names.add("ERROR");
    KNOWN_TYPES = new byte[names.size()][];
    for (int i = 0; i < names.size(); i++) {
      KNOWN_TYPES[i] = ascii(names.get(i));
      KNOWN_TYPE_NAMES.put(KNOWN_TYPES[i], names.get(i));
    }
  }

  private FrameScan() {}

  /** The message type; the names the gateway sends come back as the same String each time. */
  static String type(byte[] frame) {
    int i = indexOf(frame, TYPE);
    if (i < 0) {
      return null;
    }
    int start = i + TYPE.length;
    for (byte[] known : KNOWN_TYPES) {
      if (startsWith(frame, start, known) && start + known.length < frame.length && frame[start + known.length] == '"') {
        return KNOWN_TYPE_NAMES.get(known);
      }
    }
    return stringAfter(frame, TYPE);
  }

  private static boolean startsWith(byte[] frame, int at, byte[] prefix) {
    if (at + prefix.length > frame.length) {
      return false;
    }
    for (int j = 0; j < prefix.length; j++) {
      if (frame[at + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }

  static long seq(byte[] frame) {
    int i = indexOf(frame, SEQ);
    if (i < 0) {
      return -1;
    }
    long value = 0;
    for (int j = i + SEQ.length; j < frame.length; j++) {
      byte c = frame[j];
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** {@code hash} extended with the symbol's bytes (FNV-1a), without building a String. */
  static long hashOfSymbol(byte[] frame, long hash) {
    return hashOfValue(frame, SYMBOL, hash);
  }

  static long hashOfInterval(byte[] frame, long hash) {
    return hashOfValue(frame, INTERVAL, hash);
  }

  static long mix(long hash, int value) {
    for (int shift = 0; shift < 32; shift += 8) {
      hash = (hash ^ ((value >>> shift) & 0xFF)) * FNV_PRIME;
    }
    return hash;
  }

  private static long hashOfValue(byte[] frame, byte[] key, long hash) {
    int i = indexOf(frame, key);
    if (i < 0) {
      return hash;
    }
    for (int j = i + key.length; j < frame.length && frame[j] != '"'; j++) {
      hash = (hash ^ (frame[j] & 0xFF)) * FNV_PRIME;
    }
    return hash * FNV_PRIME;
  }

  static String errorCode(byte[] frame) {
    return stringAfter(frame, CODE);
  }

  /** The event's source time in epoch milliseconds, or -1 when the message carries none. */
  static long eventMillis(byte[] frame) {
    // The event's timestamp is the last field of every message that has one (data's last, or the
    // root's after data): from the end it is a few dozen bytes away, from the start a whole frame.
    int i = lastIndexOf(frame, TIMESTAMP);
    if (i < 0 || i + TIMESTAMP.length + ISO_MILLIS_LENGTH > frame.length) {
      return -1;
    }
    return isoMillis(frame, i + TIMESTAMP.length);
  }

  /** Parses {@code yyyy-MM-ddTHH:mm:ss.SSSZ} at {@code at}. */
  static long isoMillis(byte[] s, int at) {
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

  private static int num(byte[] s, int at, int digits) {
    int v = 0;
    for (int i = at; i < at + digits; i++) {
      v = v * 10 + (s[i] - '0');
    }
    return v;
  }

  private static String stringAfter(byte[] frame, byte[] key) {
    int i = indexOf(frame, key);
    if (i < 0) {
      return null;
    }
    int start = i + key.length;
    for (int end = start; end < frame.length; end++) {
      if (frame[end] == '"') {
        return new String(frame, start, end - start, StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static int lastIndexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
