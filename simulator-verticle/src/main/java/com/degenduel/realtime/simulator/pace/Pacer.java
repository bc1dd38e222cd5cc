package com.degenduel.realtime.simulator.pace;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs an action a given number of times per second on the caller's event loop, never with more
 * than a bound of them outstanding: when the service they talk to is slow or down, actions that
 * fall due meanwhile are skipped rather than queued, so a stalled service never piles up work.
 * The action returns null when it has nothing to do this time (no price known yet, nobody to move).
 */
public final class Pacer {
  private static final long STEP_MS = 100;

  private final Vertx vertx;
  private final double perStep;
  private final int maxInFlight;
  private final Supplier<Future<?>> action;
  private final long stopAt;
  private final Promise<Integer> finished = Promise.promise();
  private double due;
  private int inFlight;
  private int started;
  private long timer = -1;

  private Pacer(Vertx vertx, double perSecond, long stopAt, int maxInFlight, Supplier<Future<?>> action) {
    this.vertx = vertx;
    this.perStep = perSecond * STEP_MS / 1000.0;
    this.maxInFlight = maxInFlight;
    this.action = action;
    this.stopAt = stopAt;
  }

  /** Runs until {@link #stop()}. */
  public static Pacer start(Vertx vertx, double perSecond, int maxInFlight, Supplier<Future<?>> action) {
    return new Pacer(vertx, perSecond, Long.MAX_VALUE, maxInFlight, action).begin();
  }

  /** Runs for {@code seconds}; completes with the number of actions started. */
  public static Pacer startFor(Vertx vertx, double perSecond, double seconds, int maxInFlight, Supplier<Future<?>> action) {
    return new Pacer(vertx, perSecond, System.currentTimeMillis() + (long) (seconds * 1000), maxInFlight, action).begin();
  }

  private Pacer begin() {
    if (perStep > 0) {
      timer = vertx.setPeriodic(STEP_MS, id -> step());
    } else {
      finished.tryComplete(0);
    }
    return this;
  }

  public Future<Integer> finished() {
    return finished.future();
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    finished.tryComplete(started);
  }

  private void step() {
    if (System.currentTimeMillis() >= stopAt) {
      stop();
      return;
    }
    due += perStep;
    while (due >= 1 && inFlight < maxInFlight) {
      due -= 1;
      Future<?> result = action.get();
      if (result != null) {
        started++;
        inFlight++;
        result.onComplete(r -> inFlight--);
      }
    }
    // What could not start for lack of room is dropped, not saved up for a burst later.
    due = Math.min(due, 1);
  }
}
