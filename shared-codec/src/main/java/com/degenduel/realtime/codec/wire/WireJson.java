package com.degenduel.realtime.codec.wire;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Small helpers that keep the record mappings honest: required fields fail loudly, optional ones stay absent. */
public final class WireJson {
  private WireJson() {}

  public static String requireString(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (!(v instanceof String s)) {
      throw new WireFormatException("field '" + field + "' must be a string");
    }
    return s;
  }

  public static double requireNumber(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (!(v instanceof Number n)) {
      throw new WireFormatException("field '" + field + "' must be a number");
    }
    return n.doubleValue();
  }

  /** A whole number; a fraction or a value beyond the range is refused rather than silently cut. */
  public static long requireLong(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw new WireFormatException("field '" + field + "' must be a whole number");
  }

  public static int requireInt(JsonObject o, String field) {
    long v = requireLong(o, field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new WireFormatException("field '" + field + "' is out of range");
    }
    return (int) v;
  }

  public static JsonObject requireObject(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (!(v instanceof JsonObject j)) {
      throw new WireFormatException("field '" + field + "' must be an object");
    }
    return j;
  }

  public static Instant requireTime(JsonObject o, String field) {
    try {
      return WireTime.parse(requireString(o, field));
    } catch (java.time.format.DateTimeParseException e) {
      throw new WireFormatException("field '" + field + "' must be an ISO-8601 timestamp");
    }
  }

  public static JsonObject putIfPresent(JsonObject o, String field, Object value) {
    if (value != null) {
      o.put(field, value);
    }
    return o;
  }
}
