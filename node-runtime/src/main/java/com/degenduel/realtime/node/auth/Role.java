package com.degenduel.realtime.node.auth;

import java.util.Locale;
import java.util.Optional;

/** The {@code role} claim of a token. */
public enum Role {
  USER,
  ADMIN,
  SUPERADMIN,
  /** Other DegenDuel backends reporting facts; never accepted on the public WebSocket endpoints. */
  SERVICE;

  public boolean isAdmin() {
    return this == ADMIN || this == SUPERADMIN;
  }

  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromClaim(String claim) {
    for (Role r : values()) {
      if (r.claim().equals(claim)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
