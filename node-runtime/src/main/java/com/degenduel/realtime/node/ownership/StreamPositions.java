package com.degenduel.realtime.node.ownership;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSequencer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps, per lane (stream, message type and key), a ceiling on the owner's {@code seq} numbers in
 * the cluster map {@code dd.seq.<service>}, so that the replica that takes the streams over
 * continues every lane above anything the previous owner published instead of starting at 1.
 *
 * <p>The ceiling is written ahead: a lane reserves {@value #BLOCK} numbers at a time, and the next
 * block once half of the current one is used. A stored last-published number would lag by whatever
 * went out while its write was under way: a successor would start a lane at 1 when the lane's
 * first write had not landed, and repeat numbers when a write took longer than any fixed margin
 * covers, as writes do while a dead member's partitions are re-homed.
 * Waiting for the cluster before each message would close that gap but put a round trip on every
 * publish. Reserving ahead keeps publishing free of waits, covers every number with a stored
 * ceiling as long as a write completes within half a block of messages, and costs one write per
 * half block instead of one per message.
 *
 * <p>A successor starts each lane it finds past the stored ceiling and reserves that lane's next
 * block before it gives out a number. Left uncovered: the first numbers of a brand-new lane, given
 * out before its first reservation is stored; an owner dying in that instant leaves no ceiling and
 * its successor starts the lane at 1, which the contract reads as a publisher starting over.
 *
 * <p>Ceilings only ever rise (compare-and-set), so a late write of an owner that has just been
 * replaced cannot pull one below what its successor reserved. Confined to the owning verticle's
 * event loop.
 */
public final class StreamPositions {
  /**
   * How far past the stored ceiling a successor starts. Uniqueness does not need it (nothing was
   * published above the ceiling); it makes every takeover a visible jump in {@code seq}, so the
   * new owner's numbers are told apart from the last ones of the old owner still in flight.
   */
  public static final long TAKEOVER_GAP = 16;

  /**
   * Numbers a lane reserves per write. Half a block must outlast a cluster write: at the market's
   * default cap of 10 messages a second per lane that is 50 s, far beyond the seconds a write can
   * take while a dead member's partitions are re-homed, while a takeover skips only about a
   * thousand numbers.
   */
  static final long BLOCK = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(StreamPositions.class);
  private static final int READ_ATTEMPTS = 10;
  private static final long READ_RETRY_MS = 200;
  private static final long WRITE_RETRY_MS = 200;

  /** One lane's numbers as this owner sees them. */
  private static final class Lane {
    long latest;
    /** The highest ceiling known stored; numbers up to it are safe to give out. */
    long reserved;
    boolean writing;
  }

  private final Vertx vertx;
  private final String mapName;
  private final StreamSequencer sequencer;
  private final Map<String, Lane> lanes = new HashMap<>();
  private AsyncMap<String, Long> stored;
  private boolean recording;

  public StreamPositions(Vertx vertx, String service, StreamSequencer sequencer) {
    this.vertx = vertx;
    this.mapName = "dd.seq." + service;
    this.sequencer = sequencer;
    sequencer.onAdvance(this::advanced);
  }

  /**
   * Continues every stored lane past where the previous owner could have got to, and completes
   * once the next block of each of them is reserved: only then may this owner give out numbers.
   */
  public Future<Void> resume() {
    lanes.clear();
    return vertx.sharedData().<String, Long>getClusterWideMap(mapName)
        .compose(map -> {
          stored = map;
          return readAll(1);
        })
        .compose(entries -> {
          List<Future<Void>> reservations = new ArrayList<>();
          entries.forEach((key, ceiling) -> {
            StreamSequencer.Position position = decode(key, ceiling);
            if (position == null) {
              return;
            }
            long start = ceiling + TAKEOVER_GAP;
            sequencer.resume(position.stream(), position.type(), position.key(), start);
            Lane lane = new Lane();
            lane.latest = start;
            lanes.put(key, lane);
            reservations.add(raise(key, start + BLOCK).onSuccess(v -> lane.reserved = start + BLOCK));
          });
          LOG.info("{}: continuing {} stream positions", mapName, entries.size());
          return Future.all(reservations);
        })
        .<Void>mapEmpty()
        .onSuccess(v -> recording = true);
  }

  /**
   * Every stored position. Right after a member died, a read over the whole map has been seen to
   * come back short while its partitions change hands, so the read is repeated until it holds as
   * many entries as the map counts.
   */
  private Future<Map<String, Long>> readAll(int attempt) {
    return stored.entries().compose(entries -> stored.size().compose(size -> {
      if (entries.size() >= size || attempt >= READ_ATTEMPTS) {
        return Future.succeededFuture(entries);
      }
      LOG.info("{}: read {} of {} stream positions; reading again", mapName, entries.size(), size);
      Promise<Map<String, Long>> again = Promise.promise();
      vertx.setTimer(READ_RETRY_MS, id -> readAll(attempt + 1).onComplete(again));
      return again.future();
    }));
  }

  /** A standby does not write: only the owner's numbers count. */
  public void suspend() {
    recording = false;
    lanes.clear();
  }

  private void advanced(StreamSequencer.Position position) {
    if (!recording) {
      return;
    }
    String key = encode(position);
    Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
    lane.latest = position.seq();
    if (lane.reserved > 0 && lane.latest == lane.reserved + 1) {
      LOG.warn("{}: {} published past its stored ceiling {}: the cluster has not confirmed the next block yet, "
          + "and a successor may repeat numbers from here", mapName, key, lane.reserved);
    }
    reserveIfLow(key, lane);
  }

  /** Reserves the next block once less than half of the current one is left, one write per lane at a time. */
  private void reserveIfLow(String key, Lane lane) {
    if (lane.writing || lane.latest <= lane.reserved - BLOCK / 2) {
      return;
    }
    lane.writing = true;
    long ceiling = lane.latest + BLOCK;
    raise(key, ceiling).onComplete(r -> {
      lane.writing = false;
      if (!recording || lanes.get(key) != lane) {
        return;
      }
      if (r.succeeded()) {
        lane.reserved = Math.max(lane.reserved, ceiling);
        reserveIfLow(key, lane);
      } else {
        LOG.debug("{}: reserving {} failed, trying again: {}", mapName, key, r.cause().toString());
        vertx.setTimer(WRITE_RETRY_MS, id -> {
          if (recording && lanes.get(key) == lane) {
            reserveIfLow(key, lane);
          }
        });
      }
    });
  }

  /** Sets the stored ceiling to at least {@code ceiling}, never lowering one that another owner raised higher. */
  private Future<Void> raise(String key, long ceiling) {
    return stored.get(key).compose(current -> {
      if (current != null && current >= ceiling) {
        return Future.succeededFuture();
      }
      Future<Boolean> swapped = current == null
          ? stored.putIfAbsent(key, ceiling).map(previous -> previous == null)
          : stored.replaceIfPresent(key, current, ceiling);
      return swapped.compose(done -> done ? Future.succeededFuture() : raise(key, ceiling));
    });
  }

  static String encode(StreamSequencer.Position position) {
    return position.stream().kind().name() + '|' + position.type().name() + '|' + position.key() + '|'
        + position.stream().key();
  }

  /** The stream key comes last and may contain anything; a record we cannot read is left alone. */
  static StreamSequencer.Position decode(String key, long seq) {
    String[] parts = key.split("\\|", 4);
    if (parts.length != 4) {
      return null;
    }
    try {
      return new StreamSequencer.Position(
          new StreamId(StreamKind.valueOf(parts[0]), parts[3]), MessageType.valueOf(parts[1]), parts[2], seq);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
