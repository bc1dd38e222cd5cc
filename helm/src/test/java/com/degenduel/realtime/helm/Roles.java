package com.degenduel.realtime.helm;

import java.util.List;

/** The verticles, each deployed on its own. */
final class Roles {
  static final List<String> ALL = List.of("gateway", "market", "portfolio", "contest", "simulator");

  private Roles() {}
}
