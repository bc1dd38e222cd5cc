package com.degenduel.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.HazelcastJvmFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher, started as its own process the way {@code ./degenduel-ws gateway} starts it:
 * with the development secret and without development mode it exits non-zero and says why in one
 * line; told it is in development mode, the same gateway starts.
 */
class DevelopmentSecretRefusalTest {
  private static final Duration START = Duration.ofSeconds(120);

  @TempDir Path dir;
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aGatewayWithTheDevelopmentSecretOutsideDevelopmentModeExitsSayingWhy() throws Exception {
    Path log = dir.resolve("gateway.log");
    process = launchGateway(log, List.of());

    assertThat(process.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("the gateway exits").isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isEqualTo(2);
    List<String> why = output.lines().filter(l -> l.contains("development secret")).toList();
    assertThat(why).as(output).hasSize(1);
    assertThat(why.get(0)).startsWith("degenduel-ws: refusing to start").contains("DD_DEV_MODE=true");
    assertThat(output).doesNotContain("\tat ").doesNotContain(Setting.JWT_SECRET.defaultValue()).doesNotContain("gateway started");
  }

  @Test
  void inDevelopmentModeTheSameGatewayStarts() throws Exception {
    Path log = dir.resolve("gateway.log");
    process = launchGateway(log, List.of("--dev-mode", "true"));

    await().atMost(START).until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("gateway started") || !process.isAlive());
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.isAlive()).as(output).isTrue();
    assertThat(output).doesNotContain("refusing to start");
  }

  private Process launchGateway(Path log, List<String> flags) throws IOException {
    int clusterPort = FreePorts.next();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1"));
    command.addAll(HazelcastJvmFlags.ALL);
    command.addAll(List.of(
        "-cp", System.getProperty("java.class.path"),
        "com.degenduel.realtime.node.launch.Launcher", "gateway",
        "--cluster-port", String.valueOf(clusterPort),
        "--cluster-members", "127.0.0.1:" + clusterPort,
        "--eventbus-port", "0",
        "--management-host", "127.0.0.1",
        "--management-port", String.valueOf(FreePorts.next()),
        "--gateway-host", "127.0.0.1",
        "--gateway-port", String.valueOf(FreePorts.next()),
        "--gateway-instances", "1",
        "--dev-tls-dir", dir.resolve("dev-tls").toString(),
        "--log-format", "text"));
    command.addAll(flags);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Only the flags configure the process: a DD_* variable of the developer's shell must not leak in.
    builder.environment().keySet().removeIf(key -> key.startsWith("DD_"));
    return builder.start();
  }
}
