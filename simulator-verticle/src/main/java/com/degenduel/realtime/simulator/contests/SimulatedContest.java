package com.degenduel.realtime.simulator.contests;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One contest the simulator runs, as far as the contest service has accepted its facts. Only the
 * director's event loop touches it; {@code busy} marks a lifecycle fact in flight, so two are never
 * sent for the same contest at once.
 */
final class SimulatedContest {
  /** NEW: not yet accepted by the contest service. */
  enum Stage {
    NEW,
    PENDING,
    ACTIVE,
    COMPLETED,
    CANCELLED;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    boolean open() {
      return this == PENDING || this == ACTIVE;
    }
  }

  final String id;
  final String name;
  /** The demo contest runs as long as the simulator does. */
  final boolean demo;
  /** A slot contest is replaced by a new one when it ends; one launched by a test endpoint is not. */
  final boolean slot;
  final long durationSeconds;
  final long roundEveryMs;
  final int rounds;
  final double prizePool;
  final double startingBalance;
  /** 0: runs to its end; otherwise cancelled this long after its start. */
  final long cancelAfterMs;
  final Map<String, Seat> seats = new LinkedHashMap<>();
  Stage stage = Stage.NEW;
  int round;
  long startedAtMs;
  boolean busy;
  long retryAtMs;

  SimulatedContest(
      String id, String name, boolean demo, boolean slot, long durationSeconds, long roundEveryMs, int rounds,
      double prizePool, double startingBalance, long cancelAfterMs) {
    this.id = id;
    this.name = name;
    this.demo = demo;
    this.slot = slot;
    this.durationSeconds = durationSeconds;
    this.roundEveryMs = roundEveryMs;
    this.rounds = rounds;
    this.prizePool = prizePool;
    this.startingBalance = startingBalance;
    this.cancelAfterMs = cancelAfterMs;
  }

  boolean ended() {
    return stage == Stage.COMPLETED || stage == Stage.CANCELLED;
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("contest_id", id)
        .put("name", name)
        .put("stage", stage.wire())
        .put("demo", demo)
        .put("participants", new JsonArray(seats.keySet().stream().toList()));
    if (round > 0) {
      json.put("current_round", round);
    }
    return json;
  }
}
