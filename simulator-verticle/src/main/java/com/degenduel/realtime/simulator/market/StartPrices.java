package com.degenduel.realtime.simulator.market;

import java.util.Map;

/** Where the random walk of each symbol begins: roughly where these markets have traded. */
final class StartPrices {
  private static final Map<String, Double> KNOWN =
      Map.of(
          "BTC", 65_000.0,
          "ETH", 3_200.0,
          "SOL", 150.0,
          "BNB", 580.0,
          "XRP", 0.52,
          "ADA", 0.45,
          "DOGE", 0.15,
          "AVAX", 35.0,
          "DOT", 7.0,
          "LINK", 15.0);

  /** A symbol we know nothing about starts at 10. */
  private static final double OTHER = 10.0;

  private StartPrices() {}

  static double of(String symbol) {
    return KNOWN.getOrDefault(symbol, OTHER);
  }
}
