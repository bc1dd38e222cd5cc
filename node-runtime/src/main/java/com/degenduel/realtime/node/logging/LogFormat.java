package com.degenduel.realtime.node.logging;

import java.util.Locale;

/** How log lines are written: one JSON object per line for machines, or a short text line for people. */
public enum LogFormat {
  JSON,
  TEXT;

  /** The name logback.xml knows the appender by. */
  String appender() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LogFormat parse(String value) {
    for (LogFormat f : values()) {
      if (f.appender().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("DD_LOG_FORMAT must be json or text");
  }
}
