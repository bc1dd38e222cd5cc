package com.degenduel.realtime.node.auth;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The one key the configuration names, for exactly one algorithm. Holding a single key of a single
 * algorithm is what defeats algorithm confusion: a token signed with any other algorithm finds no
 * key to verify it.
 */
final class JwtKeys {
  private static final Set<String> ALGORITHMS = Set.of("HS256", "RS256", "ES256");

  private JwtKeys() {}

  static JWTAuth provider(Vertx vertx, NodeConfig config) {
    String algorithm = config.get(Setting.JWT_ALGORITHM).trim().toUpperCase();
    if (!ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException("DD_JWT_ALGORITHM must be one of " + ALGORITHMS);
    }
    PubSecKeyOptions key = new PubSecKeyOptions().setAlgorithm(algorithm);
    if (algorithm.equals("HS256")) {
      String secret = config.get(Setting.JWT_SECRET);
      if (secret.length() < 32) {
        throw new IllegalArgumentException("DD_JWT_SECRET must be at least 32 characters");
      }
      key.setBuffer(secret);
    } else {
      if (!config.isSet(Setting.JWT_PUBLIC_KEY)) {
        throw new IllegalArgumentException("DD_JWT_PUBLIC_KEY is required for " + algorithm);
      }
      key.setBuffer(readPem(config.get(Setting.JWT_PUBLIC_KEY)));
    }
    // Expiry is checked by TokenVerifier itself so that it can tell "expired" from "invalid".
    JWTOptions options = new JWTOptions().setIgnoreExpiration(true).setAlgorithm(algorithm);
    return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key).setJWTOptions(options));
  }

  private static String readPem(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read DD_JWT_PUBLIC_KEY " + path, e);
    }
  }
}
