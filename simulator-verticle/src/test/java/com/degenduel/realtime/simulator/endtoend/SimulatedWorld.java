package com.degenduel.realtime.simulator.endtoend;

import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.contest.ContestRole;
import com.degenduel.realtime.gateway.GatewayRole;
import com.degenduel.realtime.market.MarketRole;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenIssuer;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.portfolio.PortfolioRole;
import com.degenduel.realtime.simulator.SimulatorRole;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTls;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Every role of the product on a real three-member cluster on loopback, deployed by the same
 * NodeRoles `up` uses: the market (synthetic source) and the simulator on member 0, portfolio and
 * contest on member 1, the gateway (real TLS) on member 2. The simulator runs fast and small.
 * Test classes share one world ({@link Shared}): starting a cluster is the slow part, and what one
 * class does (a burst for its own wallet, a contest cancelled) does not disturb what another checks.
 */
final class SimulatedWorld implements ExtensionContext.Store.CloseableResource {
  static final String DEMO_WALLET = Setting.SIM_DEMO_WALLET.defaultValue();
  static final String DEMO_CONTEST = Setting.SIM_DEMO_CONTEST.defaultValue();
  static final double STARTING_BALANCE = 10_000;

  /** One answer of the simulator's HTTP API. */
  record Reply(int status, JsonObject body) {}

  final TestCluster cluster;
  final int gatewayPort = FreePorts.next();
  final int simulatorPort = FreePorts.next();
  final int portfolioIngestPort = FreePorts.next();
  final int contestIngestPort = FreePorts.next();
  /** Events a wallet or contest stream keeps for reconnecting clients: small, so a test can outrun it. */
  static final int HISTORY_EVENTS = 20;
  private final HttpClient http;

  SimulatedWorld() {
    NodeConfig base = TestTls.serverConfig(NodeConfig.defaults())
        .with(Setting.MARKET_SOURCE, "synthetic")
        .with(Setting.MARKET_SYMBOLS, "BTC,ETH,SOL")
        .with(Setting.SIM_TICKS_PER_SECOND, 50)
        .with(Setting.SIM_SEED, 7)
        .with(Setting.SIM_USERS, 8)
        .with(Setting.SIM_TRADES_PER_SECOND, 10)
        .with(Setting.SIM_CONTESTS, 2)
        // Rounds every 3 s, but no contest ends on its own while the tests run: they end contests themselves.
        .with(Setting.SIM_CONTEST_DURATION_SECONDS, 600)
        .with(Setting.SIM_CONTEST_ROUNDS, 200)
        .with(Setting.SIM_CONTEST_TRADES_PER_SECOND, 10)
        .with(Setting.SIM_JOINS_PER_SECOND, 2)
        .with(Setting.SIM_CANCEL_PERCENT, 0)
        .with(Setting.SIM_HTTP_PORT, simulatorPort)
        .with(Setting.PORTFOLIO_INGEST_PORT, portfolioIngestPort)
        .with(Setting.CONTEST_INGEST_PORT, contestIngestPort)
        .with(Setting.PORTFOLIO_HISTORY_EVENTS, HISTORY_EVENTS)
        .with(Setting.CONTEST_HISTORY_EVENTS, HISTORY_EVENTS)
        .with(Setting.GATEWAY_PORT, gatewayPort)
        .with(Setting.GATEWAY_INSTANCES, 1);
    cluster = TestCluster.start(3, base);
    TestCluster.await(new MarketRole().deploy(cluster.node(0), config(0)));
    TestCluster.await(new PortfolioRole().deploy(cluster.node(1), config(1)));
    TestCluster.await(new ContestRole().deploy(cluster.node(1), config(1)));
    TestCluster.await(new SimulatorRole().deploy(cluster.node(0), config(0)));
    TestCluster.await(new GatewayRole().deploy(cluster.node(2), config(2)));
    // One connection per request, as curl does.
    http = cluster.node(2).createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(simulatorPort).setKeepAlive(false));
  }

  /** Each member its own management port: several members share this JVM and other processes share the machine. */
  private NodeConfig config(int member) {
    return cluster.configFor(member).with(Setting.MANAGEMENT_PORT, FreePorts.next());
  }

  Vertx client() {
    return cluster.node(2);
  }

  String token(String wallet, Role role) {
    return TokenIssuer.development(client(), NodeConfig.defaults()).issue(wallet, role, "tester", Duration.ofMinutes(10));
  }

  String admin() {
    return token(DEMO_WALLET, Role.ADMIN);
  }

  WssTestClient connect(String pathAndQuery, String token) {
    return WssTestClient.connect(client(), gatewayPort, pathAndQuery, token);
  }

  Reply get(String path, String token) {
    return call(HttpMethod.GET, path, null, token);
  }

  Reply post(String path, JsonObject body, String token) {
    return call(HttpMethod.POST, path, body, token);
  }

  /**
   * A state change of a contest, tried again while the simulator answers BUSY: its own lifecycle
   * (a round every few seconds) may have a fact in flight at that moment.
   */
  Reply change(String path) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> post(path, null, admin()), reply -> reply.status() != 409 || !"BUSY".equals(reply.body().getString("code")));
  }

  private Reply call(HttpMethod method, String path, JsonObject body, String token) {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setTimeout(40_000);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    return TestCluster.await(
        http.request(options)
            .compose(req -> body == null ? req.send() : req.send(body.toBuffer()))
            .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b.length() == 0 ? new JsonObject() : b.toJsonObject()))),
        Duration.ofSeconds(45));
  }

  /** Polls the simulator until a condition on one of its answers holds. */
  JsonObject awaitReply(String path, Predicate<JsonObject> ready, Duration timeout) {
    AtomicReference<Reply> last = new AtomicReference<>();
    try {
      return await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> {
            last.set(get(path, admin()));
            return last.get();
          }, reply -> reply.status() == 200 && holds(ready, path, reply))
          .body();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("GET " + path + " did not get ready within " + timeout + "; last: " + last.get());
    }
  }

  private static boolean holds(Predicate<JsonObject> ready, String path, Reply reply) {
    try {
      return ready.test(reply.body());
    } catch (RuntimeException e) {
      System.err.println("ODD ANSWER to GET " + path + ": " + reply);
      return false;
    }
  }

  /** Hands every test class that asks the same world, closed once all tests have run. */
  static final class Shared implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == SimulatedWorld.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(SimulatedWorld.class, k -> new SimulatedWorld(), SimulatedWorld.class);
    }
  }

  @Override
  public void close() {
    http.close();
    cluster.close();
  }
}
