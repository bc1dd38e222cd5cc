package com.degenduel.realtime.loadtest;

import com.degenduel.realtime.node.launch.LauncherCommand;
import java.util.List;

/** {@code ./degenduel-ws ingestbench [--watched N] [--facts N] [--batch N] ...}: see BENCHMARKS.md. */
public final class IngestBenchCommand implements LauncherCommand {
  @Override
  public String name() {
    return "ingestbench";
  }

  @Override
  public int run(List<String> args) {
    try {
      return new IngestBench(IngestBench.parse(args), System.err).run();
    } catch (IllegalArgumentException e) {
      System.err.println("ingestbench: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("ingestbench failed: " + e);
      return 1;
    }
  }
}
