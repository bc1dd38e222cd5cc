package com.degenduel.realtime.gateway.security;

import java.util.List;

/**
 * The allowlist of browser origins, against cross-site WebSocket hijacking: a page on another site
 * could otherwise open a socket with the victim's cookies or stored token. An entry is an exact
 * origin ({@code https://app.degenduel.me}) or one with any port ({@code http://localhost:*}).
 * Requests with no Origin come from non-browser clients, which can forge any header anyway.
 */
public final class OriginPolicy {
  private final List<String> exact;
  private final List<String> anyPort;

  public OriginPolicy(List<String> entries) {
    this.exact = entries.stream().filter(e -> !e.endsWith(":*")).toList();
    this.anyPort = entries.stream().filter(e -> e.endsWith(":*")).map(e -> e.substring(0, e.length() - 2)).toList();
  }

  public boolean allows(String origin) {
    if (origin == null) {
      return true;
    }
    if (exact.contains(origin)) {
      return true;
    }
    for (String base : anyPort) {
      if (origin.equals(base)) {
        return true;
      }
      if (origin.startsWith(base + ":") && isPort(origin.substring(base.length() + 1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPort(String text) {
    return !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(Character::isDigit);
  }
}
