package com.degenduel.realtime.loadtest;

import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenIssuer;
import com.degenduel.realtime.node.cluster.SocketTransport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Opens the planned connections against a running gateway, keeps them for the planned time, and
 * measures what they receive. Stops by itself; never targets anything but loopback.
 */
public final class LoadTest {
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final int CONNECTIONS_PER_VIEWER_WALLET = 8;
  private static final int HANDSHAKES_IN_FLIGHT_PER_LOOP = 64;
  private static final Duration FOLLOW_WAIT = Duration.ofMinutes(30);

  private final LoadPlan plan;
  private final PrintStream progress;
  private final LoadStats stats = new LoadStats();

  public LoadTest(LoadPlan plan, PrintStream progress) {
    this.plan = plan;
    this.progress = progress;
  }

  public LoadResult run() throws Exception {
    // The generator decrypts every frame the gateway sends; with the JDK's TLS and NIO it ran out of
    // CPU long before the gateway did, so it uses the same native paths the gateway does.
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(Math.max(2, plan.eventLoops()))
                .setPreferNativeTransport(true));
    try {
      return run(vertx);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private LoadResult run(Vertx vertx) throws Exception {
    int portfolio = (int) Math.round(plan.connections() * plan.portfolioShare());
    int contest = (int) Math.round(plan.connections() * plan.contestShare());
    int market = plan.connections() - portfolio - contest;
    // Several portfolio connections may watch one wallet (up to the gateway's per-wallet cap), so
    // that a large run does not have to seed a wallet per connection.
    // A probe's wallets are its own, so that it adds nothing to the bulk's wallets' connection counts.
    String viewers = plan.probe() ? "ProbeView" : "LoadView";
    List<String> portfolioWallets = wallets(plan.probe() ? "ProbePort" : "LoadPort", (portfolio + plan.connectionsPerWallet() - 1) / plan.connectionsPerWallet());
    List<String> participants = wallets("LoadGame", plan.participantsPerContest());
    FactSeeder seeder = new FactSeeder(vertx, plan);
    List<String> contests = new ArrayList<>();
    for (int i = 0; i < (contest > 0 ? plan.contests() : 0); i++) {
      contests.add(seeder.contestId(i));
    }
    if (plan.seed()) {
      progress.printf("seeding %d wallets and %d contests through the ingestion APIs%n", portfolioWallets.size(), contests.size());
      long seedStart = System.nanoTime();
      await(seeder.holdings(plan.portfolioIngest(), portfolioWallets, plan.symbols()), Duration.ofMinutes(5));
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      progress.printf("seeded %d wallet trades in %.1f s: %.0f facts/s%n",
          portfolioWallets.size(), seedSeconds, portfolioWallets.size() / seedSeconds);
      if (!contests.isEmpty()) {
        await(
            seeder.contests(plan.contestIngest(), plan.portfolioIngest(), contests, participants, plan.symbols().get(0)),
            Duration.ofMinutes(5));
      }
    }
    seeder.close();

    TokenIssuer tokens = TokenIssuer.development(vertx, plan.tokens());
    List<Supplier<Future<?>>> openers = new ArrayList<>();
    List<LoadConnection> connections = new ArrayList<>();
    List<WebSocketClient> clients = new ArrayList<>();
    // Connections are spread over several loopback addresses so that ephemeral ports do not run
    // out: each (source, destination) pair has its own port space. The spread is over destinations
    // (the gateway listens on all of 127.0.0.0/8) because Vert.x 5.1's WebSocket client does not
    // apply a configured local address; `ss -tn` shows every socket leaving from 127.0.0.1.
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setSsl(true)
                .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
                .setTrustOptions(new PemTrustOptions().addCertPath(plan.trustPem().toString()))
                .setVerifyHost(false)
                .setMaxConnections(plan.connections())
                .setConnectTimeout(30_000));
    clients.add(client);
    for (int i = 0; i < plan.connections(); i++) {
      String path;
      String wallet;
      boolean isMarket = false;
      if (i < market) {
        isMarket = true;
        List<String> symbols = new ArrayList<>();
        for (int s = 0; s < plan.symbolsPerMarketConnection(); s++) {
          symbols.add(plan.symbols().get((i + s) % plan.symbols().size()));
        }
        path = "/api/v2/ws/market?symbols=" + String.join(",", symbols);
        wallet = wallet(viewers, i / CONNECTIONS_PER_VIEWER_WALLET);
      } else if (i < market + portfolio) {
        wallet = portfolioWallets.get((i - market) / plan.connectionsPerWallet());
        path = "/api/v2/ws/portfolio";
      } else {
        path = "/api/v2/ws/contest/" + contests.get((i - market - portfolio) % contests.size());
        wallet = wallet(viewers, i / CONNECTIONS_PER_VIEWER_WALLET);
      }
      WebSocketConnectOptions options =
          new WebSocketConnectOptions()
              .setHost(target(i))
              .setPort(plan.port())
              .setSsl(true)
              .setURI(path)
              .setAllowOriginHeader(false)
              .addSubProtocol(tokens.issue(wallet, Role.USER, null, plan.duration().plusMinutes(30)));
      LoadConnection connection = new LoadConnection(stats, isMarket);
      connections.add(connection);
      openers.add(() -> connection.open(vertx, client, options));
    }

    // A probe's scrapes would be load of its own, at the priority that keeps the probe ahead of the bulk.
    GatewayResources resources = new GatewayResources(vertx, plan.probe() ? null : plan.metricsUrl(), plan.gatewayPid());
    MarketDelay marketDelay = new MarketDelay(vertx, plan.probe() ? null : plan.marketMetricsUrl());
    long started = System.nanoTime();
    progress.printf(
        "opening %d connections (market %d, portfolio %d, contest %d) at %d/s to %d loopback addresses (tls %s, transport %s, %d event loops)%n",
        plan.connections(), market, portfolio, contest, plan.rampPerSecond(), plan.loopbackAddresses(),
        OpenSSLEngineOptions.isAvailable() ? "openssl" : "jdk", SocketTransport.describe(vertx),
        plan.eventLoops());
    Promise<Long> rampDone = Promise.promise();
    int perTick = Math.max(1, plan.rampPerSecond() / 100);
    int[] next = {0};
    // A connection lives on the event loop of the context that opens it, so connections are opened
    // from one context per loop, in turn. A context made here takes the next loop of the pool (from
    // this thread, getOrCreateContext would give the same sticky loop every time).
    List<Context> loops = new ArrayList<>();
    for (int i = 0; i < plan.eventLoops(); i++) {
      loops.add(((VertxInternal) vertx).createEventLoopContext());
    }
    // The ramp asks for a rate but keeps no more handshakes in flight than the loops complete:
    // connects queued faster than that starved the reading of the open sockets, and handshakes
    // failed on timeouts.
    AtomicInteger handshaking = new AtomicInteger();
    int maxHandshaking = HANDSHAKES_IN_FLIGHT_PER_LOOP * plan.eventLoops();
    vertx.setPeriodic(
        10,
        timer -> {
          for (int k = 0; k < perTick && next[0] < openers.size() && handshaking.get() < maxHandshaking; k++) {
            Supplier<Future<?>> opener = openers.get(next[0]);
            handshaking.incrementAndGet();
            loops.get(next[0]++ % loops.size()).runOnContext(v -> opener.get().onComplete(done -> handshaking.decrementAndGet()));
          }
          if (next[0] >= openers.size()) {
            vertx.cancelTimer(timer);
            rampDone.complete(System.nanoTime());
          }
        });
    long rampEnded = await(rampDone.future(), Duration.ofMinutes(30));
    long settle = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (stats.opened.sum() + failures() < plan.connections() && System.nanoTime() < settle) {
      tick(resources, started);
    }
    FollowedRun followed = plan.follow() == null ? null : new FollowedRun(plan.follow());
    if (followed != null) {
      awaitSteadyPhase(followed);
    }
    ServerLatency gatewayBefore = await(resources.sample(), Duration.ofSeconds(5)).latency();
    Map<String, ServerLatency> marketBefore = await(marketDelay.sample(), Duration.ofSeconds(5));
    long steadyFrom = System.nanoTime();
    // In epoch milliseconds, for lining the steady phase up with other processes' logs (GC pauses).
    progress.printf("%s%d%n", FollowedRun.STEADY_FROM, System.currentTimeMillis());
    long steadyMessages = stats.messages.sum();
    stats.harvest();
    stats.measuring = true;
    Histogram steady = new Histogram(60_000_000L, 3);
    long end = steadyFrom + plan.duration().toNanos();
    while (System.nanoTime() < end && (followed == null || !followed.steadyEnded())) {
      steady.add(tick(resources, started));
    }
    long steadyNanos = System.nanoTime() - steadyFrom;
    progress.printf("%s%d%n", FollowedRun.STEADY_TO, System.currentTimeMillis());
    long delivered = stats.messages.sum() - steadyMessages;
    ServerLatency gatewaySteady = await(resources.sample(), Duration.ofSeconds(5)).latency().since(gatewayBefore);
    Map<String, ServerLatency> marketSteady = ServerLatency.since(await(marketDelay.sample(), Duration.ofSeconds(5)), marketBefore);
    connections.forEach(LoadConnection::close);
    Thread.sleep(1000);
    clients.forEach(WebSocketClient::close);
    resources.close();
    marketDelay.close();
    return new LoadResult(
        plan,
        market,
        portfolio,
        contest,
        stats.opened.sum(),
        LoadStats.snapshot(stats.failures),
        Duration.ofNanos(rampEnded - started),
        Duration.ofNanos(steadyNanos),
        delivered,
        stats.gaps.sum(),
        stats.eventGaps.sum(),
        stats.duplicates.sum(),
        LoadStats.snapshot(stats.gapsByType),
        LoadStats.snapshot(stats.duplicatesByType),
        LoadStats.snapshot(stats.byType),
        LoadStats.snapshot(stats.errors),
        LoadStats.snapshot(stats.closes),
        steady,
        stats.totalsByType(),
        resources.peak(),
        gatewaySteady,
        ServerLatency.delivery(marketSteady),
        marketSteady);
  }

