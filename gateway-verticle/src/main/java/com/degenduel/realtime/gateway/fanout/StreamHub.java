package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.ResumeRequest;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamHistory;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamInterest;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.gateway.endpoint.ResumePoint;
import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's in-memory index from stream to local sockets, and its only door to the event bus.
 * Gateways hold no domain state: everything here is rebuilt from the owning services' snapshots,
 * so losing a gateway loses nothing. Confined to one event loop.
 */
public final class StreamHub {
  private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

  private static final Duration UNAVAILABLE_LOG_INTERVAL = Duration.ofSeconds(10);

  /**
   * A stream that keeps a history is checked for a missed event this long after it goes live: long
   * after this gateway's new registration has reached every member.
   */
  private static final long MISSED_EVENT_CHECK_MS = 2000;
  private static final int HISTORY_ATTEMPTS = 3;

  private final Vertx vertx;
  private final EventBus bus;
  /** Names this hub to the services whose streams it watches; a hub is one event loop of one gateway. */
  private final String watcher = UUID.randomUUID().toString();
  private final Map<StreamKind, Long> lastUnavailableLog = new java.util.EnumMap<>(StreamKind.class);
  private final DeliveryOptions snapshotDelivery;
  private final Map<StreamId, LocalStream> streams = new HashMap<>();
  private final BusRegistrations registrations;
  private final GatewayMetrics metrics;
  private MessageConsumer<MarketAvailability> marketStatus;
  private boolean marketAvailable = true;

  public StreamHub(Vertx vertx, Duration snapshotTimeout, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.metrics = metrics;
    this.snapshotDelivery = new DeliveryOptions().setSendTimeout(snapshotTimeout.toMillis());
    this.registrations = new BusRegistrations(bus, this::onEvents);
  }

  public Future<Void> start() {
    marketStatus = bus.consumer(Addresses.MARKET_STATUS, m -> onMarketAvailability(m.body()));
    return marketStatus.completion();
  }

  public Future<Void> stop() {
    return marketStatus == null ? Future.succeededFuture() : marketStatus.unregister();
  }

  public void subscribe(StreamId id, Subscriber subscriber) {
    LocalStream stream = streams.get(id);
    if (stream == null) {
      stream = new LocalStream(id, metrics, this::history);
      streams.put(id, stream);
      open(stream);
    }
    stream.add(subscriber);
  }

  /**
   * Subscribes a client that reconnects to a wallet or contest stream where it left off: it gets
   * the snapshot, then RESUMED and the events it missed, read from the stream's history by its
   * owning service, then the live stream. If the service cannot be asked, RESUMED says it was not
   * recovered.
   */
  public void subscribe(StreamId id, Subscriber subscriber, ResumePoint from) {
    subscribe(id, subscriber);
    LocalStream stream = streams.get(id);
    stream.catchUp(subscriber, from);
    history(id, from.since(), from.epoch()).onComplete(answer -> {
      if (streams.get(id) == stream && stream.has(subscriber)) {
        stream.resume(subscriber, answer.succeeded() ? answer.result() : StreamHistory.notRecovered());
      }
    });
  }

  /**
   * The stream's events after {@code since}, read by its owning service from the stream's history;
   * asked again when the service did not answer in time (a busy one may not), and given up on
   * after {@value #HISTORY_ATTEMPTS} tries.
   */
  private Future<StreamHistory> history(StreamId id, long since, String epoch) {
    return history(id, since, epoch, HISTORY_ATTEMPTS);
  }

  private Future<StreamHistory> history(StreamId id, long since, String epoch, int attempts) {
    return bus.<StreamHistory>request(Addresses.history(id.kind()), new ResumeRequest(id, since, epoch), snapshotDelivery)
        .map(Message::body)
        .recover(e -> {
          if (attempts > 1) {
            return history(id, since, epoch, attempts - 1);
          }
          logUnavailable(id, e);
          return Future.failedFuture(e);
        });
  }

  public void unsubscribe(StreamId id, Subscriber subscriber) {
    LocalStream stream = streams.get(id);
    if (stream == null) {
      return;
    }
    stream.remove(subscriber);
    if (stream.isEmpty()) {
      close(stream);
    }
  }

