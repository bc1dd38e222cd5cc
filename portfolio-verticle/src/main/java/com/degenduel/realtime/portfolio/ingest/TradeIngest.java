package com.degenduel.realtime.portfolio.ingest;

import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.node.ingest.FactRejected;
import com.degenduel.realtime.node.streams.OwnedStreams;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Applies reported trades, each trade id once, in one step on the wallet's record ({@link
 * TradeStep}): the answer comes only once the trade, its TRADE_EXECUTED and the trade id are in
 * the record and its backup. A retry of the same trade id, even one racing the first attempt, runs
 * after it on the same partition and gets its outcome.
 *
 * <p>A contest trade (with {@code contest_id}) is a move inside the participant's contest
 * portfolio, which the contest service owns: it is handed to that service first, which validates
 * (contest active, wallet participating, enough balance or holdings), applies it and deduplicates
 * it by trade id; then it is recorded on the wallet's stream as TRADE_EXECUTED, leaving the
 * wallet's own holdings alone. The backend thus reports every trade once, to one endpoint, and a
 * retry after any failure in between completes it without applying it twice.
 */
public final class TradeIngest {
  private static final long CONTEST_TIMEOUT_MS = 3000;

  private final Vertx vertx;
  private final OwnedStreams<Holdings> wallets;

  public TradeIngest(Vertx vertx, OwnedStreams<Holdings> wallets) {
    this.vertx = vertx;
    this.wallets = wallets;
  }

  public Future<JsonObject> apply(TradeFact trade) {
    TradeStep step = new TradeStep(trade);
    Future<Void> validated = trade.contestId() == null ? Future.succeededFuture() : handToContest(trade);
    return validated
        .compose(v -> wallets.apply(trade.wallet(), step))
        .compose(outcome -> switch (outcome.result()) {
          case APPLIED -> Future.succeededFuture(answer(trade, false));
          case DUPLICATE -> Future.succeededFuture(answer(trade, true));
          case REFUSED -> Future.failedFuture(outcome.rejection());
        });
  }

  private Future<Void> handToContest(TradeFact trade) {
    return vertx.eventBus()
        .request(Addresses.CONTEST_TRADE_FACTS, trade.toJson(), new DeliveryOptions().setSendTimeout(CONTEST_TIMEOUT_MS))
        .recover(e -> {
          if (e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            return Future.failedFuture(FactRejected.fromReplyMessage(r.getMessage()));
          }
          return Future.failedFuture(TradeFact.unavailable());
        })
        .mapEmpty();
  }

  private static JsonObject answer(TradeFact trade, boolean duplicate) {
    return new JsonObject().put("trade_id", trade.tradeId()).put("applied", !duplicate).put("duplicate", duplicate);
  }
}
