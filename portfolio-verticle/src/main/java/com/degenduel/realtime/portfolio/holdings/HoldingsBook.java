package com.degenduel.realtime.portfolio.holdings;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The holdings of the wallets whose streams this member owns, plus the index from symbol to the
 * wallets that hold it, so a price move revalues only those wallets. Derived from the stream
 * records as they change and as partitions move. Confined to the portfolio verticle's event loop.
 */
public final class HoldingsBook {
  private final Map<String, Holdings> byWallet = new HashMap<>();
  private final Map<String, Set<String>> holdersBySymbol = new HashMap<>();

  public void put(Holdings holdings) {
    unindex(byWallet.put(holdings.wallet(), holdings));
    for (String symbol : holdings.amounts().keySet()) {
      holdersBySymbol.computeIfAbsent(symbol, s -> new HashSet<>()).add(holdings.wallet());
    }
  }

  public void remove(String wallet) {
    unindex(byWallet.remove(wallet));
  }

  private void unindex(Holdings previous) {
    if (previous != null) {
      for (String symbol : previous.amounts().keySet()) {
        Set<String> holders = holdersBySymbol.get(symbol);
        if (holders != null && holders.remove(previous.wallet()) && holders.isEmpty()) {
          holdersBySymbol.remove(symbol);
        }
      }
    }
  }

  public Holdings get(String wallet) {
    return byWallet.getOrDefault(wallet, Holdings.empty(wallet));
  }

  public Set<String> holders(String symbol) {
    return Set.copyOf(holdersBySymbol.getOrDefault(symbol, Set.of()));
  }
}
