package com.degenduel.realtime.node.ownership;

import com.degenduel.realtime.codec.stream.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a change to the replica that owns a service's streams, wherever it runs (this replica
 * included), on {@code dd.owner.<service>}, which only the owner listens on.
 *
 * <p>A change is offered until the owner acknowledges it or {@code patience} runs out: while no
 * replica owns the streams (a takeover is under way), and also when the owner does not answer in
 * time. A killed owner looks exactly like that: until the cluster notices that it is gone, messages
 * to it are lost on a refused connection, and a successor must still get them. Each change carries
 * an id so that an owner that got it the first time (and only answered late) takes it once, see
 * {@link Inbox}. What remains: a change an owner published right before dying without answering
 * is published again by its successor.
 *
 * <p>{@link #send} completes once the owner has taken the change (so a fact is answered only when
 * its publication is under way, and a snapshot asked for afterwards includes it) or once it has
 * been given up; it never fails, because the change itself is already applied to the cluster state.
 */
public final class OwnerChannel {
  /** Header naming one change, the same on every offer of it. */
  public static final String CHANGE_ID = "dd-change-id";

  private static final Logger LOG = LoggerFactory.getLogger(OwnerChannel.class);
  private static final long RETRY_MS = 100;
  private static final long ANSWER_TIMEOUT_MS = 1000;

  private final Vertx vertx;
  private final String service;
  private final String address;
  private final long patienceNanos;

  public OwnerChannel(Vertx vertx, String service, Duration patience) {
    this.vertx = vertx;
    this.service = service;
    this.address = Addresses.owner(service);
    this.patienceNanos = patience.toNanos();
  }

  /**
   * How long to keep offering a change: the cluster notices a member that died without a word
   * within hazelcast.max.no.heartbeat.seconds (8 s in cluster.xml), and a standby takes over at
   * the latest one lease after that.
   */
  public static Duration patience(Duration lease) {
    return Duration.ofSeconds(10).plus(lease.multipliedBy(2));
  }

  public Future<Void> send(Object change) {
    Promise<Void> taken = Promise.promise();
    DeliveryOptions delivery =
        new DeliveryOptions().setSendTimeout(ANSWER_TIMEOUT_MS).addHeader(CHANGE_ID, UUID.randomUUID().toString());
    attempt(change, delivery, System.nanoTime() + patienceNanos, taken);
    return taken.future();
  }

  private void attempt(Object change, DeliveryOptions delivery, long deadline, Promise<Void> taken) {
    vertx.eventBus().request(address, change, delivery).onComplete(answer -> {
      if (answer.succeeded()) {
        taken.complete();
      } else if (System.nanoTime() < deadline && !refused(answer.cause())) {
        vertx.setTimer(RETRY_MS, id -> attempt(change, delivery, deadline, taken));
      } else {
        LOG.warn("{}: a change did not reach the owner of the streams ({}); its state follows with the next update",
            service, answer.cause().getMessage());
        taken.complete();
      }
    });
  }

  /** The owner could not make sense of the change: offering it again changes nothing. */
  private static boolean refused(Throwable failure) {
    return failure instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE && r.failureCode() == 400;
  }

  /**
   * The owner's memory of the changes it has taken lately, so that an offer repeated after a late
   * answer is acknowledged without being published twice. Confined to the owner's event loop.
   */
  public static final class Inbox {
    private static final int REMEMBERED = 10_000;

    private final Map<String, Boolean> taken = new LinkedHashMap<>(256, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > REMEMBERED;
      }
    };

    /** True for an offer of a change already taken (and acknowledged, perhaps too late). */
    public boolean alreadyTaken(Message<?> message) {
      String id = message.headers().get(CHANGE_ID);
      return id != null && taken.containsKey(id);
    }

    /** Remembers a change once it has been acted upon. */
    public void taken(Message<?> message) {
      String id = message.headers().get(CHANGE_ID);
      if (id != null) {
        taken.put(id, Boolean.TRUE);
      }
    }
  }
}
