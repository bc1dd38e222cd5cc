package com.degenduel.realtime.simulator.market;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * The one synthetic market of a Vert.x instance. The simulator's HTTP exchange and the in-process
 * {@code synthetic} source must show the same market, yet neither module deploys the other, so the
 * first of them to ask creates it in the instance's local shared data and the second finds it
 * there. The configuration of the first asker wins; in one process both read the same one.
 */
public final class SyntheticMarkets {
  private static final String MAP = "dd.simulator.market";
  private static final String KEY = "market";

  private SyntheticMarkets() {}

  public static SyntheticMarket of(Vertx vertx, NodeConfig config) {
    return vertx.sharedData()
        .<String, SyntheticMarket>getLocalMap(MAP)
        .computeIfAbsent(
            KEY,
            k ->
                new SyntheticMarket(
                    config.getList(Setting.MARKET_SYMBOLS),
                    config.getInt(Setting.SIM_TICKS_PER_SECOND),
                    config.isSet(Setting.SIM_SEED) ? config.getLong(Setting.SIM_SEED) : System.nanoTime(),
                    Clock.systemUTC()));
  }
}
