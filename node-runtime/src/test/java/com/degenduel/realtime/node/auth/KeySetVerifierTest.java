package com.degenduel.realtime.node.auth;

import static com.degenduel.realtime.testkit.TestIdentityProvider.AUDIENCE;
import static com.degenduel.realtime.testkit.TestIdentityProvider.SERVICE_AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeHealth;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestIdentityProvider;
import com.degenduel.realtime.testkit.TestJwk;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens verified by the key of their {@code kid} in a JSON Web Key Set, read from a file or
 * fetched from a URL, and key rotations done the way an identity provider does them: publish the
 * new key beside the old, sign with the new one, drop the old one. No valid token is refused
 * along the way, and a dropped key's tokens are refused once the set without it is read.
 */
class KeySetVerifierTest {
  private static final String WALLET = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private Vertx vertx;
  private Path jwks;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    jwks = dir.resolve("jwks.json");
  }

  @AfterEach
  void stop() {
    TestCluster.await(vertx.close());
  }

  private static NodeConfig keySet(String location, long refreshMs, long minRefreshMs) {
    return TestIdentityProvider.keySet(NodeConfig.defaults(), location, refreshMs, minRefreshMs);
  }

  private static JsonObject claims(String audience) {
    return TestIdentityProvider.claims(WALLET, "user", audience);
  }

  @Test
  void rs256AndEs256TokensAreVerifiedByTheKeyTheirKidNames() {
    TestJwk rsa = TestJwk.rsa("rsa-1");
    TestJwk ec = TestJwk.ec("ec-1");
    TestJwk.publish(jwks, rsa, ec);
    TokenVerifier verifier = TokenVerifier.create(vertx, keySet(jwks.toString(), 60_000, 60_000));

    assertThat(verify(verifier, rsa.sign(claims(AUDIENCE))).wallet()).isEqualTo(WALLET);
    assertThat(verify(verifier, ec.sign(claims(AUDIENCE))).wallet()).isEqualTo(WALLET);
    assertRefused(verifier, rsa.signAs("RS256", "ec-1", claims(AUDIENCE)), "another key's kid");
    assertRefused(verifier, TestJwk.rsa("rsa-1").sign(claims(AUDIENCE)), "a forged key under a known kid");
  }

  @Test
  void wrongIssuerWrongAudienceAndUnknownKidAreRefused() {
    TestJwk key = TestJwk.ec("ec-1");
    TestJwk.publish(jwks, key);
    TokenVerifier verifier = TokenVerifier.create(vertx, keySet(jwks.toString(), 60_000, 60_000));

    assertRefused(verifier, key.sign(claims(AUDIENCE).put("iss", "https://evil.test/")), "a wrong iss");
    JsonObject noIssuer = claims(AUDIENCE);
    noIssuer.remove("iss");
    assertRefused(verifier, key.sign(noIssuer), "no iss");
    assertRefused(verifier, key.sign(claims("another-service")), "a wrong aud");
    assertRefused(verifier, key.sign(claims(SERVICE_AUDIENCE)), "the services' aud at a client endpoint");
    assertRefused(verifier, key.signAs("ES256", "never-published", claims(AUDIENCE)), "an unknown kid");
    assertThat(verify(verifier, key.sign(claims(AUDIENCE).put("aud", new JsonArray().add("other").add(AUDIENCE)))).wallet())
        .as("aud as an array that names this service")
        .isEqualTo(WALLET);
  }

  @Test
  void serviceTokensHaveTheirOwnAudience() {
    TestJwk key = TestJwk.rsa("rsa-1");
    TestJwk.publish(jwks, key);
    TokenVerifier clients = TokenVerifier.create(vertx, keySet(jwks.toString(), 60_000, 60_000));
    TokenVerifier services = clients.forServiceTokens();
    String serviceToken = key.sign(claims(SERVICE_AUDIENCE).put("role", "service"));
    String userToken = key.sign(claims(AUDIENCE));

    assertThat(verify(services, serviceToken).role()).isEqualTo(Role.SERVICE);
    assertRefused(services, userToken, "a WebSocket token at an ingestion API");
    assertRefused(clients, serviceToken, "a service token at a WebSocket endpoint");
  }

  @Test
  void symmetricAndUnsignedTokensFindNoKeyInAKeySet() throws Exception {
    TestJwk key = TestJwk.rsa("rsa-1");
    String secret = "a-symmetric-key-that-someone-put-in-the-set-0123456789";
    JsonObject oct = new JsonObject().put("kty", "oct").put("kid", "oct-1").put("alg", "HS256")
        .put("k", Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    JsonObject set = new JsonObject(TestJwk.set(key));
    set.getJsonArray("keys").add(oct);
    Files.writeString(jwks, set.encode());
    TokenVerifier verifier = TokenVerifier.create(vertx, keySet(jwks.toString(), 60_000, 60_000));

    assertRefused(verifier, hs256("oct-1", claims(AUDIENCE), secret), "an HS256 token signed with an oct key of the set");
    String pem = Base64.getEncoder().encodeToString(key.pair().getPublic().getEncoded());
    assertRefused(verifier, hs256("rsa-1", claims(AUDIENCE), pem), "an HS256 token signed with the RSA public key");
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims(AUDIENCE).encode().getBytes(StandardCharsets.UTF_8));
    assertRefused(verifier, "eyJhbGciOiJub25lIn0." + payload + ".", "alg none");
    assertThat(verify(verifier, key.sign(claims(AUDIENCE))).wallet()).isEqualTo(WALLET);
  }

  @Test
  void aRotationInTheFileRefusesNoValidToken() {
    TestJwk old = TestJwk.rsa("2024-old");
    TestJwk next = TestJwk.ec("2025-new");
    TestJwk.publish(jwks, old);
    TokenVerifier verifier = TokenVerifier.create(vertx, keySet(jwks.toString(), 100, 50));
    String oldToken = old.sign(claims(AUDIENCE));
    assertThat(verify(verifier, oldToken).wallet()).isEqualTo(WALLET);

    TestJwk.publish(jwks, old, next);
    String newToken = next.sign(claims(AUDIENCE));
    await().atMost(WAIT).untilAsserted(() -> assertThat(verify(verifier, newToken).wallet()).isEqualTo(WALLET));
    assertThat(verify(verifier, oldToken).wallet()).as("the old key is still published").isEqualTo(WALLET);

    TestJwk.publish(jwks, next);
    await().atMost(WAIT).until(() -> refused(verifier, oldToken));
    assertThat(verify(verifier, newToken).wallet()).isEqualTo(WALLET);
  }

  @Test
  void aNewKeyIsPickedUpAtOnceWhenATokenNamesItAndARemovedOneOnTheNextRead() throws Exception {
    TestJwk old = TestJwk.rsa("old");
    TestJwk next = TestJwk.rsa("new");
    AtomicReference<String> published = new AtomicReference<>(TestJwk.set(old));
    AtomicInteger fetches = new AtomicInteger();
    HttpServer idp = TestCluster.await(vertx.createHttpServer()
        .requestHandler(r -> {
          fetches.incrementAndGet();
          r.response().putHeader("content-type", "application/json").end(published.get());
        })
        .listen(0, "127.0.0.1"));
    String url = "http://127.0.0.1:" + idp.actualPort() + "/.well-known/jwks.json";
    // Periodic reads far apart: the new key can only arrive through the read an unknown kid makes.
    TokenVerifier verifier = TokenVerifier.create(vertx, keySet(url, 3_600_000, 3_600_000));
    String oldToken = old.sign(claims(AUDIENCE));
    assertThat(verify(verifier, oldToken).wallet()).isEqualTo(WALLET);
    assertThat(fetches.get()).isEqualTo(1);

    published.set(TestJwk.set(old, next));
    assertThat(verify(verifier, next.sign(claims(AUDIENCE))).wallet()).as("picked up on the token's unknown kid").isEqualTo(WALLET);
    assertThat(fetches.get()).isEqualTo(2);
    for (int i = 0; i < 20; i++) {
      assertRefused(verifier, next.signAs("RS256", "random-" + i, claims(AUDIENCE)), "an unknown kid");
    }
    assertThat(fetches.get()).as("unknown kids fetch the set at most once per JWT_JWKS_MIN_REFRESH_MS").isEqualTo(2);
    assertThat(verify(verifier, oldToken).wallet()).isEqualTo(WALLET);
  }

  @Test
  void thePeriodicFetchDropsARemovedKey() {
    TestJwk old = TestJwk.ec("old");
    TestJwk next = TestJwk.ec("new");
    AtomicReference<String> published = new AtomicReference<>(TestJwk.set(old, next));
    HttpServer idp = TestCluster.await(vertx.createHttpServer()
        .requestHandler(r -> r.response().end(published.get()))
        .listen(0, "127.0.0.1"));
    TokenVerifier verifier =
        TokenVerifier.create(vertx, keySet("http://localhost:" + idp.actualPort() + "/jwks", 100, 3_600_000));
    String oldToken = old.sign(claims(AUDIENCE));
    assertThat(verify(verifier, oldToken).wallet()).isEqualTo(WALLET);

    published.set(TestJwk.set(next));
    await().atMost(WAIT).until(() -> refused(verifier, oldToken));
    assertThat(verify(verifier, next.sign(claims(AUDIENCE))).wallet()).isEqualTo(WALLET);
  }

  @Test
  void untilAKeySetIsReadTheNodeIsNotReadyAndABrokenRewriteKeepsTheKeysBefore() throws Exception {
    Files.writeString(jwks, "{\"keys\": [");
    TokenVerifier verifier = TokenVerifier.create(vertx, keySet(jwks.toString(), 100, 50));
    TestJwk key = TestJwk.rsa("k1");
    String token = key.sign(claims(AUDIENCE));
    assertRefused(verifier, token, "no keys loaded yet");
    assertThat(NodeHealth.of(vertx).readiness().reasons()).anySatisfy(r -> assertThat(r).contains("token keys not loaded"));

    TestJwk.publish(jwks, key);
    await().atMost(WAIT).until(() -> NodeHealth.of(vertx).readiness().ready());
    assertThat(verify(verifier, token).wallet()).isEqualTo(WALLET);

    Files.writeString(jwks, "not a key set");
    long versionBefore = verifier.keysVersion();
    for (int i = 0; i < 5; i++) {
      assertThat(verify(verifier, token).wallet()).isEqualTo(WALLET);
    }
    assertThat(verifier.keysVersion()).isEqualTo(versionBefore);
  }

  @Test
  void configurationErrorsAreRefusedAtOnce() {
    assertThatThrownBy(() -> TokenVerifier.create(vertx, keySet("http://idp.example.com/jwks", 1000, 1000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(() -> TokenVerifier.create(vertx, keySet(jwks.toString(), 1000, 1000).with(Setting.JWT_PUBLIC_KEY, "/k.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DD_JWT_PUBLIC_KEY");
    assertThatThrownBy(() -> TokenVerifier.create(vertx, keySet(jwks.toString(), 0, 1000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DD_JWT_JWKS_REFRESH_MS");
    assertThatThrownBy(() -> TokenVerifier.create(vertx, keySet(jwks.toString(), 1000, 1000).with(Setting.JWT_SERVICE_AUDIENCE, AUDIENCE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DD_JWT_SERVICE_AUDIENCE");
  }

  private static String hs256(String kid, JsonObject claims, String secret) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid).encode();
    String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static Identity verify(TokenVerifier verifier, String token) {
    try {
      return verifier.verify(token).toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("token was refused: " + e.getCause().getMessage(), e);
    }
  }

  private static boolean refused(TokenVerifier verifier, String token) {
    Future<Identity> result = verifier.verify(token);
    try {
      result.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      return false;
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(AuthFailure.class);
      return true;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertRefused(TokenVerifier verifier, String token, String what) {
    Future<Identity> result = verifier.verify(token);
    Throwable failure;
    try {
      result.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError("accepted a token with " + what);
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(failure).as(what).isInstanceOf(AuthFailure.class);
    assertThat(((AuthFailure) failure).code()).as(what).isEqualTo(ErrorCode.AUTH_INVALID);
    assertThat(failure.getMessage()).as(what).doesNotContain(token);
  }
}
