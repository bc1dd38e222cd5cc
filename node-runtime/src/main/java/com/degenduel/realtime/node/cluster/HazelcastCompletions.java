package com.degenduel.realtime.node.cluster;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Where Hazelcast runs the continuations of its asynchronous calls; every Vert.x cluster-map
 * operation completes through one. Hazelcast uses the common ForkJoinPool when that has more than
 * one thread and otherwise starts a new thread for every continuation. The common pool has one
 * thread on a machine with one or two cores (a pod limited to two CPUs, the two-core bench
 * machine), so there every map operation started and stopped two or three threads: about 4,000
 * threads a second while the portfolio service ingested facts, which took most of its CPU.
 *
 * <p>On such machines Hazelcast gets a pool of its own shaped like the common pool of a
 * three-core machine, the configuration it runs with everywhere else. Hazelcast's setter is
 * internal API; there is no public one, and the alternative, a JVM flag raising the common pool's
 * parallelism, would have to be repeated in every way a node is started.
 */
final class HazelcastCompletions {
  static final int PARALLELISM = 2;

  private static ForkJoinPool pool;

  private HazelcastCompletions() {}

  /** Once per JVM, before the first Hazelcast member of the process starts. */
  static synchronized void install(int commonPoolParallelism) {
    if (commonPoolParallelism > 1 || pool != null) {
      return;
    }
    pool = new ForkJoinPool(PARALLELISM, HazelcastCompletions::named, null, false);
    ConcurrencyUtil.setDefaultAsyncExecutor(pool);
  }

  private static ForkJoinWorkerThread named(ForkJoinPool owner) {
    ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(owner);
    thread.setName("hz-completion-" + thread.getPoolIndex());
    return thread;
  }
}
