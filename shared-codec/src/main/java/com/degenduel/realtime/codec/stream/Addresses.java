package com.degenduel.realtime.codec.stream;

/**
 * The event-bus address scheme, in one place.
 *
 * <ul>
 *   <li>{@code dd.market.<SYMBOL>}: every market message of one symbol.
 *   <li>{@code dd.contest.<contestId>}: every contest message of one contest.
 *   <li>{@code dd.wallets.<shard>}: the portfolio messages of every wallet in one of {@link
 *       #WALLET_SHARDS} shards. Wallets share coarse addresses because with Hazelcast each
 *       consumer registration is a blocking cluster write that every member rescans when another
 *       leaves: per-wallet addresses would make that cost grow with the number of users. A gateway
 *       registers a shard while it has a local subscriber in it and filters by wallet itself.
 *   <li>{@code dd.snapshot.<kind>}: request/reply, answered by any replica of the service that
 *       owns the kind with the current state of one stream.
 *   <li>{@code dd.history.<kind>}: request/reply, answered by the service that owns the kind with
 *       the events of one stream after a given seq ({@link ResumeRequest}).
 *   <li>{@code dd.market.status}: the market service's availability, broadcast to every gateway.
 *   <li>{@code dd.facts.contest-trade}: request/reply, a contest trade handed from the portfolio
 *       service to the contest service.
 *   <li>{@code dd.forwarded.<kind>}: request/reply, a fact one service's stream hands on to a
 *       stream of the kind, from the handing record's outbox, until the owning service has taken it.
 *   <li>{@code dd.interest.<kind>}: a gateway hub's interest in streams it watches, renewed
 *       periodically, to the service that owns the kind ({@link StreamInterest}).
 * </ul>
 *
 * Per symbol and per contest a gateway registers while it has a local subscriber, so the number of
 * registrations is bounded by symbols, live contests and shards, not by users.
 */
public final class Addresses {
  public static final int WALLET_SHARDS = 64;
  public static final String MARKET_STATUS = "dd.market.status";

  /**
   * Request/reply from the portfolio service to the contest service: a trade made inside a contest,
   * which the contest service validates and applies before the portfolio service reports it. Kept
   * outside {@code dd.contest.*} so no contest id can collide with it.
   */
  public static final String CONTEST_TRADE_FACTS = "dd.facts.contest-trade";

  private static final String PREFIX = "dd.";

  private Addresses() {}

  public static String of(StreamId stream) {
    return switch (stream.kind()) {
      case MARKET -> PREFIX + "market." + stream.key();
      case CONTEST -> PREFIX + "contest." + stream.key();
      case WALLET -> walletShard(walletShardOf(stream.key()));
    };
  }

  public static int walletShardOf(String walletAddress) {
    return Math.floorMod(walletAddress.hashCode(), WALLET_SHARDS);
  }

  public static String walletShard(int shard) {
    return PREFIX + "wallets." + shard;
  }

  /** Where a gateway hub renews or ends its interest in streams of a kind. */
  public static String interest(StreamKind kind) {
    return PREFIX + "interest." + kind.name().toLowerCase();
  }

  /** Request/reply: the events of one stream after a seq, for a reconnecting client ({@link ResumeRequest}). */
  public static String history(StreamKind kind) {
    return PREFIX + "history." + kind.name().toLowerCase();
  }

  /** Request/reply: a fact handed on to one of the kind's streams, applied once by its fact id. */
  public static String forwarded(StreamKind kind) {
    return PREFIX + "forwarded." + kind.name().toLowerCase();
  }

  public static String snapshot(StreamKind kind) {
    return PREFIX + "snapshot." + kind.name().toLowerCase();
  }
}
