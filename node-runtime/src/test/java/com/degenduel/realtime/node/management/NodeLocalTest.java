package com.degenduel.realtime.node.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeLocalTest {

  @Test
  void verticlesStartingTogetherShareOneObjectCreatedOnce() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger created = new AtomicInteger();
      Set<Object> seen = ConcurrentHashMap.newKeySet();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  seen.add(
                      NodeLocal.get(
                          vertx,
                          "shared",
                          Object.class,
                          () -> {
                            created.incrementAndGet();
                            Thread creator = Thread.currentThread();
                            // Creation finishes only once every other thread is waiting for it.
                            await()
                                .atMost(Duration.ofSeconds(30))
                                .until(() -> threads.stream().filter(other -> other != creator).allMatch(other -> other.getState() == Thread.State.BLOCKED));
                            return new Object();
                          }));
                });
        threads.add(t);
        t.start();
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }

      assertThat(created).hasValue(1);
      assertThat(seen).hasSize(1);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  void creatingMayItselfAskForAnotherObject() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      String outer = NodeLocal.get(vertx, "outer", String.class, () -> "outer of " + NodeLocal.get(vertx, "inner", String.class, () -> "inner"));

      assertThat(outer).isEqualTo("outer of inner");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
