package com.degenduel.realtime.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class SyntheticMarketTest {
  private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");
  private static final List<String> SYMBOLS = List.of("BTC", "ETH", "SOL");

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = START;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void ticksAtTheConfiguredRateWithRisingIdsAndEvenlySpacedTimes() {
    HandClock clock = new HandClock();
    SyntheticMarket market = new SyntheticMarket(SYMBOLS, 20, 42, clock);
    clock.advance(Duration.ofSeconds(1));

    List<Trade> btc = market.recentTrades("BTC", 1000);

    assertThat(btc).hasSize(21);
    for (int i = 0; i < btc.size(); i++) {
      assertThat(btc.get(i).id()).isEqualTo(i + 1);
      assertThat(btc.get(i).time()).isEqualTo(START.plusMillis(50L * i));
      assertThat(btc.get(i).price()).isBetween(60_000.0, 70_000.0);
    }
    assertThat(market.recentTrades("SOL", 5)).hasSize(5).allSatisfy(t -> assertThat(t.price()).isBetween(130.0, 170.0));
    assertThat(market.recentTrades("DOGE", 5)).isEmpty();
  }

  @Test
  void aTradeIsStampedWithTheMillisecondItCanFirstBeRead() {
    HandClock clock = new HandClock();
    SyntheticMarket market = new SyntheticMarket(List.of("BTC"), 9, 42, clock);
    long lastId = market.lastTradeId("BTC");
    int seen = 0;
    for (int ms = 1; ms <= 2000; ms++) {
      clock.advance(Duration.ofMillis(1));
      List<Trade> fresh = market.tradesAfter("BTC", lastId);
      for (Trade trade : fresh) {
        assertThat(trade.time()).isEqualTo(clock.instant());
        lastId = trade.id();
        seen++;
      }
    }

    assertThat(seen).isEqualTo(18);
  }

  @Test
  void symbolsTickOutOfStepSpreadOverOneTickInterval() {
    HandClock clock = new HandClock();
    SyntheticMarket market = new SyntheticMarket(SYMBOLS, 10, 42, clock);
    clock.advance(Duration.ofSeconds(1));

    List<Instant> firstTicks = SYMBOLS.stream().map(s -> market.recentTrades(s, 1000).get(0).time()).toList();

    assertThat(firstTicks).doesNotHaveDuplicates().allSatisfy(t -> assertThat(t).isBetween(START, START.plusMillis(99)));
    assertThat(market.recentTrades("BTC", 1000)).hasSize(11);
  }

  @Test
  void theSameSeedMakesTheSameMarketAndAnotherSeedAnother() {
    HandClock a = new HandClock();
    HandClock b = new HandClock();
    HandClock c = new HandClock();
    SyntheticMarket one = new SyntheticMarket(SYMBOLS, 50, 7, a);
    SyntheticMarket same = new SyntheticMarket(SYMBOLS, 50, 7, b);
    SyntheticMarket other = new SyntheticMarket(SYMBOLS, 50, 8, c);
    a.advance(Duration.ofSeconds(3));
    b.advance(Duration.ofMillis(1500));
    same.recentTrades("ETH", 1);
    b.advance(Duration.ofMillis(1500));
    c.advance(Duration.ofSeconds(3));

    assertThat(one.recentTrades("ETH", 1000)).isEqualTo(same.recentTrades("ETH", 1000));
    assertThat(one.recentTrades("ETH", 1000)).isNotEqualTo(other.recentTrades("ETH", 1000));
  }

  @Test
  void tradesBothSidesAndKeepsOnlyTheRecentOnes() {
    HandClock clock = new HandClock();
    SyntheticMarket market = new SyntheticMarket(SYMBOLS, 100, 3, clock);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(3));
      market.recentTrades("BTC", 1);
    }

    List<Trade> btc = market.recentTrades("BTC", 5000);

    assertThat(btc).hasSize(SyntheticMarket.RECENT_TRADES);
    assertThat(btc.get(0).id()).isEqualTo(2002);
    assertThat(btc.get(btc.size() - 1).id()).isEqualTo(3001);
    assertThat(btc.get(btc.size() - 1).time()).isEqualTo(START.plusSeconds(30));
    assertThat(btc).extracting(Trade::side).contains(TradeSide.BUY, TradeSide.SELL);
  }

  @Test
  void afterALongIdleOnlyTheLastTicksAreMadeUp() {
    HandClock clock = new HandClock();
    SyntheticMarket market = new SyntheticMarket(SYMBOLS, 100, 3, clock);
    clock.advance(Duration.ofHours(1));

    List<Trade> btc = market.recentTrades("BTC", 5000);

    assertThat(btc).hasSize(SyntheticMarket.RECENT_TRADES);
    assertThat(btc.get(0).time()).isEqualTo(START.plusSeconds(3600).minusMillis(9990));
    assertThat(btc.get(btc.size() - 1).time()).isEqualTo(START.plusSeconds(3600));
  }

  @Test
  void theTickerSummarisesTheDaySoFar() {
    HandClock clock = new HandClock();
    SyntheticMarket market = new SyntheticMarket(SYMBOLS, 10, 11, clock);
    clock.advance(Duration.ofSeconds(10));
    List<Trade> all = market.recentTrades("BTC", 1000);

    Ticker t = market.ticker("BTC").orElseThrow();

    assertThat(t.openPrice()).isEqualTo(all.get(0).price());
    assertThat(t.lastPrice()).isEqualTo(all.get(all.size() - 1).price());
    assertThat(t.highPrice()).isEqualTo(all.stream().mapToDouble(Trade::price).max().orElseThrow());
    assertThat(t.lowPrice()).isEqualTo(all.stream().mapToDouble(Trade::price).min().orElseThrow());
    assertThat(t.volume()).isCloseTo(all.stream().mapToDouble(Trade::quantity).sum(), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(t.lastId()).isEqualTo(all.size());
  }
}
