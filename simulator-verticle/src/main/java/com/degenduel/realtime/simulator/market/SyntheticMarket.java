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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A made-up market: each symbol's price follows a random walk, and every tick (SIM_TICKS_PER_SECOND
 * per symbol, changeable per symbol at run time) makes one trade of that symbol, a buy or a sell, of
 * a random size. The flow leans to the buy or the sell side for a while, and the price drifts with
 * it, so sentiment and trend move.
 *
 * <p>Nothing runs in the background: whoever reads the market first advances it to the clock's
 * present, generating the ticks due since the last read; a reader that wants each trade as it
 * happens reads when the next one is due ({@link #millisToNextTrade}, {@link TradeTap}). Each symbol draws from its own random
 * sequence, so a symbol's trades depend only on the seed and its tick times, which makes a seeded
 * market reproducible, and a market nobody reads costs nothing. After a long idle period only the
 * last {@link #RECENT_TRADES} ticks are generated.
 *
 * <p>Read from the simulator's HTTP exchange and stream and from the in-process source, possibly on
 * several event loops, hence the lock; each call holds it for microseconds.
 */
public final class SyntheticMarket implements Shareable {
  /** Trades kept per symbol: what the trades endpoint can return at most, as on Binance. */
  public static final int RECENT_TRADES = 1000;
  /** The fastest a symbol may tick: beyond this a poller could miss trades between two reads. */
  public static final int MAX_TICKS_PER_SECOND = 2000;

  private static final double VOLATILITY = 0.0004;
  private static final double DRIFT = 0.0001;
  private static final double MEDIAN_NOTIONAL_USD = 2_000;

  private final Map<String, SymbolState> symbols = new LinkedHashMap<>();
  private final Clock clock;

  private static final class SymbolState {
    final String symbol;
    final Random random;
    /** The tick schedule: tick n is due at originMillis + n / ticksPerSecond; it restarts when the rate changes. */
    long originMillis;
    int ticksPerSecond;
    long nextTick;
    double price;
    double buyProbability = 0.5;
    long nextId = 1;
    final ArrayDeque<Trade> recent = new ArrayDeque<>(RECENT_TRADES);
    final DayWindow day = new DayWindow();

    SymbolState(String symbol, long seed, long originMillis, int ticksPerSecond) {
      this.symbol = symbol;
      this.random = new Random(seed * 31 + symbol.hashCode());
      this.originMillis = originMillis;
      this.ticksPerSecond = ticksPerSecond;
      this.price = StartPrices.of(symbol);
    }
  }

  public SyntheticMarket(List<String> symbolList, int ticksPerSecond, long seed, Clock clock) {
    checkRate(ticksPerSecond);
    this.clock = clock;
    long start = clock.millis();
    // Symbols tick out of step with each other, their first ticks spread evenly over one tick
    // interval, as independent markets do. Ticking in lockstep, every symbol's update would reach
    // every market subscriber in the same instant: a burst no real feed makes, whose tail is what
    // a latency benchmark would then measure.
    for (int i = 0; i < symbolList.size(); i++) {
      long phase = Math.round(i * 1000.0 / ticksPerSecond / symbolList.size());
      symbols.put(symbolList.get(i), new SymbolState(symbolList.get(i), seed, start + phase, ticksPerSecond));
    }
  }

  private static void checkRate(int ticksPerSecond) {
    if (ticksPerSecond < 1 || ticksPerSecond > MAX_TICKS_PER_SECOND) {
      throw new IllegalArgumentException("a symbol ticks 1 to " + MAX_TICKS_PER_SECOND + " times per second");
    }
  }

  public List<String> symbols() {
    return List.copyOf(symbols.keySet());
  }

  /** Ticks per second of each symbol, in the configured order. */
  public synchronized Map<String, Integer> rates() {
    Map<String, Integer> rates = new LinkedHashMap<>();
    symbols.forEach((symbol, s) -> rates.put(symbol, s.ticksPerSecond));
    return rates;
  }

  /** From now on {@code symbol} ticks {@code ticksPerSecond} times a second; the ticks due so far keep the old rate. */
  public synchronized void setRate(String symbol, int ticksPerSecond) {
    checkRate(ticksPerSecond);
    SymbolState s = symbols.get(symbol);
    if (s == null) {
      throw new IllegalArgumentException("the synthetic market does not trade " + symbol);
    }
    advance();
    s.originMillis = clock.millis();
    s.ticksPerSecond = ticksPerSecond;
    // Tick 0 of the new schedule falls on the present, which the old schedule has just covered.
    s.nextTick = 1;
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
    // Only the tail is copied: the market service asks every few milliseconds, nearly always for
    // far more than is new, and copying the whole history each time was most of its garbage.
    int count = Math.min(limit, s.recent.size());
    Trade[] latest = new Trade[count];
    Iterator<Trade> newestFirst = s.recent.descendingIterator();
    for (int i = count - 1; i >= 0; i--) {
      latest[i] = newestFirst.next();
    }
    return List.of(latest);
  }

  /** The id of the symbol's latest trade so far; 0 before its first. */
  public synchronized long lastTradeId(String symbol) {
    advance();
    SymbolState s = symbols.get(symbol);
    return s == null || s.recent.isEmpty() ? 0 : s.recent.peekLast().id();
  }

  /** The symbol's trades after the one with id {@code afterId}, oldest first (at most the last {@link #RECENT_TRADES}). */
  public synchronized List<Trade> tradesAfter(String symbol, long afterId) {
    advance();
    SymbolState s = symbols.get(symbol);
    if (s == null) {
      return List.of();
    }
    ArrayDeque<Trade> fresh = new ArrayDeque<>();
    for (Iterator<Trade> newestFirst = s.recent.descendingIterator(); newestFirst.hasNext(); ) {
      Trade t = newestFirst.next();
      if (t.id() <= afterId) {
        break;
      }
      fresh.addFirst(t);
    }
    return List.copyOf(fresh);
  }

  /** Milliseconds until the symbol's next trade is due, by this market's clock; 0 if it is due now. */
  public synchronized long millisToNextTrade(String symbol) {
    advance();
    SymbolState s = symbols.get(symbol);
    if (s == null) {
      throw new IllegalArgumentException("the synthetic market does not trade " + symbol);
    }
    return Math.max(0, dueMillis(s, s.nextTick) - clock.millis());
  }

  /**
   * The millisecond tick {@code n} of the symbol's schedule happens in: the first one at or after
   * its exact moment, since a trade can neither be made nor be read before then. Stamped with the
   * millisecond before, most trades (all but every ticksPerSecond-th) would carry a time up to a
   * millisecond earlier than anyone could see them, and every delay measured from a trade's time
   * would include that millisecond.
   */
  private static long dueMillis(SymbolState s, long n) {
    return s.originMillis + (long) Math.ceil(n * 1000.0 / s.ticksPerSecond);
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
    for (SymbolState s : symbols.values()) {
      long due = (long) Math.floor((now - s.originMillis) * (double) s.ticksPerSecond / 1000.0);
      s.nextTick = Math.max(s.nextTick, due - RECENT_TRADES + 1);
      for (; s.nextTick <= due; s.nextTick++) {
        trade(s, Instant.ofEpochMilli(dueMillis(s, s.nextTick)));
      }
    }
  }

  private static void trade(SymbolState s, Instant at) {
    Random random = s.random;
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
