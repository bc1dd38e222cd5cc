package com.degenduel.realtime.node.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.testkit.TestCluster;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** One owner at a time among real cluster members, and a quick successor when it goes. */
class LeadershipTest {
  private static final Duration LEASE = Duration.ofMillis(1000);

  /** A replica of a service: a verticle whose duties count how many replicas are active at once. */
  private static final class Replica extends VerticleBase {
    final String service;
    final AtomicInteger activeNow;
    final List<Long> epochs = new CopyOnWriteArrayList<>();
    volatile boolean active;
    volatile long activatedAtNanos;
    volatile boolean handBackOnStop = true;
    Leadership leadership;

    Replica(String service, AtomicInteger activeNow) {
      this.service = service;
      this.activeNow = activeNow;
    }

    @Override
    public Future<?> start() {
      leadership = new Leadership(vertx, service, LEASE, new Leadership.Duties() {
        @Override
        public Future<Void> activate(long epoch) {
          epochs.add(epoch);
          active = true;
          activatedAtNanos = System.nanoTime();
          activeNow.incrementAndGet();
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> deactivate() {
          active = false;
          activeNow.decrementAndGet();
          return Future.succeededFuture();
        }
      });
      return leadership.start();
    }

    @Override
    public Future<?> stop() {
      return handBackOnStop ? leadership.stop() : Future.succeededFuture();
    }
  }

  @Test
  void exactlyOneReplicaOwnsAndASurvivorTakesOverWhenTheOwnerLeavesTheCluster() throws Exception {
    try (TestCluster cluster = TestCluster.start(3)) {
      AtomicInteger activeNow = new AtomicInteger();
      List<Replica> replicas = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Replica r = new Replica("svc-a", activeNow);
        TestCluster.await(cluster.node(i).deployVerticle(r, new DeploymentOptions()));
        replicas.add(r);
      }
      awaitTrue(() -> activeNow.get() == 1, Duration.ofSeconds(5));
      for (int sample = 0; sample < 20; sample++) {
        assertThat(activeNow.get()).as("replicas active at once").isEqualTo(1);
        Thread.sleep(100);
      }
      int owner = ownerIndex(replicas);
      assertThat(replicas.get(owner).epochs).containsExactly(1L);

      long left = System.nanoTime();
      // Closing the node without undeploying first: the lease is not handed back, the member just leaves.
      Replica lost = replicas.get(owner);
      lost.handBackOnStop = false;
      cluster.stop(owner);
      List<Replica> survivors = replicas.stream().filter(r -> r != lost).toList();
      awaitTrue(() -> survivors.stream().filter(r -> r.active).count() == 1, Duration.ofSeconds(10));
      Replica successor = survivors.stream().filter(r -> r.active).findFirst().orElseThrow();
      Duration takeover = Duration.ofNanos(successor.activatedAtNanos - left);
      assertThat(successor.epochs).containsExactly(2L);
      assertThat(takeover).as("takeover time").isLessThan(Duration.ofSeconds(5));
      for (int sample = 0; sample < 10; sample++) {
        assertThat(survivors.stream().filter(r -> r.active).count()).as("survivors active at once").isEqualTo(1);
        Thread.sleep(100);
      }
    }
  }

  @Test
  void anOwnerThatStopsHandsTheLeaseOverAtOnce() {
    try (TestCluster cluster = TestCluster.start(2)) {
      AtomicInteger activeNow = new AtomicInteger();
      Replica first = new Replica("svc-b", activeNow);
      String firstId = TestCluster.await(cluster.node(0).deployVerticle(first, new DeploymentOptions()));
      awaitTrue(() -> first.active, Duration.ofSeconds(5));
      Replica second = new Replica("svc-b", activeNow);
      TestCluster.await(cluster.node(1).deployVerticle(second, new DeploymentOptions()));
      assertThat(second.active).as("a second replica stays a standby").isFalse();

      long stopped = System.nanoTime();
      TestCluster.await(cluster.node(0).undeploy(firstId));
      awaitTrue(() -> second.active, Duration.ofSeconds(5));

      assertThat(first.active).isFalse();
      assertThat(second.epochs).containsExactly(2L);
      assertThat(Duration.ofNanos(second.activatedAtNanos - stopped))
          .as("a released lease is taken at the next check, well within a lease")
          .isLessThan(LEASE);
    }
  }

  private static int ownerIndex(List<Replica> replicas) {
    for (int i = 0; i < replicas.size(); i++) {
      if (replicas.get(i).active) {
        return i;
      }
    }
    throw new AssertionError("no owner");
  }

  private static void awaitTrue(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
