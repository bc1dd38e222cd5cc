package com.degenduel.realtime.node.streams;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.ResumeRequest;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamHistory;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamInterest;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.ingest.FactRejected;
import com.degenduel.realtime.node.management.NodeHealth;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionLostEvent;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service that owns streams: the streams whose partitions this member is primary for, published
 * from their records to the gateways that watch them. The one skeleton every stream-owning service runs on; a service supplies the
 * facts ({@link FactStep}) and what it does with a stream's state ({@link Owner}).
 *
 * <ul>
 *   <li>Every member answers the snapshots of the service's streams (what {@link Owner#snapshot}
 *       builds from the record, numbered as the owning member last published each message), their
 *       histories for reconnecting clients (the events the record keeps, within the service's
 *       {@link HistoryLimits}) and records the gateways' interest in them, on {@link
 *       Addresses#snapshot}, {@link Addresses#history} and {@link Addresses#interest}.
 *   <li>A fact is applied by {@link #apply}, one partition operation on the stream's record. On the
 *       primary, the record's unpublished events reach this object, which publishes them on the
 *       event bus in {@code seq} order with the record's epoch, and tells the owner the new state.
 *       Every message is published encoded ({@link StreamFrame}): once here, never per gateway;
 *       what one change or one source event produced goes out as one {@link StreamBatch}.
 *   <li>Cost follows interest: gateways {@link #watch} the streams their sockets watch (the watch
 *       is kept in the record, with an expiry they renew). Only watched streams are published and
 *       valued; an unwatched one costs nothing between its facts, and its events only go to its
 *       history. A service's standing streams ({@link Owner#standing}) are watched for good by
 *       whichever member owns them.
 *   <li>A fact may hand facts on to streams of another service ({@link FactStep.Forward}): they
 *       wait in the record's outbox, recorded in the fact's own step, and the owning member sends
 *       them to that service ({@link #acceptForwarded} there) until it has taken them, once each by
 *       their fact ids. So a fact that touches two services' streams is acknowledged after one
 *       step, and its second half survives any one member's crash.
 *   <li>Every {@value #MARK_INTERVAL_MS} ms what went out (events and forwards) is marked in the
 *       records, one operation per partition.
 *   <li>Ownership follows Hazelcast's partition table, read when Hazelcast reports a migration
 *       or a membership change and every {@value #OWNERSHIP_CHECK_MS} ms besides: for each partition this member has become primary of (a member died, joined or left)
 *       it reads the records and publishes again what was not marked published, under the same
 *       {@code seq}, so nothing acknowledged goes unpublished and gateways drop what they already
 *       have; for each partition it lost, the owner is told to forget those streams.
 *   <li>State messages are numbered by {@link #publishState} from blocks reserved in the record.
 *       A service whose state comes from a source of its own rather than from facts stores it in
 *       the record with {@link #keepState}, so every member answers snapshots from it.
 * </ul>
 *
 * Confined to the event loop of the verticle that starts it, except {@link #changed} and {@link
 * #lastStateSeqs}, which entry processors call on partition threads.
 */
public final class OwnedStreams<S> {
  /** What a service does with the watched streams this member owns; called on its event loop. */
  public interface Owner<S> {
    /**
     * A watched stream this member owns has this state (null while it has had no fact): after each
     * fact, a new watch, a takeover.
     */
    void stateOf(String key, S state);

    /** A stream this member no longer values: nobody watches it any more, or its partition moved away. */
    void released(String key);

    /**
     * The state messages a new watcher starts from, built from the stream's state (null while it
     * has had no fact); null when there is no such stream to watch. Called on any member, for any
     * stream.
     */
    List<StreamPayload> snapshot(String key, S state);

    /**
     * Streams published whether or not anyone watches them, for as long as this member owns them:
     * a market symbol is priced for every portfolio, watched by a socket or not. None by default.
     */
    default Set<String> standing() {
      return Set.of();
    }
  }

  static final long MARK_INTERVAL_MS = 250;
  /** The partition table is read when Hazelcast reports a migration or a membership change, and at this pace besides. */
  static final long OWNERSHIP_CHECK_MS = 500;
  /**
   * State seqs are reserved in blocks of this many, and a member that takes a stream over starts a
   * block above every one reserved before: its first state message is numbered above the previous
   * owner's whole block.
   */
  public static final long STATE_BLOCK = 1000;
  static final long INTEREST_SWEEP_MS = 1000;
  /** Who watches a standing stream ({@link Owner#standing}), for good: whichever member owns it. */
  static final String STANDING_WATCHER = "standing";
  /** Tries of a read or watch whose replica was lost while it ran, before the caller hears of it. */
  private static final int READ_ATTEMPTS = 3;

  private static final String USER_CONTEXT_KEY = "dd.owned-streams";
  /** A forward's receiver answers once its own record and backup hold the fact; beyond this it is sent again. */
  private static final DeliveryOptions FORWARD_DELIVERY = new DeliveryOptions().setSendTimeout(5000);
  private static final long FORWARD_RETRY_MIN_MS = 100;
  private static final long FORWARD_RETRY_MAX_MS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(OwnedStreams.class);

  /**
   * What the primary's entry processor hands over: the record's unpublished events, its state, and
   * the forwards to send (those the step created; every undelivered one when a member takes the
   * stream up), none of them numbered below {@code firstPendingForward}.
   */
  private record Changed(
      String key, String epoch, List<RecordedEvent> events, long firstPendingForward, List<PendingForward> forwards,
      Object state, long watchedUntil) {}

  /**
   * A state lane's next seq and the end of the block it takes them from: a lane goes on in its
   * block until it has used it up, then moves to the newest, so a slow lane's seqs rise one by one
   * while a busy lane of the same stream uses block after block.
   */
  private static final class LaneNumbers {
    long next;
    final long limit;

    LaneNumbers(long next, long limit) {
      this.next = next;
      this.limit = limit;
    }
  }

  /** One owned stream as this member knows it. */
  private static final class Local {
    final int partition;
    String epoch;
    long published;
    long watchedUntil;
    boolean valued;
    /** The newest block of state seqs reserved; each lane numbers on its own, within the block it is in. */
    long blockStart;
    long stateLimit = -1;
    final Map<String, LaneNumbers> lanes = new HashMap<>();
    boolean reserving;
    final Map<String, StreamPayload> parked = new LinkedHashMap<>();
    ForwardsInFlight forwards = new ForwardsInFlight();

    Local(int partition) {
      this.partition = partition;
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final HazelcastInstance member;
  private final IMap<String, StreamRecord> records;
  private final StreamKind kind;
  private final Owner<S> owner;
  private final HistoryLimits history;
  private final ConcurrentLinkedQueue<Changed> changes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final ConcurrentHashMap<String, Map<String, Long>> lastStateSeq = new ConcurrentHashMap<>();
  private final Map<String, Local> streams = new HashMap<>();
  /** The watched ones among {@link #streams}: the service values them, and their watches are checked for expiry. */
  private final Set<String> valued = new HashSet<>();
  private final Map<String, Long> marks = new HashMap<>();
  private final Map<String, Long> forwardMarks = new HashMap<>();
  /** States given by {@link #keepState}, stored in their records with the next marks. */
  private final Map<String, Object> keptStates = new HashMap<>();
  private final Set<String> standing;
  /** The partitions this member is primary for and has taken up. */
  private final Set<Integer> primaries = new HashSet<>();
  private long lastTakeUpWarning;
  private boolean checking;
  private long markTimer;
  private long ownershipTimer;
  private long interestTimer;
  private MessageConsumer<SnapshotRequest> snapshots;
  private MessageConsumer<ResumeRequest> histories;
  private MessageConsumer<StreamInterest> interests;
  private MessageConsumer<JsonObject> forwardedFacts;
  private UUID lostListener;
  private UUID migrationListener;
  private UUID membershipListener;
  /** A check was asked for while one ran: the table may have changed after that one read it. */
  private boolean checkAgain;
  private final Counter partitionsLost;
  private final Counter forwardsRefused;
  /** Keeps the node not ready from a lost partition until the cluster holds every partition and backup again. */
  private volatile NodeHealth.Hold lostHold;

  private OwnedStreams(
      Vertx vertx, HazelcastInstance member, String mapName, StreamKind kind, Owner<S> owner, HistoryLimits history) {
    this.vertx = vertx;
    this.history = history;
    this.context = vertx.getOrCreateContext();
    this.member = member;
    this.records = member.getMap(mapName);
    this.kind = kind;
    this.owner = owner;
    this.standing = Set.copyOf(owner.standing());
    this.partitionsLost = Counter.builder("dd_streams_partitions_lost")
        .description("Partitions of stream records lost with every copy (their streams start over under a new epoch)")
        .tag("kind", kind.name().toLowerCase())
        .register(NodeMetrics.of(vertx).registry());
    this.forwardsRefused = Counter.builder("dd_streams_forwards_refused")
        .description("Facts handed on to another service's stream that it refused for good (logged, not sent again)")
        .tag("kind", kind.name().toLowerCase())
        .register(NodeMetrics.of(vertx).registry());
    // Read from the scrape's thread: a size read off the event loop is at worst a moment old.
    Gauge.builder("dd_streams_primary_partitions", primaries, Set::size)
        .description("Partitions of the stream cluster this member is primary for, and so publishes")
        .tag("kind", kind.name().toLowerCase())
        .register(NodeMetrics.of(vertx).registry());
    Gauge.builder("dd_streams_watched", valued, Set::size)
        .description("Streams this member publishes and values because a gateway watches them")
        .tag("kind", kind.name().toLowerCase())
        .register(NodeMetrics.of(vertx).registry());
  }

  /**
   * Joins the service's stream cluster ({@link StreamCluster}) and starts owning this replica's
   * share of its streams; {@link #leave} undoes both.
   */
  public static <S> Future<OwnedStreams<S>> join(
      Vertx vertx, NodeConfig config, String service, StreamKind kind, Owner<S> owner, HistoryLimits history) {
    return StreamCluster.join(vertx, config, service)
        .compose(member -> start(vertx, member, StreamCluster.mapName(service), kind, owner, history)
            .onFailure(e -> StreamCluster.leave(vertx, member)));
  }

  /** Stops publishing, then leaves the stream cluster gracefully (Hazelcast hands this member's partitions over first). */
  public Future<Void> leave() {
    return stop().eventually(() -> StreamCluster.leave(vertx, member));
  }

  /** Starts owning this member's share of the streams; completes once the first share is taken up. */
  public static <S> Future<OwnedStreams<S>> start(
      Vertx vertx, HazelcastInstance member, String mapName, StreamKind kind, Owner<S> owner, HistoryLimits history) {
    OwnedStreams<S> streams = new OwnedStreams<>(vertx, member, mapName, kind, owner, history);
    member.getUserContext().put(USER_CONTEXT_KEY, streams);
    streams.markTimer = vertx.setPeriodic(MARK_INTERVAL_MS, id -> streams.flushMarks());
    streams.ownershipTimer = vertx.setPeriodic(OWNERSHIP_CHECK_MS, id -> streams.checkOwnership());
    streams.interestTimer = vertx.setPeriodic(INTEREST_SWEEP_MS, id -> streams.releaseUnwatched());
    // Registering a listener waits for the other members: not on an event loop. A member that
    // cannot take its share up yet (the smaller side of a partition) still starts; the next checks
    // take it up.
    return vertx.executeBlocking(() -> {
          streams.lostListener = member.getPartitionService().addPartitionLostListener(streams::partitionLost);
          streams.migrationListener = member.getPartitionService().addMigrationListener(streams.new OwnershipChanges());
          streams.membershipListener = member.getCluster().addMembershipListener(streams.new OwnershipChanges());
          return null;
        }, false)
        .compose(v -> streams.checkOwnershipNow().otherwiseEmpty())
        .compose(v -> streams.answer())
        .map(streams);
  }

  private Future<Void> answer() {
    snapshots = vertx.eventBus().consumer(Addresses.snapshot(kind), this::answerSnapshot);
    histories = vertx.eventBus().consumer(Addresses.history(kind), this::answerHistory);
    interests = vertx.eventBus().consumer(Addresses.interest(kind), m -> {
      StreamInterest interest = m.body();
      watchAll(Set.copyOf(interest.keys()), interest.watcher(), interest.watching() ? StreamInterest.TTL : Duration.ZERO);
    });
    return Future.all(snapshots.completion(), histories.completion(), interests.completion()).mapEmpty();
  }

  private void stopAnswering() {
    if (snapshots == null) {
      return;
    }
    LOG.error("{} streams: this member has left its stream cluster for good; it no longer publishes or answers",
        kind.name().toLowerCase());
    snapshots.unregister();
    histories.unregister();
    interests.unregister();
    snapshots = null;
    histories = null;
    interests = null;
    if (forwardedFacts != null) {
      forwardedFacts.unregister();
      forwardedFacts = null;
    }
  }

  /** Stops publishing; the listeners are removed off the event loop, as they were added. */
  public Future<Void> stop() {
    UUID lost = lostListener;
    UUID migrations = migrationListener;
    UUID membership = membershipListener;
    Future<Void> unregistered = vertx.executeBlocking(() -> {
      if (lost != null && member.getLifecycleService().isRunning()) {
        member.getPartitionService().removePartitionLostListener(lost);
        member.getPartitionService().removeMigrationListener(migrations);
        member.getCluster().removeMembershipListener(membership);
      }
      return null;
    }, false);
    vertx.cancelTimer(markTimer);
    vertx.cancelTimer(ownershipTimer);
    vertx.cancelTimer(interestTimer);
    flushMarks();
    member.getUserContext().remove(USER_CONTEXT_KEY, this);
    return Future.all(
        unregistered,
        snapshots == null ? Future.succeededFuture() : snapshots.unregister(),
        histories == null ? Future.succeededFuture() : histories.unregister(),
        interests == null ? Future.succeededFuture() : interests.unregister(),
        forwardedFacts == null ? Future.succeededFuture() : forwardedFacts.unregister()).mapEmpty();
  }

  /**
   * Takes the facts other services' streams hand on to this kind's streams ({@link
   * FactStep.Forward}), on {@link Addresses#forwarded}: each is applied like a reported fact, once
   * by its fact id, and the sender is answered once the record and its backup hold it. A fact the
   * service refuses is answered with the refusal's status, and the sender does not send it again.
   */
  public Future<Void> acceptForwarded(ForwardedFact.Reader<S> reader) {
    forwardedFacts = vertx.eventBus().consumer(Addresses.forwarded(kind), message -> {
      ForwardedFact<S> fact;
      try {
        fact = reader.read(message.body());
      } catch (FactRejected rejected) {
        message.fail(rejected.error().status(), rejected.toReplyMessage());
        return;
      } catch (RuntimeException e) {
        LOG.error("{} streams: a fact handed on could not be read: {}", kind.name().toLowerCase(), message.body(), e);
        message.fail(FactError.INTERNAL_ERROR.status(), FactError.INTERNAL_ERROR.name() + ": the fact could not be read");
        return;
      }
      apply(fact.key(), fact.step()).onComplete(applied -> {
        if (applied.succeeded() && applied.result().result() != FactOutcome.Result.REFUSED) {
          message.reply(null);
        } else {
          FactRejected rejected = applied.succeeded() ? applied.result().rejection()
              : applied.cause() instanceof FactRejected r ? r
              : FactError.SERVICE_UNAVAILABLE.reject("the fact could not be recorded; send it again");
          message.fail(rejected.error().status(), rejected.toReplyMessage());
        }
      });
    });
    return forwardedFacts.completion();
  }

  /**
   * Applies a fact to its stream; completes once the record and its backup hold the outcome. Fails
   * with SERVICE_UNAVAILABLE while this member is on the smaller side of a network partition.
   */
  public Future<FactOutcome> apply(String key, FactStep<S> step) {
    return Future.fromCompletionStage(records.submitToKey(key, step.keeping(history)), context).recover(e -> {
      if (causedBy(e, SplitBrainProtectionException.class)) {
        return Future.failedFuture(FactError.SERVICE_UNAVAILABLE.reject(
            "too few replicas see each other to record the fact safely; retry the same fact later"));
      }
      if (causedBy(e, IndeterminateOperationStateException.class)) {
        return Future.failedFuture(FactError.SERVICE_UNAVAILABLE.reject(
            "a replica was lost while the fact was recorded; retry the same fact, it is applied at most once"));
      }
      return Future.failedFuture(e);
    });
  }

  /**
   * Runs an operation that may safely run twice (a read, a watch), again when a replica was lost
   * while it ran: a fact's indeterminate outcome goes back to its reporter, a read's need not.
   */
  private <T> Future<T> idempotent(Supplier<CompletionStage<T>> operation, int attempts) {
    return Future.fromCompletionStage(operation.get(), context).recover(e ->
        attempts > 1 && causedBy(e, IndeterminateOperationStateException.class)
            ? idempotent(operation, attempts - 1)
            : Future.failedFuture(e));
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return type.isInstance(e) || type.isInstance(e.getCause());
  }

  /** The stream as its owning member sees it now. */
  public Future<StreamView> view(String key) {
    return idempotent(() -> records.submitToKey(key, new StreamView.Read()), READ_ATTEMPTS);
  }

  /**
   * {@code watcher} watches the stream for {@code ttl} from now: its owning member values and
   * publishes it until then. Answers the stream as it is once the watch is recorded: a snapshot
   * taken from it misses nothing published afterwards.
   */
  public Future<StreamView> watch(String key, String watcher, Duration ttl) {
    WatchStep step = WatchStep.answered(watcher, System.currentTimeMillis() + ttl.toMillis());
    return idempotent(() -> records.submitToKey(key, step), READ_ATTEMPTS);
  }

  /** Renews or ends ({@code ttl} zero) a watcher's interest in many streams at once. */
  public Future<Void> watchAll(Set<String> keys, String watcher, Duration ttl) {
    long until = ttl.isZero() ? 0 : System.currentTimeMillis() + ttl.toMillis();
    return idempotent(() -> records.submitToKeys(keys, WatchStep.unanswered(watcher, until)), READ_ATTEMPTS).mapEmpty();
  }

  /**
   * Publishes a state message of a stream this member owns (ignored for one it does not), numbered
   * within the stream's reserved blocks, one count per type and key; while a block is being
   * reserved the latest message of each type and key that has none left waits for it. The next
   * block is reserved when a lane is half-way through the newest, so that a busy lane rarely waits.
   */
  public void publishState(String key, StreamPayload payload) {
    publishStates(key, List.of(payload));
  }

  /**
   * Publishes state messages of one stream together ({@link #publishState} each), as one bus
   * message: what one source event produced reaches each gateway in one turn and each socket in
   * one write.
   */
  public void publishStates(String key, List<? extends StreamPayload> payloads) {
    Local local = streams.get(key);
    if (local == null || !local.valued) {
      return;
    }
    StreamId stream = new StreamId(kind, key);
    List<StreamFrame> frames = new ArrayList<>(payloads.size());
    for (StreamPayload payload : payloads) {
      long seq = numberState(key, local, payload);
      if (seq > 0) {
        frames.add(StreamFrame.of(new StreamEvent(stream, seq, payload, local.epoch)));
      }
    }
    publish(stream, frames);
  }

  /** The payload's seq in its lane, or 0 when it waits (parked) for the next block of numbers. */
  private long numberState(String key, Local local, StreamPayload payload) {
    String lane = lane(payload);
    LaneNumbers numbers = local.lanes.get(lane);
    if (numbers == null || numbers.next > numbers.limit) {
      if (local.stateLimit < 0 || (numbers != null && numbers.limit >= local.stateLimit)) {
        local.parked.remove(lane);
        local.parked.put(lane, payload);
        reserveStates(key, local);
        return 0;
      }
      numbers = new LaneNumbers(local.blockStart, local.stateLimit);
      local.lanes.put(lane, numbers);
    }
    long seq = numbers.next++;
    lastStateSeq.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(lane, seq);
    if (numbers.limit == local.stateLimit && numbers.next > local.blockStart + STATE_BLOCK / 2) {
      reserveStates(key, local);
    }
    return seq;
  }

  /**
   * Stores {@code state} as the state of a stream this member owns (ignored for one it does not),
   * with the next marks rather than at once: for a service whose state comes from a source of its
   * own rather than from facts (the market's last price), so that snapshots answered by any member,
   * and after a takeover, start from it. The latest state per stream wins.
   */
  public void keepState(String key, S state) {
    Local local = streams.get(key);
    if (local != null && local.valued) {
      keptStates.put(key, state);
    }
  }

  /**
   * Answers with the stream's current state messages, each numbered as the last of its type and
   * key that the owning member published, with the stream's epoch. With a watcher, the watch is
   * recorded first, so the snapshot misses nothing published after it. 404: no such stream; 503:
   * the record could not be read.
   */
  @SuppressWarnings("unchecked")
  private void answerSnapshot(Message<SnapshotRequest> request) {
    SnapshotRequest asked = request.body();
    StreamId stream = asked.stream();
    if (stream.kind() != kind) {
      request.fail(400, "not a " + kind.name().toLowerCase() + " stream");
      return;
    }
    Future<StreamView> current = asked.watcher() == null
        ? view(stream.key())
        : watch(stream.key(), asked.watcher(), StreamInterest.TTL);
    current.onComplete(read -> {
      if (read.failed()) {
        request.fail(503, "SERVICE_UNAVAILABLE");
        return;
      }
      StreamView view = read.result();
      List<StreamPayload> state = owner.snapshot(stream.key(), (S) view.state());
      if (state == null) {
        request.fail(404, "NOT_FOUND");
        return;
      }
      List<StreamEvent> events = new ArrayList<>(state.size());
      for (StreamPayload payload : state) {
        events.add(new StreamEvent(stream, view.lastStateSeq(lane(payload)), payload, view.epoch()));
      }
      request.reply(new StreamSnapshot(events, view.seq()));
    });
  }

  /**
   * Answers a reconnecting client's gateway with the events it missed, read from the stream's
   * record on the member that owns it; recovered only if the kept history covers the whole gap in
   * the same epoch. 503: the record could not be read.
   */
  private void answerHistory(Message<ResumeRequest> request) {
    ResumeRequest asked = request.body();
    StreamId stream = asked.stream();
    if (stream.kind() != kind) {
      request.fail(400, "not a " + kind.name().toLowerCase() + " stream");
      return;
    }
    idempotent(() -> records.submitToKey(stream.key(), new StreamReplay.Read(asked.since(), asked.epoch())), READ_ATTEMPTS)
        .onComplete(read -> {
          if (read.failed()) {
            request.fail(503, "SERVICE_UNAVAILABLE");
            return;
          }
          StreamReplay replay = read.result();
          if (replay.events() == null) {
            request.reply(StreamHistory.notRecovered());
            return;
          }
          List<StreamEvent> missed = new ArrayList<>(replay.events().size());
          for (RecordedEvent event : replay.events()) {
            missed.add(new StreamEvent(stream, event.seq(), event.payload(), replay.epoch()));
          }
          request.reply(new StreamHistory(true, missed));
        });
  }

  /** Called by a {@link RecordStep} on the partition's primary, on the partition thread; null: the record is gone. */
  static void changed(HazelcastInstance member, String key, StreamRecord record, long forwardsBefore, long now) {
    if (member.getUserContext().get(USER_CONTEXT_KEY) instanceof OwnedStreams<?> streams) {
      streams.offer(record == null
          ? new Changed(key, null, List.of(), 0, List.of(), null, 0)
          : new Changed(key, record.epoch(), record.unpublished(), record.firstPendingForward(),
              record.forwardsAfter(forwardsBefore), record.state(), record.watchedUntil(now)));
    }
  }

  /** The seq of the last state message per type and key this member published on a stream. */
  static Map<String, Long> lastStateSeqs(HazelcastInstance member, String key) {
    if (member.getUserContext().get(USER_CONTEXT_KEY) instanceof OwnedStreams<?> streams) {
      Map<String, Long> lanes = streams.lastStateSeq.get(key);
      return lanes == null ? Map.of() : Map.copyOf(lanes);
    }
    return Map.of();
  }

  private void offer(Changed change) {
    changes.add(change);
    if (drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  private void drain() {
    drainScheduled.set(false);
    Changed change;
    while ((change = changes.poll()) != null) {
      try {
        take(change);
      } catch (RuntimeException e) {
        // One stream's failure must not cost the others queued behind it their publishing.
        LOG.error("{} streams: taking the change of {} failed", kind.name().toLowerCase(), change.key(), e);
      }
    }
  }

  /**
   * Publishes what the record holds unpublished, in seq order: to the gateways if someone watches
   * the stream, otherwise it is only marked published (it stays in the record's history). Then the
   * service values the stream if it is watched, or forgets it if it no longer is.
   */
  @SuppressWarnings("unchecked")
  private void take(Changed change) {
    Local local = streams.get(change.key());
    if (change.epoch() == null) {
      if (local != null) {
        streams.remove(change.key());
        release(change.key(), local);
      }
      return;
    }
    if (local == null) {
      local = new Local(partitionOf(change.key()));
      streams.put(change.key(), local);
    }
    if (!change.epoch().equals(local.epoch)) {
      local.epoch = change.epoch();
      local.published = 0;
      local.forwards = new ForwardsInFlight();
    }
    local.watchedUntil = change.watchedUntil();
    boolean watched = local.watchedUntil > System.currentTimeMillis();
    StreamId stream = new StreamId(kind, change.key());
    List<StreamFrame> frames = new ArrayList<>();
    for (RecordedEvent event : change.events()) {
      if (event.seq() > local.published) {
        if (watched) {
          frames.add(StreamFrame.of(new StreamEvent(stream, event.seq(), event.payload(), local.epoch)));
        }
        local.published = event.seq();
      }
    }
    publish(stream, frames);
    if (local.published > 0) {
      marks.merge(change.key(), local.published, Math::max);
    }
    forward(change.key(), local, change.firstPendingForward(), change.forwards());
    if (watched) {
      local.valued = true;
      valued.add(change.key());
      owner.stateOf(change.key(), (S) change.state());
    } else {
      release(change.key(), local);
    }
  }

  /**
   * Sends each forward as soon as it is recorded rather than one after another; what is delivered
   * is marked, in order, with the next marks. A forward the receiver could not take now is sent
   * again after a growing pause for as long as this member owns the stream in the same history; if
   * the stream moves, its new owner sends what was not marked.
   */
  private void forward(String key, Local local, long firstPending, List<PendingForward> forwards) {
    ForwardsInFlight inFlight = local.forwards;
    inFlight.heldFrom(firstPending);
    for (PendingForward forward : forwards) {
      if (inFlight.startSending(forward.number())) {
        send(key, local, inFlight, forward, FORWARD_RETRY_MIN_MS);
      }
    }
  }

  private void send(String key, Local local, ForwardsInFlight inFlight, PendingForward forward, long retryAfterMs) {
    vertx.eventBus().request(Addresses.forwarded(forward.target()), new JsonObject(forward.fact()), FORWARD_DELIVERY)
        .onComplete(sent -> {
          if (!stillDelivering(key, local, inFlight)) {
            return;
          }
          if (sent.failed() && !refusedForGood(sent.cause())) {
            vertx.setTimer(retryAfterMs, t -> {
              if (stillDelivering(key, local, inFlight)) {
                send(key, local, inFlight, forward, Math.min(2 * retryAfterMs, FORWARD_RETRY_MAX_MS));
              }
            });
            return;
          }
          if (sent.failed()) {
            forwardsRefused.increment();
            LOG.error("{} streams: the {} streams refused for good the fact {} that {} handed on: {}",
                kind.name().toLowerCase(), forward.target().name().toLowerCase(), forward.fact(), key,
                sent.cause().getMessage());
          }
          if (inFlight.delivered(forward.number())) {
            forwardMarks.merge(key, inFlight.deliveredUpTo(), Math::max);
          }
        });
  }

  /** Whether this member still owns the stream in the history whose forwards {@code inFlight} delivers. */
  private boolean stillDelivering(String key, Local local, ForwardsInFlight inFlight) {
    return streams.get(key) == local && local.forwards == inFlight;
  }

  /** A receiver's answer that sending the same fact again cannot change: it refused the fact itself. */
  private static boolean refusedForGood(Throwable failure) {
    return failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && reply.failureCode() >= 400 && reply.failureCode() < 500;
  }

  private void release(String key, Local local) {
    if (local.valued) {
      local.valued = false;
      valued.remove(key);
      lastStateSeq.remove(key);
      owner.released(key);
    }
  }

  private void releaseUnwatched() {
    long now = System.currentTimeMillis();
    for (String key : List.copyOf(valued)) {
      Local local = streams.get(key);
      if (local.watchedUntil <= now) {
        release(key, local);
      }
    }
  }

  /** Publishes the stream's frames, if any, as one bus message, in their order. */
  private void publish(StreamId stream, List<StreamFrame> frames) {
    if (!frames.isEmpty()) {
      vertx.eventBus().publish(stream.address(), new StreamBatch(frames));
    }
  }

  private void reserveStates(String key, Local local) {
    if (local.reserving) {
      return;
    }
    local.reserving = true;
    Future.fromCompletionStage(records.submitToKey(key, new ReserveStates(STATE_BLOCK)), context).onComplete(r -> {
      local.reserving = false;
      if (streams.get(key) != local) {
        return;
      }
      if (r.succeeded() && r.result() > 0) {
        local.blockStart = r.result();
        local.stateLimit = r.result() + STATE_BLOCK - 1;
        List<StreamPayload> waiting = new ArrayList<>(local.parked.values());
        local.parked.clear();
        publishStates(key, waiting);
      } else {
        local.parked.clear();
        if (r.failed()) {
          LOG.debug("reserving state numbers of {} failed: {}", key, r.cause().toString());
        }
      }
    });
  }

  /** A state lane: one message type and key, as {@link StreamView#lastStateSeq} names it. */
  static String lane(StreamPayload payload) {
    return payload.type().name() + ':' + payload.conflationKey();
  }

  private void flushMarks() {
    if (!member.getLifecycleService().isRunning()) {
      return;
    }
    if (!marks.isEmpty() || !forwardMarks.isEmpty()) {
      Map<Integer, Set<String>> byPartition = new HashMap<>();
      marks.keySet().forEach(key -> byPartition.computeIfAbsent(partitionOf(key), p -> new HashSet<>()).add(key));
      forwardMarks.keySet().forEach(key -> byPartition.computeIfAbsent(partitionOf(key), p -> new HashSet<>()).add(key));
      long now = System.currentTimeMillis();
      byPartition.values().forEach(keys -> {
        Map<String, Long> published = new HashMap<>();
        Map<String, Long> forwarded = new HashMap<>();
        for (String key : keys) {
          Long seq = marks.get(key);
          Long number = forwardMarks.get(key);
          if (seq != null) {
            published.put(key, seq);
          }
          if (number != null) {
            forwarded.put(key, number);
          }
        }
        records.submitToKeys(keys, new MarkPublished(published, forwarded, now)).exceptionally(e -> {
          LOG.debug("marking {} streams published failed: {}", keys.size(), e.toString());
          return null;
        });
      });
      marks.clear();
      forwardMarks.clear();
    }
    if (!keptStates.isEmpty()) {
      Map<Integer, Map<String, Object>> byPartition = new HashMap<>();
      keptStates.forEach((key, state) -> byPartition.computeIfAbsent(partitionOf(key), p -> new HashMap<>()).put(key, state));
      keptStates.clear();
      byPartition.values().forEach(states -> records.submitToKeys(states.keySet(), new KeepStates(states))
          .exceptionally(e -> {
            LOG.debug("keeping the state of {} streams failed: {}", states.size(), e.toString());
            return null;
          }));
    }
  }

  private int partitionOf(String key) {
    Local local = streams.get(key);
    return local != null ? local.partition : member.getPartitionService().getPartition(key).getPartitionId();
  }

  private void checkOwnership() {
    if (checking) {
      checkAgain = true;
    } else {
      checkOwnershipNow();
    }
  }

  /** Hazelcast's word that partitions may have moved: the table is read at once instead of at the next tick. */
  private final class OwnershipChanges implements MigrationListener, MembershipListener {
    private void changed() {
      context.runOnContext(v -> checkOwnership());
    }

    @Override
    public void migrationStarted(MigrationState state) {}

    @Override
    public void migrationFinished(MigrationState state) {
      changed();
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
      if (event.getReplicaIndex() == 0) {
        changed();
      }
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {}

    @Override
    public void memberAdded(MembershipEvent event) {
      changed();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      changed();
    }
  }

  /**
   * Every copy of a partition is gone (its primary and backups died together): its streams'
   * records, and with them their histories and fact ids, are lost. Said loudly, counted, and the
   * node is not ready until Hazelcast holds every partition with its backup again; the lost
   * streams come back under a new epoch with their next fact or watch. Called on a Hazelcast thread.
   */
  private void partitionLost(PartitionLostEvent event) {
    if (event.getLostBackupCount() < member.getConfig().getMapConfig(records.getName()).getTotalBackupCount()) {
      return;
    }
    LOG.error("{} streams: partition {} was lost with every copy; its streams start over under a new epoch",
        kind.name().toLowerCase(), event.getPartitionId());
    partitionsLost.increment();
    context.runOnContext(v -> {
      if (lostHold == null) {
        lostHold = NodeHealth.of(vertx).hold(kind.name().toLowerCase() + " stream partitions lost; waiting for every backup");
      }
    });
  }

  /** Reads the partition table off the event loop: the first look may wait for Hazelcast to assign partitions. */
  private Future<Void> checkOwnershipNow() {
    checking = true;
    return vertx.executeBlocking(this::localPrimaries, false)
        .compose(this::ownershipIs)
        .onComplete(r -> {
          checking = false;
          if (checkAgain) {
            checkAgain = false;
            context.runOnContext(v -> checkOwnership());
          }
          if (r.failed() && System.nanoTime() - lastTakeUpWarning > TimeUnit.SECONDS.toNanos(10)) {
            lastTakeUpWarning = System.nanoTime();
            LOG.warn("{} streams: could not take up the partitions this member now owns, trying again: {}",
                kind.name().toLowerCase(), r.cause().toString());
          }
        });
  }

  /**
   * None once the stream-cluster member is gone: a member cut off from its cluster for good
   * publishes nothing, and leaves snapshots and histories to the members that can read them.
   */
  private Set<Integer> localPrimaries() {
    if (!member.getLifecycleService().isRunning()) {
      context.runOnContext(v -> stopAnswering());
      return Set.of();
    }
    if (lostHold != null && member.getPartitionService().isClusterSafe()) {
      context.runOnContext(v -> {
        if (lostHold != null) {
          lostHold.release();
          lostHold = null;
          LOG.info("{} streams: every partition has its backup again", kind.name().toLowerCase());
        }
      });
    }
    Set<Integer> ids = new HashSet<>();
    for (Partition partition : member.getPartitionService().getPartitions()) {
      Member primary = partition.getOwner();
      if (primary != null && primary.localMember()) {
        ids.add(partition.getPartitionId());
      }
    }
    return ids;
  }

  private Future<Void> ownershipIs(Set<Integer> now) {
    Set<Integer> gained = new HashSet<>(now);
    gained.removeAll(primaries);
    Set<Integer> lost = new HashSet<>(primaries);
    lost.removeAll(now);
    if (gained.isEmpty() && lost.isEmpty()) {
      return Future.succeededFuture();
    }
    primaries.removeAll(lost);
    release(lost);
    return takeUp(gained).onSuccess(v -> {
      primaries.addAll(gained);
      LOG.info("{} streams: this member is primary for {} partitions ({} gained, {} lost)",
          kind.name().toLowerCase(), primaries.size(), gained.size(), lost.size());
    });
  }

  private void release(Set<Integer> lost) {
    Iterator<Map.Entry<String, Local>> it = streams.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Local> stream = it.next();
      if (lost.contains(stream.getValue().partition)) {
        it.remove();
        release(stream.getKey(), stream.getValue());
      }
    }
  }

  /**
   * Reads the records of newly owned partitions and publishes what is not marked published, then
   * takes up the standing streams among them.
   */
  private Future<Void> takeUp(Set<Integer> gained) {
    if (gained.isEmpty()) {
      return Future.succeededFuture();
    }
    PartitionService partitions = member.getPartitionService();
    return vertx.<Set<String>>executeBlocking(() -> {
          Set<String> keys = new HashSet<>();
          for (String key : records.localKeySet(new PendingOrWatched(System.currentTimeMillis()))) {
            if (gained.contains(partitions.getPartition(key).getPartitionId())) {
              keys.add(key);
            }
          }
          return keys;
        }, false)
        .compose(keys -> keys.isEmpty()
            ? Future.succeededFuture(Map.<String, StreamView>of())
            : Future.fromCompletionStage(records.submitToKeys(keys, new StreamView.Read()), context))
        .map(views -> {
          views.forEach((key, view) -> {
            if (view != null && view.epoch() != null) {
              List<PendingForward> forwards = view.forwards();
              take(new Changed(key, view.epoch(), view.unpublished(), forwards.isEmpty() ? 0 : forwards.get(0).number(),
                  forwards, view.state(), view.watchedUntil()));
            }
          });
          return null;
        })
        .compose(v -> stand(gained));
  }

  /**
   * Watches, for good, the standing streams of newly owned partitions: their records, created if
   * the partition was lost or the stream is new, then tell this member to publish them.
   */
  private Future<Void> stand(Set<Integer> gained) {
    Set<String> keys = new HashSet<>();
    for (String key : standing) {
      if (gained.contains(partitionOf(key))) {
        keys.add(key);
      }
    }
    return keys.isEmpty()
        ? Future.succeededFuture()
        : idempotent(() -> records.submitToKeys(keys, WatchStep.unanswered(STANDING_WATCHER, Long.MAX_VALUE)), READ_ATTEMPTS).mapEmpty();
  }
}
