package com.degenduel.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.streams.OwnedStreams;
import com.degenduel.realtime.node.tls.DevCertificate;
import com.degenduel.realtime.system.NodeProcesses.NodeProcess;
import com.degenduel.realtime.testkit.FactClient;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestTls;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every role as its own JVM process on loopback: a simulator, two market nodes, two portfolio
 * nodes, a contest node and two gateways, joined into one cluster by a TCP-IP member list. WSS
 * clients on both gateways; then a gateway is killed with SIGKILL and, once the cluster holds every
 * backup again, the active market node and the active portfolio node together, and what the
 * clients see is checked.
 */
class FailoverIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration MESSAGE = Duration.ofSeconds(20);
  private static final String SYMBOLS = "BTC,ETH,SOL";
  private static final String CONTEST = "sys-failover";

  private static final String W1 = wallet("SysA");
  private static final String W2 = wallet("SysB");
  private static final String W3 = wallet("SysC");
  private static final String W4 = wallet("SysD");
  private static final String W5 = wallet("SysE");

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void clientsRideOutTheLossOfAGatewayAndOfTheActiveMarketAndPortfolioNodes() throws Exception {
    Path lib = Path.of(System.getProperty("dd.lib", "../target/lib"));
    Path work = Path.of(System.getProperty("dd.work", "target/processes"));
    Files.createDirectories(work);
    Cluster cluster = new Cluster(work);
    Vertx vertx = Vertx.vertx();
    Timings timings = new Timings();
    try (NodeProcesses nodes = new NodeProcesses(lib, work)) {
      // The first member starts alone so that everyone else joins it rather than forming clusters of their own.
      NodeProcess simulator = cluster.start(nodes, "simulator", "simulator", List.of(
          "--sim-http-port", String.valueOf(cluster.simPort), "--sim-http-host", "127.0.0.1"));
      simulator.awaitLog("simulator started", START);
      NodeProcess market1 = cluster.start(nodes, "market-1", "market", cluster.marketFlags(0));
      NodeProcess portfolio1 = cluster.start(nodes, "portfolio-1", "portfolio", cluster.portfolioFlags(0));
      NodeProcess contest = cluster.start(nodes, "contest", "contest", cluster.contestFlags());
      for (NodeProcess p : List.of(market1, portfolio1, contest)) {
        p.awaitLog(p.role + " started", START);
      }
      // One at a time: four JVMs joining at once on two cores have left a join waiting for minutes.
      NodeProcess market2 = cluster.start(nodes, "market-2", "market", cluster.marketFlags(1));
      market2.awaitLog("market started", START);
      NodeProcess portfolio2 = cluster.start(nodes, "portfolio-2", "portfolio", cluster.portfolioFlags(1));
      portfolio2.awaitLog("portfolio started", START);
      NodeProcess gateway1 = cluster.start(nodes, "gateway-1", "gateway", cluster.gatewayFlags(0));
      gateway1.awaitLog("gateway started", START);
      NodeProcess gateway2 = cluster.start(nodes, "gateway-2", "gateway", cluster.gatewayFlags(1));
      gateway2.awaitLog("gateway started", START);
      assertThat(settledPublisherOf("BTC", market1, market2)).as("one market replica publishes BTC").isNotNull();

      String service = TestTokens.issue(vertx, "degenduel-backend", Role.SERVICE, Duration.ofMinutes(30));
      FactClient facts2 = new FactClient(vertx, cluster.ingestPorts[1]);
      FactClient contestFacts = new FactClient(vertx, cluster.contestPort);
      ok(facts2.post("/facts/trades", trade("sys-w1-1", W1, "BTC", 1.5), service));
      ok(facts2.post("/facts/trades", trade("sys-w2-1", W2, "ETH", 2), service));
      ok(contestFacts.post("/facts/contests", new JsonObject().put("event_id", "sys-c-create").put("contest_id", CONTEST)
          .put("name", "System test").put("total_prize_pool", 1000).put("starting_balance", 1000)
          .put("duration_seconds", 3600).put("timestamp", now()), service));
      ok(contestFacts.post("/facts/contests/" + CONTEST + "/start",
          new JsonObject().put("event_id", "sys-c-start").put("timestamp", now()), service));
      ok(join(contestFacts, service, "sys-j-1", W1, "alice"));
      ok(join(contestFacts, service, "sys-j-2", W2, "bob"));

      Client market1Client = Client.market(vertx, cluster.gatewayPorts[0], W1);
      Client portfolio1Client = Client.portfolio(vertx, cluster.gatewayPorts[0], W1);
      Client contest1Client = Client.contest(vertx, cluster.gatewayPorts[0], W1);
      Client market2Client = Client.market(vertx, cluster.gatewayPorts[1], W2);
      Client portfolio2Client = Client.portfolio(vertx, cluster.gatewayPorts[1], W2);
      Client contest2Client = Client.contest(vertx, cluster.gatewayPorts[1], W2);
      assertThat(amount(portfolio1Client.await(type("PORTFOLIO_UPDATED").and(holds("BTC")), MESSAGE), "BTC")).isEqualTo(1.5);
      assertThat(amount(portfolio2Client.await(type("PORTFOLIO_UPDATED").and(holds("ETH")), MESSAGE), "ETH")).isEqualTo(2.0);
      for (Client c : List.of(market1Client, market2Client)) {
        c.await(type("MARKET_PRICE"), MESSAGE);
      }
      for (Client c : List.of(contest1Client, contest2Client)) {
        c.await(type("CONTEST_UPDATED").and(m -> m.getJsonObject("data").getInteger("total_participants") == 2), MESSAGE);
        c.await(type("LEADERBOARD_UPDATED"), MESSAGE);
      }

      // 1. A gateway dies while trades and contest activity go on: its clients reconnect to the
      // other one where they left off, and get what they missed once, in order, then the live stream.
      ok(facts2.post("/facts/trades", trade("sys-w1-2", W1, "ETH", 1), service));
      JsonObject lastTrade = portfolio1Client.await(tradeId("sys-w1-2"), MESSAGE);
      ok(join(contestFacts, service, "sys-j-3", W3, "carol"));
      JsonObject lastActivity = contest1Client.await(activityOf(W3), MESSAGE);
      long gatewayKilled = System.nanoTime();
      gateway1.kill();
      List<String> missedTrades = List.of("sys-w1-3", "sys-w1-4", "sys-w1-5");
      for (String id : missedTrades) {
        ok(facts2.post("/facts/trades", trade(id, W1, "ETH", 1), service));
      }
      ok(join(contestFacts, service, "sys-j-4", W4, "dave"));
      for (Client c : List.of(market1Client, portfolio1Client, contest1Client)) {
        c.awaitClosed(Duration.ofSeconds(10));
      }
      Client market1Again = Client.market(vertx, cluster.gatewayPorts[1], W1);
      Client portfolio1Again = Client.portfolio(vertx, cluster.gatewayPorts[1], W1, resumeFrom(lastTrade));
      Client contest1Again = Client.contest(vertx, cluster.gatewayPorts[1], W1, resumeFrom(lastActivity));
      assertThat(amount(portfolio1Again.await(type("PORTFOLIO_UPDATED"), MESSAGE), "BTC"))
          .as("the snapshot after reconnecting holds what the wallet holds").isEqualTo(1.5);
      assertThat(portfolio1Again.await(type("RESUMED"), MESSAGE).getJsonObject("data").getMap())
          .containsEntry("recovered", true).containsEntry("replayed", missedTrades.size());
      portfolio1Again.await(tradeId("sys-w1-5"), MESSAGE);
      assertThat(portfolio1Again.tradeIds()).as("every trade missed while the gateway was gone, once and in order")
          .containsExactlyElementsOf(missedTrades);
      market1Again.await(type("MARKET_PRICE"), MESSAGE);
      contest1Again.await(type("CONTEST_UPDATED"), MESSAGE);
      contest1Again.await(type("LEADERBOARD_UPDATED"), MESSAGE);
      assertThat(contest1Again.await(type("RESUMED"), MESSAGE).getJsonObject("data").getBoolean("recovered")).isTrue();
      contest1Again.await(activityOf(W4), MESSAGE);
      timings.put("gateway loss to the missed events replayed on the other gateway", gatewayKilled);

      // 2. The active market and portfolio nodes die while trades and contest activity keep coming.
      List<String> tradesBefore = List.of("sys-w2-2", "sys-w2-3", "sys-w2-4");
      for (String id : tradesBefore) {
        ok(facts2.post("/facts/trades", trade(id, W2, "ETH", 0.25), service));
      }
      for (String id : tradesBefore) {
        portfolio2Client.await(tradeId(id), MESSAGE);
      }
      cluster.awaitBackupsRestored(7, Duration.ofSeconds(120));
      timings.put("gateway loss to the cluster holding every backup again", gatewayKilled);
      // Market replicas share the symbols by partition: the one publishing BTC dies, the other takes BTC on.
      NodeProcess marketOwner = settledPublisherOf("BTC", market1, market2);
      // Portfolio replicas share the wallet streams by partition: the first one's share moves to the other.
      NodeProcess portfolioOwner = portfolio1;
      NodeProcess marketStandby = marketOwner == market1 ? market2 : market1;
      NodeProcess portfolioStandby = portfolioOwner == portfolio1 ? portfolio2 : portfolio1;
      FactClient survivingIngest = new FactClient(vertx,
          cluster.ingestPorts[portfolioStandby == portfolio1 ? 0 : 1]);
      long marketSeqBefore = market2Client.lastSeq("MARKET_PRICE");

      long ownersKilled = System.nanoTime();
      LocalTime ownersKilledAt = LocalTime.now();
      marketOwner.kill();
      portfolioOwner.kill();
      // The backend keeps reporting through the takeover while this thread watches a client: at each step of the
      // takeover two trades, two contest trades (which reach the wallet from the contest's record) and two joins, each on a thread of its own and retried on 503 until acknowledged, not
      // waiting for the answers to earlier facts. At once, while the cluster still counts the dead members; once it
      // has let them go and promotes their partitions' backups; once both standbys have taken the streams on.
      List<String> tradesDuring = IntStream.rangeClosed(5, 10).mapToObj(i -> "sys-w2-" + i).toList();
      List<String> contestTradesDuring = IntStream.rangeClosed(1, 6).mapToObj(i -> "sys-cw2-" + i).toList();
      List<String> joinsDuring = IntStream.rangeClosed(1, 6).mapToObj(i -> wallet("SysJ" + "abcdef".charAt(i - 1))).toList();
      ExecutorService backend = Executors.newCachedThreadPool();
      List<CompletableFuture<Void>> reports = new CopyOnWriteArrayList<>();
      IntConsumer report = i -> {
        JsonObject tradeFact = trade(tradesDuring.get(i), W2, "ETH", 0.25);
        reports.add(CompletableFuture.runAsync(
            () -> acknowledged(() -> survivingIngest.post("/facts/trades", tradeFact, service)), backend));
        // Amounts differ so that two trades reported in the same millisecond make different activities.
        JsonObject contestTrade = trade(contestTradesDuring.get(i), W2, "SOL", 0.1 + i / 100.0).put("contest_id", CONTEST);
        reports.add(CompletableFuture.runAsync(
            () -> acknowledged(() -> survivingIngest.post("/facts/trades", contestTrade, service)), backend));
        reports.add(CompletableFuture.runAsync(
            () -> acknowledged(() -> join(contestFacts, service, "sys-jd-" + i, joinsDuring.get(i), "user" + i)), backend));
      };
      CompletableFuture<Void> takeoverSteps = CompletableFuture.runAsync(() -> {
        IntStream.range(0, 2).forEach(report);
        cluster.awaitMembers(5, Duration.ofSeconds(30));
        IntStream.range(2, 4).forEach(report);
        portfolioStandby.awaitLog(ALL_WALLET_PARTITIONS, Duration.ofSeconds(30));
        marketStandby.awaitLog(publishes("BTC"), Duration.ofSeconds(30));
        IntStream.range(4, 6).forEach(report);
      }, backend);
      // Numbered above the old owner's block of seqs: published by the new owner, not one of the old owner's last.
      long fromNewOwner = ((marketSeqBefore - 1) / OwnedStreams.STATE_BLOCK + 1) * OwnedStreams.STATE_BLOCK + 1;
      market2Client.await(type("MARKET_PRICE").and(m -> m.getLong("seq") >= fromNewOwner), MESSAGE);
      timings.put("SIGKILL of the market replica publishing BTC to a MARKET_PRICE of the other at a client", ownersKilled);
      marketStandby.awaitLog(publishes("BTC"), Duration.ofSeconds(30));
      timings.put("SIGKILL of the market replica publishing BTC to the other taking BTC on", ownersKilledAt,
          loggedAt(marketStandby, publishes("BTC")));
      portfolioStandby.awaitLog(ALL_WALLET_PARTITIONS, Duration.ofSeconds(30));
      timings.put("SIGKILL of a portfolio replica to the other publishing all wallet streams", ownersKilledAt,
          loggedAt(portfolioStandby, ALL_WALLET_PARTITIONS));
      takeoverSteps.get(60, TimeUnit.SECONDS);
      CompletableFuture.allOf(reports.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
      backend.shutdown();
      for (String id : tradesDuring) {
        portfolio2Client.await(tradeId(id), MESSAGE);
      }
      for (String id : contestTradesDuring) {
        portfolio2Client.await(tradeId(id), MESSAGE);
      }
      for (Client c : List.of(contest2Client, contest1Again)) {
        for (String w : joinsDuring) {
          c.await(type("PARTICIPANT_ACTIVITY").and(m -> w.equals(m.getJsonObject("data").getString("wallet_address"))), MESSAGE);
        }
      }
      ok(survivingIngest.post("/facts/trades", trade("sys-w2-11", W2, "ETH", 0.25), service));
      portfolio2Client.await(tradeId("sys-w2-11"), MESSAGE);
      market1Again.await(type("MARKET_PRICE").and(m -> m.getLong("seq") > marketSeqBefore), MESSAGE);

      // Holdings intact: 2 + 10 trades of 0.25 (sys-w2-2..4 and 5..11), and W1's untouched BTC. A new
      // subscriber first gets the latest PORTFOLIO_UPDATED published (at most one a second), then the
      // one that follows the last trade.
      Predicate<JsonObject> allTrades = type("PORTFOLIO_UPDATED").and(m -> amount(m, "ETH") == 4.5);
      portfolio2Client.await(allTrades, MESSAGE);
      Client freshW2 = Client.portfolio(vertx, cluster.gatewayPorts[1], W2);
      freshW2.await(allTrades, MESSAGE);
      Client freshW1 = Client.portfolio(vertx, cluster.gatewayPorts[1], W1);
      assertThat(amount(freshW1.await(type("PORTFOLIO_UPDATED"), MESSAGE), "BTC")).isEqualTo(1.5);

      // Nothing twice for the clients that stayed connected through the takeover: once each has
      // received an event published after all the above, whatever came before that has arrived.
      ok(survivingIngest.post("/facts/trades", trade("sys-w1-6", W1, "ETH", 0.25), service));
      ok(survivingIngest.post("/facts/trades", trade("sys-w2-12", W2, "ETH", 0.25), service));
      ok(join(contestFacts, service, "sys-j-5", W5, "erin"));
      portfolio1Again.await(tradeId("sys-w1-6"), MESSAGE);
      portfolio2Client.await(tradeId("sys-w2-12"), MESSAGE);
      for (Client c : List.of(contest2Client, contest1Again)) {
        c.await(activityOf(W5), MESSAGE);
      }
      for (Client c : List.of(market2Client, market1Again)) {
        long seen = c.lastSeq("MARKET_PRICE");
        c.await(type("MARKET_PRICE").and(m -> m.getLong("seq") > seen), MESSAGE);
      }
      for (Client c : List.of(market2Client, portfolio2Client, contest2Client, market1Again, portfolio1Again, contest1Again)) {
        c.drain();
        c.assertSeqRisesPerType();
      }
      assertThat(portfolio2Client.tradeIds()).as("TRADE_EXECUTED by trade_id").doesNotHaveDuplicates()
          .containsAll(tradesDuring).containsAll(contestTradesDuring).contains("sys-w2-11");
      for (Client c : List.of(contest2Client, contest1Again)) {
        assertThat(c.activities()).as("PARTICIPANT_ACTIVITY").doesNotHaveDuplicates();
      }
      timings.write(work.resolve("timings.txt"));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** What a market replica logs when it takes a symbol on. */
  private static String publishes(String symbol) {
    return "market: this member now publishes " + symbol;
  }

  /**
   * The one live market replica publishing the symbol, once the partitions have settled: the last
   * of its lines about the symbol says it took it on. While a partition migrates, its old and new
   * primaries may both claim it for an instant, but not for long.
   */
  private static NodeProcess settledPublisherOf(String symbol, NodeProcess... candidates) {
    String released = "market: this member no longer publishes " + symbol;
    AtomicReference<NodeProcess> publisher = new AtomicReference<>();
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      List<NodeProcess> claiming = new ArrayList<>();
      for (NodeProcess p : candidates) {
        String log = p.log();
        if (p.isAlive() && log.lastIndexOf(publishes(symbol)) > log.lastIndexOf(released)) {
          claiming.add(p);
        }
      }
      publisher.set(claiming.size() == 1 ? claiming.get(0) : null);
      return publisher.get() != null;
    });
    return publisher.get();
  }

  /** What a portfolio replica logs once it is primary for every partition of the wallet streams. */
  private static final String ALL_WALLET_PARTITIONS = "wallet streams: this member is primary for 271 partitions";

  private static LocalTime loggedAt(NodeProcess process, String text) {
    String line = process.log().lines().filter(l -> l.contains(text)).reduce((a, b) -> b).orElseThrow();
    return LocalTime.parse(line.substring(0, 12));
  }

  private static JsonObject trade(String id, String wallet, String symbol, double amount) {
    return new JsonObject().put("trade_id", id).put("wallet_address", wallet).put("symbol", symbol).put("side", "buy")
        .put("amount", amount).put("price", 100).put("timestamp", now());
  }

  private static FactClient.Answer join(FactClient contest, String token, String eventId, String wallet, String username) {
    return contest.post("/facts/contests/" + CONTEST + "/participants", new JsonObject().put("event_id", eventId)
        .put("action", "join").put("wallet_address", wallet).put("username", username).put("timestamp", now()), token);
  }

  /**
   * Reports a fact as a backend does: the same fact again while the service answers 503 (a
   * replica was lost while it was being recorded), until it is acknowledged; it is applied once.
   */
  private static void acknowledged(Supplier<FactClient.Answer> report) {
    ok(Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
        .until(report::get, answer -> answer.status() != 503));
  }

  private static void ok(FactClient.Answer answer) {
    assertThat(answer.status()).as(answer.body().encode()).isEqualTo(200);
  }

  private static String now() {
    return WireTime.format(WireTime.now());
  }

  private static String wallet(String tag) {
    return (tag + "1111111111111111111111111111111111111111111111").substring(0, 44);
  }

  private static Predicate<JsonObject> type(String type) {
    return m -> type.equals(m.getString("type"));
  }

  private static Predicate<JsonObject> activityOf(String wallet) {
    return type("PARTICIPANT_ACTIVITY").and(m -> wallet.equals(m.getJsonObject("data").getString("wallet_address")));
  }

  /** Where a client that processed this event left off: the query a reconnecting client adds. */
  private static String resumeFrom(JsonObject event) {
    return "?since=" + event.getLong("seq") + "&epoch=" + event.getString("epoch");
  }

  private static Predicate<JsonObject> tradeId(String id) {
    return type("TRADE_EXECUTED").and(m -> id.equals(m.getJsonObject("data").getString("trade_id")));
  }

  private static Predicate<JsonObject> holds(String symbol) {
    return m -> amount(m, symbol) > 0;
  }

  private static double amount(JsonObject portfolio, String symbol) {
    JsonArray tokens = portfolio.getJsonObject("data").getJsonArray("tokens");
    for (int i = 0; i < tokens.size(); i++) {
      if (symbol.equals(tokens.getJsonObject(i).getString("symbol"))) {
        return tokens.getJsonObject(i).getDouble("amount");
      }
    }
    return 0;
  }

  /** Free ports for every listener of every process, and the flags that use them. */
  private static final class Cluster {
    final int[] hazelcastPorts = IntStream.range(0, 8).map(i -> FreePorts.next()).toArray();
    final int[] gatewayPorts = {FreePorts.next(), FreePorts.next()};
    final int[] ingestPorts = {FreePorts.next(), FreePorts.next()};
    /** The portfolio replicas' stream cluster. */
    final int[] streamsPorts = {FreePorts.next(), FreePorts.next()};
    /** The market replicas' stream cluster. */
    final int[] marketStreamsPorts = {FreePorts.next(), FreePorts.next()};
    /** The contest replica's stream cluster. */
    final int contestStreamsPort = FreePorts.next();
    final int contestPort = FreePorts.next();
    final int simPort = FreePorts.next();
    private final Path work;
    private final Path config;
    private int next;

    /**
     * Every process runs the shipped cluster.xml with Hazelcast's health endpoint switched on, so
     * that the test can see when the cluster holds all its backups again.
     */
    Cluster(Path work) throws IOException {
      this.work = work;
      String shipped;
      try (InputStream in = FailoverIT.class.getResourceAsStream("/cluster.xml")) {
        shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String health = "  <rest-api enabled=\"true\"><endpoint-group name=\"HEALTH_CHECK\" enabled=\"true\"/></rest-api>\n  </network>";
      assertThat(shipped).contains("</network>");
      config = Files.writeString(work.resolve("cluster.xml"), shipped.replace("</network>", health));
    }

    /**
     * Waits until the cluster, down to {@code members}, holds every backup again. Two backups cover
     * two members dying at once; killing two more while the partitions of one that just died are
     * still being copied to the survivors can take out the last replica of some of them, and with
     * it whatever they held (stream positions, holdings, contests).
     */
    void awaitBackupsRestored(int members, Duration timeout) {
      awaitHealth(state -> state.getBoolean("clusterSafe", false) && state.getInteger("clusterSize", 0) == members,
          "the cluster of " + members + " to hold all its backups", timeout);
    }

    /** Waits until the cluster has let the dead members go: it counts {@code members}. */
    void awaitMembers(int members, Duration timeout) {
      awaitHealth(state -> state.getInteger("clusterSize", 0) == members, "the cluster to count " + members + " members",
          timeout);
    }

    /** Asks the first member, the simulator, which the test never kills. */
    private void awaitHealth(Predicate<JsonObject> reached, String what, Duration timeout) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hazelcastPorts[0] + "/hazelcast/health"))
          .timeout(Duration.ofSeconds(5)).build();
      AtomicReference<String> answer = new AtomicReference<>("");
      try {
        Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
          try {
            answer.set(http.send(health, HttpResponse.BodyHandlers.ofString()).body());
            return reached.test(new JsonObject(answer.get()));
          } catch (IOException | DecodeException e) {
            answer.set(e.toString());
            return false;
          }
        });
      } catch (ConditionTimeoutException e) {
        throw new AssertionError("waited in vain " + timeout + " for " + what + ": " + answer.get()
            + "\nwhat the members logged of migrations:\n" + migrationWarnings());
      }
    }

    /** The last migration warnings of every process, so that a CI failure shows why backups were not restored. */
    private String migrationWarnings() {
      StringBuilder found = new StringBuilder();
      try (var logs = Files.list(work)) {
        for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
          List<String> lines = Files.readAllLines(log).stream()
              .filter(l -> l.contains("igration") && (l.contains("WARN") || l.contains("ERROR")))
              .toList();
          found.append(log.getFileName()).append(": ").append(lines.size()).append(" lines\n");
          lines.subList(Math.max(0, lines.size() - 12), lines.size())
              .forEach(l -> found.append("  ").append(l, 0, Math.min(l.length(), 400)).append('\n'));
        }
      } catch (IOException e) {
        found.append(e);
      }
      return found.toString();
    }

    NodeProcess start(NodeProcesses nodes, String name, String role, List<String> roleFlags) {
      int member = next++;
      List<String> flags = new ArrayList<>(List.of(
          "--cluster-port", String.valueOf(hazelcastPorts[member]),
          "--cluster-members", IntStream.of(hazelcastPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")),
          "--eventbus-host", "127.0.0.1",
          "--management-host", "127.0.0.1",
          "--management-port", String.valueOf(FreePorts.next()),
          // The test reads the time of each takeover from the logs, in their text form.
          "--log-format", "text",
          "--cluster-config", config.toString(),
          "--market-symbols", SYMBOLS));
      flags.addAll(roleFlags);
      return nodes.start(name, role, flags);
    }

    List<String> marketFlags(int index) {
      return List.of("--market-source", "binance", "--market-source-url", "http://127.0.0.1:" + simPort,
          "--market-poll-interval-ms", "100",
          "--streams-port", String.valueOf(marketStreamsPorts[index]),
          "--streams-members", IntStream.of(marketStreamsPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
    }

    List<String> portfolioFlags(int index) {
      return List.of("--portfolio-ingest-port", String.valueOf(ingestPorts[index]),
          "--streams-port", String.valueOf(streamsPorts[index]),
          "--streams-members", IntStream.of(streamsPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
    }

    List<String> contestFlags() {
      return List.of("--contest-ingest-port", String.valueOf(contestPort),
          "--streams-port", String.valueOf(contestStreamsPort), "--streams-members", "127.0.0.1:" + contestStreamsPort);
    }

    List<String> gatewayFlags(int index) {
      DevCertificate cert = TestTls.certificate();
      return List.of("--gateway-port", String.valueOf(gatewayPorts[index]), "--gateway-host", "127.0.0.1",
          "--gateway-instances", "1", "--tls-keystore", cert.keystore().toString(),
          "--tls-keystore-password", cert.password(),
          "--heartbeat-interval-ms", "120000", "--market-heartbeat-interval-ms", "120000");
    }
  }

  /** A WSS client and everything it has received, in order. */
  private static final class Client {
    private final WssTestClient socket;
    private final List<JsonObject> received = new ArrayList<>();

    private Client(WssTestClient socket) {
      this.socket = socket;
    }

    static Client market(Vertx vertx, int port, String wallet) {
      return new Client(WssTestClient.connect(vertx, port, "/api/v2/ws/market?symbols=BTC", TestTokens.user(vertx, wallet)));
    }

    static Client portfolio(Vertx vertx, int port, String wallet) {
      return portfolio(vertx, port, wallet, "");
    }

    /** {@code resume}: the query that says where the client left off, or empty. */
    static Client portfolio(Vertx vertx, int port, String wallet, String resume) {
      return new Client(WssTestClient.connect(vertx, port, "/api/v2/ws/portfolio" + resume, TestTokens.user(vertx, wallet)));
    }

    static Client contest(Vertx vertx, int port, String wallet) {
      return contest(vertx, port, wallet, "");
    }

    static Client contest(Vertx vertx, int port, String wallet, String resume) {
      return new Client(WssTestClient.connect(vertx, port, "/api/v2/ws/contest/" + CONTEST + resume, TestTokens.user(vertx, wallet)));
    }


    /** The first message (already received or still to come) that matches. */
    JsonObject await(Predicate<JsonObject> wanted, Duration timeout) {
      for (JsonObject m : received) {
        if (wanted.test(m)) {
          return m;
        }
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching message within " + timeout + "; received: " + summary());
        }
        JsonObject m;
        try {
          m = socket.next(Duration.ofNanos(left));
        } catch (AssertionError e) {
          throw new AssertionError("no matching message within " + timeout + "; received: " + summary(), e);
        }
        received.add(m);
        if (wanted.test(m)) {
          return m;
        }
      }
    }

    void drain() {
      while (socket.backlog() > 0) {
        received.add(socket.next(Duration.ofSeconds(1)));
      }
    }

    void awaitClosed(Duration timeout) {
      Awaitility.await("socket closed after its gateway died").atMost(timeout).pollInterval(Duration.ofMillis(20)).until(socket::isClosed);
    }

    long lastSeq(String type) {
      drain();
      return received.stream().filter(m -> type.equals(m.getString("type"))).mapToLong(m -> m.getLong("seq")).max().orElse(0);
    }

    /**
     * seq rises with every message of a type and key (MARKET_VOLUME's interval, PRICE_UPDATED's
     * symbol): nothing repeated, nothing older after newer.
     */
    void assertSeqRisesPerType() {
      Map<String, Long> last = new HashMap<>();
      for (JsonObject m : received) {
        if (m.getLong("seq") == null) {
          continue;
        }
        String type = m.getString("type");
        JsonObject data = m.getJsonObject("data");
        if ("MARKET_VOLUME".equals(type)) {
          type += ':' + data.getString("symbol") + ':' + data.getString("interval");
        } else if ("PRICE_UPDATED".equals(type) || type.startsWith("MARKET_")) {
          type += ':' + data.getString("symbol");
        }
        Long previous = last.put(type, m.getLong("seq"));
        if (previous != null) {
          assertThat(m.getLong("seq")).as("%s after seq %d in %s", type, previous, summary()).isGreaterThan(previous);
        }
      }
    }

    List<String> tradeIds() {
      return received.stream().filter(type("TRADE_EXECUTED"))
          .map(m -> m.getJsonObject("data").getString("trade_id")).toList();
    }

    List<String> activities() {
      return received.stream().filter(type("PARTICIPANT_ACTIVITY"))
          .map(m -> m.getJsonObject("data").encode()).toList();
    }

    private String summary() {
      return received.stream().map(m -> m.getString("type") + "#" + m.getLong("seq")).collect(Collectors.joining(", "));
    }
  }

  /** What the takeover took, written where the README's numbers come from. */
  private static final class Timings {
    private final List<String> lines = new ArrayList<>();

    void put(String what, long sinceNanos) {
      lines.add(String.format("%-70s %6d ms", what, (System.nanoTime() - sinceNanos) / 1_000_000));
    }

    void put(String what, LocalTime from, LocalTime to) {
      lines.add(String.format("%-70s %6d ms", what, Duration.between(from, to).toMillis()));
    }

    void write(Path file) throws IOException {
      String text = String.join("\n", lines) + "\n";
      System.out.print(text);
      Files.writeString(file, text);
    }
  }
}
