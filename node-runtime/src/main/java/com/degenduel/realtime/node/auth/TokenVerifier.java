package com.degenduel.realtime.node.auth;

import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Clock;
import java.time.Instant;

/**
 * Verifies a session token: signature with the configured key and algorithm ({@code alg: none}
 * and every other algorithm refused), then the claims: {@code sub} (wallet), {@code role}, {@code
 * exp} required, {@code username} optional. Fails with an {@link AuthFailure}.
 */
public final class TokenVerifier {
  private static final int MAX_TOKEN_LENGTH = 4096;

  private final JWTAuth jwt;
  private final long leewaySeconds;
  private final Clock clock;

  private TokenVerifier(JWTAuth jwt, long leewaySeconds, Clock clock) {
    this.jwt = jwt;
    this.leewaySeconds = leewaySeconds;
    this.clock = clock;
  }

  public static TokenVerifier create(Vertx vertx, NodeConfig config) {
    return new TokenVerifier(
        JwtKeys.provider(vertx, config), config.getLong(Setting.JWT_LEEWAY_SECONDS), Clock.systemUTC());
  }

  public Future<Identity> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new AuthFailure(ErrorCode.AUTH_MISSING, ErrorCode.AUTH_MISSING.description()));
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return Future.failedFuture(invalid("the session token is too long"));
    }
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(invalid(ErrorCode.AUTH_INVALID.description())))
        .compose(user -> claims(user.attributes().getJsonObject("accessToken", new JsonObject())));
  }

  private Future<Identity> claims(JsonObject claims) {
    Object sub = claims.getValue("sub");
    Object role = claims.getValue("role");
    Object exp = claims.getValue("exp");
    Object username = claims.getValue("username");
    if (!(sub instanceof String wallet) || wallet.isBlank()) {
      return Future.failedFuture(invalid("the session token has no sub (wallet address)"));
    }
    if (!(exp instanceof Number expSeconds)) {
      return Future.failedFuture(invalid("the session token has no exp"));
    }
    if (username != null && !(username instanceof String)) {
      return Future.failedFuture(invalid("the session token's username is not a string"));
    }
    Role parsedRole = role instanceof String r ? Role.fromClaim(r).orElse(null) : null;
    if (parsedRole == null) {
      return Future.failedFuture(invalid("the session token's role is not user, admin, superadmin or service"));
    }
    Instant expiresAt = Instant.ofEpochSecond(expSeconds.longValue());
    if (clock.instant().isAfter(expiresAt.plusSeconds(leewaySeconds))) {
      return Future.failedFuture(new AuthFailure(ErrorCode.AUTH_EXPIRED, ErrorCode.AUTH_EXPIRED.description()));
    }
    return Future.succeededFuture(new Identity(wallet, parsedRole, (String) username, expiresAt));
  }

  private static AuthFailure invalid(String message) {
    return new AuthFailure(ErrorCode.AUTH_INVALID, message);
  }
}
