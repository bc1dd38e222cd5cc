package com.degenduel.realtime.market;

import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.StreamSequencer;
import com.degenduel.realtime.market.breaker.GuardedSource;
import com.degenduel.realtime.market.feed.MarketFeed;
import com.degenduel.realtime.market.publish.ConflatingPublisher;
import com.degenduel.realtime.market.publish.PublishDelay;
import com.degenduel.realtime.market.snapshot.MarketSnapshots;
import com.degenduel.realtime.market.source.MarketDataSources;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ownership.Leadership;
import com.degenduel.realtime.node.ownership.StreamPositions;
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
 *
 * <p>With several replicas only the owner elected by {@link Leadership} polls, publishes and
 * answers snapshots; a standby keeps its source idle until it takes over, then continues every
 * stream's {@code seq} from the stored positions.
 */
public final class MarketVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MarketVerticle.class);
  /** The name of the market streams' lease and positions. */
  public static final String SERVICE = "market";

  private final NodeConfig config;
  private GuardedSource source;
  private ConflatingPublisher publisher;
  private MessageConsumer<?> snapshotConsumer;
  private Leadership leadership;
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
    StreamSequencer sequencer = new StreamSequencer();
    StreamPositions positions = new StreamPositions(vertx, SERVICE, sequencer);
    PublishDelay delay = new PublishDelay(NodeMetrics.of(vertx).registry());
    publisher =
        new ConflatingPublisher(
            vertx,
            config.getInt(Setting.MARKET_MAX_UPDATES_PER_SECOND),
            sequencer,
            event -> {
              snapshots.remember(event);
              bus.publish(event.address(), event);
              delay.published(event, System.currentTimeMillis());
            });
    MarketFeed feed = new MarketFeed(symbols, source, publisher);
    long pollMs = config.getLong(Setting.MARKET_POLL_INTERVAL_MS);
    leadership = new Leadership(vertx, SERVICE, config.getMillis(Setting.OWNERSHIP_LEASE_MS), new Leadership.Duties() {
      @Override
      public Future<Void> activate(long epoch) {
        return positions.resume()
            .compose(v -> {
              snapshotConsumer = snapshots.register(bus);
              return snapshotConsumer.completion();
            })
            .onSuccess(v -> pollTimer = vertx.setPeriodic(0, pollMs, id -> feed.poll()));
      }

      @Override
      public Future<Void> deactivate() {
        if (pollTimer >= 0) {
          vertx.cancelTimer(pollTimer);
          pollTimer = -1;
        }
        publisher.close();
        positions.suspend();
        return snapshotConsumer == null ? Future.succeededFuture() : snapshotConsumer.unregister();
      }
    });
    return leadership.start()
        .onSuccess(v -> LOG.info("market service up: source '{}', symbols {}, {}", sourceName, symbols,
            leadership.isOwner() ? "publishing" : "standby"));
  }

  @Override
  public Future<?> stop() {
    return leadership.stop().eventually(() -> source.close());
  }
}
