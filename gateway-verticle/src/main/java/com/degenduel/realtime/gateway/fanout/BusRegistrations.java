package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.codec.stream.StreamEvent;
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
  private record Registration(MessageConsumer<StreamEvent> consumer, Future<Void> ready, int users) {
    Registration withUsers(int n) {
      return new Registration(consumer, ready, n);
    }
  }

  private final EventBus bus;
  private final Handler<StreamEvent> sink;
  private final Map<String, Registration> byAddress = new HashMap<>();

  BusRegistrations(EventBus bus, Handler<StreamEvent> sink) {
    this.bus = bus;
    this.sink = sink;
  }

  /** Completes once the address is registered across the cluster, so nothing published afterwards is missed. */
  Future<Void> acquire(String address) {
    Registration existing = byAddress.get(address);
    if (existing != null) {
      byAddress.put(address, existing.withUsers(existing.users() + 1));
      return existing.ready();
    }
    MessageConsumer<StreamEvent> consumer = bus.consumer(address, message -> sink.handle(message.body()));
    Registration created = new Registration(consumer, consumer.completion(), 1);
    byAddress.put(address, created);
    return created.ready();
  }

  void release(String address) {
    Registration existing = byAddress.get(address);
    if (existing == null) {
      return;
    }
    if (existing.users() > 1) {
      byAddress.put(address, existing.withUsers(existing.users() - 1));
    } else {
      byAddress.remove(address);
      existing.consumer().unregister();
    }
  }

  int count() {
    return byAddress.size();
  }
}
