package com.degenduel.realtime.market.stats;

import static com.degenduel.realtime.market.stats.Trades.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.message.market.VolumeInterval;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolMarketTest {
  private static Trade trade(long id, double price, double qty, TradeSide side, long secondsAfterT0) {
    return new Trade(id, price, qty, side, at(Duration.ofSeconds(secondsAfterT0)));
  }

  @Test
  void overlappingPollsCountEachTradeOnce() {
    SymbolMarket btc = new SymbolMarket("BTC");
    Trade t1 = trade(1, 60_000, 1, TradeSide.BUY, 0);
    Trade t2 = trade(2, 61_000, 2, TradeSide.SELL, 10);
    Trade t3 = trade(3, 63_000, 0.5, TradeSide.BUY, 20);

    assertThat(btc.ingest(List.of(t1, t2))).isTrue();
    assertThat(btc.ingest(List.of(t1, t2))).isFalse();
    assertThat(btc.ingest(List.of(t2, t3))).isTrue();

    MarketPrice price = btc.price().orElseThrow();
    assertThat(price.price()).isEqualTo(63_000);
    assertThat(price.volume24h()).isEqualTo(3.5);
    assertThat(price.high24h()).isEqualTo(63_000);
    assertThat(price.low24h()).isEqualTo(60_000);
    assertThat(price.change24h()).isCloseTo(5.0, within(1e-9));
    assertThat(price.timestamp()).isEqualTo(t3.time());

    MarketVolume minute =
        btc.volumes().stream().filter(v -> v.interval() == VolumeInterval.M1).findFirst().orElseThrow();
    assertThat(minute).isEqualTo(new MarketVolume("BTC", 3.5, 3, 1.5, 2, VolumeInterval.M1, t3.time()));
    assertThat(btc.volumes()).hasSize(VolumeInterval.values().length);
    assertThat(btc.sentiment().orElseThrow().buyPressure()).isCloseTo(1.5 / 3.5, within(1e-12));
  }

  @Test
  void nothingToSayBeforeTheFirstTrade() {
    SymbolMarket eth = new SymbolMarket("ETH");

    assertThat(eth.price()).isEmpty();
    assertThat(eth.volumes()).isEmpty();
    assertThat(eth.sentiment()).isEmpty();
  }
}
