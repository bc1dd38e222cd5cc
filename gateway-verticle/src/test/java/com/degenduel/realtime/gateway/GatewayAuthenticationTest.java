package com.degenduel.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint accepts a good token (echoing it as the subprotocol) and closes 4001 on each kind of bad one. */
class GatewayAuthenticationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String WALLET = "Wa11etAuth000000000000000000000000000000001";
  private static GatewayCluster gw;

  @BeforeAll
  static void start() {
    gw = new GatewayCluster();
    gw.knownContests.add("c-1");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v2/ws/portfolio", "/api/v2/ws/contest/c-1", "/api/v2/ws/market?symbols=BTC,ETH,SOL"})
  void goodTokenIsAcceptedAndEchoedAsSubprotocol(String path) {
    String token = TestTokens.user(gw.services(), WALLET);
    try (WssTestClient client = WssTestClient.connect(gw.services(), gw.port(), path, token)) {
      assertThat(client.subProtocol()).isEqualTo(token);
      client.send("{\"type\":\"PING\"}");
      assertThat(client.nextMatching(WssTestClient.ofType("PONG"), WAIT).getString("timestamp")).isNotBlank();
      assertThat(client.isClosed()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v2/ws/portfolio", "/api/v2/ws/contest/c-1", "/api/v2/ws/market?symbols=BTC,ETH,SOL"})
  void missingTokenGetsAuthMissingAnd4001(String path) {
    assertRejected(path, null, "AUTH_MISSING");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v2/ws/portfolio", "/api/v2/ws/contest/c-1", "/api/v2/ws/market?symbols=BTC,ETH,SOL"})
  void malformedWrongSignatureNoneAndExpiredTokensGet4001(String path) {
    String good = TestTokens.user(gw.services(), WALLET);
    assertRejected(path, "not.a.jwt", "AUTH_INVALID");
    assertRejected(path, good.substring(0, good.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLWZvcmdlZA", "AUTH_INVALID");
    assertRejected(path, unsignedToken(), "AUTH_INVALID");
    assertRejected(path, TestTokens.issue(gw.services(), WALLET, Role.USER, Duration.ofSeconds(-60)), "AUTH_EXPIRED");
  }

  private static void assertRejected(String path, String token, String code) {
    try (WssTestClient client = WssTestClient.connect(gw.services(), gw.port(), path, token)) {
      JsonObject error = client.next(WAIT);
      assertThat(error.getString("type")).isEqualTo("ERROR");
      assertThat(error.getJsonObject("error").getString("code")).isEqualTo(code);
      assertThat(error.getJsonObject("error").getString("message")).isNotBlank();
      assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.UNAUTHORIZED.code());
      if (token != null) {
        assertThat(client.subProtocol()).isEqualTo(token);
      }
    }
  }

  /** A token a naive verifier would accept: {@code alg: none}, no signature, claims otherwise valid. */
  private static String unsignedToken() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    long exp = System.currentTimeMillis() / 1000 + 600;
    String claims =
        b64.encodeToString(
            ("{\"sub\":\"" + WALLET + "\",\"role\":\"admin\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
    return header + "." + claims + ".";
  }
}
