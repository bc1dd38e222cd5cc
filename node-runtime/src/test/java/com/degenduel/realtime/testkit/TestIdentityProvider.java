package com.degenduel.realtime.testkit;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The identity provider the tests' nodes trust: its issuer, the audiences of the tokens it issues
 * to clients and to the backend, the key set it publishes, and the claims of its tokens.
 */
public final class TestIdentityProvider {
  public static final String ISSUER = "https://id.degenduel.test/";
  /** Of the tokens clients present at the WebSocket endpoints. */
  public static final String AUDIENCE = "degenduel-ws";
  /** Of the tokens the backend presents at the ingestion APIs. */
  public static final String SERVICE_AUDIENCE = "degenduel-ingest";

  private TestIdentityProvider() {}

  /**
   * {@code config} verifying tokens by the key set at {@code location} (a file or a URL), read every
   * {@code refreshMs} and, for a token of an unknown kid, at most once per {@code minRefreshMs}.
   */
  public static NodeConfig keySet(NodeConfig config, Object location, long refreshMs, long minRefreshMs) {
    return config
        .with(Setting.JWT_JWKS, location)
        .with(Setting.JWT_JWKS_REFRESH_MS, refreshMs)
        .with(Setting.JWT_JWKS_MIN_REFRESH_MS, minRefreshMs)
        .with(Setting.JWT_ISSUER, ISSUER)
        .with(Setting.JWT_AUDIENCE, AUDIENCE)
        .with(Setting.JWT_SERVICE_AUDIENCE, SERVICE_AUDIENCE);
  }

  /** The claims of a token of this issuer for {@code subject}, valid for ten minutes. */
  public static JsonObject claims(String subject, String role, String audience) {
    return new JsonObject()
        .put("sub", subject)
        .put("role", role)
        .put("iss", ISSUER)
        .put("aud", audience)
        .put("exp", Instant.now().plusSeconds(600).getEpochSecond());
  }
}
