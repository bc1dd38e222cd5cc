package com.degenduel.realtime.market.stats;

import static com.degenduel.realtime.market.stats.Trades.at;
import static com.degenduel.realtime.market.stats.Trades.buy;
import static com.degenduel.realtime.market.stats.Trades.sell;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DayWindowTest {
  private DayWindow day;

  @BeforeEach
  void knownDay() {
    day = new DayWindow();
    day.add(buy(ofSeconds(0), 100, 1));
    day.add(sell(ofSeconds(30), 110, 2));
    day.add(sell(ofMinutes(5), 90, 0.5));
    day.add(buy(ofHours(10), 120, 1.5));
  }

  @Test
  void summarisesEveryTradeOfTheLastDay() {
    DaySummary s = day.at(at(ofHours(10))).orElseThrow();

    assertThat(s).isEqualTo(new DaySummary(100, 120, 90, 5.0));
    assertThat(s.changePercent(120)).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void tradesOlderThan24HoursLeaveTheWindowMinuteByMinute() {
    DaySummary s = day.at(at(ofHours(24))).orElseThrow();

    assertThat(s).isEqualTo(new DaySummary(90, 120, 90, 2.0));
    assertThat(s.changePercent(120)).isCloseTo(33.333333333, within(1e-6));
  }

  @Test
  void emptyOnceEveryTradeIsOlderThanADay() {
    assertThat(day.at(at(ofHours(34).plus(ofMinutes(1))))).isEmpty();
  }

  @Test
  void aLateTradeForAMinuteWhoseSlotWasReusedIsDropped() {
    day.add(buy(ofHours(24).plus(ofSeconds(30)), 130, 4));
    day.add(buy(ofSeconds(10), 1, 1000));

    assertThat(day.at(at(ofHours(24).plus(ofSeconds(30)))).orElseThrow())
        .isEqualTo(new DaySummary(90, 130, 90, 6.0));
  }
}
