package com.degenduel.realtime.codec.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.vertx.core.Promise;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusteredCodecTest {
  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(2);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void typedEventPublishedOnOneMemberArrivesTypedOnAnother() {
    StreamId btc = StreamId.market("BTC");
    StreamEvent sent =
        new StreamEvent(btc, 7, new MarketPrice("BTC", 65000.5, 1.25, 1200.0, 66000.0, 64000.0, WireTime.now()));
    Promise<StreamFrame> received = Promise.promise();
    TestCluster.await(
        cluster.node(1).eventBus().<StreamFrame>consumer(btc.address(), m -> received.tryComplete(m.body())).completion());

    cluster.node(0).eventBus().publish(btc.address(), StreamFrame.of(sent));

    StreamFrame arrived = TestCluster.await(received.future(), Duration.ofSeconds(10));
    assertThat(arrived.type()).isEqualTo(MessageType.MARKET_PRICE);
    assertThat(arrived.decode()).isEqualTo(sent);
  }
}
