package com.degenduel.realtime.loadtest;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one load-test run does. Every target must be a loopback address: the tool refuses to
 * send load anywhere else.
 *
 * <p>A probe ({@code --probe true}) is a few connections in a process of their own, started at a
 * higher scheduling priority than the bulk load beside it, so that its latency shows the server's
 * delay rather than the bulk generator's wait for a core: it seeds nothing, reads no server
 * metrics, and watches with wallets of its own. With {@code --follow}, the progress log of the bulk
 * run, it measures during that run's steady phase.
 */
public record LoadPlan(
    String host,
    int port,
    int connections,
    Duration duration,
    int rampPerSecond,
    double marketShare,
    double portfolioShare,
    int symbolsPerMarketConnection,
    List<String> symbols,
    int loopbackAddresses,
    int eventLoops,
    int contests,
    int participantsPerContest,
    int connectionsPerWallet,
    String portfolioIngest,
    String contestIngest,
    boolean seed,
    Path trustPem,
    String metricsUrl,
    String marketMetricsUrl,
    long gatewayPid,
    Path reportDir,
    boolean probe,
    Path follow,
    NodeConfig tokens) {

  public double contestShare() {
    return Math.max(0, 1 - marketShare - portfolioShare);
  }

  public static LoadPlan parse(List<String> args) {
    Map<String, String> flags = new HashMap<>();
    List<String> config = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args.get(++i);
      if (FLAGS.contains(flag)) {
        flags.put(flag, value);
      } else {
        config.add(flag);
        config.add(value);
      }
    }
    NodeConfig node = NodeConfig.from(System.getenv(), config);
    String[] mix = flags.getOrDefault("--mix", "market=40,portfolio=40,contest=20").split(",");
    Map<String, Double> shares = new HashMap<>();
    double total = 0;
    for (String part : mix) {
      String[] kv = part.split("=");
      double v = Double.parseDouble(kv[1]);
      shares.put(kv[0].trim(), v);
      total += v;
    }
    boolean probe = Boolean.parseBoolean(flags.getOrDefault("--probe", "false"));
    LoadPlan plan =
        new LoadPlan(
            flags.getOrDefault("--host", "127.0.0.1"),
            Integer.parseInt(flags.getOrDefault("--port", node.get(Setting.GATEWAY_PORT))),
            Integer.parseInt(flags.getOrDefault("--connections", "1000")),
            Duration.ofSeconds(Long.parseLong(flags.getOrDefault("--duration", "60"))),
            Integer.parseInt(flags.getOrDefault("--ramp", "500")),
            shares.getOrDefault("market", 0.0) / total,
            shares.getOrDefault("portfolio", 0.0) / total,
            Integer.parseInt(flags.getOrDefault("--symbols-per-connection", "1")),
            node.getList(Setting.MARKET_SYMBOLS),
            Integer.parseInt(flags.getOrDefault("--loopback-addresses", "4")),
            Integer.parseInt(flags.getOrDefault("--event-loops", "1")),
            Integer.parseInt(flags.getOrDefault("--contests", "10")),
            Integer.parseInt(flags.getOrDefault("--participants", "20")),
            Integer.parseInt(flags.getOrDefault("--connections-per-wallet", "1")),
            flags.getOrDefault("--portfolio-ingest", "http://127.0.0.1:" + node.get(Setting.PORTFOLIO_INGEST_PORT)),
            flags.getOrDefault("--contest-ingest", "http://127.0.0.1:" + node.get(Setting.CONTEST_INGEST_PORT)),
            !probe && Boolean.parseBoolean(flags.getOrDefault("--seed", "true")),
            Path.of(flags.getOrDefault("--trust", Path.of(node.get(Setting.DEV_TLS_DIR), "dev-gateway.pem").toString())),
            flags.getOrDefault("--metrics", "http://127.0.0.1:" + node.get(Setting.MANAGEMENT_PORT) + "/metrics"),
            flags.get("--market-metrics"),
            Long.parseLong(flags.getOrDefault("--gateway-pid", "0")),
            Path.of(flags.getOrDefault("--report-dir", "target/loadtest")),
            probe,
            flags.containsKey("--follow") ? Path.of(flags.get("--follow")) : null,
            node);
    plan.requireLoopback();
    return plan;
  }

  private static final List<String> FLAGS =
      List.of(
          "--host", "--port", "--connections", "--duration", "--ramp", "--mix", "--symbols-per-connection",
          "--loopback-addresses", "--event-loops", "--contests", "--participants", "--connections-per-wallet", "--portfolio-ingest", "--contest-ingest", "--seed",
          "--trust", "--metrics", "--market-metrics", "--gateway-pid", "--report-dir", "--probe", "--follow");

  /** Load, soak and failure traffic only ever targets this machine. */
  void requireLoopback() {
    requireLoopback(host);
    requireLoopback(URI.create(portfolioIngest).getHost());
    requireLoopback(URI.create(contestIngest).getHost());
    requireLoopback(URI.create(metricsUrl).getHost());
    if (marketMetricsUrl != null) {
      requireLoopback(URI.create(marketMetricsUrl).getHost());
    }
    if (connectionsPerWallet < 1 || connections < 1 || duration.isNegative() || duration.isZero() || loopbackAddresses < 1 || loopbackAddresses > 250 || eventLoops < 1) {
      throw new IllegalArgumentException("connections, duration, event loops and loopback addresses (1..250) must be positive");
    }
  }

  static void requireLoopback(String host) {
    try {
      if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException("load tests target loopback only, not " + host);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + host);
    }
  }
}
