package com.degenduel.realtime.contest.leaderboard;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.node.ingest.FactError;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One participant of one contest with their contest portfolio: virtual cash (the contest's
 * starting balance at join) and the tokens bought with it. A buy costs amount times price in cash
 * and may not exceed it; a sale may not exceed what is held.
 */
public record Participant(
    String contestId,
    String wallet,
    String username,
    Instant joinedAt,
    double cash,
    Map<String, Double> holdings,
    Instant lastTradeTime) implements Serializable {
  private static final double DUST = 1e-9;

  public Participant {
    holdings = Collections.unmodifiableMap(new TreeMap<>(holdings));
  }

  public static Participant joined(String contestId, String wallet, String username, Instant at, double cash) {
    return new Participant(contestId, wallet, username, at, cash, Map.of(), null);
  }

  /** Buys (positive) or sells (negative) {@code delta} of a symbol at {@code price}. */
  public Participant trade(String symbol, double delta, double price, Instant at) {
    double held = holdings.getOrDefault(symbol, 0.0);
    double cost = delta * price;
    if (delta > 0 && cost > cash + DUST) {
      throw FactError.INSUFFICIENT_BALANCE.reject("the participant's contest balance does not cover this buy");
    }
    if (delta < 0 && -delta > held + DUST) {
      throw FactError.INSUFFICIENT_HOLDINGS.reject("the participant holds less of this symbol in the contest than the trade sells");
    }
    Map<String, Double> next = new TreeMap<>(holdings);
    if (held + delta < DUST) {
      next.remove(symbol);
    } else {
      next.put(symbol, held + delta);
    }
    return new Participant(contestId, wallet, username, joinedAt, Math.max(0, cash - cost), next, at);
  }

  /** Cash plus tokens at the latest prices; a token with no known price yet counts at 0. */
  public double value(Function<String, MarketPrice> prices) {
    double value = cash;
    for (Map.Entry<String, Double> held : holdings.entrySet()) {
      MarketPrice price = prices.apply(held.getKey());
      if (price != null) {
        value += held.getValue() * price.price();
      }
    }
    return value;
  }

}
