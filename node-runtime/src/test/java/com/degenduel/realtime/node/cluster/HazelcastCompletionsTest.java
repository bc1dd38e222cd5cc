package com.degenduel.realtime.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hazelcast's continuations reuse a few threads however few cores the machine has. The pool is the
 * JVM's, shared by both tests: the counting test runs first, because the blocking one makes the
 * pool add compensating threads that it keeps for a minute.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HazelcastCompletionsTest {

  @Test
  @Order(1)
  void withASingleThreadedCommonPoolContinuationsReuseThreads() throws Exception {
    HazelcastCompletions.install(1);

    Set<Thread> threads = threadsOf(ConcurrencyUtil.getDefaultAsyncExecutor(), 200);

    assertThat(threads).hasSizeLessThanOrEqualTo(HazelcastCompletions.PARALLELISM);
    assertThat(threads).allSatisfy(t -> assertThat(t.getName()).startsWith("hz-completion-"));
  }

  @Test
  @Order(2)
  void continuationsWaitingOnFuturesDoNotHoldUpTheOthers() throws Exception {
    HazelcastCompletions.install(1);
    Executor executor = ConcurrencyUtil.getDefaultAsyncExecutor();
    CompletableFuture<Void> release = new CompletableFuture<>();
    for (int i = 0; i < HazelcastCompletions.PARALLELISM; i++) {
      CompletableFuture.runAsync(release::join, executor);
    }

    CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> "ran", executor);

    assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("ran");
    release.complete(null);
  }

  /** Runs tasks one after another, each once the previous one is done, and collects their threads. */
  private static Set<Thread> threadsOf(Executor executor, int tasks) throws Exception {
    Set<Thread> threads = new HashSet<>();
    for (int i = 0; i < tasks; i++) {
      threads.add(CompletableFuture.supplyAsync(Thread::currentThread, executor).get(10, TimeUnit.SECONDS));
    }
    return threads;
  }
}
