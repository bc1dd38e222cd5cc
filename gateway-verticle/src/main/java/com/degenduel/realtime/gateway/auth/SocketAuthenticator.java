package com.degenduel.realtime.gateway.auth;

import com.degenduel.realtime.node.auth.Identity;
import com.degenduel.realtime.node.auth.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * Where a socket is authenticated. Browsers cannot set headers on a WebSocket, so the session token
 * travels as the subprotocol ({@code new WebSocket(url, token)}); the gateway's handshake echoes
 * it back, as browsers require, and then verifies it here.
 */
public final class SocketAuthenticator {
  private static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";

  private final TokenVerifier verifier;

  public SocketAuthenticator(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  public Future<Identity> authenticate(MultiMap handshakeHeaders) {
    return verifier.verify(offeredToken(handshakeHeaders));
  }

  /** The first offered subprotocol is the token; browsers send the list comma-separated. */
  static String offeredToken(MultiMap headers) {
    String offered = headers.get(SUBPROTOCOL_HEADER);
    if (offered == null) {
      return null;
    }
    int comma = offered.indexOf(',');
    return (comma < 0 ? offered : offered.substring(0, comma)).trim();
  }
}
