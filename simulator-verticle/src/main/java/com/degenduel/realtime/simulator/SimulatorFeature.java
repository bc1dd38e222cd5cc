package com.degenduel.realtime.simulator;

import com.degenduel.realtime.simulator.http.AdminGuard;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * One part of the simulator (the market, the users, the contests, the test endpoints). The
 * simulator verticle gives each part the shared HTTP router before it starts listening, so a new
 * part adds its routes without touching the others, then starts the parts that run on their own.
 */
public interface SimulatorFeature {
  /** Adds this part's routes; {@code admin} guards the ones that change or reveal the simulation. */
  void mount(Router router, AdminGuard admin);

  /** Starts what this part does in the background, once the HTTP server listens. */
  default void start() {}

  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
