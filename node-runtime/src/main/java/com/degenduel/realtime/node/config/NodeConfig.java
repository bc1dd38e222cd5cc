package com.degenduel.realtime.node.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The resolved configuration of one process: defaults, overridden by environment, overridden by flags. */
public final class NodeConfig {
  private final Map<Setting, String> values;

  private NodeConfig(Map<Setting, String> values) {
    this.values = values;
  }

  public static NodeConfig defaults() {
    return new NodeConfig(new EnumMap<>(Setting.class));
  }

  /**
   * Reads {@code DD_*} variables from {@code env} and {@code --flag value} pairs from {@code args}.
   * Unknown flags are an error rather than silently ignored, so a typo cannot leave a default in force.
   */
  public static NodeConfig from(Map<String, String> env, List<String> args) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String v = env.get(s.env());
      if (v != null) {
        values.put(s, v);
      }
    }
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      Setting s = byFlag(arg);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("flag " + arg + " needs a value");
      }
      values.put(s, args.get(++i));
    }
    return new NodeConfig(values);
  }

  private static Setting byFlag(String flag) {
    return Arrays.stream(Setting.values())
        .filter(s -> s.flag().equals(flag))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown flag " + flag));
  }

  public NodeConfig with(Setting setting, Object value) {
    Map<Setting, String> copy = new EnumMap<>(Setting.class);
    copy.putAll(values);
    copy.put(setting, String.valueOf(value));
    return new NodeConfig(copy);
  }

  public String get(Setting setting) {
    return values.getOrDefault(setting, setting.defaultValue());
  }

  public int getInt(Setting setting) {
    try {
      return Integer.parseInt(get(setting).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.env() + " must be a whole number");
    }
  }

  public long getLong(Setting setting) {
    try {
      return Long.parseLong(get(setting).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.env() + " must be a whole number");
    }
  }

  public double getDouble(Setting setting) {
    try {
      return Double.parseDouble(get(setting).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.env() + " must be a number");
    }
  }

  public boolean getBoolean(Setting setting) {
    String value = get(setting).trim();
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(setting.env() + " must be true or false");
  }

  public Duration getMillis(Setting setting) {
    return Duration.ofMillis(getLong(setting));
  }

  public List<String> getList(Setting setting) {
    return Arrays.stream(get(setting).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public boolean isSet(Setting setting) {
    return !get(setting).isBlank();
  }

  /** The value without surrounding blanks, or null when it is empty: for settings whose absence turns a check off. */
  public String getOrNull(Setting setting) {
    return isSet(setting) ? get(setting).trim() : null;
  }
}
