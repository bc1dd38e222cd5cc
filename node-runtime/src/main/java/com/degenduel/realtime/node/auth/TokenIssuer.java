package com.degenduel.realtime.node.auth;

import com.degenduel.realtime.node.config.NodeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;
import java.time.Instant;

/**
 * Signs development tokens with the configured HS256 secret: what {@code ./degenduel-ws token}
 * prints and what the simulator and tests present. Production tokens come from the DegenDuel
 * session service, never from here.
 */
public final class TokenIssuer {
  private final JWTAuth jwt;

  private TokenIssuer(JWTAuth jwt) {
    this.jwt = jwt;
  }

  public static TokenIssuer development(Vertx vertx, NodeConfig config) {
    if (!config.get(com.degenduel.realtime.node.config.Setting.JWT_ALGORITHM).equalsIgnoreCase("HS256")) {
      throw new IllegalArgumentException("development tokens are HS256 only");
    }
    return new TokenIssuer(JwtKeys.provider(vertx, config));
  }

  public String issue(String wallet, Role role, String username, Duration ttl) {
    // exp is set here rather than through JWTOptions so that tests can mint already-expired tokens.
    JsonObject claims =
        new JsonObject()
            .put("sub", wallet)
            .put("role", role.claim())
            .put("exp", Instant.now().plus(ttl).getEpochSecond());
    if (username != null) {
      claims.put("username", username);
    }
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256"));
  }
}
