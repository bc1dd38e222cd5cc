package com.degenduel.realtime.simulator.users;

import io.vertx.core.json.JsonObject;

/** A made-up DegenDuel user: a wallet address the services accept and a username. */
public record SimulatedUser(String wallet, String username) {
  public JsonObject toJson() {
    return new JsonObject().put("wallet_address", wallet).put("username", username);
  }
}
