package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.codec.wire.StreamBatch;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;

/**
 * Reference-counted event-bus consumers: one per address while at least one local stream needs it.
 * Each registration is a cluster-wide write, so they are shared and released as soon as unused.
 */
final class BusRegistrations {
  /**
   * One consumer and how many local streams use it. Unregistering is asynchronous across the
   * cluster, so a released consumer can still receive messages while a new one for the same
   * address is already registered; {@code released} stops it forwarding them, or every event in
   * that window would reach the stream twice.
   */
  private static final class Registration {
    final MessageConsumer<Object> consumer;
    final Future<Void> ready;
    int users = 1;
    boolean released;

    Registration(EventBus bus, String address, Handler<StreamBatch> sink) {
      this.consumer =
          bus.consumer(
              address,
              message -> {
                if (!released) {
                  sink.handle(StreamBatch.carried(message.body()));
                }
              });
      this.ready = consumer.completion();
    }
  }

  private final EventBus bus;
  private final Handler<StreamBatch> sink;
  private final Map<String, Registration> byAddress = new HashMap<>();

  BusRegistrations(EventBus bus, Handler<StreamBatch> sink) {
    this.bus = bus;
    this.sink = sink;
  }

  /** Completes once the address is registered across the cluster, so nothing published afterwards is missed. */
  Future<Void> acquire(String address) {
    Registration existing = byAddress.get(address);
    if (existing != null) {
      existing.users++;
      return existing.ready;
    }
    Registration created = new Registration(bus, address, sink);
    byAddress.put(address, created);
    return created.ready;
  }

  void release(String address) {
    Registration existing = byAddress.get(address);
    if (existing == null) {
      return;
    }
    if (--existing.users == 0) {
      byAddress.remove(address);
      existing.released = true;
      existing.consumer.unregister();
    }
  }

  int count() {
    return byAddress.size();
  }
}
