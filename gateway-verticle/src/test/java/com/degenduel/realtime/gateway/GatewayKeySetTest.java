package com.degenduel.realtime.gateway;

import static com.degenduel.realtime.testkit.TestIdentityProvider.AUDIENCE;
import static com.degenduel.realtime.testkit.TestIdentityProvider.SERVICE_AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestIdentityProvider;
import com.degenduel.realtime.testkit.TestJwk;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway outside development mode that verifies tokens with an identity provider's key set
 * file: tokens of a wrong issuer, a wrong audience or an unknown key get the documented ERROR and
 * close 4001, and a key rotation done by rewriting the file under the running gateway refuses no
 * valid token.
 */
class GatewayKeySetTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String MARKET = "/api/v2/ws/market?symbols=BTC";
  /** In every set the tests publish, so that the rotation test does not change what the other test sees. */
  private static final TestJwk STEADY = TestJwk.rsa("steady");
  private static final TestJwk OLD = TestJwk.rsa("2025-05");
  private static final TestJwk NEW = TestJwk.ec("2025-06");
  private static Path dir;
  private static Path jwks;
  private static GatewayCluster gw;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("gateway-jwks");
    jwks = dir.resolve("jwks.json");
    TestJwk.publish(jwks, STEADY, OLD);
    gw = new GatewayCluster(1, c -> TestIdentityProvider.keySet(c, jwks, 200, 100)
        .with(Setting.DEV_MODE, false)
        .with(Setting.HANDSHAKES_PER_IP_PER_MINUTE, 1_000_000)
        .with(Setting.MAX_CONNECTIONS_PER_WALLET, 1_000));
    gw.publish(new StreamEvent(StreamId.market("BTC"), 1, new MarketPrice("BTC", 100.0, 1.0, 1000, 110.0, 90.0, Instant.now())));
  }

  @AfterAll
  static void stop() throws IOException {
    gw.close();
    Files.deleteIfExists(jwks);
    Files.deleteIfExists(dir);
  }

  private static JsonObject claims(String wallet) {
    return TestIdentityProvider.claims(wallet, "user", AUDIENCE);
  }

  @Test
  void wrongIssuerWrongAudienceUnknownKidAndServiceTokensGetAuthInvalidAnd4001() {
    String wallet = "Wa11etKeySet000000000000000000000000000001";
    assertThat(opens(STEADY.sign(claims(wallet)))).as("the right token").isTrue();

    assertRefused(STEADY.sign(claims(wallet).put("iss", "https://evil.test/")), "a wrong iss");
    assertRefused(STEADY.sign(claims(wallet).put("aud", "another-service")), "a wrong aud");
    assertRefused(STEADY.sign(claims(wallet).put("aud", SERVICE_AUDIENCE).put("role", "service")), "a service token");
    assertRefused(STEADY.signAs("RS256", "never-published", claims(wallet)), "an unknown kid");
    assertRefused(TestJwk.rsa("steady").sign(claims(wallet)), "a forged key under a known kid");
  }

  @Test
  void rewritingTheKeySetUnderTheRunningGatewayRefusesNoValidToken() {
    String wallet = "Wa11etRotation0000000000000000000000000001";
    String oldToken = OLD.sign(claims(wallet));
    String newToken = NEW.sign(claims(wallet));
    assertThat(opens(oldToken)).isTrue();

    TestJwk.publish(jwks, STEADY, OLD, NEW);
    await().atMost(WAIT).until(() -> opens(newToken));
    assertThat(opens(oldToken)).as("the old key is still published").isTrue();

    TestJwk.publish(jwks, STEADY, NEW);
    await().atMost(WAIT).until(() -> {
      assertThat(opens(newToken)).as("the new key, on every handshake while the old one goes").isTrue();
      return !opens(oldToken);
    });
    assertThat(opens(newToken)).isTrue();
  }

  /** True when the gateway admits the socket (the BTC snapshot arrives), false when it refuses the token with 4001. */
  private static boolean opens(String token) {
    try (WssTestClient client = WssTestClient.connect(gw.services(), gw.port(), MARKET, token)) {
      JsonObject first = client.next(WAIT);
      if (first.getString("type").equals("MARKET_PRICE")) {
        return true;
      }
      assertThat(first.getString("type")).isEqualTo("ERROR");
      assertThat(first.getJsonObject("error").getString("code")).isEqualTo("AUTH_INVALID");
      assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.UNAUTHORIZED.code());
      return false;
    }
  }

  private static void assertRefused(String token, String what) {
    try (WssTestClient client = WssTestClient.connect(gw.services(), gw.port(), MARKET, token)) {
      JsonObject error = client.next(WAIT);
      assertThat(error.getString("type")).as(what).isEqualTo("ERROR");
      assertThat(error.getJsonObject("error").getString("code")).as(what).isEqualTo("AUTH_INVALID");
      assertThat(error.getJsonObject("error").getString("message")).as(what).isNotBlank().doesNotContain(token);
      assertThat(client.awaitClose(WAIT)).as(what).isEqualTo(CloseCode.UNAUTHORIZED.code());
    }
  }
}
