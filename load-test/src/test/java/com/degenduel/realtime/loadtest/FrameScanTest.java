package com.degenduel.realtime.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.message.market.VolumeInterval;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.PriceUpdated;
import com.degenduel.realtime.codec.message.portfolio.TokenValue;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load test's reading of frames as the gateway encodes them, without parsing them. */
class FrameScanTest {
  private static final Instant AT = Instant.parse("2026-12-03T04:05:06.789Z");

  @Test
  void readsTypeSeqAndEventTimeOfAnEncodedMessage() {
    byte[] frame = encoded(StreamId.market("BTC"), 42, new MarketPrice("BTC", 65_000.5, 1.5, 10, 66_000, 64_000, AT));

    assertThat(FrameScan.type(frame)).isSameAs(FrameScan.type(frame.clone())).isEqualTo("MARKET_PRICE");
    assertThat(FrameScan.seq(frame)).isEqualTo(42);
    assertThat(FrameScan.eventMillis(frame)).isEqualTo(AT.toEpochMilli());
  }

  @Test
  void readsTheMessagesOwnTimeWhereItIsAtTheRootAfterData() {
    PortfolioUpdated update =
        new PortfolioUpdated(List.of(new TokenValue("BTC", "Bitcoin", 1, 65_000)), 65_000, 1.5, AT);
    byte[] frame = encoded(StreamId.wallet("Wallet1111111111111111111111111111111111111"), 7, update);

    assertThat(FrameScan.type(frame)).isEqualTo("PORTFOLIO_UPDATED");
    assertThat(FrameScan.eventMillis(frame)).isEqualTo(AT.toEpochMilli());
  }

  @Test
  void anUnknownTypeIsStillNamedAndAnErrorGivesItsCode() {
    byte[] unknown = "{\"type\":\"SOMETHING_NEW\",\"seq\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] error = "{\"type\":\"ERROR\",\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"x\"}}".getBytes(StandardCharsets.UTF_8);

    assertThat(FrameScan.type(unknown)).isEqualTo("SOMETHING_NEW");
    assertThat(FrameScan.type(error)).isEqualTo("ERROR");
    assertThat(FrameScan.errorCode(error)).isEqualTo("RATE_LIMITED");
    assertThat(FrameScan.seq(error)).isEqualTo(-1);
  }

  @Test
  void lanesDifferBySymbolAndIntervalAndAgreeOtherwise() {
    long btc = FrameScan.hashOfSymbol(encoded(StreamId.market("BTC"), 1, volume("BTC", VolumeInterval.M1)), 7);
    long btcAgain = FrameScan.hashOfSymbol(encoded(StreamId.market("BTC"), 2, volume("BTC", VolumeInterval.M1)), 7);
    long eth = FrameScan.hashOfSymbol(encoded(StreamId.market("ETH"), 1, volume("ETH", VolumeInterval.M1)), 7);
    long m1 = FrameScan.hashOfInterval(encoded(StreamId.market("BTC"), 1, volume("BTC", VolumeInterval.M1)), btc);
    long h1 = FrameScan.hashOfInterval(encoded(StreamId.market("BTC"), 1, volume("BTC", VolumeInterval.H1)), btc);

    assertThat(btc).isEqualTo(btcAgain).isNotEqualTo(eth);
    assertThat(m1).isNotEqualTo(h1);
  }

  @Test
  void aLaneRemembersItsLastSeqApartFromTheOthers() {
    LaneSeqs seqs = new LaneSeqs();
    byte[] price = encoded(StreamId.wallet("W"), 1, new PriceUpdated("SOL", 150, 1, AT));

    long lane = FrameScan.hashOfSymbol(price, 1);
    for (long other = 100; other < 110; other++) {
      assertThat(seqs.put(other, 1)).isEqualTo(LaneSeqs.NONE);
    }
    assertThat(seqs.put(lane, 5)).isEqualTo(LaneSeqs.NONE);
    assertThat(seqs.put(lane, 6)).isEqualTo(5);
    assertThat(seqs.put(104, 2)).isEqualTo(1);
  }

  private static MarketVolume volume(String symbol, VolumeInterval interval) {
    return new MarketVolume(symbol, 10, 3, 6, 4, interval, AT);
  }

  private static byte[] encoded(StreamId stream, long seq, StreamPayload payload) {
    return WireFormat.encodeUtf8(new StreamEvent(stream, seq, payload));
  }
}
