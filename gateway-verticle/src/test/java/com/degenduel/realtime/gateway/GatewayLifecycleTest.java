package com.degenduel.realtime.gateway;

import static com.degenduel.realtime.testkit.WssTestClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Long-lived sockets: heartbeats, token expiry and refresh, the cluster-wide per-wallet cap across
 * two gateways, and graceful drain. Intervals are short so that each deadline passes in a second.
 */
class GatewayLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Long enough that a heartbeating client is not closed when a loaded machine delays it for a moment. */
  private static final Duration HEARTBEAT = Duration.ofMillis(1000);
  private static final String MARKET = "/api/v2/ws/market?symbols=BTC";
  private static GatewayCluster gw;

  @BeforeAll
  static void start() {
    gw =
        new GatewayCluster(
            3,
            c ->
                c.with(Setting.HEARTBEAT_INTERVAL_MS, HEARTBEAT.toMillis())
                    .with(Setting.MARKET_HEARTBEAT_INTERVAL_MS, HEARTBEAT.toMillis())
                    .with(Setting.HEARTBEAT_MISSED_LIMIT, 3)
                    .with(Setting.TOKEN_EXPIRY_WARNING_SECONDS, 2)
                    .with(Setting.JWT_LEEWAY_SECONDS, 0)
                    .with(Setting.MAX_CONNECTIONS_PER_WALLET, 2)
                    .with(Setting.DRAIN_WINDOW_MS, 1500));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static WssTestClient connect(int gateway, String token) {
    return WssTestClient.connect(gw.services(), gw.port(gateway), MARKET, token);
  }

  private static String token(String wallet, Duration ttl) {
    return TestTokens.issue(gw.services(), wallet, Role.USER, ttl);
  }

  private static String errorCode(JsonObject message) {
    return message.getJsonObject("error").getString("code");
  }

  @Test
  void aSilentClientIsClosedWith4008WhileClientsThatHeartbeatStay() {
    String token = token("Wa11etLife0000000000000001", Duration.ofMinutes(5));
    try (WssTestClient silent = connect(0, token);
        WssTestClient pingFrames = connect(0, token("Wa11etLife0000000000000002", Duration.ofMinutes(5)));
        WssTestClient pingMessages = connect(0, token("Wa11etLife0000000000000003", Duration.ofMinutes(5)))) {
      pingFrames.heartbeat(gw.services(), HEARTBEAT.dividedBy(2));
      long pings =
          gw.services().setPeriodic(HEARTBEAT.dividedBy(2).toMillis(), t -> pingMessages.socket().writeTextMessage("{\"type\":\"PING\"}"));
      try {
        assertThat(errorCode(silent.nextMatching(ofType("ERROR"), WAIT))).isEqualTo("HEARTBEAT_TIMEOUT");
        assertThat(silent.awaitClose(WAIT)).isEqualTo(CloseCode.HEARTBEAT_TIMEOUT.code());
        // The wait is the point: the clients that heartbeat outlive several more missed-heartbeat deadlines.
        await().during(HEARTBEAT.multipliedBy(6)).atMost(HEARTBEAT.multipliedBy(6).plus(WAIT)).untilAsserted(() -> {
          assertThat(pingFrames.isClosed()).as("WebSocket ping frames count as heartbeats").isFalse();
          assertThat(pingMessages.isClosed()).as("PING messages count as heartbeats").isFalse();
        });
        assertThat(pingMessages.nextMatching(ofType("PONG"), WAIT)).isNotNull();
      } finally {
        gw.services().cancelTimer(pings);
      }
    }
  }

  @Test
  void theTokenIsAnnouncedAsExpiringAndARefreshForTheSameWalletExtendsTheConnection() {
    String wallet = "Wa11etLife0000000000000004";
    try (WssTestClient client = connect(0, token(wallet, Duration.ofSeconds(4)))) {
      client.heartbeat(gw.services(), HEARTBEAT.dividedBy(2));
      JsonObject expiring = client.nextMatching(ofType("TOKEN_EXPIRING"), WAIT);
      Instant expiresAt = WireTime.parse(expiring.getString("expires_at"));

      client.send("{\"type\":\"AUTH_REFRESH\",\"token\":\"" + token("Wa11etLife0000000000000099", Duration.ofMinutes(5)) + "\"}");
      assertThat(errorCode(client.nextMatching(ofType("ERROR"), WAIT))).as("another wallet's token").isEqualTo("REFRESH_REJECTED");
      client.send("{\"type\":\"AUTH_REFRESH\",\"token\":\"not.a.token\"}");
      assertThat(errorCode(client.nextMatching(ofType("ERROR"), WAIT))).isEqualTo("REFRESH_REJECTED");

      client.send("{\"type\":\"AUTH_REFRESH\",\"token\":\"" + token(wallet, Duration.ofMinutes(5)) + "\"}");
      JsonObject refreshed = client.nextMatching(ofType("AUTH_REFRESHED"), WAIT);
      assertThat(WireTime.parse(refreshed.getString("expires_at"))).isAfter(expiresAt.plusSeconds(60));

      Duration pastFirstExp = Duration.ofMillis(Math.max(100, Duration.between(Instant.now(), expiresAt).plusMillis(1500).toMillis()));
      // The wait is the point: the connection outlives the first token's exp.
      await().during(pastFirstExp).atMost(pastFirstExp.plus(WAIT)).until(() -> !client.isClosed());
      client.send("{\"type\":\"PING\"}");
      assertThat(client.nextMatching(ofType("PONG"), WAIT)).isNotNull();
      assertThat(client.isClosed()).as("alive past the first token's exp").isFalse();
    }
  }

  @Test
  void withoutARefreshTheConnectionEndsAtExpWithAuthExpiredAnd4001() {
    // Long enough for a handshake on a loaded machine: a connection first checked after exp is never warned.
    try (WssTestClient client = connect(0, token("Wa11etLife0000000000000005", Duration.ofSeconds(6)))) {
      client.heartbeat(gw.services(), HEARTBEAT.dividedBy(2));
      client.nextMatching(ofType("TOKEN_EXPIRING"), WAIT);
      assertThat(errorCode(client.nextMatching(ofType("ERROR"), WAIT))).isEqualTo("AUTH_EXPIRED");
      assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.UNAUTHORIZED.code());
    }
  }

  @Test
  void aWalletMayHoldOnlyTheConfiguredNumberOfConnectionsAcrossAllGateways() {
    String wallet = "Wa11etLife0000000000000006";
    String token = token(wallet, Duration.ofMinutes(5));
    try (WssTestClient first = connect(0, token);
        WssTestClient second = connect(1, token)) {
      first.heartbeat(gw.services(), HEARTBEAT.dividedBy(2));
      second.heartbeat(gw.services(), HEARTBEAT.dividedBy(2));
      awaitAdmitted(first);
      awaitAdmitted(second);
      try (WssTestClient third = connect(0, token)) {
        assertThat(errorCode(third.nextMatching(ofType("ERROR"), WAIT))).isEqualTo("TOO_MANY_CONNECTIONS");
        assertThat(third.awaitClose(WAIT)).isEqualTo(CloseCode.POLICY_VIOLATION.code());
      }
      first.close();
      await().atMost(WAIT.multipliedBy(3)).untilAsserted(() -> {
        try (WssTestClient again = connect(1, token)) {
          again.send("{\"type\":\"PING\"}");
          assertThat(again.next(WAIT).getString("type")).as("a released slot is usable from the other gateway").isEqualTo("PONG");
        }
      });
    }
  }

  private static void awaitAdmitted(WssTestClient client) {
    client.send("{\"type\":\"PING\"}");
    client.nextMatching(ofType("PONG"), WAIT);
  }

  @Test
  void drainClosesEverySocketWith1012SpreadOverTheWindowAndRefusesNewOnes() throws Exception {
    List<WssTestClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        WssTestClient client = connect(2, token(String.format("Wa11etDrain%015d", i), Duration.ofMinutes(5)));
        client.heartbeat(gw.services(), HEARTBEAT.dividedBy(2));
        awaitAdmitted(client);
        clients.add(client);
      }
      long started = System.nanoTime();
      var undeployed = gw.cluster.node(2).undeploy(gw.deployments.get(2));

      var refused =
          WssTestClient.tryConnect(
              gw.services(),
              WssTestClient.clientOptions(),
              WssTestClient.options(gw.port(2), MARKET, token("Wa11etDrain999999999999999", Duration.ofMinutes(5))));
      try {
        refused.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).close();
        throw new AssertionError("a draining gateway accepted a new socket");
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
        assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).isEqualTo(503);
      }

      long first = Long.MAX_VALUE;
      long last = 0;
      for (WssTestClient client : clients) {
        assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.SERVICE_RESTART.code());
        first = Math.min(first, client.closedAtNanos());
        last = Math.max(last, client.closedAtNanos());
      }
      TestCluster.await(undeployed);
      // Nominally one close per 100 ms tick, 700 ms from first to last; a loaded machine runs late ticks back to back.
      assertThat(Duration.ofNanos(last - first)).as("closes are spread, not a stampede").isGreaterThan(Duration.ofMillis(300));
      assertThat(Duration.ofNanos(last - started)).isLessThan(Duration.ofSeconds(5));
    } finally {
      clients.forEach(WssTestClient::close);
    }
  }
}
