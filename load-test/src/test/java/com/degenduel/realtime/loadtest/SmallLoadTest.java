package com.degenduel.realtime.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.launch.NodeRole;
import com.degenduel.realtime.node.management.ManagementServer;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTls;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The load-test tool at a small scale against the whole system (every role, one clustered node,
 * as `up` runs it): 500 connections for 20 seconds across the three endpoints, and five probe
 * connections measuring during the same steady phase. Any failed handshake, lost event or
 * duplicate fails the build. The large runs are benchmarks (BENCHMARKS.md), not tests.
 */
class SmallLoadTest {

  @Test
  void fiveHundredConnectionsForTwentySecondsLoseNothing() throws Exception {
    int gatewayPort = FreePorts.next();
    int portfolioPort = FreePorts.next();
    int contestPort = FreePorts.next();
    NodeConfig base =
        TestTls.serverConfig(NodeConfig.defaults())
            .with(Setting.GATEWAY_PORT, gatewayPort)
            .with(Setting.GATEWAY_INSTANCES, 1)
            .with(Setting.SIM_HTTP_PORT, FreePorts.next())
            .with(Setting.PORTFOLIO_INGEST_PORT, portfolioPort)
            .with(Setting.CONTEST_INGEST_PORT, contestPort)
            .with(Setting.MANAGEMENT_PORT, FreePorts.next())
            .with(Setting.HANDSHAKES_PER_IP_PER_MINUTE, 100_000)
            .with(Setting.SIM_TICKS_PER_SECOND, 10)
            // The load test seeds its own facts; simulated users and contests would only add noise to what it measures.
            .with(Setting.SIM_USERS, 0);
    try (TestCluster cluster = TestCluster.start(1, base)) {
      NodeConfig config = cluster.configFor(0);
      List<NodeRole> roles = new ArrayList<>();
      ServiceLoader.load(NodeRole.class).forEach(roles::add);
      roles.sort(Comparator.comparingInt(NodeRole::startOrder));
      assertThat(roles).extracting(NodeRole::name).contains("gateway", "market", "portfolio", "contest", "simulator");
      for (NodeRole role : roles) {
        TestCluster.await(role.deploy(cluster.node(0), config).map(v -> null));
      }
      Path reports = Files.createTempDirectory("dd-loadtest");
      // One node runs every role here, so one /metrics serves both the gateway's and the market's histograms.
      int managementPort =
          TestCluster.await(
                  ManagementServer.start(
                      cluster.node(0), config.with(Setting.MANAGEMENT_HOST, "127.0.0.1").with(Setting.MANAGEMENT_PORT, 0)))
              .actualPort();
      String metrics = "http://127.0.0.1:" + managementPort + "/metrics";
      LoadPlan plan =
          LoadPlan.parse(
              List.of(
                  "--host", "127.0.0.1",
                  "--port", Integer.toString(gatewayPort),
                  "--connections", "500",
                  "--duration", "20",
                  "--ramp", "100",
                  "--mix", "market=30,portfolio=50,contest=20",
                  "--contests", "3",
                  "--participants", "8",
                  "--portfolio-ingest", "http://127.0.0.1:" + portfolioPort,
                  "--contest-ingest", "http://127.0.0.1:" + contestPort,
                  "--trust", TestTls.certificate().certificatePem().toString(),
                  "--metrics", metrics,
                  "--market-metrics", metrics,
                  "--report-dir", reports.toString()));
      // The probe follows the bulk's progress log, as bench/compare.sh runs it beside the bulk.
      Path bulkProgress = reports.resolve("bulk-progress.log");
      Path probeProgress = reports.resolve("probe-progress.log");
      LoadPlan probePlan =
          LoadPlan.parse(
              List.of(
                  "--host", "127.0.0.1",
                  "--port", Integer.toString(gatewayPort),
                  "--connections", "5",
                  "--duration", "20",
                  "--ramp", "100",
                  "--mix", "market=100",
                  "--trust", TestTls.certificate().certificatePem().toString(),
                  "--metrics", metrics,
                  "--probe", "true",
                  "--follow", bulkProgress.toString(),
                  "--report-dir", reports.resolve("probe").toString()));
      CompletableFuture<LoadResult> probe = new CompletableFuture<>();
      Thread probeThread =
          new Thread(
              () -> {
                try (PrintStream out = new PrintStream(Files.newOutputStream(probeProgress), true)) {
                  probe.complete(new LoadTest(probePlan, out).run());
                } catch (Throwable e) {
                  probe.completeExceptionally(e);
                }
              },
              "probe");
      probeThread.setDaemon(true);
      probeThread.start();
      LoadResult result;
      try (PrintStream out = new PrintStream(Files.newOutputStream(bulkProgress), true)) {
        result = new LoadTest(plan, out).run();
      }
      System.out.print(Files.readString(bulkProgress));
      System.out.print(LoadReport.text(result));
      LoadReport.write(result, reports);
      LoadResult probed = probe.get(2, TimeUnit.MINUTES);
      System.out.print(LoadReport.text(probed));

      assertThat(result.failures()).as("failed handshakes").isEmpty();
      assertThat(result.opened()).isEqualTo(500);
      assertThat(result.duplicates()).as("duplicates").isZero();
      assertThat(result.gaps()).as("seq gaps").isZero();
      assertThat(result.messagesByType())
          .as("all three endpoints streamed")
          .containsKeys("MARKET_PRICE", "PORTFOLIO_UPDATED", "LEADERBOARD_UPDATED");
      assertThat(result.delivered()).as("messages delivered over the steady phase").isPositive();
      assertThat(result.errorsByCode()).as("ERROR messages received").isEmpty();
      assertThat(result.gatewayLatency().count()).as("the gateway's own histogram, read over the steady phase").isPositive();
      assertThat(result.marketDelay().count()).as("the market's publish delay, read over the steady phase").isPositive();
      assertThat(Files.readString(reports.resolve("loadtest.html"))).contains("<svg");

      assertThat(probed.opened()).isEqualTo(5);
      assertThat(probed.failures()).isEmpty();
      assertThat(probed.duplicates() + probed.gaps()).isZero();
      assertThat(probed.deliveryLatency().getTotalCount()).as("market latency the probes measured").isPositive();
      assertThat(probed.gatewayLatency().count()).as("a probe scrapes nothing").isZero();
      assertThat(new FollowedRun(probeProgress).steadyFrom().getAsLong())
          .as("the probe measures from the bulk's steady phase on")
          .isGreaterThanOrEqualTo(new FollowedRun(bulkProgress).steadyFrom().getAsLong());
    }
  }
}
