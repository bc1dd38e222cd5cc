package com.degenduel.realtime.gateway.metrics;

import java.util.Locale;

/** How a WebSocket handshake ended, as counted by {@code dd_gateway_handshakes}. */
public enum HandshakeOutcome {
  /** Authenticated and attached to its streams. */
  ADMITTED,
  NOT_FOUND,
  DRAINING,
  /** Behind a TLS-terminating proxy, a request the proxy did not mark as having arrived over HTTPS. */
  NOT_FORWARDED_HTTPS,
  ORIGIN_REFUSED,
  RATE_LIMITED,
  AUTH_FAILED,
  /** A bad query or path parameter, or a stream the token's role may not watch. */
  REQUEST_REJECTED,
  TOO_MANY_CONNECTIONS;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
