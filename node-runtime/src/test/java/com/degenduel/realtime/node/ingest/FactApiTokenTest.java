package com.degenduel.realtime.node.ingest;

import static com.degenduel.realtime.testkit.TestIdentityProvider.AUDIENCE;
import static com.degenduel.realtime.testkit.TestIdentityProvider.SERVICE_AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.testkit.FactClient;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestIdentityProvider;
import com.degenduel.realtime.testkit.TestJwk;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingestion API over real HTTP takes a fact only with a service token of the services' own
 * audience, from the configured issuer, signed by a key of the current key set; anything else is
 * a 401. A key dropped from the set stops its tokens here too, though the API remembers the tokens
 * it has verified.
 */
class FactApiTokenTest {
  private static final String PATH = "/facts/echo";
  private static final JsonObject FACT = new JsonObject().put("id", "f-1");
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private Vertx vertx;
  private FactClient client;
  private Path jwks;
  private final TestJwk key = TestJwk.rsa("services-2025");

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    jwks = dir.resolve("jwks.json");
    TestJwk.publish(jwks, key);
    NodeConfig config = TestIdentityProvider.keySet(NodeConfig.defaults(), jwks, 100, 50);
    int port = TestCluster.await(
        FactApi.create(vertx, TokenVerifier.create(vertx, config))
            .post(PATH, (ctx, body) -> Future.succeededFuture(new JsonObject().put("accepted", body.getString("id"))))
            .listen("127.0.0.1", 0))
        .actualPort();
    client = new FactClient(vertx, port);
  }

  @AfterEach
  void stop() {
    client.close();
    TestCluster.await(vertx.close());
  }

  private static JsonObject claims(String role, String audience) {
    return TestIdentityProvider.claims("DegenDuelBackend", role, audience);
  }

  @Test
  void aServiceTokenOfTheServicesAudienceIsAccepted() {
    FactClient.Answer answer = client.post(PATH, FACT, key.sign(claims("service", SERVICE_AUDIENCE)));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().getString("accepted")).isEqualTo("f-1");
  }

  @Test
  void wrongIssuerWrongAudienceUnknownKidAndAWebSocketTokenAre401() {
    assertUnauthorized(key.sign(claims("service", SERVICE_AUDIENCE).put("iss", "https://evil.test/")), "a wrong iss");
    assertUnauthorized(key.sign(claims("service", "another-api")), "a wrong aud");
    assertUnauthorized(key.sign(claims("service", AUDIENCE)), "the WebSocket audience");
    assertUnauthorized(key.sign(claims("user", AUDIENCE)), "a user's WebSocket token");
    assertUnauthorized(key.signAs("RS256", "services-1999", claims("service", SERVICE_AUDIENCE)), "an unknown kid");
    assertUnauthorized(TestJwk.rsa("services-2025").sign(claims("service", SERVICE_AUDIENCE)), "a forged key under the real kid");
  }

  @Test
  void aDroppedKeyStopsItsServiceTokensEvenOnceVerified() {
    String oldToken = key.sign(claims("service", SERVICE_AUDIENCE));
    assertThat(client.post(PATH, FACT, oldToken).status()).isEqualTo(200);
    TestJwk next = TestJwk.ec("services-2026");

    TestJwk.publish(jwks, key, next);
    String newToken = next.sign(claims("service", SERVICE_AUDIENCE));
    assertThat(client.post(PATH, FACT, newToken).status()).as("the new key, picked up on its unknown kid").isEqualTo(200);
    assertThat(client.post(PATH, FACT, oldToken).status()).as("the old key is still published").isEqualTo(200);

    TestJwk.publish(jwks, next);
    await().atMost(WAIT).until(() -> client.post(PATH, FACT, oldToken).status() == 401);
    assertThat(client.post(PATH, FACT, newToken).status()).isEqualTo(200);
  }

  private void assertUnauthorized(String token, String what) {
    FactClient.Answer answer = client.post(PATH, FACT, token);
    assertThat(answer.status()).as(what).isEqualTo(401);
    assertThat(answer.code()).as(what).isEqualTo("UNAUTHORIZED");
    assertThat(answer.body().encode()).as(what).doesNotContain(token);
  }
}
