package com.degenduel.realtime.simulator.market;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The simulated exchange's current {@link FaultMode}, shared by its REST API and its stream. */
public final class MarketFaults {
  private volatile FaultMode mode = FaultMode.NONE;
  private final List<Consumer<FaultMode>> listeners = new CopyOnWriteArrayList<>();

  public FaultMode mode() {
    return mode;
  }

  /** Switches to {@code next} and tells whoever acts on a switch (the stream drops its connections on errors). */
  public void set(FaultMode next) {
    mode = next;
    listeners.forEach(l -> l.accept(next));
  }

  public void onSwitch(Consumer<FaultMode> listener) {
    listeners.add(listener);
  }
}
