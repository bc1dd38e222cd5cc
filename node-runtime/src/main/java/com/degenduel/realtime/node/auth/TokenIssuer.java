package com.degenduel.realtime.node.auth;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;
import java.time.Instant;

/**
 * Signs development tokens with the configured HS256 secret: what {@code ./degenduel-ws token}
 * prints and what the simulator and tests present. They carry the configured issuer and audience
 * (JWT_ISSUER; JWT_AUDIENCE, or JWT_SERVICE_AUDIENCE for service tokens), so they verify wherever
 * those are checked. Production tokens come from the DegenDuel session service, never from here.
 */
public final class TokenIssuer {
  private final JWTAuth jwt;
  private final String issuer;
  private final String audience;
  private final String serviceAudience;
  private final String kid;

  private TokenIssuer(JWTAuth jwt, String issuer, String audience, String serviceAudience, String kid) {
    this.jwt = jwt;
    this.issuer = issuer;
    this.audience = audience;
    this.serviceAudience = serviceAudience;
    this.kid = kid;
  }

  public static TokenIssuer development(Vertx vertx, NodeConfig config) {
    if (config.isSet(Setting.JWT_JWKS) || !config.get(Setting.JWT_ALGORITHM).trim().equalsIgnoreCase("HS256")) {
      throw new IllegalArgumentException("development tokens are HS256 only; with a public key or a key set they would not verify");
    }
    return new TokenIssuer(
        JwtKeys.sharedSecret(vertx, config.get(Setting.JWT_SECRET)),
        config.getOrNull(Setting.JWT_ISSUER), config.getOrNull(Setting.JWT_AUDIENCE), config.getOrNull(Setting.JWT_SERVICE_AUDIENCE),
        null);
  }

  /** The same issuer, signing tokens with this {@code iss}. */
  public TokenIssuer withIssuer(String iss) {
    return new TokenIssuer(jwt, iss, audience, serviceAudience, kid);
  }

  /** The same issuer, signing tokens of every role with this {@code aud}. */
  public TokenIssuer withAudience(String aud) {
    return new TokenIssuer(jwt, issuer, aud, aud, kid);
  }

  /** The same issuer, naming this key id ({@code kid}) in each token's header. */
  public TokenIssuer withKid(String keyId) {
    return new TokenIssuer(jwt, issuer, audience, serviceAudience, keyId);
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
    if (issuer != null) {
      claims.put("iss", issuer);
    }
    String aud = role == Role.SERVICE ? serviceAudience : audience;
    if (aud != null) {
      claims.put("aud", aud);
    }
    JWTOptions options = new JWTOptions().setAlgorithm("HS256");
    if (kid != null) {
      options.setHeader(new JsonObject().put("kid", kid));
    }
    return jwt.generateToken(claims, options);
  }
}
