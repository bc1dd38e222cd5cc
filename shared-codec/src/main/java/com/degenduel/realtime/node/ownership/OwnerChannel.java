package com.degenduel.realtime.node.ownership;

import com.degenduel.realtime.codec.stream.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a change to the replica that owns a service's streams, wherever it runs (this replica
 * included), on {@code dd.owner.<service>}, which only the owner listens on.
 *
 * <p>While no replica owns the streams (a takeover is under way) the change is offered again
 * until {@code patience} runs out. A change the owner may have received but did not acknowledge
 * (it died, or did not answer in time) is not offered again: a successor would publish it a
 * second time. A change lost that way is an event clients miss; the state it changed is in the
 * cluster and reaches them with the next update or snapshot.
 */
public final class OwnerChannel {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerChannel.class);
  private static final long RETRY_MS = 100;
  private static final long ANSWER_TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final String service;
  private final String address;
  private final long patienceNanos;
  private final DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(ANSWER_TIMEOUT_MS);

  public OwnerChannel(Vertx vertx, String service, Duration patience) {
    this.vertx = vertx;
    this.service = service;
    this.address = Addresses.owner(service);
    this.patienceNanos = patience.toNanos();
  }

  public void send(Object change) {
    attempt(change, System.nanoTime() + patienceNanos);
  }

  private void attempt(Object change, long deadline) {
    vertx.eventBus().request(address, change, delivery).onFailure(e -> {
      boolean noOwner = e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
      if (noOwner && System.nanoTime() < deadline) {
        vertx.setTimer(RETRY_MS, id -> attempt(change, deadline));
      } else {
        LOG.warn("{}: a change did not reach the owner of the streams ({}); its state follows with the next update",
            service, e.getMessage());
      }
    });
  }
}
