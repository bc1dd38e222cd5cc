package com.degenduel.realtime.portfolio.holdings;

import java.util.Map;

/** The display names of the tokens DegenDuel lists, the one place PORTFOLIO_UPDATED's {@code name} comes from. */
public final class TokenCatalogue {
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("BTC", "Bitcoin"),
          Map.entry("ETH", "Ethereum"),
          Map.entry("SOL", "Solana"),
          Map.entry("BNB", "BNB"),
          Map.entry("XRP", "XRP"),
          Map.entry("ADA", "Cardano"),
          Map.entry("DOGE", "Dogecoin"),
          Map.entry("AVAX", "Avalanche"),
          Map.entry("DOT", "Polkadot"),
          Map.entry("LINK", "Chainlink"),
          Map.entry("MATIC", "Polygon"),
          Map.entry("LTC", "Litecoin"),
          Map.entry("TRX", "TRON"),
          Map.entry("SHIB", "Shiba Inu"),
          Map.entry("BONK", "Bonk"),
          Map.entry("JUP", "Jupiter"));

  private TokenCatalogue() {}

  /** A symbol configured in MARKET_SYMBOLS but missing here is shown by its symbol rather than failing. */
  public static String name(String symbol) {
    return NAMES.getOrDefault(symbol, symbol);
  }
}
