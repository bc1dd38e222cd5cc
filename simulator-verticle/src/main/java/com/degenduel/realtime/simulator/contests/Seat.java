package com.degenduel.realtime.simulator.contests;

import java.util.HashMap;
import java.util.Map;

/**
 * A participant's contest portfolio as the simulator tracks it: virtual cash and tokens. Like the
 * wallet ledger, it takes a buy's cost or a sale's amount out before sending and puts it back only
 * on a refusal, so it never spends cash or sells tokens the participant may not have.
 */
final class Seat {
  final String wallet;
  final String username;
  double cash;
  final Map<String, Double> holdings = new HashMap<>();

  Seat(String wallet, String username, double cash) {
    this.wallet = wallet;
    this.username = username;
    this.cash = cash;
  }

  double held(String symbol) {
    return holdings.getOrDefault(symbol, 0.0);
  }

  void adjust(String symbol, double delta) {
    double next = held(symbol) + delta;
    if (next <= 1e-9) {
      holdings.remove(symbol);
    } else {
      holdings.put(symbol, next);
    }
  }
}
