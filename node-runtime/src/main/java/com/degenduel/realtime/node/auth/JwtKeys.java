package com.degenduel.realtime.node.auth;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Set;

/**
 * A verifier holding exactly one key of exactly one algorithm: the shared secret (HS256) or one
 * public key (RS256, ES256). Holding a single key of a single algorithm is what defeats algorithm
 * confusion: a token signed with any other algorithm finds no key to verify it.
 */
final class JwtKeys {
  static final Set<String> ALGORITHMS = Set.of("HS256", "RS256", "ES256");

  private JwtKeys() {}

  static JWTAuth sharedSecret(Vertx vertx, String secret) {
    if (secret.length() < 32) {
      throw new IllegalArgumentException("DD_JWT_SECRET must be at least 32 characters");
    }
    return single(vertx, new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret));
  }

  static JWTAuth publicKey(Vertx vertx, String algorithm, String pem) {
    return single(vertx, new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(pem));
  }

  private static JWTAuth single(Vertx vertx, PubSecKeyOptions key) {
    // Expiry is checked by TokenVerifier itself so that it can tell "expired" from "invalid".
    JWTOptions options = new JWTOptions().setIgnoreExpiration(true).setAlgorithm(key.getAlgorithm());
    return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key).setJWTOptions(options));
  }
}
