package com.degenduel.realtime.market.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.market.source.DayTicker;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** MARKET_PRICE's 24-hour figures: the exchange's report, carried forward by the trades after it. */
class ReportedDayTest {
  private static final Instant T = Instant.parse("2024-01-01T12:00:00Z");
  private static final Offset<Double> EXACT = Offset.offset(1e-9);

  private static Trade trade(long id, double price, double qty) {
    return new Trade(id, price, qty, TradeSide.BUY, T.plusMillis(id));
  }

  @Test
  void noPriceWhileTheFirstReportIsOnItsWayThenTheReportCarriedForward() {
    SymbolMarket market = new SymbolMarket("BTC");
    market.dayAsked();
    // Trade 101 arrives before the report, which already includes it; 102 does not.
    market.ingest(List.of(trade(101, 60_500, 1)));
    assertThat(market.price()).as("the day is not known yet").isEmpty();
    market.ingest(List.of(trade(102, 66_000, 2)));

    market.dayReported(new DayTicker(60_000, 65_000, 59_000, 1_000, 101));
    market.ingest(List.of(trade(103, 58_000, 0.5)));

    MarketPrice price = market.price().orElseThrow();
    assertThat(price.high24h()).isEqualTo(66_000);
    assertThat(price.low24h()).isEqualTo(58_000);
    assertThat(price.volume24h()).as("the report's volume and trades 102 and 103").isCloseTo(1_002.5, EXACT);
    assertThat(price.change24h()).isCloseTo((58_000.0 - 60_000) / 60_000 * 100, EXACT);
  }

  @Test
  void aNewReportReplacesWhatWasCarriedAndAnUnansweredOneKeepsIt() {
    SymbolMarket market = new SymbolMarket("ETH");
    market.dayAsked();
    market.dayReported(new DayTicker(3_000, 3_100, 2_900, 500, 10));
    market.ingest(List.of(trade(11, 3_050, 5)));

    market.dayAsked();
    market.ingest(List.of(trade(12, 3_060, 1)));
    market.dayReported(new DayTicker(3_010, 3_150, 2_950, 520, 11));
    assertThat(market.price().orElseThrow().volume24h()).as("the new report (with 11) and trade 12").isCloseTo(521, EXACT);

    market.dayAsked();
    market.dayUnanswered();
    market.ingest(List.of(trade(13, 3_070, 1)));
    MarketPrice price = market.price().orElseThrow();
    assertThat(price.volume24h()).isCloseTo(522, EXACT);
    assertThat(price.high24h()).isEqualTo(3_150);
  }

  @Test
  void withoutAnyReportTheTradesSeenMakeTheDay() {
    SymbolMarket market = new SymbolMarket("SOL");
    market.dayAsked();
    market.ingest(List.of(trade(1, 150, 2), trade(2, 155, 3)));
    market.dayUnanswered();

    MarketPrice price = market.price().orElseThrow();
    assertThat(price.volume24h()).isCloseTo(5, EXACT);
    assertThat(price.high24h()).isEqualTo(155);
    assertThat(price.low24h()).isEqualTo(150);
  }
}
