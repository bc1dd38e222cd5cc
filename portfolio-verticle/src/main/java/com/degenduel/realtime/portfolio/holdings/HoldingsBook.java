package com.degenduel.realtime.portfolio.holdings;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The publishing node's view of the holdings: a copy of the cluster map plus the index from symbol
 * to the wallets that hold it, so a price move revalues only those wallets. Derived state, rebuilt
 * from {@link HoldingsStore} on start. Confined to the portfolio verticle's event loop.
 */
public final class HoldingsBook {
  private final Map<String, Holdings> byWallet = new HashMap<>();
  private final Map<String, Set<String>> holdersBySymbol = new HashMap<>();

  public void putAll(Collection<Holdings> all) {
    all.forEach(this::put);
  }

  public void put(Holdings holdings) {
    Holdings previous = byWallet.put(holdings.wallet(), holdings);
    if (previous != null) {
      for (String symbol : previous.amounts().keySet()) {
        Set<String> holders = holdersBySymbol.get(symbol);
        if (holders != null && holders.remove(holdings.wallet()) && holders.isEmpty()) {
          holdersBySymbol.remove(symbol);
        }
      }
    }
    for (String symbol : holdings.amounts().keySet()) {
      holdersBySymbol.computeIfAbsent(symbol, s -> new HashSet<>()).add(holdings.wallet());
    }
  }

  public Holdings get(String wallet) {
    return byWallet.getOrDefault(wallet, Holdings.empty(wallet));
  }

  public Set<String> holders(String symbol) {
    return Set.copyOf(holdersBySymbol.getOrDefault(symbol, Set.of()));
  }
}
