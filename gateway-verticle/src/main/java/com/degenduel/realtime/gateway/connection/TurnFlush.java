package com.degenduel.realtime.gateway.connection;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes every socket of an event loop that was written to in the current turn, once, when the
 * turn ends: frames written to one socket in one turn leave as one TLS record and one {@code write}
 * system call instead of one each. Sealing a record and the system call, not the frame itself,
 * are most of what a frame costs; what one publish carries (a market trade's eight messages, one
 * {@code StreamBatch}) is handed to the sockets in one turn, so it leaves each socket in one flush.
 *
 * <p>One per event loop, on that loop's thread, scheduling one task per turn for all of the
 * loop's sockets. Netty's {@code FlushConsolidationHandler} does the same per socket: a handler in
 * every socket's pipeline, and a task per socket and turn.
 */
public final class TurnFlush {
  /** Something with frames written but not yet flushed. */
  interface Pending {
    void flushNow();
  }

  private static final FastThreadLocal<TurnFlush> OF_THIS_LOOP =
      new FastThreadLocal<>() {
        @Override
        protected TurnFlush initialValue() {
          return new TurnFlush();
        }
      };

  private final List<Pending> pending = new ArrayList<>();
  private final List<Runnable> whenFlushed = new ArrayList<>();
  private final Runnable flushAll = this::flushAll;
  private boolean scheduled;

  private TurnFlush() {}

  /** Must be called on {@code loop}; {@code socket} flushes at the end of the turn, once however often it asks. */
  static void atEndOfTurn(EventExecutor loop, Pending socket) {
    TurnFlush flush = OF_THIS_LOOP.get();
    flush.pending.add(socket);
    if (!flush.scheduled) {
      flush.scheduled = true;
      loop.execute(flush.flushAll);
    }
  }

  /**
   * Runs {@code action} once this loop's writes of the current turn have been flushed, or now if
   * there are none. Must be called on an event loop. Delivery latency is timed with it: most of
   * what a frame costs (sealing its record, the system call) happens in the flush, after the
   * frame was handed to its sockets.
   */
  public static void whenFlushed(Runnable action) {
    TurnFlush flush = OF_THIS_LOOP.get();
    if (flush.scheduled) {
      flush.whenFlushed.add(action);
    } else {
      action.run();
    }
  }

  private void flushAll() {
    // By index: a flush can complete a write whose listener writes again; it lands at the end of
    // the list and is flushed in this same pass.
    for (int i = 0; i < pending.size(); i++) {
      pending.get(i).flushNow();
    }
    pending.clear();
    scheduled = false;
    for (int i = 0; i < whenFlushed.size(); i++) {
      whenFlushed.get(i).run();
    }
    whenFlushed.clear();
  }
}
