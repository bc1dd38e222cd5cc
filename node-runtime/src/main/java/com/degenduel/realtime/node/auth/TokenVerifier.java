package com.degenduel.realtime.node.auth;

import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.time.Clock;
import java.time.Instant;

/**
 * Verifies a session token: signature with the configured keys ({@code alg: none} and every
 * algorithm no key is for refused), then the claims: {@code iss} and {@code aud} when configured,
 * {@code sub} (wallet), {@code role}, {@code exp} required, {@code username} optional. Fails with an
 * {@link AuthFailure}, whose message never repeats the token.
 */
public final class TokenVerifier {
  private static final int MAX_TOKEN_LENGTH = 4096;

  private final TokenKeys keys;
  private final String issuer;
  private final String audience;
  private final String serviceAudience;
  private final long leewaySeconds;
  private final Clock clock;

  private TokenVerifier(TokenKeys keys, String issuer, String audience, String serviceAudience, long leewaySeconds, Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.serviceAudience = serviceAudience;
    this.leewaySeconds = leewaySeconds;
    this.clock = clock;
  }

  /**
   * The verifier of client tokens (WebSockets, the simulator's test endpoints): their audience is
   * JWT_AUDIENCE. Refuses the development secret outside development mode.
   */
  public static TokenVerifier create(Vertx vertx, NodeConfig config) {
    String audience = config.getOrNull(Setting.JWT_AUDIENCE);
    String serviceAudience = config.getOrNull(Setting.JWT_SERVICE_AUDIENCE);
    if (audience != null && audience.equals(serviceAudience)) {
      throw new IllegalArgumentException(
          "DD_JWT_SERVICE_AUDIENCE must differ from DD_JWT_AUDIENCE, or a user's token would be accepted as a service's");
    }
    return new TokenVerifier(
        TokenKeys.from(vertx, config), config.getOrNull(Setting.JWT_ISSUER), audience, serviceAudience,
        config.getLong(Setting.JWT_LEEWAY_SECONDS), Clock.systemUTC());
  }

  /** The verifier of service tokens on the ingestion APIs: the same keys and issuer, their own audience (JWT_SERVICE_AUDIENCE). */
  public TokenVerifier forServiceTokens() {
    return new TokenVerifier(keys, issuer, serviceAudience, serviceAudience, leewaySeconds, clock);
  }

  /** Changes whenever the keys do (a key set read again): a token verified before may not verify after. */
  public long keysVersion() {
    return keys.version();
  }

  public Future<Identity> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new AuthFailure(ErrorCode.AUTH_MISSING, ErrorCode.AUTH_MISSING.description()));
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return Future.failedFuture(invalid("the session token is too long"));
    }
    TokenCredentials credentials = new TokenCredentials(token);
    return keys.current()
        .compose(loaded -> authenticate(loaded, credentials))
        .recover(e -> Future.failedFuture(refusal(e)))
        .compose(user -> claims(user.attributes().getJsonObject("accessToken", new JsonObject())));
  }

  private Future<User> authenticate(TokenKeys.Loaded loaded, TokenCredentials credentials) {
    return loaded.verifier().authenticate(credentials).recover(e -> {
      if (!(e instanceof NoSuchKeyIdException)) {
        return Future.failedFuture(e);
      }
      return keys.afterUnknownKey(loaded)
          .compose(fresh -> fresh == loaded ? Future.failedFuture(e) : fresh.verifier().authenticate(credentials));
    });
  }

  private static AuthFailure refusal(Throwable failure) {
    if (failure instanceof NoSuchKeyIdException) {
      return invalid("no key of this service verifies the session token (its kid or alg)");
    }
    if (failure instanceof TokenKeys.KeysUnavailable) {
      return invalid("the session token cannot be verified: this service has no token keys yet");
    }
    return invalid(ErrorCode.AUTH_INVALID.description());
  }

  private Future<Identity> claims(JsonObject claims) {
    Object sub = claims.getValue("sub");
    Object role = claims.getValue("role");
    Object exp = claims.getValue("exp");
    Object username = claims.getValue("username");
    if (issuer != null && !issuer.equals(claims.getValue("iss"))) {
      return Future.failedFuture(invalid("the session token was not issued by the issuer this service trusts (iss)"));
    }
    if (audience != null && !names(claims.getValue("aud"), audience)) {
      return Future.failedFuture(invalid("the session token is not meant for this service (aud)"));
    }
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

  /** {@code aud} is one string or an array of them (RFC 7519, 4.1.3). */
  private static boolean names(Object aud, String expected) {
    return aud instanceof String single ? single.equals(expected) : aud instanceof JsonArray many && many.contains(expected);
  }

  private static AuthFailure invalid(String message) {
    return new AuthFailure(ErrorCode.AUTH_INVALID, message);
  }
}