  /**
   * Waits, checking every 100 ms, until the followed run's steady phase has started; its
   * connections stay open and are read meanwhile, without measuring.
   */
  private void awaitSteadyPhase(FollowedRun followed) throws Exception {
    progress.printf("waiting for the steady phase of the run logging to %s%n", followed.progressLog());
    long giveUp = System.nanoTime() + FOLLOW_WAIT.toNanos();
    while (followed.steadyFrom().isEmpty()) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException("no steady phase in " + followed.progressLog() + " within " + FOLLOW_WAIT);
      }
      Thread.sleep(100);
    }
  }

  /** One second of progress: returns the latency histogram of that second. */
  private Histogram tick(GatewayResources resources, long started) throws InterruptedException {
    long before = stats.messages.sum();
    Thread.sleep(1000);
    Histogram interval = stats.harvest();
    long rate = stats.messages.sum() - before;
    GatewayResources.Sample s = resources.last();
    progress.printf(
        "%4ds  open %6d  failed %4d  msgs/s %8d  p50 %6.1f ms  p99 %6.1f ms  gaps %d  dups %d  gateway cpu %s heap %s%n",
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        stats.open.sum(),
        failures(),
        rate,
        interval.getValueAtPercentile(50) / 1000.0,
        interval.getValueAtPercentile(99) / 1000.0,
        stats.gaps.sum(),
        stats.duplicates.sum(),
        s.cpu() < 0 ? "-" : String.format("%.0f%%", s.cpu() * 100),
        s.heapBytes() < 0 ? "-" : (long) (s.heapBytes() / (1 << 20)) + " MiB");
    resources.sample();
    return interval;
  }

  /** The gateway's address for connection {@code i}: the plan's host, or 127.0.0.x spread for loopback. */
  private String target(int i) {
    if (plan.loopbackAddresses() == 1 || !plan.host().startsWith("127.")) {
      return plan.host();
    }
    return "127.0.0." + (1 + i % plan.loopbackAddresses());
  }

  private long failures() {
    return stats.failures.values().stream().mapToLong(java.util.concurrent.atomic.LongAdder::sum).sum();
  }

  private static List<String> wallets(String prefix, int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(wallet(prefix, i));
    }
    return out;
  }

  /** A 44-character base58 address, as the portfolio service expects of a wallet. */
  static String wallet(String prefix, int index) {
    StringBuilder digits = new StringBuilder();
    long n = index;
    do {
      digits.append(BASE58.charAt((int) (n % 58)));
      n /= 58;
    } while (n > 0);
    StringBuilder wallet = new StringBuilder(prefix);
    while (wallet.length() + digits.length() < 44) {
      wallet.append('1');
    }
    return wallet.append(digits.reverse()).toString();
  }

  private static <T> T await(io.vertx.core.Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
