package com.degenduel.realtime.system;

import com.degenduel.realtime.node.tls.DevClusterCertificate;
import com.degenduel.realtime.testkit.HazelcastJvmFlags;
import com.degenduel.realtime.testkit.TestTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Starts DegenDuel roles as separate JVM processes from the distribution folder, the way
 * {@code ./degenduel-ws <role>} does, and makes sure every one of them is gone when the test ends,
 * even when the test JVM itself is stopped (shutdown hook). It only ever ends processes it started.
 */
final class NodeProcesses implements AutoCloseable {
  /** The jar every role needs from its own module: target/lib must hold one of each. */
  private static final List<String> MODULES = List.of(
      "shared-codec", "node-runtime", "gateway-verticle", "market-verticle", "portfolio-verticle", "contest-verticle",
      "simulator-verticle");

  /** Small JVMs: eight of them share the machine with the build. */
  private static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Path lib;
  private final Path work;
  private final List<NodeProcess> started = new ArrayList<>();
  private final Thread reaper = new Thread(this::destroyAll, "node-processes-reaper");

  NodeProcesses(Path lib, Path work) {
    this.lib = requireComplete(lib);
    this.work = work;
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** Fails at once, saying what to do, when target/lib is missing a module's jar. */
  static Path requireComplete(Path lib) {
    List<String> missing = new ArrayList<>();
    for (String module : MODULES) {
      boolean present;
      try (Stream<Path> files = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
        present = files.map(p -> p.getFileName().toString())
            .anyMatch(name -> name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-tests.jar"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!present) {
        missing.add(module);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(lib + " is incomplete (no jar of " + missing + "). The process tests run the "
          + "roles from the distribution folder that every module fills when it is packaged: run them through "
          + "'mvn -B verify' from the repository root, not this module alone.");
    }
    return lib;
  }

  NodeProcess start(String name, String role, List<String> flags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.addAll(HazelcastJvmFlags.ALL);
    command.add("-cp");
    command.add(lib.toAbsolutePath() + "/*");
    command.add("com.degenduel.realtime.node.launch.Launcher");
    command.add(role);
    // Development mode: the tests sign their tokens with the development secret.
    command.add("--dev-mode");
    command.add("true");
    command.addAll(flags);
    // Members of the test's cluster: the event bus between them speaks TLS with the test JVM's material.
    DevClusterCertificate member = TestTls.member();
    command.addAll(List.of("--eventbus-tls-cert", member.certificate().toString(), "--eventbus-tls-key", member.key().toString(),
        "--eventbus-tls-ca", member.authority().toString()));
    Path log = work.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    // Only the flags configure the node: a DD_* variable of the developer's shell must not leak in.
    env.keySet().removeIf(key -> key.startsWith("DD_"));
    try {
      NodeProcess process = new NodeProcess(name, role, builder.start(), log);
      synchronized (started) {
        started.add(process);
      }
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  @Override
  public void close() {
    destroyAll();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run
    }
  }

  private void destroyAll() {
    List<NodeProcess> all;
    synchronized (started) {
      all = List.copyOf(started);
    }
    all.forEach(NodeProcess::kill);
  }

  /** One started role. */
  static final class NodeProcess {
    final String name;
    final String role;
    private final Process process;
    private final Path log;

    NodeProcess(String name, String role, Process process, Path log) {
      this.name = name;
      this.role = role;
      this.process = process;
      this.log = log;
    }

    /** SIGKILL, the process and anything it started: no shutdown hook, no goodbye to the cluster. */
    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    boolean isAlive() {
      return process.isAlive();
    }

    String log() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    /** Waits for a line containing {@code text}; fails with the log's tail if the process dies or time runs out. */
    void awaitLog(String text, Duration timeout) {
      try {
        Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
          if (log().contains(text)) {
            return true;
          }
          if (!process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + " before logging '" + text + "':\n" + tail());
          }
          return false;
        });
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(name + " did not log '" + text + "' within " + timeout + ":\n" + tail());
      }
    }

    String tail() {
      String all = log();
      return all.substring(Math.max(0, all.length() - 4000));
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
