package com.degenduel.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A gateway of its own, so that no other test's handshakes count against the per-address limit. */
class HandshakeFloodTest {
  private static final int LIMIT = 12;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static GatewayCluster gw;

  @BeforeAll
  static void start() {
    gw = new GatewayCluster(1, c -> c.with(Setting.HANDSHAKES_PER_IP_PER_MINUTE, LIMIT));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void handshakesPastThePerAddressLimitGetRateLimitedAnd1008() {
    String token = TestTokens.user(gw.services(), "Wa11etFlood00000000000001");
    for (int i = 1; i <= LIMIT; i++) {
      try (WssTestClient client = WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=BTC", token)) {
        client.send("{\"type\":\"PING\"}");
        assertThat(client.next(WAIT).getString("type")).as("handshake %d is within the limit", i).isEqualTo("PONG");
      }
    }
    try (WssTestClient refused = WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=BTC", token)) {
      JsonObject error = refused.next(WAIT);
      assertThat(error.getJsonObject("error").getString("code")).isEqualTo("RATE_LIMITED");
      assertThat(refused.awaitClose(WAIT)).isEqualTo(CloseCode.POLICY_VIOLATION.code());
    }
  }
}
