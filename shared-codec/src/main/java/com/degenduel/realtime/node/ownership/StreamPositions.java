package com.degenduel.realtime.node.ownership;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSequencer;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an owner's {@code seq} positions in the cluster map {@code dd.seq.<service>}, so that the
 * replica that takes its streams over continues every stream's numbering instead of starting at 1.
 *
 * <p>Writes are asynchronous, one batch at a time, latest value per lane (stream and message type)
 * wins: publishing never waits for the cluster, and a lane's stored position trails the published
 * one by at most the messages of one write's round trip. A successor therefore resumes each lane
 * {@value #TAKEOVER_GAP} numbers past the stored position: {@code seq} jumps forward at a takeover,
 * which tells clients that messages may have been missed, and never goes back. Confined to the
 * owning verticle's event loop.
 *
 * <p>The batch is one Hazelcast putAll, which costs one operation per member rather than one per
 * lane. Every wallet has lanes that advance with every price move, and writing them one by one
 * took more cluster operations than everything else the services do, fact ingestion included.
 */
public final class StreamPositions {
  /** Numbers skipped at a takeover: more than a lane publishes during one cluster write. */
  public static final long TAKEOVER_GAP = 16;

  private static final Logger LOG = LoggerFactory.getLogger(StreamPositions.class);
  private static final int READ_ATTEMPTS = 10;
  private static final long READ_RETRY_MS = 200;

  private final Vertx vertx;
  private final String mapName;
  private final StreamSequencer sequencer;
  /** The same map as {@link #stored}, for putAll, which AsyncMap does not have. */
  private final IMap<String, Long> batches;
  private Map<String, Long> waiting = new HashMap<>();
  private boolean writing;
  private AsyncMap<String, Long> stored;
  private boolean recording;

  public StreamPositions(Vertx vertx, String service, StreamSequencer sequencer) {
    this.vertx = vertx;
    this.mapName = "dd.seq." + service;
    this.sequencer = sequencer;
    this.batches = ((HazelcastClusterManager) ((VertxInternal) vertx).clusterManager()).getHazelcastInstance().getMap(mapName);
    sequencer.onAdvance(this::advanced);
  }

  /** Continues every stored lane past where the previous owner got to, then records from here on. */
  public Future<Void> resume() {
    return vertx.sharedData().<String, Long>getClusterWideMap(mapName)
        .compose(map -> {
          stored = map;
          return readAll(1);
        })
        .map(entries -> {
          entries.forEach((key, seq) -> {
            StreamSequencer.Position position = decode(key, seq);
            if (position != null) {
              sequencer.resume(position.stream(), position.type(), position.key(), position.seq() + TAKEOVER_GAP);
            }
          });
          recording = true;
          LOG.info("{}: continuing {} stream positions", mapName, entries.size());
          return null;
        });
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
    waiting.clear();
  }

  private void advanced(StreamSequencer.Position position) {
    if (!recording) {
      return;
    }
    waiting.put(encode(position), position.seq());
    if (!writing) {
      write();
    }
  }

  private void write() {
    Map<String, Long> batch = waiting;
    waiting = new HashMap<>();
    writing = true;
    Future.fromCompletionStage(batches.putAllAsync(batch), vertx.getOrCreateContext()).onComplete(r -> {
      writing = false;
      if (recording && !waiting.isEmpty()) {
        write();
      }
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
