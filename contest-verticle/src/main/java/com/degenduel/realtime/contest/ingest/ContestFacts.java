package com.degenduel.realtime.contest.ingest;

import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.ingest.FactFields;
import io.vertx.core.json.JsonObject;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;

/**
 * The contest facts the DegenDuel backend reports, read and checked field by field. Each has a
 * canonical JSON form: what is compared when its id is reported again.
 */
public final class ContestFacts {
  private static final long MAX_DURATION_SECONDS = 31L * 24 * 3600;
  private static final int MAX_ROUND = 10_000;

  private ContestFacts() {}

  /**
   * One contest fact: the id its contest's record remembers it by (lifecycle and participation
   * facts by {@code event_id}, trades by {@code trade_id}, each in its own namespace) and its
   * content as compared when that id is reported again.
   */
  public sealed interface Fact extends Serializable permits Created, Transition, Participation, Trade {
    String contestId();

    String factId();

    JsonObject canonical();
  }

  /** {@code POST /facts/contests}. */
  public record Created(
      String eventId, String contestId, String name, double prizePool, double startingBalance, long durationSeconds,
      Instant timestamp) implements Fact {
    public static Created parse(JsonObject body) {
      return new Created(
          FactFields.id(body, "event_id"),
          FactFields.id(body, "contest_id"),
          FactFields.string(body, "name", 100),
          FactFields.nonNegative(body, "total_prize_pool"),
          FactFields.positive(body, "starting_balance"),
          FactFields.wholeNumber(body, "duration_seconds", 1, MAX_DURATION_SECONDS),
          FactFields.timestamp(body, "timestamp"));
    }

    @Override
    public String factId() {
      return "event:" + eventId;
    }

    @Override
    public JsonObject canonical() {
      return new JsonObject().put("fact", "created").put("contest_id", contestId).put("name", name)
          .put("total_prize_pool", prizePool).put("starting_balance", startingBalance)
          .put("duration_seconds", durationSeconds).put("timestamp", timestamp.toString());
    }
  }

  /** What a lifecycle fact does. */
  public enum TransitionKind {
    START,
    ROUND,
    COMPLETE,
    CANCEL
  }

  /** {@code POST /facts/contests/:contestId/start|round|complete|cancel}; {@code round} only for ROUND. */
  public record Transition(String eventId, String contestId, TransitionKind kind, int round, Instant timestamp)
      implements Fact {
    public static Transition parse(String contestId, TransitionKind kind, JsonObject body) {
      return new Transition(
          FactFields.id(body, "event_id"),
          contestId,
          kind,
          kind == TransitionKind.ROUND ? (int) FactFields.wholeNumber(body, "round", 2, MAX_ROUND) : 0,
          FactFields.timestamp(body, "timestamp"));
    }

    @Override
    public String factId() {
      return "event:" + eventId;
    }

    @Override
    public JsonObject canonical() {
      return new JsonObject().put("fact", kind.name()).put("contest_id", contestId).put("round", round)
          .put("timestamp", timestamp.toString());
    }
  }

  /** {@code POST /facts/contests/:contestId/participants} with {@code action} join or leave. */
  public record Participation(
      String eventId, String contestId, boolean join, String wallet, String username, Instant timestamp)
      implements Fact {
    public static Participation parse(String contestId, JsonObject body) {
      Object action = body.getValue("action");
      if (!"join".equals(action) && !"leave".equals(action)) {
        throw FactError.INVALID_FACT.reject("field 'action' must be 'join' or 'leave'");
      }
      return new Participation(
          FactFields.id(body, "event_id"),
          contestId,
          "join".equals(action),
          FactFields.wallet(body, "wallet_address"),
          FactFields.username(body, "username"),
          FactFields.timestamp(body, "timestamp"));
    }

    @Override
    public String factId() {
      return "event:" + eventId;
    }

    @Override
    public JsonObject canonical() {
      return new JsonObject().put("fact", join ? "join" : "leave").put("contest_id", contestId)
          .put("wallet_address", wallet).put("username", username).put("timestamp", timestamp.toString());
    }
  }

  /** A contest trade, as the portfolio service hands it over on {@code dd.facts.contest-trade}. */
  public record Trade(
      String tradeId, String contestId, String wallet, String symbol, boolean buy, double amount, double price,
      Instant timestamp) implements Fact {
    public static Trade parse(JsonObject body, Collection<String> symbols) {
      String symbol = FactFields.symbol(body, "symbol", symbols);
      boolean buy = FactFields.isBuy(body, "side");
      return new Trade(
          FactFields.id(body, "trade_id"),
          FactFields.id(body, "contest_id"),
          FactFields.wallet(body, "wallet_address"),
          symbol,
          buy,
          FactFields.positive(body, "amount"),
          FactFields.positive(body, "price"),
          FactFields.timestamp(body, "timestamp"));
    }

    public double signedAmount() {
      return buy ? amount : -amount;
    }

    @Override
    public String factId() {
      return "trade:" + tradeId;
    }

    /** The trade as the portfolio service reads a reported one: how it reaches the trader's wallet stream. */
    public JsonObject toJson() {
      return canonical().put("trade_id", tradeId);
    }

    @Override
    public JsonObject canonical() {
      return new JsonObject().put("contest_id", contestId).put("wallet_address", wallet).put("symbol", symbol)
          .put("side", buy ? "buy" : "sell").put("amount", amount).put("price", price)
          .put("timestamp", timestamp.toString());
    }
  }
}
