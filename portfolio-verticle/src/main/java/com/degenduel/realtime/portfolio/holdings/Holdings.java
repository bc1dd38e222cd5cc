package com.degenduel.realtime.portfolio.holdings;

import io.vertx.core.json.JsonObject;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one wallet holds: amount per symbol, only symbols with a positive amount, sorted by symbol.
 * The state of a wallet stream's record; serialisable because Hazelcast copies it when a
 * partition moves between members.
 */
public record Holdings(String wallet, Map<String, Double> amounts) implements Serializable {
  /** Below this an amount is floating-point residue of selling everything, not a position. */
  static final double DUST = 1e-9;

  public Holdings {
    amounts = Collections.unmodifiableMap(new TreeMap<>(amounts));
  }

  public static Holdings empty(String wallet) {
    return new Holdings(wallet, Map.of());
  }

  public double amount(String symbol) {
    return amounts.getOrDefault(symbol, 0.0);
  }

  /** The holdings after buying (positive) or selling (negative) {@code delta} of a symbol. */
  public Holdings plus(String symbol, double delta) {
    Map<String, Double> next = new TreeMap<>(amounts);
    double amount = amount(symbol) + delta;
    if (amount < DUST) {
      next.remove(symbol);
    } else {
      next.put(symbol, amount);
    }
    return new Holdings(wallet, next);
  }

  public boolean canSell(String symbol, double amount) {
    return amount <= amount(symbol) + DUST;
  }

  public JsonObject toJson() {
    JsonObject tokens = new JsonObject();
    amounts.forEach(tokens::put);
    return new JsonObject().put("wallet", wallet).put("amounts", tokens);
  }

  public static Holdings fromJson(JsonObject json) {
    Map<String, Double> amounts = new TreeMap<>();
    json.getJsonObject("amounts").forEach(e -> amounts.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    return new Holdings(json.getString("wallet"), amounts);
  }
}