  /**
   * Renews this hub's interest in the wallet and contest streams its sockets watch: their services
   * value and publish only watched streams, and an interest lapses unless renewed (so a dead
   * gateway stops costing anything). Call every {@link StreamInterest#RENEW_EVERY}.
   */
  public void renewInterest() {
    Map<StreamKind, List<String>> watched = new EnumMap<>(StreamKind.class);
    for (StreamId id : streams.keySet()) {
      if (!id.kind().watchedByInterest()) {
        continue;
      }
      List<String> keys = watched.computeIfAbsent(id.kind(), k -> new ArrayList<>());
      keys.add(id.key());
      if (keys.size() == StreamInterest.MAX_KEYS) {
        sendInterest(id.kind(), keys, true);
        watched.remove(id.kind());
      }
    }
    watched.forEach((kind, keys) -> sendInterest(kind, keys, true));
  }

  private void sendInterest(StreamKind kind, List<String> keys, boolean watching) {
    bus.send(Addresses.interest(kind), new StreamInterest(watcher, kind, keys, watching));
  }

  /** Event-bus registrations this gateway holds now: bounded by symbols, contests and wallet shards. */
  public int registrationCount() {
    return registrations.count();
  }

  public int streamCount() {
    return streams.size();
  }

  private void open(LocalStream stream) {
    StreamId id = stream.id();
    registrations
        .acquire(id.address())
        .compose(v -> bus.<StreamSnapshot>request(
            Addresses.snapshot(id.kind()), new SnapshotRequest(id, watcher), snapshotDelivery))
        .onSuccess(reply -> {
          stream.goLive(reply.body().events(), reply.body().eventSeq());
          if (id.kind().carriesEvents() && reply.body().eventSeq() >= 0) {
            vertx.setTimer(MISSED_EVENT_CHECK_MS, t -> {
              if (streams.get(id) == stream) {
                stream.checkForMissed();
              }
            });
          }
        })
        .onFailure(e -> onSnapshotFailure(stream, e));
  }

  private void close(LocalStream stream) {
    if (streams.remove(stream.id(), stream)) {
      registrations.release(stream.id().address());
      if (stream.id().kind().watchedByInterest()) {
        sendInterest(stream.id().kind(), List.of(stream.id().key()), false);
      }
    }
  }

  /** All of a batch in this one turn: each socket gets the batch's frames in one write. */
  private void onEvents(StreamBatch batch) {
    for (StreamFrame event : batch.frames()) {
      LocalStream stream = streams.get(event.stream());
      if (stream != null) {
        stream.onEvent(event);
      }
    }
  }

  private void onSnapshotFailure(LocalStream stream, Throwable e) {
    if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE && reply.failureCode() == 404) {
      ErrorCode code = stream.id().kind() == StreamKind.CONTEST ? ErrorCode.CONTEST_NOT_FOUND : ErrorCode.UNKNOWN_SYMBOL;
      ErrorMessage error = ErrorMessage.of(code);
      for (Subscriber s : List.copyOf(stream.subscribers())) {
        s.reject(error, CloseCode.NOT_FOUND);
      }
      close(stream);
      return;
    }
    logUnavailable(stream.id(), e);
    ErrorMessage error = ErrorMessage.of(ErrorCode.SERVICE_UNAVAILABLE, "the current state could not be fetched; live updates follow");
    stream.subscribers().forEach(s -> s.notify(error));
    stream.goLive(List.of(), -1);
  }

  /** One line per kind and interval: when a service is down, every new stream would otherwise log. */
  private void logUnavailable(StreamId id, Throwable e) {
    long now = System.nanoTime();
    Long last = lastUnavailableLog.get(id.kind());
    if (last == null || now - last > UNAVAILABLE_LOG_INTERVAL.toNanos()) {
      lastUnavailableLog.put(id.kind(), now);
      LOG.warn("snapshot of {} unavailable ({}); streaming live updates only", id, e.getMessage());
    }
  }

  private void onMarketAvailability(MarketAvailability availability) {
    if (availability.available() == marketAvailable) {
      return;
    }
    marketAvailable = availability.available();
    if (marketAvailable) {
      return;
    }
    Set<Subscriber> watchers = new LinkedHashSet<>();
    streams.values().stream()
        .filter(s -> s.id().kind() == StreamKind.MARKET)
        .forEach(s -> watchers.addAll(s.subscribers()));
    ErrorMessage error = ErrorMessage.of(ErrorCode.MARKET_DATA_UNAVAILABLE);
    watchers.forEach(s -> s.notify(error));
  }
}
