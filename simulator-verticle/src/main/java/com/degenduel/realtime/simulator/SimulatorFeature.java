package com.degenduel.realtime.simulator;

import com.degenduel.realtime.simulator.http.AdminGuard;
import io.vertx.ext.web.Router;

/**
 * One part of the simulator (the market today; synthetic users and contests later). The
 * simulator verticle gives each part the shared HTTP router before it starts listening, so a new
 * part adds its routes without touching the others.
 */
public interface SimulatorFeature {
  /** Adds this part's routes; {@code admin} guards the ones that change the simulation. */
  void mount(Router router, AdminGuard admin);
}
