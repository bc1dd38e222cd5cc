package com.degenduel.realtime.loadtest;

import com.degenduel.realtime.node.launch.LauncherCommand;
import java.util.List;

/** {@code ./degenduel-ws loadtest [--connections N] [--duration S] ...}: see BENCHMARKS.md. */
public final class LoadTestCommand implements LauncherCommand {
  @Override
  public String name() {
    return "loadtest";
  }

  @Override
  public int run(List<String> args) {
    try {
      LoadPlan plan = LoadPlan.parse(args);
      LoadResult result = new LoadTest(plan, System.err).run();
      System.out.print(LoadReport.text(result));
      LoadReport.write(result, plan.reportDir());
      System.out.println("  report: " + plan.reportDir().resolve("loadtest.html").toAbsolutePath());
      return result.clean() ? 0 : 1;
    } catch (IllegalArgumentException e) {
      System.err.println("loadtest: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("loadtest failed: " + e);
      return 1;
    }
  }
}
