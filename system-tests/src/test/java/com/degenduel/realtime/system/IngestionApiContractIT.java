package com.degenduel.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.system.NodeProcesses.NodeProcess;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The portfolio and contest services, each its own JVM process started the way {@code
 * ./degenduel-ws <role>} starts it, held to {@code protocol/openapi.yaml}: every answer to the real
 * requests sent here is documented for its operation and status and matches that status's schema;
 * a request the service refuses as malformed is one the document's schemas refuse too, and every
 * other one matches them; and every documented answer (operation, status and error code, or applied
 * and duplicate) is brought about at least once, except those named in {@link #NOT_TRIGGERED}.
 */
class IngestionApiContractIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final String SYMBOLS = "BTC,ETH,SOL";

  private static final String UNEXPECTED = "answered only when the service itself fails unexpectedly";
  private static final String LOST_REPLICA =
      "answered when a replica is lost while the fact is recorded, or on the smaller side of a network partition";
  /** Documented answers no request can bring about on demand, and why. */
  private static final Map<String, String> NOT_TRIGGERED = Map.ofEntries(
      Map.entry("reportTrade 500 INTERNAL_ERROR", UNEXPECTED),
      Map.entry("reportTradeBatch 500 INTERNAL_ERROR", UNEXPECTED),
      Map.entry("reportTradeBatch 200 item INTERNAL_ERROR", UNEXPECTED),
      Map.entry("createContest 500 INTERNAL_ERROR", UNEXPECTED),
      Map.entry("startContest 500 INTERNAL_ERROR", UNEXPECTED),
      Map.entry("advanceContestRound 500 INTERNAL_ERROR", UNEXPECTED),
      Map.entry("completeContest 500 INTERNAL_ERROR", UNEXPECTED),
      Map.entry("cancelContest 500 INTERNAL_ERROR", UNEXPECTED),
      Map.entry("reportParticipation 500 INTERNAL_ERROR", UNEXPECTED),
      Map.entry("createContest 503 SERVICE_UNAVAILABLE", LOST_REPLICA),
      Map.entry("startContest 503 SERVICE_UNAVAILABLE", LOST_REPLICA),
      Map.entry("advanceContestRound 503 SERVICE_UNAVAILABLE", LOST_REPLICA),
      Map.entry("completeContest 503 SERVICE_UNAVAILABLE", LOST_REPLICA),
      Map.entry("cancelContest 503 SERVICE_UNAVAILABLE", LOST_REPLICA),
      Map.entry("reportParticipation 503 SERVICE_UNAVAILABLE", LOST_REPLICA));

  private static final String W1 = wallet("W1");
  private static final String W2 = wallet("W2");
  private static final String W3 = wallet("W3");
  private static final String W4 = wallet("W4");

  /** The answers brought about so far, named as {@link #documentedAnswers} names them. */
  private final Set<String> covered = new TreeSet<>();
  private final List<String> problems = new ArrayList<>();
  private IngestionApiDocument doc;
  private Vertx vertx;
  private Ingest portfolio;
  private Ingest contests;
  private String service;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyAnswerIsDocumentedAndEveryDocumentedAnswerIsGiven() throws Exception {
    Path lib = Path.of(System.getProperty("dd.lib", "../target/lib"));
    Path work = Path.of(System.getProperty("dd.work", "target/processes")).resolve("ingestion-api");
    vertx = Vertx.vertx();
    doc = IngestionApiDocument.load(vertx);
    int[] clusterPorts = {FreePorts.next(), FreePorts.next()};
    String members = IntStream.of(clusterPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    int portfolioPort = FreePorts.next();
    int contestPort = FreePorts.next();
    try (NodeProcesses nodes = new NodeProcesses(lib, work)) {
      NodeProcess portfolioNode = nodes.start("portfolio", "portfolio", flags(clusterPorts[0], members,
          "--portfolio-ingest-port", String.valueOf(portfolioPort)));
      portfolioNode.awaitLog("portfolio started", START);
      NodeProcess contestNode = nodes.start("contest", "contest", flags(clusterPorts[1], members,
          "--contest-ingest-port", String.valueOf(contestPort)));
      contestNode.awaitLog("contest started", START);
      portfolio = new Ingest(vertx, "portfolio", portfolioPort);
      contests = new Ingest(vertx, "contest", contestPort);
      service = TestTokens.issue(vertx, "degenduel-backend", Role.SERVICE, Duration.ofMinutes(30));

      authentication();
      walletTrades();
      contestLifecycleAndTrades();
      malformedBatches();
      requestsForNoOperation();

      // Without the contest service a contest trade's outcome is unknown: 503, retry the same fact.
      contestNode.kill();
      JsonObject orphan = trade("t-orphan", W1, "BTC", "buy", 0.001, 50000).put("contest_id", "c-live");
      refused(portfolio.post("/facts/trades", orphan, service), 503, "SERVICE_UNAVAILABLE");
      batch(List.of(orphan), List.of("SERVICE_UNAVAILABLE"));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    Set<String> documented = documentedAnswers();
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(covered);
    missing.removeAll(NOT_TRIGGERED.keySet());
    SoftAssertions.assertSoftly(soft -> {
      soft.assertThat(problems).as("requests and answers that disagree with protocol/openapi.yaml").isEmpty();
      soft.assertThat(missing).as("documented answers no request brought about").isEmpty();
      soft.assertThat(covered).as("answers given").isSubsetOf(documented);
      soft.assertThat(NOT_TRIGGERED.keySet()).as("answers excused from being brought about are documented ones")
          .isSubsetOf(documented).doesNotContainAnyElementsOf(covered);
    });
  }

  private void authentication() {
    String user = TestTokens.user(vertx, W1);
    String admin = TestTokens.issue(vertx, W1, Role.ADMIN, Duration.ofMinutes(10));
    String expired = TestTokens.issue(vertx, "degenduel-backend", Role.SERVICE, Duration.ofHours(-1));
    int signature = service.lastIndexOf('.') + 5;
    String forged = service.substring(0, signature) + (service.charAt(signature) == 'A' ? 'B' : 'A')
        + service.substring(signature + 1);
    JsonObject fact = trade("t-auth", W1, "BTC", "buy", 1, 50000);
    refused(portfolio.post("/facts/trades", fact, null), 401, "UNAUTHORIZED");
    refused(portfolio.send(HttpMethod.POST, "/facts/trades", fact.toBuffer(), "Basic ZGQ6ZGQ="), 401, "UNAUTHORIZED");
    refused(portfolio.post("/facts/trades", fact, "not-a-jwt"), 401, "UNAUTHORIZED");
    refused(portfolio.post("/facts/trades", fact, expired), 401, "UNAUTHORIZED");
    refused(portfolio.post("/facts/trades", fact, forged), 401, "UNAUTHORIZED");
    refused(portfolio.post("/facts/trades", fact, admin), 403, "FORBIDDEN");
    // Every operation, with its documented example: refused before the body is read.
    for (Operation op : doc.contract().operations()) {
      Ingest api = op.getOpenAPIPath().startsWith("/facts/trades") ? portfolio : contests;
      String path = op.getOpenAPIPath().replace("{contestId}", "weekly-42");
      Buffer example = Buffer.buffer(IngestionApiDocument.plain(requestExample(op)).toString());
      refused(api.send(HttpMethod.POST, path, example, null), 401, "UNAUTHORIZED");
      refused(api.send(HttpMethod.POST, path, example, "Bearer " + user), 403, "FORBIDDEN");
    }
  }

  private void walletTrades() {
    JsonObject first = trade("t-1", W1, "BTC", "buy", 2, 50000);
    applied(portfolio.post("/facts/trades", first, service));
    duplicate(portfolio.post("/facts/trades", first, service));
    refused(portfolio.post("/facts/trades", first.copy().put("amount", 3), service), 409, "FACT_ID_CONFLICT");
    // Ids are remembered per wallet: on another wallet the same id is another trade.
    applied(portfolio.post("/facts/trades", first.copy().put("wallet_address", W2), service));
    applied(portfolio.post("/facts/trades", trade("t-2", W1, "ETH", "buy", 1, 3000).putNull("contest_id"), service));
    refused(portfolio.post("/facts/trades", trade("t-3", W1, "BTC", "sell", 5, 50000), service), 409,
        "INSUFFICIENT_HOLDINGS");

    JsonObject valid = trade("t-bad", W1, "BTC", "buy", 1, 50000);
    List<JsonObject> malformed = List.of(
        without(valid, "trade_id"), valid.copy().put("trade_id", "x".repeat(65)), valid.copy().put("trade_id", "no spaces"),
        valid.copy().put("wallet_address", "0xNOT-A-SOLANA-ADDRESS"), valid.copy().put("side", "hold"),
        valid.copy().put("amount", -1), valid.copy().put("amount", "5"), valid.copy().put("price", 0),
        valid.copy().put("price", 2e15), valid.copy().put("timestamp", "yesterday"),
        valid.copy().put("timestamp", 1767225600), valid.copy().put("contest_id", "bad id!"));
    for (JsonObject fact : malformed) {
      refused(portfolio.post("/facts/trades", fact, service), 400, "INVALID_FACT");
    }
    refused(portfolio.send(HttpMethod.POST, "/facts/trades", Buffer.buffer("[]"), "Bearer " + service), 400, "INVALID_FACT");
    refused(portfolio.send(HttpMethod.POST, "/facts/trades", Buffer.buffer("not json"), "Bearer " + service), 400,
        "INVALID_FACT");
    refused(portfolio.post("/facts/trades", valid.copy().put("symbol", "DOGE"), service), 400, "UNKNOWN_SYMBOL");
    refused(portfolio.post("/facts/trades", without(valid, "symbol"), service), 400, "UNKNOWN_SYMBOL");
    // Past 16 KiB a body is refused whatever it holds: no schema says how many bytes a JSON text takes.
    Exchange oversized = portfolio.post("/facts/trades", valid.copy().put("note", "x".repeat(17 * 1024)), service);
    expect(oversized, 400, "INVALID_FACT");
    check(oversized, false);
  }

  private void contestLifecycleAndTrades() {
    JsonObject create = created("e-create", "c-live");
    applied(contests.post("/facts/contests", create, service));
    duplicate(contests.post("/facts/contests", create, service));
    refused(contests.post("/facts/contests", created("e-create-2", "c-live"), service), 409, "CONTEST_EXISTS");
    refused(contests.post("/facts/contests", create.copy().put("name", "Renamed"), service), 409, "FACT_ID_CONFLICT");
    applied(contests.post("/facts/contests", created("e-create-pending", "c-pending"), service));
    JsonObject validCreate = created("e-create-bad", "c-bad");
    for (JsonObject fact : List.of(new JsonObject(), validCreate.copy().put("name", "   "),
        validCreate.copy().put("name", "n".repeat(101)), validCreate.copy().put("total_prize_pool", -1),
        validCreate.copy().put("starting_balance", 0), validCreate.copy().put("duration_seconds", 0),
        validCreate.copy().put("duration_seconds", 1.5), validCreate.copy().put("duration_seconds", 32L * 24 * 3600),
        validCreate.copy().put("contest_id", "bad id!"), validCreate.copy().put("timestamp", "2026-03-01 12:00"))) {
      refused(contests.post("/facts/contests", fact, service), 400, "INVALID_FACT");
    }

    transitions("start", "c-live");
    JsonObject join = participation("e-join-1", "join", W1, "alice");
    applied(contests.post("/facts/contests/c-live/participants", join, service));
    duplicate(contests.post("/facts/contests/c-live/participants", join, service));
    refused(contests.post("/facts/contests/c-live/participants", participation("e-join-2", "join", W1, "alice"), service),
        409, "ALREADY_JOINED");
    refused(contests.post("/facts/contests/c-live/participants", join.copy().put("username", "alicia"), service), 409,
        "FACT_ID_CONFLICT");
    refused(contests.post("/facts/contests/c-live/participants", participation("e-leave-3", "leave", W3, "carol"), service),
        409, "NOT_PARTICIPANT");
    refused(contests.post("/facts/contests/c-none/participants", participation("e-join-9", "join", W1, "alice"), service),
        404, "CONTEST_NOT_FOUND");
    JsonObject validJoin = participation("e-join-bad", "join", W2, "bob");
    for (JsonObject fact : List.of(validJoin.copy().put("action", "watch"), validJoin.copy().put("username", "<script>"),
        validJoin.copy().put("username", ""), validJoin.copy().put("wallet_address", "0OIl"), without(validJoin, "event_id"))) {
      refused(contests.post("/facts/contests/c-live/participants", fact, service), 400, "INVALID_FACT");
    }
    applied(contests.post("/facts/contests/c-live/participants", participation("e-join-4", "join", W4, "dave-4"), service));
    applied(contests.post("/facts/contests/c-live/participants", participation("e-leave-4", "leave", W4, "dave-4"), service));

    // Contest trades, reported to the portfolio service; the contest gave each participant 1000.
    JsonObject contestTrade = trade("t-c1", W1, "BTC", "buy", 0.01, 50000).put("contest_id", "c-live");
    applied(portfolio.post("/facts/trades", contestTrade, service));
    duplicate(portfolio.post("/facts/trades", contestTrade, service));
    refused(portfolio.post("/facts/trades", trade("t-c2", W1, "BTC", "buy", 1, 50000).put("contest_id", "c-live"), service),
        409, "INSUFFICIENT_BALANCE");
    refused(portfolio.post("/facts/trades", trade("t-c3", W1, "ETH", "sell", 1, 3000).put("contest_id", "c-live"), service),
        409, "INSUFFICIENT_HOLDINGS");
    refused(portfolio.post("/facts/trades", trade("t-c4", W3, "BTC", "buy", 0.001, 50000).put("contest_id", "c-live"), service),
        409, "NOT_PARTICIPANT");
    refused(portfolio.post("/facts/trades", trade("t-c5", W1, "BTC", "buy", 0.001, 50000).put("contest_id", "c-pending"),
        service), 409, "CONTEST_NOT_ACTIVE");
    refused(portfolio.post("/facts/trades", trade("t-c6", W1, "BTC", "buy", 0.001, 50000).put("contest_id", "c-none"),
        service), 404, "CONTEST_NOT_FOUND");
    oneBatchOfEveryOutcome("c-live");

    transitions("round", "c-live");
    refused(contests.post("/facts/contests/c-pending/complete", transition("e-complete-pending"), service), 409,
        "ILLEGAL_TRANSITION");
    transitions("complete", "c-live");
    refused(contests.post("/facts/contests/c-live/participants", participation("e-join-5", "join", W2, "bob"), service), 409,
        "CONTEST_NOT_ACTIVE");
    transitions("cancel", "c-pending");
    refused(contests.post("/facts/contests/c-live/cancel", transition("e-cancel-completed"), service), 409,
        "ILLEGAL_TRANSITION");
  }

  /** A lifecycle fact on a contest it can move: applied, repeated, repeated with other content, not applicable again. */
  private void transitions(String kind, String contestId) {
    String path = "/facts/contests/" + contestId + "/" + kind;
    JsonObject fact = kind.equals("round") ? transition("e-" + kind).put("round", 2) : transition("e-" + kind);
    refused(contests.post("/facts/contests/c-none/" + kind, fact, service), 404, "CONTEST_NOT_FOUND");
    applied(contests.post(path, fact, service));
    duplicate(contests.post(path, fact, service));
    refused(contests.post(path, fact.copy().put("timestamp", "2026-03-01T13:00:00Z"), service), 409, "FACT_ID_CONFLICT");
    refused(contests.post(path, fact.copy().put("event_id", "e-" + kind + "-again"), service), 409, "ILLEGAL_TRANSITION");

    JsonObject valid = fact.copy().put("event_id", "e-" + kind + "-bad");
    List<JsonObject> malformed = new ArrayList<>(List.of(new JsonObject(), valid.copy().put("timestamp", "yesterday"),
        valid.copy().put("event_id", "")));
    if (kind.equals("round")) {
      malformed.addAll(List.of(valid.copy().put("round", 1), valid.copy().put("round", 2.5), valid.copy().put("round", "3"),
          valid.copy().put("round", 10_001)));
    }
    for (JsonObject bad : malformed) {
      refused(contests.post(path, bad, service), 400, "INVALID_FACT");
    }
    refused(contests.post("/facts/contests/bad%20id/" + kind, valid, service), 400, "INVALID_FACT");
    refused(contests.post("/facts/contests/" + "c".repeat(65) + "/" + kind, valid, service), 400, "INVALID_FACT");
  }

  /** One batch with every outcome a trade can have in a batch while contest {@code live} runs. */
  private void oneBatchOfEveryOutcome(String live) {
    List<JsonObject> trades = List.of(
        trade("t-b1", W3, "SOL", "buy", 10, 150),
        trade("t-1", W1, "BTC", "buy", 2, 50000),
        trade("t-1", W1, "BTC", "buy", 4, 50000),
        trade("t-b2", W3, "SOL", "hold", 1, 150),
        trade("t-b3", W3, "DOGE", "buy", 1, 1),
        trade("t-b4", W3, "SOL", "sell", 11, 150),
        trade("t-b5", W1, "SOL", "buy", 0.1, 150).put("contest_id", "c-none"),
        trade("t-b6", W1, "SOL", "buy", 0.1, 150).put("contest_id", "c-pending"),
        trade("t-b7", W3, "SOL", "buy", 0.1, 150).put("contest_id", live),
        trade("t-b8", W1, "SOL", "buy", 1000, 150).put("contest_id", live),
        trade("t-b9", W1, "SOL", "sell", 1, 150).put("contest_id", live));
    JsonArray withNonObject = new JsonArray(new ArrayList<>(trades)).add("not a trade");
    Exchange answer = portfolio.send(HttpMethod.POST, "/facts/trades/batch",
        new JsonObject().put("trades", withNonObject).toBuffer(), "Bearer " + service);
    expectItems(answer, List.of("applied", "duplicate", "FACT_ID_CONFLICT", "INVALID_FACT", "UNKNOWN_SYMBOL",
        "INSUFFICIENT_HOLDINGS", "CONTEST_NOT_FOUND", "CONTEST_NOT_ACTIVE", "NOT_PARTICIPANT", "INSUFFICIENT_BALANCE",
        "INSUFFICIENT_HOLDINGS", "INVALID_FACT"));
  }

  private void malformedBatches() {
    List<JsonObject> tooMany = IntStream.range(0, 501).mapToObj(i -> trade("t-many-" + i, W3, "SOL", "buy", 1, 150)).toList();
    for (Object body : List.of(new JsonObject(), new JsonObject().put("trades", new JsonArray()),
        new JsonObject().put("trades", "x"), new JsonObject().put("trades", new JsonArray(new ArrayList<>(tooMany))),
        new JsonArray())) {
      refused(portfolio.send(HttpMethod.POST, "/facts/trades/batch", Buffer.buffer(body.toString()), "Bearer " + service),
          400, "INVALID_FACT");
    }
    // Past 1,024,000 bytes a batch is refused whatever it holds.
    Exchange oversized = portfolio.send(HttpMethod.POST, "/facts/trades/batch", new JsonObject()
        .put("trades", new JsonArray().add(trade("t-big", W3, "SOL", "buy", 1, 150).put("note", "x".repeat(1_100_000))))
        .toBuffer(), "Bearer " + service);
    expect(oversized, 400, "INVALID_FACT");
    check(oversized, false);
  }

  private void requestsForNoOperation() {
    refused(portfolio.send(HttpMethod.GET, "/facts/trades", Buffer.buffer(), "Bearer " + service), 404, "NOT_FOUND");
    refused(portfolio.post("/facts/contests", created("e-x", "c-x"), service), 404, "NOT_FOUND");
    refused(contests.post("/facts/trades", trade("t-x", W1, "BTC", "buy", 1, 1), service), 404, "NOT_FOUND");
    refused(contests.post("/facts/contests/c-live/unknown", transition("e-x"), service), 404, "NOT_FOUND");
    refused(contests.post("/facts/elsewhere", new JsonObject(), null), 401, "UNAUTHORIZED");
  }

  private void batch(List<JsonObject> trades, List<String> outcomes) {
    Exchange answer = portfolio.send(HttpMethod.POST, "/facts/trades/batch",
        new JsonObject().put("trades", new JsonArray(new ArrayList<>(trades))).toBuffer(), "Bearer " + service);
    expectItems(answer, outcomes);
  }

  private void expectItems(Exchange answer, List<String> outcomes) {
    expect(answer, 200, null);
    JsonArray results = answer.json().getJsonArray("results");
    List<String> seen = results.stream().map(r -> outcome((JsonObject) r)).toList();
    assertThat(seen).as(answer.toString()).containsExactlyElementsOf(outcomes);
    check(answer, true);
  }

  // ---- expectations: what the test means to bring about, then the check against the document

  private void applied(Exchange e) {
    expect(e, 200, null);
    assertThat(e.json().getBoolean("applied")).as(e.toString()).isTrue();
    check(e, true);
  }

  private void duplicate(Exchange e) {
    expect(e, 200, null);
    assertThat(e.json().getBoolean("duplicate")).as(e.toString()).isTrue();
    check(e, true);
  }

  private void refused(Exchange e, int status, String code) {
    expect(e, status, code);
    check(e, true);
  }

  private static void expect(Exchange e, int status, String code) {
    assertThat(e.status()).as(e.toString()).isEqualTo(status);
    if (code != null) {
      assertThat(e.json().getString("code")).as(e.toString()).isEqualTo(code);
    }
  }

  /**
   * Holds one exchange to the document and records the answer it brought about. {@code sizeKnown}:
   * whether the document can tell from the request alone; a body over the size limit is refused
   * whatever it holds.
   */
  private void check(Exchange e, boolean sizeKnown) {
    Operation op = doc.operation(e.method(), e.path());
    if (op != null && !op.getTags().contains(e.service())) {
      op = null;
    }
    if (op == null) {
      // Before the token is accepted every request is answered alike; after, a request for no operation is NOT_FOUND.
      String schema = e.status() == 401 ? "UnauthorizedError" : "NotFoundError";
      doc.componentProblems(schema, e.json()).forEach(p -> problems.add(e + ": " + p));
      covered.add("no operation " + e.status() + " " + e.json().getString("code"));
      return;
    }
    String id = op.getOperationId();
    doc.answerProblems(op, e.status(), e.contentType(), e.answer()).forEach(p -> problems.add(e + ": answer: " + p));
    List<String> requestProblems = doc.requestProblems(op, e.path(), e.request());
    String code = e.status() == 200 ? null : e.json().getString("code");
    if (e.status() == 200 && e.json().containsKey("results")) {
      covered.add(id + " 200");
      JsonArray trades = new JsonObject(e.request()).getJsonArray("trades");
      JsonArray results = e.json().getJsonArray("results");
      for (int i = 0; i < results.size(); i++) {
        String outcome = outcome(results.getJsonObject(i));
        covered.add(id + " 200 item " + outcome);
        requestConforms(e, "trade " + i, doc.componentProblems("Trade", trades.getValue(i)), outcome);
      }
    } else if (e.status() == 200) {
      covered.add(id + " 200 " + outcome(e.json()));
      requestConforms(e, "request", requestProblems, "applied");
    } else {
      covered.add(id + " " + e.status() + " " + code);
      if (sizeKnown && e.status() != 401 && e.status() != 403) {
        requestConforms(e, "request", requestProblems, code);
      }
    }
  }

  /**
   * A fact refused as malformed is one the document's schemas refuse; any other (applied, duplicate,
   * refused for what it means) matches them. An unknown symbol is either: well-formed but not traded,
   * or missing.
   */
  private void requestConforms(Exchange e, String what, List<String> requestProblems, String outcome) {
    if (outcome.equals("UNKNOWN_SYMBOL")) {
      return;
    }
    if (outcome.equals("INVALID_FACT")) {
      if (requestProblems.isEmpty()) {
        problems.add(e + ": the service refused " + what + " as malformed, the document accepts it");
      }
    } else {
      requestProblems.forEach(p -> problems.add(e + ": " + what + " was " + outcome + " but breaks the document: " + p));
    }
  }

  /** Every answer the document promises: operation, status and code, applied and duplicate, each batch item outcome. */
  private Set<String> documentedAnswers() {
    Set<String> answers = new TreeSet<>();
    doc.documentedStatuses().forEach((id, statuses) -> {
      for (int status : statuses) {
        if (status != 200) {
          doc.documentedCodes(id, status).forEach(code -> answers.add(id + " " + status + " " + code));
        } else if (id.equals("reportTradeBatch")) {
          answers.add(id + " 200");
          answers.addAll(List.of(id + " 200 item applied", id + " 200 item duplicate"));
          JsonObject itemCode = doc.components().getJsonObject("schemas").getJsonObject("BatchItemError")
              .getJsonObject("properties").getJsonObject("code");
          IngestionApiDocument.allowed(itemCode, null).forEach(code -> answers.add(id + " 200 item " + code));
        } else {
          answers.addAll(List.of(id + " 200 applied", id + " 200 duplicate"));
        }
      }
    });
    answers.addAll(List.of("no operation 401 UNAUTHORIZED", "no operation 404 NOT_FOUND"));
    return answers;
  }

  private static String outcome(JsonObject answer) {
    if (answer.containsKey("code")) {
      return answer.getString("code");
    }
    return Boolean.TRUE.equals(answer.getBoolean("duplicate")) ? "duplicate" : "applied";
  }

  private static Object requestExample(Operation op) {
    JsonObject media = op.getRequestBody().getContent().get("application/json").getOpenAPIModel();
    if (media.containsKey("example")) {
      return media.getValue("example");
    }
    JsonObject examples = media.getJsonObject("examples");
    return examples.getJsonObject(IngestionApiDocument.names(examples).get(0)).getValue("value");
  }

  // ---- facts

  private static String wallet(String tag) {
    return (tag + "1111111111111111111111111111111111111111111111").substring(0, 44);
  }

  private static JsonObject trade(String id, String wallet, String symbol, String side, double amount, double price) {
    return new JsonObject().put("trade_id", id).put("wallet_address", wallet).put("symbol", symbol).put("side", side)
        .put("amount", amount).put("price", price).put("timestamp", "2026-03-01T12:00:00.000Z");
  }

  private static JsonObject created(String eventId, String contestId) {
    return new JsonObject().put("event_id", eventId).put("contest_id", contestId).put("name", "Contest " + contestId)
        .put("total_prize_pool", 1000).put("starting_balance", 1000).put("duration_seconds", 3600)
        .put("timestamp", "2026-03-01T11:00:00Z");
  }

  private static JsonObject transition(String eventId) {
    return new JsonObject().put("event_id", eventId).put("timestamp", "2026-03-01T11:30:00+01:00");
  }

  private static JsonObject participation(String eventId, String action, String wallet, String username) {
    return new JsonObject().put("event_id", eventId).put("action", action).put("wallet_address", wallet)
        .put("username", username).put("timestamp", "2026-03-01T11:05:00.123456Z");
  }

  private static JsonObject without(JsonObject fact, String field) {
    JsonObject copy = fact.copy();
    copy.remove(field);
    return copy;
  }

  private static List<String> flags(int clusterPort, String members, String... roleFlags) {
    List<String> flags = new ArrayList<>(List.of(
        "--cluster-port", String.valueOf(clusterPort),
        "--cluster-members", members,
        "--eventbus-host", "127.0.0.1",
        "--management-host", "127.0.0.1",
        "--management-port", String.valueOf(FreePorts.next()),
        "--streams-port", String.valueOf(FreePorts.next()),
        "--market-symbols", SYMBOLS));
    flags.addAll(List.of(roleFlags));
    return flags;
  }

  /** One request and its answer, as they went over the wire. */
  record Exchange(String service, HttpMethod method, String path, Buffer request, int status, String contentType, Buffer answer) {
    JsonObject json() {
      return answer.length() == 0 ? new JsonObject() : answer.toJsonObject();
    }

    @Override
    public String toString() {
      String body = request.length() > 300 ? request.getString(0, 300) + "..." : request.toString();
      return service + ": " + method + " " + path + " " + body + " -> " + status + " " + answer;
    }
  }

  /** A real HTTP client for one ingestion API on loopback, keeping each answer's status, content type and bytes. */
  private static final class Ingest {
    private final Context context;
    private final HttpClient http;
    /** The service, named as the document tags its operations. */
    private final String service;
    private final int port;

    Ingest(Vertx vertx, String service, int port) {
      this.service = service;
      this.context = vertx.getOrCreateContext();
      this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
      this.port = port;
    }

    Exchange post(String path, JsonObject body, String token) {
      return send(HttpMethod.POST, path, body.toBuffer(), token == null ? null : "Bearer " + token);
    }

    /** {@code authorization}: the whole header, or null for none. */
    Exchange send(HttpMethod method, String path, Buffer body, String authorization) {
      RequestOptions options = new RequestOptions().setMethod(method).setPort(port).setURI(path);
      if (authorization != null) {
        options.putHeader("Authorization", authorization);
      }
      options.putHeader("content-type", "application/json");
      // As in FactClient: the body is asked for on the connection's context, in the turn the head arrives.
      Promise<Exchange> answer = Promise.promise();
      context.runOnContext(v -> http.request(options)
          .compose(req -> req.send(body).compose(resp -> resp.body().map(b ->
              new Exchange(service, method, path, body, resp.statusCode(), resp.getHeader("content-type"), b))))
          .onComplete(answer));
      return TestCluster.await(answer.future(), Duration.ofSeconds(15));
    }
  }
}
