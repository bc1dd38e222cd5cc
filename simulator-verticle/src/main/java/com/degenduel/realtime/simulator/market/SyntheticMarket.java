package com.degenduel.realtime.simulator.market;

import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import com.degenduel.realtime.market.stats.DayWindow;
import io.vertx.core.shareddata.Shareable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A made-up market: each symbol's price follows a random walk, and every tick (SIM_TICKS_PER_SECOND
 * per symbol) makes one trade per symbol, a buy or a sell, of a random size. The flow leans to
 * the buy or the sell side for a while, and the price drifts with it, so sentiment and trend move.
 *
 * <p>Nothing runs in the background: whoever reads the market first advances it to the clock's
 * present, generating the ticks due since the last read. Trades therefore depend only on the seed
 * and the tick times, which makes a seeded market reproducible, and a market nobody reads costs
 * nothing. After a long idle period only the last {@link #RECENT_TRADES} ticks are generated.
 *
 * <p>Read from the simulator's HTTP exchange and from the in-process source, possibly on two event
 * loops, hence the lock; each call holds it for microseconds.
 */
public final class SyntheticMarket implements Shareable {
  /** Trades kept per symbol: what the trades endpoint can return at most, as on Binance. */
  public static final int RECENT_TRADES = 1000;

  private static final double VOLATILITY = 0.0004;
  private static final double DRIFT = 0.0001;
  private static final double MEDIAN_NOTIONAL_USD = 2_000;

  private final Map<String, SymbolState> symbols = new LinkedHashMap<>();
  private final Random random;
  private final Clock clock;
  private final long startMillis;
  private final double ticksPerSecond;
  private long nextTick;

  private static final class SymbolState {
    final String symbol;
    double price;
    double buyProbability = 0.5;
    long nextId = 1;
    final ArrayDeque<Trade> recent = new ArrayDeque<>(RECENT_TRADES);
    final DayWindow day = new DayWindow();

    SymbolState(String symbol) {
      this.symbol = symbol;
      this.price = StartPrices.of(symbol);
    }
  }

  public SyntheticMarket(List<String> symbolList, int ticksPerSecond, long seed, Clock clock) {
    if (ticksPerSecond < 1) {
      throw new IllegalArgumentException("the synthetic market needs at least 1 tick per second");
    }
    symbolList.forEach(s -> symbols.put(s, new SymbolState(s)));
    this.random = new Random(seed);
    this.clock = clock;
    this.startMillis = clock.millis();
    this.ticksPerSecond = ticksPerSecond;
  }

  public boolean tracks(String symbol) {
    return symbols.containsKey(symbol);
  }

  /** The latest trades of {@code symbol}, oldest first, at most {@code limit}; empty for an unknown symbol. */
  public synchronized List<Trade> recentTrades(String symbol, int limit) {
    advance();
    SymbolState s = symbols.get(symbol);
    if (s == null) {
      return List.of();
    }
    List<Trade> all = new ArrayList<>(s.recent);
    return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  /** The symbol's rolling 24 hours, once it has traded. */
  public synchronized Optional<Ticker> ticker(String symbol) {
    advance();
    SymbolState s = symbols.get(symbol);
    if (s == null || s.recent.isEmpty()) {
      return Optional.empty();
    }
    Trade last = s.recent.peekLast();
    return s.day
        .at(last.time())
        .map(
            d ->
                new Ticker(
                    symbol, last.price(), d.open(), d.high(), d.low(), d.volume(), last.id(),
                    last.time().minus(Duration.ofDays(1)), last.time()));
  }

  private void advance() {
    long now = clock.millis();
    long due = (long) Math.floor((now - startMillis) * ticksPerSecond / 1000.0);
    nextTick = Math.max(nextTick, due - RECENT_TRADES + 1);
    for (; nextTick <= due; nextTick++) {
      Instant at = Instant.ofEpochMilli(startMillis + (long) Math.floor(nextTick * 1000.0 / ticksPerSecond));
      symbols.values().forEach(s -> trade(s, at));
    }
  }

  private void trade(SymbolState s, Instant at) {
    s.buyProbability = Math.min(0.75, Math.max(0.25, s.buyProbability + 0.01 * random.nextGaussian()));
    TradeSide side = random.nextDouble() < s.buyProbability ? TradeSide.BUY : TradeSide.SELL;
    double logReturn = VOLATILITY * random.nextGaussian() + (side == TradeSide.BUY ? DRIFT : -DRIFT);
    s.price *= Math.exp(logReturn);
    double notional = MEDIAN_NOTIONAL_USD * Math.exp(random.nextGaussian());
    Trade trade =
        new Trade(s.nextId++, roundPrice(s.price), round(notional / s.price, 6), side, at);
    if (s.recent.size() == RECENT_TRADES) {
      s.recent.removeFirst();
    }
    s.recent.addLast(trade);
    s.day.add(trade);
  }

  private static double roundPrice(double price) {
    return round(price, price >= 1_000 ? 2 : price >= 1 ? 4 : 6);
  }

  private static double round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
  }
}
