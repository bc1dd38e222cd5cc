package com.degenduel.realtime.simulator.contests;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;

/** How the simulator runs contests, from the SIM_* settings. */
public record ContestPlan(
    int contests,
    long durationSeconds,
    int rounds,
    double tradesPerSecond,
    double joinsPerSecond,
    double cancelPercent,
    String demoContestId) {

  public ContestPlan {
    if (contests < 0 || durationSeconds < 1 || rounds < 1 || tradesPerSecond < 0 || joinsPerSecond < 0
        || cancelPercent < 0 || cancelPercent > 100) {
      throw new IllegalArgumentException(
          "SIM_CONTESTS >= 0, SIM_CONTEST_DURATION_SECONDS >= 1, SIM_CONTEST_ROUNDS >= 1, rates >= 0 and SIM_CANCEL_PERCENT 0-100");
    }
  }

  public static ContestPlan from(NodeConfig config) {
    return new ContestPlan(
        config.getInt(Setting.SIM_CONTESTS),
        config.getLong(Setting.SIM_CONTEST_DURATION_SECONDS),
        config.getInt(Setting.SIM_CONTEST_ROUNDS),
        config.getDouble(Setting.SIM_CONTEST_TRADES_PER_SECOND),
        config.getDouble(Setting.SIM_JOINS_PER_SECOND),
        config.getDouble(Setting.SIM_CANCEL_PERCENT),
        config.get(Setting.SIM_DEMO_CONTEST));
  }

  long roundEveryMs() {
    return Math.max(1, durationSeconds * 1000 / rounds);
  }
}
