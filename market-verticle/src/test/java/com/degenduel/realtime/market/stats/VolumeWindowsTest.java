package com.degenduel.realtime.market.stats;

import static com.degenduel.realtime.market.stats.Trades.at;
import static com.degenduel.realtime.market.stats.Trades.buy;
import static com.degenduel.realtime.market.stats.Trades.sell;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.VolumeInterval;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VolumeWindowsTest {
  private VolumeWindows windows;

  @BeforeEach
  void knownFlow() {
    windows = new VolumeWindows();
    windows.add(buy(ofSeconds(0), 100, 1));
    windows.add(sell(ofSeconds(30), 100, 2));
    windows.add(buy(ofMillis(59_500), 100, 0.25));
  }

  @Test
  void oneMinuteHoldsEveryTradeOfTheLastMinute() {
    assertThat(windows.over(VolumeInterval.M1, at(ofMillis(59_900)))).isEqualTo(new Flow(3.25, 3, 1.25, 2));
  }

  @Test
  void oneMinuteRollsSecondBySecond() {
    assertThat(windows.over(VolumeInterval.M1, at(ofSeconds(60)))).isEqualTo(new Flow(2.25, 2, 0.25, 2));
    assertThat(windows.over(VolumeInterval.M1, at(ofSeconds(90)))).isEqualTo(new Flow(0.25, 1, 0.25, 0));
    assertThat(windows.over(VolumeInterval.M1, at(ofSeconds(120)))).isEqualTo(new Flow(0, 0, 0, 0));
  }

  @Test
  void longerIntervalsStillHoldWhatTheMinuteDropped() {
    Flow all = new Flow(3.25, 3, 1.25, 2);
    assertThat(windows.over(VolumeInterval.M5, at(ofSeconds(120)))).isEqualTo(all);
    assertThat(windows.over(VolumeInterval.M15, at(ofSeconds(120)))).isEqualTo(all);
    assertThat(windows.over(VolumeInterval.H1, at(ofSeconds(120)))).isEqualTo(all);
    assertThat(windows.over(VolumeInterval.H4, at(ofHours(3)))).isEqualTo(all);
    assertThat(windows.over(VolumeInterval.D1, at(ofHours(23)))).isEqualTo(all);
    assertThat(windows.over(VolumeInterval.D1, at(ofHours(25)))).isEqualTo(new Flow(0, 0, 0, 0));
  }
}
