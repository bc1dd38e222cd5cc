package com.degenduel.realtime.gateway;

import static com.degenduel.realtime.testkit.WssTestClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenIssuer;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.logging.LogFormat;
import com.degenduel.realtime.node.logging.LogSetup;
import com.degenduel.realtime.node.management.ManagementServer;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real run of a gateway outside development mode, with a secret of its own, an issuer and an
 * audience: good and bad handshakes, a token refresh and refused refreshes, with every log line
 * captured at DEBUG. No token, no part of one and not the secret appears in a log line, in a
 * message sent to a client or in /metrics.
 */
class TokenSecrecyTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String SECRET = "secrecy-test-secret-" + Long.toHexString(System.nanoTime()) + "-0123456789abcdef";
  private static final String WALLET = "Wa11etSecrecy00000000000000000000000000001";
  private static GatewayCluster gw;
  private static NodeConfig tokens;
  private static int managementPort;

  @BeforeAll
  static void start() {
    gw = new GatewayCluster(1, c -> settings(c).with(Setting.DEV_MODE, false));
    tokens = settings(NodeConfig.defaults());
    NodeConfig management = gw.cluster.configFor(0).with(Setting.MANAGEMENT_HOST, "127.0.0.1").with(Setting.MANAGEMENT_PORT, 0);
    managementPort = TestCluster.await(ManagementServer.start(gw.cluster.node(0), management)).actualPort();
  }

  private static NodeConfig settings(NodeConfig config) {
    return config.with(Setting.JWT_SECRET, SECRET)
        .with(Setting.JWT_ISSUER, "https://id.degenduel.test/")
        .with(Setting.JWT_AUDIENCE, "degenduel-ws")
        .with(Setting.JWT_SERVICE_AUDIENCE, "degenduel-ingest")
        .with(Setting.TOKEN_EXPIRY_WARNING_SECONDS, 120);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void noTokenAndNotTheSecretInLogsClientMessagesOrMetrics() {
    TokenIssuer issuer = TokenIssuer.development(gw.services(), tokens);
    TokenIssuer impostor = TokenIssuer.development(gw.services(), tokens.with(Setting.JWT_SECRET, SECRET.replace('0', '1')));
    String shortLived = issuer.issue(WALLET, Role.USER, "alice", Duration.ofSeconds(60));
    String fresh = issuer.issue(WALLET, Role.USER, "alice", Duration.ofMinutes(30));
    List<String> bad = List.of(
        impostor.issue(WALLET, Role.USER, "alice", Duration.ofMinutes(5)),
        issuer.withIssuer("https://evil.test/").issue(WALLET, Role.USER, "alice", Duration.ofMinutes(5)),
        issuer.withAudience("another-service").issue(WALLET, Role.USER, "alice", Duration.ofMinutes(5)),
        issuer.issue("Backend", Role.SERVICE, null, Duration.ofMinutes(5)),
        issuer.issue(WALLET, Role.USER, "alice", Duration.ofMinutes(-5)),
        shortLived.substring(0, shortLived.length() - 10),
        "not-a-token-" + Long.toHexString(System.nanoTime()));
    List<String> refusedRefreshes = List.of(
        issuer.issue("Wa11etSomeoneElse000000000000000000000001", Role.USER, null, Duration.ofMinutes(30)),
        issuer.withAudience("another-service").issue(WALLET, Role.USER, "alice", Duration.ofMinutes(30)),
        "garbage-refresh-" + Long.toHexString(System.nanoTime()));
    List<JsonObject> sentToClients = new ArrayList<>();

    String logs = captureLogs(() -> {
      try (WssTestClient client = WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/portfolio", shortLived)) {
        sentToClients.add(client.nextMatching(ofType("TOKEN_EXPIRING"), WAIT));
        client.send(new JsonObject().put("type", "AUTH_REFRESH").put("token", fresh).encode());
        sentToClients.add(client.nextMatching(ofType("AUTH_REFRESHED"), WAIT));
        for (String token : refusedRefreshes) {
          client.send(new JsonObject().put("type", "AUTH_REFRESH").put("token", token).encode());
          JsonObject error = client.nextMatching(ofType("ERROR"), WAIT);
          assertThat(error.getJsonObject("error").getString("code")).isEqualTo("REFRESH_REJECTED");
          sentToClients.add(error);
        }
      }
      for (String token : bad) {
        try (WssTestClient client = WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/portfolio", token)) {
          JsonObject error = client.next(WAIT);
          assertThat(error.getString("type")).isEqualTo("ERROR");
          sentToClients.add(error);
          assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.UNAUTHORIZED.code());
        }
      }
    });
    String metrics = TestCluster.await(gw.services().createHttpClient()
        .request(HttpMethod.GET, managementPort, "127.0.0.1", "/metrics")
        .compose(r -> r.send())
        .compose(r -> r.body())).toString();

    assertThat(logs).contains("auth_failed").contains("connection_closed");
    assertThat(metrics).contains("dd_gateway_auth_failures_total");
    List<String> secrets = new ArrayList<>(List.of(SECRET));
    for (String token : concat(List.of(shortLived, fresh), bad, refusedRefreshes)) {
      secrets.add(token);
      // Every segment but the header, which is the same in every HS256 token and says nothing.
      Arrays.stream(token.split("\\.")).skip(1).filter(part -> part.length() >= 8).forEach(secrets::add);
    }
    String messages = sentToClients.toString();
    for (String secret : secrets) {
      assertThat(logs).as("the captured log lines").doesNotContain(secret);
      assertThat(messages).as("the messages sent to clients").doesNotContain(secret);
      assertThat(metrics).as("/metrics").doesNotContain(secret);
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return Arrays.stream(lists).flatMap(List::stream).toList();
  }

  /** Runs {@code traffic} with every log line, at DEBUG, written as JSON into a buffer; returns what was written. */
  private static String captureLogs(Runnable traffic) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LogSetup.apply(LogFormat.JSON, Level.DEBUG);
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      traffic.run();
      await().atMost(WAIT).until(() -> captured.toString(StandardCharsets.UTF_8).contains("\"event\":\"connection_closed\""));
    } finally {
      System.setErr(original);
      LogSetup.apply(LogFormat.TEXT, Level.INFO);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
