package com.degenduel.realtime.simulator.users;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import com.degenduel.realtime.simulator.facts.FactIds;
import com.degenduel.realtime.simulator.facts.FactSender;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Wallet trades at the current market price, reported to the portfolio service. The trader keeps
 * its own ledger of what each wallet holds and takes a sale out of it before sending, so it never
 * sells more than a wallet holds even with several trades in flight. It puts a sale back only when
 * the service refused it; after a lost answer it assumes the worst (the sale went through), so its
 * ledger may under-count a wallet but never over-count it. Confined to the simulator's event loop.
 */
public final class WalletTrader {
  private static final double SELL_CHANCE = 0.4;
  private static final double MIN_NOTIONAL_USD = 20;
  private static final double MAX_NOTIONAL_USD = 2_000;
  private static final int AMOUNT_DECIMALS = 6;

  private final FactSender sender;
  private final FactIds ids;
  private final MarketPriceFeed prices;
  private final Random random;
  private final Map<String, Map<String, Double>> ledger = new HashMap<>();

  public WalletTrader(FactSender sender, FactIds ids, MarketPriceFeed prices, Random random) {
    this.sender = sender;
    this.ids = ids;
    this.prices = prices;
    this.random = random;
  }

  /** A random buy or sale for the wallet, or null while the market has not priced any symbol. */
  public Future<FactSender.Answer> tradeFor(String wallet) {
    List<MarketPrice> priced = prices.symbols().stream().map(prices::price).filter(p -> p != null).toList();
    if (priced.isEmpty()) {
      return null;
    }
    MarketPrice price = priced.get(random.nextInt(priced.size()));
    double held = holding(wallet, price.symbol());
    if (held > 0 && random.nextDouble() < SELL_CHANCE) {
      double amount = roundDown(held * (0.2 + 0.8 * random.nextDouble()));
      if (amount > 0) {
        return sell(wallet, price, amount);
      }
    }
    double notional = MIN_NOTIONAL_USD + (MAX_NOTIONAL_USD - MIN_NOTIONAL_USD) * random.nextDouble();
    return buy(wallet, price, Math.max(roundDown(notional / price.price()), 1e-6));
  }

  public Future<FactSender.Answer> buy(String wallet, MarketPrice price, double amount) {
    return sender.trade(fact(wallet, price, "buy", amount)).onSuccess(answer -> {
      if (answer.ok()) {
        adjust(wallet, price.symbol(), amount);
      }
    });
  }

  private Future<FactSender.Answer> sell(String wallet, MarketPrice price, double amount) {
    adjust(wallet, price.symbol(), -amount);
    return sender.trade(fact(wallet, price, "sell", amount)).onSuccess(answer -> {
      if (!answer.ok()) {
        adjust(wallet, price.symbol(), amount);
      }
    });
  }

  /** What the trader knows the wallet holds, by symbol. */
  public Map<String, Double> holdings(String wallet) {
    return new TreeMap<>(ledger.getOrDefault(wallet, Map.of()));
  }

  private double holding(String wallet, String symbol) {
    return ledger.getOrDefault(wallet, Map.of()).getOrDefault(symbol, 0.0);
  }

  private void adjust(String wallet, String symbol, double delta) {
    Map<String, Double> held = ledger.computeIfAbsent(wallet, w -> new HashMap<>());
    double next = held.getOrDefault(symbol, 0.0) + delta;
    if (next <= 1e-9) {
      held.remove(symbol);
    } else {
      held.put(symbol, next);
    }
  }

  private JsonObject fact(String wallet, MarketPrice price, String side, double amount) {
    return new JsonObject()
        .put("trade_id", ids.next("t"))
        .put("wallet_address", wallet)
        .put("symbol", price.symbol())
        .put("side", side)
        .put("amount", amount)
        .put("price", price.price())
        .put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
  }

  /** Rounded towards zero, so a sale of "all but rounding" never exceeds the holding. */
  static double roundDown(double amount) {
    return BigDecimal.valueOf(amount).setScale(AMOUNT_DECIMALS, RoundingMode.DOWN).doubleValue();
  }
}
