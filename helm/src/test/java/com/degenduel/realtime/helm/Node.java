package com.degenduel.realtime.helm;

import java.util.List;
import java.util.Map;

/** One value of a parsed manifest, navigated by dotted paths ({@code spec.template.metadata}). */
record Node(Object value, String path) {

  /** The value at a dotted path, or a null-valued node when any step is missing. Keys with dots go in brackets: {@code metadata.annotations[a.b/c]}. */
  Node at(String dotted) {
    Object current = value;
    for (String step : steps(dotted)) {
      if (!(current instanceof Map<?, ?> map)) {
        return new Node(null, path + "." + dotted);
      }
      current = map.get(step);
    }
    return new Node(current, path + "." + dotted);
  }

  boolean exists(String dotted) {
    return at(dotted).value != null;
  }

  String str(String dotted) {
    Object v = at(dotted).value;
    return v == null ? null : v.toString();
  }

  List<Node> list(String dotted) {
    Object v = at(dotted).value;
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> items)) {
      throw new AssertionError(path + "." + dotted + " is not a list: " + v);
    }
    return java.util.stream.IntStream.range(0, items.size())
        .mapToObj(i -> new Node(items.get(i), path + "." + dotted + "[" + i + "]"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String dotted) {
    Object v = at(dotted).value;
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?>)) {
      throw new AssertionError(path + "." + dotted + " is not a map: " + v);
    }
    return (Map<String, Object>) v;
  }

  private static List<String> steps(String dotted) {
    List<String> steps = new java.util.ArrayList<>();
    StringBuilder step = new StringBuilder();
    boolean bracket = false;
    for (char c : dotted.toCharArray()) {
      if (c == '[' && !bracket) {
        if (step.length() > 0) {
          steps.add(step.toString());
        }
        step.setLength(0);
        bracket = true;
      } else if (c == ']' && bracket) {
        bracket = false;
      } else if (c == '.' && !bracket) {
        if (step.length() > 0) {
          steps.add(step.toString());
        }
        step.setLength(0);
      } else {
        step.append(c);
      }
    }
    if (step.length() > 0) {
      steps.add(step.toString());
    }
    return steps;
  }

  @Override
  public String toString() {
    return path + "=" + value;
  }
}
