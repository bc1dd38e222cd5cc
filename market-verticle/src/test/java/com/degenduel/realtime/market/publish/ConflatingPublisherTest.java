package com.degenduel.realtime.market.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketSentiment;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.message.market.VolumeInterval;
import com.degenduel.realtime.codec.message.market.VolumeTrend;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.testkit.TestCluster;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConflatingPublisherTest {
  private static final int CAP = 10;
  private static final List<String> SYMBOLS = List.of("BTC", "ETH", "SOL");
  private static final int TICKS = 1000;

  private record Published(long nanos, Offered event) {}

  /** What the publisher let out, in order, and whether the cap held it; numbering it is the sink's business. */
  private record Offered(StreamId stream, StreamPayload payload, boolean held, long arrivedNanos) {
    static Offered of(StreamId stream, ConflatingPublisher.Released released) {
      return new Offered(stream, released.payload(), released.held(), released.arrivedNanos());
    }
  }

  private static ConflatingPublisher.Sink into(List<Offered> published) {
    return (stream, released) -> released.forEach(r -> published.add(Offered.of(stream, r)));
  }

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    TestCluster.await(vertx.close());
  }

  @Test
  void aThousandTicksInASecondBecomeAtMostTenMessagesPerSecondPerSymbolAndTypeWithTheLatestLast() throws Exception {
    List<Published> published = new CopyOnWriteArrayList<>();
    Context context = vertx.getOrCreateContext();
    Promise<Void> burstDone = Promise.promise();
    context.runOnContext(
        v -> {
          ConflatingPublisher publisher =
              new ConflatingPublisher(vertx, CAP, (stream, released) -> released.forEach(r -> published.add(new Published(System.nanoTime(), Offered.of(stream, r)))));
          int[] tick = {0};
          // 10 ticks every millisecond-scale timer slot: 1,000 ticks per symbol within about one second.
          vertx.setPeriodic(
              10,
              id -> {
                for (int i = 0; i < 10 && tick[0] < TICKS; i++, tick[0]++) {
                  for (String symbol : SYMBOLS) {
                    publisher.offer(StreamId.market(symbol), List.of(price(symbol, tick[0])));
                    for (VolumeInterval interval : VolumeInterval.values()) {
                      publisher.offer(StreamId.market(symbol), List.of(volume(symbol, interval, tick[0])));
                    }
                  }
                }
                if (tick[0] >= TICKS) {
                  vertx.cancelTimer(id);
                  burstDone.complete();
                }
              });
        });
    TestCluster.await(burstDone.future(), Duration.ofSeconds(10));
    // The held values go out as the cap's next window opens: wait until every lane's latest tick is out.
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (String symbol : SYMBOLS) {
        List<Published> prices = of(published, symbol, MessageType.MARKET_PRICE);
        assertAtMostCapInAnySecond(prices);
        assertThat(prices.size()).as("prices of %s published during a ~1 s burst", symbol).isBetween(6, 30);
        MarketPrice last = (MarketPrice) prices.get(prices.size() - 1).event().payload();
        assertThat(last.price()).as("conflation keeps the latest tick").isEqualTo(TICKS - 1);

        List<Published> volumes = of(published, symbol, MessageType.MARKET_VOLUME);
        assertAtMostCapInAnySecond(volumes);
        Map<VolumeInterval, MarketVolume> lastPerInterval = new EnumMap<>(VolumeInterval.class);
        volumes.forEach(p -> lastPerInterval.put(((MarketVolume) p.event().payload()).interval(), (MarketVolume) p.event().payload()));
        assertThat(lastPerInterval).hasSize(VolumeInterval.values().length);
        assertThat(lastPerInterval.values()).allSatisfy(v -> assertThat(v.tradesCount()).isEqualTo(TICKS - 1));
      }
    });
  }

  @Test
  void aValueHeldByTheCapLeavesWithItsStreamsNextOfferNotOnATimerOfItsOwn() {
    List<Offered> published = new CopyOnWriteArrayList<>();
    List<Integer> batches = new CopyOnWriteArrayList<>();
    Context context = vertx.getOrCreateContext();
    ConflatingPublisher[] publisher = new ConflatingPublisher[1];
    List<Future<Void>> windowOpen = new ArrayList<>();
    TestCluster.await(
        run(context, () -> {
          // A grace far longer than the test: only an offer to the stream can release the held value.
          publisher[0] = new ConflatingPublisher(vertx, CAP, Duration.ofMinutes(5).toNanos(), (stream, released) -> {
            batches.add(released.size());
            into(published).publish(stream, released);
          });
          for (int tick = 0; tick <= CAP; tick++) {
            publisher[0].offer(StreamId.market("BTC"), List.of(price("BTC", tick)), tick);
          }
          windowOpen.add(windowOpensAgain(CAP));
        }));
    assertThat(published).as("the cap's worth goes out at once, the rest is held").hasSize(CAP);
    assertThat(published).as("what left with its own offer waited for nothing").noneMatch(Offered::held);

    TestCluster.await(windowOpen.get(0));
    assertThat(published).as("the window has opened, but nothing of the stream was offered since").hasSize(CAP);

    TestCluster.await(run(context, () -> publisher[0].offer(StreamId.market("BTC"), List.of(volume("BTC", VolumeInterval.M1, 99)), 99)));
    assertThat(published).extracting(e -> e.payload().type()).endsWith(MessageType.MARKET_PRICE, MessageType.MARKET_VOLUME);
    assertThat(((MarketPrice) published.get(CAP).payload()).price()).isEqualTo(CAP);
    assertThat(published.get(CAP).held()).as("the price the cap held").isTrue();
    assertThat(published.get(CAP + 1).held()).as("the volume that came with the offer releasing it").isFalse();
    assertThat(published.get(CAP).arrivedNanos()).as("the held price keeps the arrival of its own trade").isEqualTo(CAP);
    assertThat(published.get(CAP + 1).arrivedNanos()).isEqualTo(99);
    assertThat(batches).as("each offer's values in one batch: the last one the held price and the volume together")
        .hasSize(CAP + 1).endsWith(2);
  }

  @Test
  void aTradesFreshValuesReplaceWhatTheirLanesHeldInsteadOfFollowingIt() {
    List<Offered> published = new CopyOnWriteArrayList<>();
    Context context = vertx.getOrCreateContext();
    ConflatingPublisher[] publisher = new ConflatingPublisher[1];
    List<Future<Void>> windowOpen = new ArrayList<>();
    StreamId btc = StreamId.market("BTC");
    TestCluster.await(
        run(context, () -> {
          publisher[0] = new ConflatingPublisher(vertx, 1, Duration.ofMinutes(5).toNanos(), into(published));
          publisher[0].offer(btc, List.of(price("BTC", 1), sentiment("BTC", 1)));
          publisher[0].offer(btc, List.of(price("BTC", 2), sentiment("BTC", 2)));
          windowOpen.add(windowOpensAgain(1));
        }));
    assertThat(published).as("one of each per second: the second trade's values are held").hasSize(2);

    // The next trade comes once the cap's window has opened again.
    TestCluster.await(windowOpen.get(0));
    TestCluster.await(run(context, () -> publisher[0].offer(btc, List.of(price("BTC", 3), sentiment("BTC", 3)))));

    assertThat(published).hasSize(4);
    assertThat(published.subList(2, 4))
        .as("the third trade's values, not the held second ones first")
        .extracting(e -> e.payload().eventTime().toEpochMilli())
        .containsExactly(3L, 3L);
  }

  @Test
  void whatAQuietStreamHoldsIsPublishedAfterTheGrace() {
    List<Offered> published = new CopyOnWriteArrayList<>();
    Context context = vertx.getOrCreateContext();
    TestCluster.await(
        run(context, () -> {
          ConflatingPublisher publisher =
              new ConflatingPublisher(vertx, CAP, Duration.ofMillis(100).toNanos(), into(published));
          for (int tick = 0; tick <= CAP; tick++) {
            publisher.offer(StreamId.market("ETH"), List.of(price("ETH", tick)));
          }
        }));

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> published.size() > CAP);
    assertThat(published).hasSize(CAP + 1);
    assertThat(((MarketPrice) published.get(CAP).payload()).price()).isEqualTo(CAP);
    assertThat(published.get(CAP).held()).isTrue();
  }

  /**
   * Completes once a window of the cap that starts now has opened again: a witness publisher of its own, filled beyond
   * the cap, lets its held value out on its fallback timer 1 ms after its window opens. Called on the event loop right
   * after a publisher under test was filled, it completes after that one's window has opened too, and after any timer
   * that one could have set for the window's opening.
   */
  private Future<Void> windowOpensAgain(int cap) {
    Promise<Void> opened = Promise.promise();
    int[] released = {0};
    ConflatingPublisher witness = new ConflatingPublisher(vertx, cap, Duration.ofMillis(1).toNanos(), (stream, batch) -> {
      released[0] += batch.size();
      if (released[0] > cap) {
        opened.complete();
      }
    });
    for (int tick = 0; tick <= cap; tick++) {
      witness.offer(StreamId.market("WITNESS"), List.of(price("WITNESS", tick)));
    }
    return opened.future();
  }

  private static Future<Void> run(Context context, Runnable action) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      action.run();
      done.complete();
    });
    return done.future();
  }

  private static void assertAtMostCapInAnySecond(List<Published> events) {
    for (int i = 0; i + CAP < events.size(); i++) {
      long span = events.get(i + CAP).nanos() - events.get(i).nanos();
      assertThat(span).as("%d messages of one symbol and type within %d ns", CAP + 1, span).isGreaterThanOrEqualTo(1_000_000_000L);
    }
  }

  private static List<Published> of(List<Published> all, String symbol, MessageType type) {
    List<Published> out = new ArrayList<>();
    for (Published p : all) {
      if (p.event().stream().key().equals(symbol) && p.event().payload().type() == type) {
        out.add(p);
      }
    }
    return out;
  }

  private static MarketPrice price(String symbol, int tick) {
    return new MarketPrice(symbol, tick, 0, tick, tick, 0, Instant.ofEpochMilli(tick));
  }

  private static MarketSentiment sentiment(String symbol, int tick) {
    return new MarketSentiment(symbol, 0, 0.5, 0.5, VolumeTrend.STABLE, Instant.ofEpochMilli(tick));
  }

  private static MarketVolume volume(String symbol, VolumeInterval interval, int tick) {
    return new MarketVolume(symbol, tick, tick, tick, 0, interval, Instant.ofEpochMilli(tick));
  }
}
