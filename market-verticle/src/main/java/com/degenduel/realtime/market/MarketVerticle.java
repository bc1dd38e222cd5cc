package com.degenduel.realtime.market;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.market.breaker.SourceBreaker;
import com.degenduel.realtime.market.feed.MarketFeed;
import com.degenduel.realtime.market.publish.ConflatingPublisher;
import com.degenduel.realtime.market.publish.PublishDelay;
import com.degenduel.realtime.market.snapshot.LastPrice;
import com.degenduel.realtime.market.source.MarketDataSources;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.degenduel.realtime.node.streams.HistoryLimits;
import com.degenduel.realtime.node.streams.OwnedStreams;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market service: the configured source follows the symbols this replica owns and delivers
 * their trades (pushed as they happen by a stream, or polled every MARKET_POLL_INTERVAL_MS), the
 * service publishes each symbol's market messages on {@code dd.market.<SYMBOL>} within the rate cap,
 * and a circuit breaker fed by the source's successes and failures reports its availability on
 * {@code dd.market.status}. Everything runs on this verticle's event loop.
 *
 * <p>Symbols are streams owned by the partitions of the market replicas' stream cluster ({@link
 * OwnedStreams}): replicas share the symbols, a dead replica's symbols move to the others, and the
 * numbering of each symbol's messages goes on above the previous owner's. Every replica answers
 * snapshots, from the last price kept in the symbol's record.
 */
public final class MarketVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MarketVerticle.class);
  /** The name of the market's stream cluster. */
  public static final String SERVICE = "market";

  private final NodeConfig config;
  private SourceBreaker breaker;
  private MarketFeed feed;
  private ConflatingPublisher publisher;
  private OwnedStreams<LastPrice> streams;
  private long dayRefreshTimer = -1;

  public MarketVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    List<String> symbols = config.getList(Setting.MARKET_SYMBOLS);
    if (symbols.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException(Setting.MARKET_SYMBOLS.env() + " lists no symbol"));
    }
    String sourceName = config.get(Setting.MARKET_SOURCE).trim();
    breaker =
        new SourceBreaker(
            vertx, sourceName, config, availability -> vertx.eventBus().publish(Addresses.MARKET_STATUS, availability));
    PublishDelay delay = new PublishDelay(NodeMetrics.of(vertx).registry());
    publisher =
        new ConflatingPublisher(
            vertx,
            config.getInt(Setting.MARKET_MAX_UPDATES_PER_SECOND),
            (stream, released) -> {
              streams.publishStates(stream.key(), released.stream().map(ConflatingPublisher.Released::payload).toList());
              Instant now = Instant.now();
              long nowNanos = System.nanoTime();
              for (ConflatingPublisher.Released value : released) {
                if (value.payload() instanceof MarketPrice price) {
                  streams.keepState(stream.key(), LastPrice.of(price));
                }
                delay.published(value.payload(), value.held(), now, nowNanos - value.arrivedNanos());
              }
            });
    feed = new MarketFeed(breaker, publisher, listener -> MarketDataSources.create(vertx, config, listener));
    return OwnedStreams.join(
            vertx, config, SERVICE, StreamKind.MARKET, new MarketStreams(new LinkedHashSet<>(symbols), feed),
            HistoryLimits.stateOnly())
        .onSuccess(owned -> {
          streams = owned;
          feed.start();
          dayRefreshTimer = vertx.setPeriodic(config.getLong(Setting.MARKET_DAY_REFRESH_MS), id -> feed.refreshDays());
          LOG.info("market service up: source '{}', symbols {}, publishing {}", sourceName, symbols, feed.owned());
        });
  }

  @Override
  public Future<?> stop() {
    if (dayRefreshTimer >= 0) {
      vertx.cancelTimer(dayRefreshTimer);
    }
    publisher.close();
    return (streams == null ? Future.succeededFuture() : streams.leave())
        .eventually(() -> feed.close())
        .onComplete(v -> breaker.close());
  }
}
