package com.degenduel.realtime.gateway;

import static com.degenduel.realtime.testkit.WssTestClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.logging.LogFormat;
import com.degenduel.realtime.node.logging.LogSetup;
import com.degenduel.realtime.node.management.ManagementServer;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a gateway reports about real traffic: /metrics over real HTTP on its management listener,
 * /ready while it drains, and its JSON log lines. The drain runs last: it takes the gateway away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayObservabilityTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static GatewayCluster gw;
  private static HttpClient http;
  private static int managementPort;

  @BeforeAll
  static void start() {
    gw = new GatewayCluster(1, c -> c.with(Setting.DRAIN_WINDOW_MS, 2000));
    NodeConfig management = gw.cluster.configFor(0).with(Setting.MANAGEMENT_HOST, "127.0.0.1").with(Setting.MANAGEMENT_PORT, 0);
    managementPort = TestCluster.await(ManagementServer.start(gw.cluster.node(0), management)).actualPort();
    http = gw.services().createHttpClient();
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private record Reply(int status, String body) {}

  private static Reply get(String path) {
    return TestCluster.await(
        http.request(HttpMethod.GET, managementPort, "127.0.0.1", path)
            .compose(r -> r.send())
            .compose(r -> r.body().map(b -> new Reply(r.statusCode(), b.toString()))));
  }

  private static StreamEvent price(String symbol, long seq, Instant at) {
    return new StreamEvent(StreamId.market(symbol), seq, new MarketPrice(symbol, 100.0 + seq, 1.0, 1000, 110.0, 90.0, at));
  }

  /** The value of one sample line, e.g. {@code dd_gateway_connections{endpoint="market"}}. */
  private static double sample(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("series %s in /metrics", series).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** Every metric name of docs/operations.md's metrics table with the given prefix. */
  private static List<String> documentedMetrics(String prefix) throws IOException {
    Path readme = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/operations.md");
    return Files.readAllLines(readme).stream()
        .filter(l -> l.startsWith("| `" + prefix))
        .map(l -> l.substring(3, l.indexOf('`', 3)))
        .toList();
  }

  @Test
  @Order(1)
  void metricsShowTheDocumentedNamesWithCountsOfRealTraffic() throws IOException {
    String wallet = "Wa11etMetrics00000000000000001";
    gw.publish(price("BTC", 1, Instant.now()));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=BTC", TestTokens.user(gw.services(), wallet))) {
      assertThat(client.nextMatching(ofType("MARKET_PRICE"), WAIT).getLong("seq")).as("the snapshot").isEqualTo(1);
      for (int seq = 2; seq <= 6; seq++) {
        gw.publish(price("BTC", seq, Instant.now()));
      }
      for (int seq = 2; seq <= 6; seq++) {
        assertThat(client.nextMatching(ofType("MARKET_PRICE"), WAIT).getLong("seq")).isEqualTo(seq);
      }
      client.send("{\"type\":\"PING\"}");
      client.nextMatching(ofType("PONG"), WAIT);
      client.send("not json");
      client.nextMatching(ofType("ERROR"), WAIT);
      refused("/api/v2/ws/market?symbols=BTC", "not-a-token");

      String scrape = awaitScrapeContaining("dd_gateway_auth_failures_total{reason=\"AUTH_INVALID\"} 1.0");

      List<String> documented = documentedMetrics("dd_gateway_");
      assertThat(documented).hasSizeGreaterThanOrEqualTo(10);
      for (String name : documented) {
        assertThat(scrape).as("/metrics serves %s", name).containsPattern("(?m)^" + Pattern.quote(name) + "(_bucket|_count|_sum|_max)?[{ ]");
      }
      assertThat(sample(scrape, "dd_gateway_connections{endpoint=\"market\"}")).isEqualTo(1.0);
      assertThat(sample(scrape, "dd_gateway_handshakes_total{endpoint=\"market\",outcome=\"admitted\"}")).isGreaterThanOrEqualTo(1.0);
      assertThat(sample(scrape, "dd_gateway_handshakes_total{endpoint=\"market\",outcome=\"auth_failed\"}")).isEqualTo(1.0);
      assertThat(sample(scrape, "dd_gateway_messages_out_total{endpoint=\"market\",type=\"MARKET_PRICE\"}")).isEqualTo(6.0);
      assertThat(sample(scrape, "dd_gateway_messages_out_total{endpoint=\"market\",type=\"PONG\"}")).isEqualTo(1.0);
      assertThat(sample(scrape, "dd_gateway_socket_flushes_total{endpoint=\"market\"}"))
          .as("at least one flush, none without a frame: the watched socket's snapshot, five prices, PONG and ERROR, the refused socket's ERROR")
          .isBetween(1.0, 9.0);
      assertThat(sample(scrape, "dd_gateway_messages_in_total{type=\"PING\"}")).isEqualTo(1.0);
      assertThat(sample(scrape, "dd_gateway_messages_in_total{type=\"INVALID\"}")).isEqualTo(1.0);
      assertThat(sample(scrape, "dd_gateway_errors_sent_total{code=\"INVALID_MESSAGE\"}")).isEqualTo(1.0);
      assertThat(sample(scrape, "dd_gateway_errors_sent_total{code=\"AUTH_INVALID\"}")).isEqualTo(1.0);
      assertThat(sample(scrape, "dd_gateway_fanout_subscribers_count{endpoint=\"market\"}")).isGreaterThanOrEqualTo(5.0);
      double timed = sample(scrape, "dd_gateway_end_to_end_latency_seconds_count{type=\"MARKET_PRICE\"}");
      double seconds = sample(scrape, "dd_gateway_end_to_end_latency_seconds_sum{type=\"MARKET_PRICE\"}");
      assertThat(timed).as("one sample per live publish, none for the snapshot").isEqualTo(5.0);
      assertThat(seconds).as("event time to flush, summed over the samples").isNotNegative();
      assertThat(scrape).contains("dd_gateway_end_to_end_latency_seconds_bucket{type=\"MARKET_PRICE\",le=\"0.1\"}");
    }
  }

  @Test
  @Order(2)
  void whatOnePublishCarriesReachesASocketInOneFlush() {
    gw.publish(price("ETH", 1, Instant.now()));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=ETH", TestTokens.user(gw.services(), "Wa11etMetrics00000000000000002"))) {
      assertThat(client.nextMatching(ofType("MARKET_PRICE"), WAIT).getLong("seq")).as("the snapshot").isEqualTo(1);
      double before = sample(get("/metrics").body(), "dd_gateway_socket_flushes_total{endpoint=\"market\"}");

      gw.publishTogether(List.of(price("ETH", 2, Instant.now()), price("ETH", 3, Instant.now()), price("ETH", 4, Instant.now())));
      for (int seq = 2; seq <= 4; seq++) {
        assertThat(client.nextMatching(ofType("MARKET_PRICE"), WAIT).getLong("seq")).isEqualTo(seq);
      }

      double after = sample(get("/metrics").body(), "dd_gateway_socket_flushes_total{endpoint=\"market\"}");
      assertThat(after - before).as("three frames of one bus message, one flush of the socket").isEqualTo(1.0);
    }
  }

  /** A handshake the gateway accepts at the WebSocket level, then closes with 4001 for its token. */
  private static void refused(String path, String token) {
    try (WssTestClient client =
        TestCluster.await(WssTestClient.tryConnect(gw.services(), WssTestClient.clientOptions(), WssTestClient.options(gw.port(), path, token)))) {
      assertThat(client.awaitClose(WAIT)).isEqualTo((short) CloseCode.UNAUTHORIZED.code());
    }
  }

  private static String awaitScrapeContaining(String text) {
    return await().atMost(WAIT).until(() -> get("/metrics").body(), scrape -> scrape.contains(text));
  }

  @Test
  @Order(2)
  void jsonLogLinesCarryConnectionIdWalletAndCloseCodeButNoToken() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String wallet = "Wa11etLogs000000000000000001";
    String token = TestTokens.user(gw.services(), wallet);
    String rejectedToken = token.substring(0, token.length() - 4) + "AAAA";
    LogSetup.apply(LogFormat.JSON, Level.INFO);
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      refused("/api/v2/ws/portfolio", rejectedToken);
      try (WssTestClient client = WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/portfolio", token)) {
        client.send("{\"type\":\"NOPE\"}");
        client.nextMatching(ofType("ERROR"), WAIT);
      }
      awaitLine(captured, "connection_closed", wallet);
    } finally {
      System.setErr(original);
      LogSetup.apply(LogFormat.TEXT, Level.INFO);
    }

    String text = captured.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain(token).doesNotContain(rejectedToken).doesNotContain(Setting.JWT_SECRET.defaultValue());
    List<JsonObject> lines = text.lines().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
    assertThat(lines).allSatisfy(l -> assertThat(l.fieldNames()).contains("@timestamp", "level", "logger_name", "message").doesNotContain("DD_LOG_FORMAT"));

    JsonObject authFailed = only(lines, "auth_failed");
    assertThat(authFailed.getString("reason")).isEqualTo("AUTH_INVALID");
    assertThat(authFailed.getString("endpoint")).isEqualTo("PORTFOLIO");

    JsonObject opened = only(lines, "connection_opened");
    assertThat(opened.getString("wallet")).isEqualTo(wallet);
    long connectionId = opened.getLong("connection_id");

    JsonObject rejected = only(lines, "message_rejected");
    assertThat(rejected.getLong("connection_id")).isEqualTo(connectionId);
    assertThat(rejected.getString("wallet")).isEqualTo(wallet);
    assertThat(rejected.getString("error_code")).isEqualTo("UNKNOWN_TYPE");

    // The socket of the test before may close while this one's lines are captured.
    JsonObject closed = only(lines.stream().filter(l -> wallet.equals(l.getString("wallet"))).toList(), "connection_closed");
    assertThat(closed.getLong("connection_id")).isEqualTo(connectionId);
    assertThat(closed.getString("wallet")).isEqualTo(wallet);
    assertThat(closed.getInteger("close_code")).as("the client closed normally").isEqualTo(1000);
  }

  private static JsonObject only(List<JsonObject> lines, String event) {
    List<JsonObject> matching = lines.stream().filter(l -> event.equals(l.getString("event"))).toList();
    assertThat(matching).as("log lines with event %s", event).hasSize(1);
    return matching.get(0);
  }

  private static void awaitLine(ByteArrayOutputStream captured, String event, String wallet) {
    await().atMost(WAIT).until(() -> captured.toString(StandardCharsets.UTF_8).lines()
        .anyMatch(l -> l.contains("\"event\":\"" + event + "\"") && l.contains(wallet)));
  }

  @Test
  @Order(3)
  void readinessTurns503WhenTheGatewayDrains() {
    assertThat(get("/ready").status()).isEqualTo(200);
    assertThat(get("/health").status()).isEqualTo(200);
    gw.publish(price("ETH", 1, Instant.now()));
    try (WssTestClient client =
        WssTestClient.connect(
            gw.services(), gw.port(), "/api/v2/ws/market?symbols=ETH", TestTokens.user(gw.services(), "Wa11etDrain0000000000000001"))) {
      client.nextMatching(ofType("MARKET_PRICE"), WAIT);
      var undeployed = gw.cluster.node(0).undeploy(gw.deployments.get(0));

      Reply ready = await().atMost(WAIT).until(() -> get("/ready"), r -> r.status() != 200);
      assertThat(ready.status()).isEqualTo(503);
      assertThat(new JsonObject(ready.body()).getJsonArray("reasons").getList()).contains("gateway draining");

      assertThat(client.awaitClose(WAIT)).isEqualTo((short) CloseCode.SERVICE_RESTART.code());
      TestCluster.await(undeployed);
      assertThat(get("/health").status()).as("draining is not dead").isEqualTo(200);
    }
  }
}
