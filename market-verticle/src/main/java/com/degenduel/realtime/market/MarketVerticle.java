package com.degenduel.realtime.market;

import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.market.breaker.GuardedSource;
import com.degenduel.realtime.market.feed.MarketFeed;
import com.degenduel.realtime.market.publish.ConflatingPublisher;
import com.degenduel.realtime.market.snapshot.MarketSnapshots;
import com.degenduel.realtime.market.source.MarketDataSources;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market service: polls the configured source through a circuit breaker every
 * MARKET_POLL_INTERVAL_MS, publishes each symbol's market messages on {@code dd.market.<SYMBOL>}
 * within the rate cap, answers market snapshots and reports its availability on {@code
 * dd.market.status}. Everything runs on this verticle's event loop.
 */
public final class MarketVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MarketVerticle.class);

  private final NodeConfig config;
  private GuardedSource source;
  private ConflatingPublisher publisher;
  private MessageConsumer<?> snapshotConsumer;
  private long pollTimer = -1;

  public MarketVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    List<String> symbols = config.getList(Setting.MARKET_SYMBOLS);
    if (symbols.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException(Setting.MARKET_SYMBOLS.env() + " lists no symbol"));
    }
    EventBus bus = vertx.eventBus();
    String sourceName = config.get(Setting.MARKET_SOURCE).trim();
    source =
        new GuardedSource(
            vertx, MarketDataSources.create(vertx, config), sourceName, config,
            availability -> bus.publish(Addresses.MARKET_STATUS, availability));
    MarketSnapshots snapshots = new MarketSnapshots(symbols);
    publisher =
        new ConflatingPublisher(
            vertx,
            config.getInt(Setting.MARKET_MAX_UPDATES_PER_SECOND),
            event -> {
              snapshots.remember(event);
              bus.publish(event.address(), event);
            });
    MarketFeed feed = new MarketFeed(symbols, source, publisher);
    MessageConsumer<?> consumer = snapshots.register(bus);
    snapshotConsumer = consumer;
    return consumer
        .completion()
        .onSuccess(
            v -> {
              pollTimer = vertx.setPeriodic(0, config.getLong(Setting.MARKET_POLL_INTERVAL_MS), id -> feed.poll());
              LOG.info("market service up: source '{}', symbols {}", sourceName, symbols);
            });
  }

  @Override
  public Future<?> stop() {
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
    }
    publisher.close();
    return Future.join(snapshotConsumer.unregister(), source.close());
  }
}
