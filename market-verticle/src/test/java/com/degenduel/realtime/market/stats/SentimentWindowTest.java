package com.degenduel.realtime.market.stats;

import static com.degenduel.realtime.market.stats.Trades.at;
import static com.degenduel.realtime.market.stats.Trades.buy;
import static com.degenduel.realtime.market.stats.Trades.sell;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.MarketSentiment;
import com.degenduel.realtime.codec.message.market.VolumeTrend;
import org.junit.jupiter.api.Test;

class SentimentWindowTest {
  @Test
  void pressuresAndScoreComeFromTheLastFiveMinutesOfFlow() {
    SentimentWindow w = new SentimentWindow();
    w.add(sell(ofMinutes(1), 100, 4));
    w.add(buy(ofMinutes(6), 100, 3));
    w.add(sell(ofMinutes(6), 100, 1));

    MarketSentiment s = w.at("BTC", at(ofMinutes(6).plus(ofSeconds(1))));

    assertThat(s)
        .isEqualTo(new MarketSentiment("BTC", 0.5, 0.75, 0.25, VolumeTrend.STABLE, at(ofMinutes(6).plus(ofSeconds(1)))));
  }

  @Test
  void noFlowIsNeutral() {
    MarketSentiment s = new SentimentWindow().at("ETH", at(ofMinutes(1)));

    assertThat(s).isEqualTo(new MarketSentiment("ETH", 0.0, 0.5, 0.5, VolumeTrend.STABLE, at(ofMinutes(1))));
  }

  @Test
  void onlySellingIsMinusOne() {
    SentimentWindow w = new SentimentWindow();
    w.add(sell(ofMinutes(1), 100, 2));

    MarketSentiment s = w.at("SOL", at(ofMinutes(2)));

    assertThat(s.sentimentScore()).isEqualTo(-1.0);
    assertThat(s.buyPressure()).isEqualTo(0.0);
    assertThat(s.sellPressure()).isEqualTo(1.0);
    assertThat(s.volumeTrend()).isEqualTo(VolumeTrend.INCREASING);
  }

  @Test
  void trendNeedsMoreThanTenPercentEitherWay() {
    assertThat(SentimentWindow.trend(11.5, 10)).isEqualTo(VolumeTrend.INCREASING);
    assertThat(SentimentWindow.trend(10.5, 10)).isEqualTo(VolumeTrend.STABLE);
    assertThat(SentimentWindow.trend(9.5, 10)).isEqualTo(VolumeTrend.STABLE);
    assertThat(SentimentWindow.trend(8, 10)).isEqualTo(VolumeTrend.DECREASING);
    assertThat(SentimentWindow.trend(1, 0)).isEqualTo(VolumeTrend.INCREASING);
    assertThat(SentimentWindow.trend(0, 0)).isEqualTo(VolumeTrend.STABLE);
  }

  @Test
  void trendComparesWithTheFiveMinutesBefore() {
    SentimentWindow w = new SentimentWindow();
    w.add(buy(ofMinutes(1), 100, 10));
    w.add(buy(ofMinutes(6), 100, 4));

    assertThat(w.at("BTC", at(ofMinutes(6).plus(ofSeconds(1)))).volumeTrend()).isEqualTo(VolumeTrend.DECREASING);
  }
}
