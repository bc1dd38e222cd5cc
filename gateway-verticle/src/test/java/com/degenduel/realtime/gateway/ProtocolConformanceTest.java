package com.degenduel.realtime.gateway;

import static com.degenduel.realtime.testkit.WssTestClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.contest.ActivityDetails;
import com.degenduel.realtime.codec.message.contest.ActivityType;
import com.degenduel.realtime.codec.message.contest.ContestStatus;
import com.degenduel.realtime.codec.message.contest.ContestUpdated;
import com.degenduel.realtime.codec.message.contest.LeaderboardEntry;
import com.degenduel.realtime.codec.message.contest.LeaderboardUpdated;
import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketSentiment;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.message.market.VolumeInterval;
import com.degenduel.realtime.codec.message.market.VolumeTrend;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.PriceUpdated;
import com.degenduel.realtime.codec.message.portfolio.TokenValue;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.WireFormat;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Holds the gateway to {@code protocol/}: every message a running gateway sends over WSS, captured
 * from a real socket, and every message these tests send, conforms to its JSON Schema; the schemas
 * accept exactly the client messages the gateway accepts; the AsyncAPI document references every
 * schema and agrees with the code's message types, error codes and close codes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtocolConformanceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Set<String> CONTROL_TYPES =
      Set.of("ERROR", "PONG", "TOKEN_EXPIRING", "AUTH_REFRESHED", "SUBSCRIBED", "UNSUBSCRIBED", "RESUMED");
  private static final Set<String> CLIENT_TYPES = Set.of("PING", "AUTH_REFRESH", "SUBSCRIBE", "UNSUBSCRIBE");
  /** TOKEN_EXPIRING comes this long before exp; a token a few seconds longer than this gets it at once. */
  private static final int EXPIRY_WARNING_SECONDS = 30;

  private static GatewayCluster gw;
  private static ProtocolSchemas schemas;

  @BeforeAll
  static void start() {
    schemas = new ProtocolSchemas();
    gw =
        new GatewayCluster(
            1,
            c -> c.with(Setting.TOKEN_EXPIRY_WARNING_SECONDS, EXPIRY_WARNING_SECONDS).with(Setting.MESSAGES_PER_SECOND, 200));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static String token(String wallet) {
    return TestTokens.user(gw.services(), wallet);
  }

  /** The next message that matches, asserted to conform to the schema of its type. */
  private static JsonObject receive(WssTestClient client, Predicate<JsonObject> which) {
    JsonObject message = client.nextMatching(which, WAIT);
    assertConforms(message);
    return message;
  }

  private static JsonObject receive(WssTestClient client, String type) {
    return receive(client, ofType(type));
  }

  private static void assertConforms(JsonObject message) {
    String type = message.getString("type");
    assertThat(schemas.violations(type, message.encode())).as("%s conforms to its schema", message.encode()).isEmpty();
  }

  /** Sends a client message after checking it against the schema of its type. */
  private static void sendConforming(WssTestClient client, JsonObject message) {
    assertConforms(message);
    client.send(message.encode());
  }

  @Test
  @Order(1)
  void marketDataAndMarketControlMessagesConform() {
    StreamId link = StreamId.market("LINK");
    gw.publish(new StreamEvent(link, 11, new MarketPrice("LINK", 14.25, -2.5, 120000, 15.0, 13.9, WireTime.now())));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=LINK", token("Wa11etSchemaMarket00000001"))) {
      receive(client, "MARKET_PRICE");
      gw.publish(new StreamEvent(link, 3, new MarketVolume("LINK", 5400.5, 312, 3000.25, 2400.25, VolumeInterval.M5, WireTime.now())));
      receive(client, "MARKET_VOLUME");
      gw.publish(new StreamEvent(link, 4, new MarketSentiment("LINK", -0.35, 0.3, 0.7, VolumeTrend.DECREASING, WireTime.now())));
      receive(client, "MARKET_SENTIMENT");

      sendConforming(client, new JsonObject().put("type", "PING"));
      receive(client, "PONG");

      sendConforming(client, new JsonObject().put("type", "SUBSCRIBE").put("symbols", List.of("DOT", "NOPE")));
      JsonObject unknown = receive(client, "ERROR");
      assertThat(unknown.getJsonObject("error").getString("code")).isEqualTo("UNKNOWN_SYMBOL");
      JsonObject subscribed = receive(client, "SUBSCRIBED");
      assertThat(subscribed.getJsonArray("current").getList()).containsExactly("LINK", "DOT");

      sendConforming(client, new JsonObject().put("type", "UNSUBSCRIBE").put("symbols", List.of("DOT")));
      JsonObject unsubscribed = receive(client, "UNSUBSCRIBED");
      assertThat(unsubscribed.getJsonArray("current").getList()).containsExactly("LINK");
    }
  }

  @Test
  @Order(2)
  void portfolioMessagesAndTheTokenRefreshConform() {
    String wallet = "Wa11etSchemaPortfolio00001";
    StreamId stream = StreamId.wallet(wallet);
    gw.publish(
        new StreamEvent(
            stream,
            7,
            new PortfolioUpdated(
                List.of(new TokenValue("SOL", "Solana", 12.5, 1875.0), new TokenValue("BTC", "Bitcoin", 0.01, 650.0)),
                2525.0,
                -1.25,
                WireTime.now())));
    String shortLived = TestTokens.issue(gw.services(), wallet, Role.USER, Duration.ofSeconds(EXPIRY_WARNING_SECONDS + 3));
    try (WssTestClient client = WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/portfolio", shortLived)) {
      receive(client, "PORTFOLIO_UPDATED");
      gw.publish(new StreamEvent(stream, 1, new TradeExecuted("t-1", wallet, "SOL", 2.5, 150.0, WireTime.now(), "cup-7")));
      receive(client, m -> "TRADE_EXECUTED".equals(m.getString("type")) && m.getLong("seq") == 1);
      gw.publish(new StreamEvent(stream, 2, new TradeExecuted("t-2", wallet, "BTC", -0.01, 65000.0, WireTime.now(), null)));
      receive(client, m -> "TRADE_EXECUTED".equals(m.getString("type")) && m.getLong("seq") == 2);
      gw.publish(new StreamEvent(stream, 5, new PriceUpdated("SOL", 151.5, 3.1, WireTime.now())));
      receive(client, "PRICE_UPDATED");

      JsonObject expiring = receive(client, "TOKEN_EXPIRING");
      String fresh = TestTokens.issue(gw.services(), wallet, Role.USER, Duration.ofMinutes(10));
      sendConforming(client, new JsonObject().put("type", "AUTH_REFRESH").put("token", fresh));
      JsonObject refreshed = receive(client, "AUTH_REFRESHED");
      assertThat(refreshed.getString("expires_at")).isGreaterThan(expiring.getString("expires_at"));
    }
    String token = TestTokens.user(gw.services(), wallet);
    try (WssTestClient back =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/portfolio?since=1&epoch=" + GatewayCluster.EPOCH, token)) {
      JsonObject resumed = receive(back, "RESUMED");
      assertThat(resumed.getJsonObject("data").getBoolean("recovered")).isTrue();
      receive(back, m -> "TRADE_EXECUTED".equals(m.getString("type")) && m.getLong("seq") == 2);
    }
  }

  @Test
  @Order(3)
  void contestMessagesConformWithAndWithoutTheirOptionalFields() {
    gw.knownContests.add("schema-cup");
    StreamId cup = StreamId.contest("schema-cup");
    gw.publish(new StreamEvent(cup, 4, new ContestUpdated("schema-cup", ContestStatus.ACTIVE, 3, 420L, 25, 1250.0)));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/contest/schema-cup", token("Wa11etSchemaContest0000001"))) {
      receive(client, "CONTEST_UPDATED");
      List<LeaderboardEntry> rows =
          List.of(
              new LeaderboardEntry(1, "Wa11etA000000000000000001", "alice", 1320.5, 32.05, WireTime.now()),
              new LeaderboardEntry(2, "Wa11etB000000000000000002", "bob", 990.0, -1.0, null));
      gw.publish(new StreamEvent(cup, 9, new LeaderboardUpdated("schema-cup", rows, WireTime.now())));
      receive(client, "LEADERBOARD_UPDATED");
      gw.publish(
          new StreamEvent(
              cup,
              1,
              new ParticipantActivity(
                  "schema-cup", "Wa11etA000000000000000001", "alice", ActivityType.TRADE, new ActivityDetails("SOL", 3.0, 150.0), WireTime.now())));
      receive(client, m -> "PARTICIPANT_ACTIVITY".equals(m.getString("type")) && m.getLong("seq") == 1);
      gw.publish(
          new StreamEvent(
              cup, 2, new ParticipantActivity("schema-cup", "Wa11etB000000000000000002", "bob", ActivityType.JOIN, null, WireTime.now())));
      receive(client, m -> "PARTICIPANT_ACTIVITY".equals(m.getString("type")) && m.getLong("seq") == 2);
      gw.publish(new StreamEvent(cup, 5, new ContestUpdated("schema-cup", ContestStatus.COMPLETED, null, null, 25, 1250.0)));
      JsonObject completed = receive(client, "CONTEST_UPDATED");
      assertThat(completed.getJsonObject("data").containsKey("current_round")).isFalse();
    }
  }

  @Test
  @Order(4)
  void theSchemasAcceptExactlyTheClientMessagesTheGatewayAccepts() {
    Map<String, Boolean> cases = new LinkedHashMap<>();
    cases.put("{\"type\":\"PING\"}", true);
    cases.put("{\"type\":\"SUBSCRIBE\",\"symbols\":[\"ADA\",\"XRP\"]}", true);
    cases.put("{\"type\":\"UNSUBSCRIBE\",\"symbols\":[\"XRP\"]}", true);
    cases.put("{\"type\":\"AUTH_REFRESH\",\"token\":\"not-a-jwt\"}", true);
    cases.put("{\"type\":\"PING\",\"extra\":1}", false);
    cases.put("{\"type\":\"SUBSCRIBE\",\"symbols\":[]}", false);
    cases.put("{\"type\":\"SUBSCRIBE\",\"symbols\":\"BTC\"}", false);
    cases.put("{\"type\":\"SUBSCRIBE\",\"symbols\":[\"btc\"]}", false);
    cases.put("{\"type\":\"SUBSCRIBE\",\"symbols\":[\"ABCDEFGHIJKLMNOP\"]}", false);
    cases.put("{\"type\":\"SUBSCRIBE\",\"symbols\":[7]}", false);
    cases.put("{\"type\":\"UNSUBSCRIBE\"}", false);
    cases.put("{\"type\":\"AUTH_REFRESH\"}", false);
    cases.put("{\"type\":\"AUTH_REFRESH\",\"token\":\"\"}", false);
    cases.put("{\"type\":\"AUTH_REFRESH\",\"token\":\"x\",\"wallet\":\"y\"}", false);
    cases.put("{\"type\":\"HELLO\"}", false);
    cases.put("{\"type\":7}", false);
    Set<String> protocolRejections = Set.of("INVALID_MESSAGE", "UNKNOWN_TYPE", "INVALID_SYMBOLS");
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=BNB", token("Wa11etSchemaClient00000001"))) {
      cases.forEach(
          (text, expected) -> {
            JsonObject parsed = new JsonObject(text);
            boolean schemaAccepts =
                parsed.getValue("type") instanceof String type
                    && CLIENT_TYPES.contains(type)
                    && schemas.violations(type, text).isEmpty();
            assertThat(schemaAccepts).as("schema verdict on %s", text).isEqualTo(expected);
            client.send(text);
            JsonObject answer = client.nextMatching(m -> CONTROL_TYPES.contains(m.getString("type")), WAIT);
            assertConforms(answer);
            boolean gatewayAccepts =
                !("ERROR".equals(answer.getString("type"))
                    && protocolRejections.contains(answer.getJsonObject("error").getString("code")));
            assertThat(gatewayAccepts).as("gateway verdict on %s (answer %s)", text, answer.encode()).isEqualTo(expected);
          });
    }
  }

  @Test
  @Order(5)
  void theSchemasRejectMessagesThatDepartFromTheCodecsOutput() {
    JsonObject price =
        WireFormat.toJson(new StreamEvent(StreamId.market("BTC"), 1, new MarketPrice("BTC", 1, 0, 0, 1, 1, WireTime.now())));
    assertThat(schemas.violations("MARKET_PRICE", price.encode())).isEmpty();

    JsonObject missing = price.copy();
    missing.getJsonObject("data").remove("high_24h");
    JsonObject extra = price.copy().put("timestamp", WireTime.format(WireTime.now()));
    JsonObject camelCase = price.copy();
    camelCase.getJsonObject("data").put("change24h", camelCase.getJsonObject("data").remove("change_24h"));
    JsonObject secondsOnly = price.copy();
    secondsOnly.getJsonObject("data").put("timestamp", "2026-03-14T09:27:00Z");
    JsonObject noSeq = price.copy();
    noSeq.remove("seq");
    for (JsonObject bad : List.of(missing, extra, camelCase, secondsOnly, noSeq)) {
      assertThat(schemas.violations("MARKET_PRICE", bad.encode())).as(bad.encode()).isNotEmpty();
    }
    assertThat(schemas.violations("ERROR", "{\"type\":\"ERROR\",\"error\":{\"code\":\"NO_SUCH_CODE\",\"message\":\"m\"}}"))
        .isNotEmpty();
  }

  @Test
  @Order(6)
  void theAsyncApiDocumentReferencesEverySchemaAndAgreesWithTheCode() {
    JsonNode doc = schemas.asyncApiDocument();
    assertThat(doc.path("asyncapi").asText()).startsWith("3.");
    assertThat(doc.path("channels").path("market").path("address").asText()).isEqualTo("/api/v2/ws/market");
    assertThat(doc.path("channels").path("portfolio").path("address").asText()).isEqualTo("/api/v2/ws/portfolio");
    assertThat(doc.path("channels").path("contest").path("address").asText()).isEqualTo("/api/v2/ws/contest/{contestId}");
    assertThat(doc.path("components").path("securitySchemes").path("sessionToken").path("name").asText())
        .isEqualTo("Sec-WebSocket-Protocol");

    Set<String> reachable = new HashSet<>();
    Deque<Path> toVisit = new ArrayDeque<>();
    for (String ref : refs(doc)) {
      if (ref.startsWith("#")) {
        assertThat(doc.at(ref.substring(1)).isMissingNode()).as("internal reference %s resolves", ref).isFalse();
      } else {
        toVisit.add(schemas.asyncApi().resolveSibling(ref));
      }
    }
    while (!toVisit.isEmpty()) {
      Path file = toVisit.pop().normalize();
      assertThat(file).as("referenced schema file").exists();
      if (reachable.add(file.getFileName().toString())) {
        JsonNode schema = ProtocolSchemas.json(file);
        assertThat(schema.path("$id").asText()).isEqualTo(ProtocolSchemas.ID_PREFIX + file.getFileName());
        refs(schema).stream()
            .filter(r -> !r.startsWith("#"))
            .map(r -> file.resolveSibling(r.substring(0, r.indexOf('#') < 0 ? r.length() : r.indexOf('#'))))
            .forEach(toVisit::add);
      }
    }
    Set<String> files = schemas.schemaFiles().stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    assertThat(reachable).as("schema files reachable from asyncapi.yaml").isEqualTo(files);

    Map<String, String> messageNames = new LinkedHashMap<>();
    doc.path("components").path("messages").forEach(m -> messageNames.put(m.path("name").asText(), m.path("payload").path("$ref").asText()));
    Set<String> expected =
        Stream.of(
                Stream.of(MessageType.values()).map(Enum::name),
                CONTROL_TYPES.stream(),
                CLIENT_TYPES.stream())
            .flatMap(s -> s)
            .collect(Collectors.toSet());
    assertThat(messageNames.keySet()).isEqualTo(expected);
    messageNames.forEach(
        (name, ref) ->
            assertThat(ProtocolSchemas.json(schemas.asyncApi().resolveSibling(ref)).path("properties").path("type").path("const").asText())
                .as("the schema of message %s", name)
                .isEqualTo(name));

    Map<Integer, String> closeCodes = new LinkedHashMap<>();
    doc.path("x-close-codes").path("codes")
        .forEach(c -> closeCodes.put(c.path("code").asInt(), c.path("name").asText() + "/" + c.path("retry").asBoolean()));
    assertThat(closeCodes)
        .isEqualTo(
            Stream.of(CloseCode.values())
                .collect(Collectors.toMap(c -> (int) c.code(), c -> c.name() + "/" + c.retry(), (a, b) -> a, LinkedHashMap::new)));

    Set<String> errorCodes = new HashSet<>();
    ProtocolSchemas.json(schemas.schemasDir().resolve("error.json"))
        .at("/properties/error/properties/code/enum")
        .forEach(c -> errorCodes.add(c.asText()));
    assertThat(errorCodes).isEqualTo(Stream.of(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet()));
  }

  @Test
  @Order(7)
  void everyMessageSchemaWasMetByARealMessage() {
    Set<String> messageSchemas =
        schemas.schemaFiles().stream()
            .map(f -> f.getFileName().toString())
            .filter(f -> !f.equals("common.json"))
            .collect(Collectors.toSet());
    assertThat(schemas.validatedFiles()).containsAll(messageSchemas);
  }

  private static List<String> refs(JsonNode node) {
    List<String> found = new java.util.ArrayList<>();
    collectRefs(node, found);
    return found;
  }

  private static void collectRefs(JsonNode node, List<String> found) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                  found.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), found);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, found));
    }
  }
}
