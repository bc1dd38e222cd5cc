package com.degenduel.realtime.portfolio.ingest;

import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.ingest.FactRejected;
import com.degenduel.realtime.node.streams.ForwardedFact;
import com.degenduel.realtime.node.streams.OwnedStreams;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Applies reported trades, each trade id once, in one step on the wallet's record ({@link
 * TradeStep}): the answer comes only once the trade, its TRADE_EXECUTED and the trade id are in
 * the record and its backup. A retry of the same trade id, even one racing the first attempt, runs
 * after it on the same partition and gets its outcome.
 *
 * <p>A contest trade (with {@code contest_id}) is a move inside the participant's contest
 * portfolio, which the contest service owns: it is handed to that service, which validates it
 * (contest active, wallet participating, enough balance or holdings) and applies it in one step on
 * the contest's record, and the answer is that step's outcome. The same step puts the trade into
 * the contest record's outbox, from which it reaches the wallet's stream ({@link #forwarded}) as
 * TRADE_EXECUTED, leaving the wallet's own holdings alone. The backend thus reports every trade
 * once, to one endpoint, and a retry gets the first attempt's outcome.
 */
public final class TradeIngest {
  private static final long CONTEST_TIMEOUT_MS = 3000;

  private final Vertx vertx;
  private final OwnedStreams<Holdings> wallets;
  private final List<String> symbols;

  public TradeIngest(Vertx vertx, OwnedStreams<Holdings> wallets, List<String> symbols) {
    this.vertx = vertx;
    this.wallets = wallets;
    this.symbols = symbols;
  }

  public Future<JsonObject> apply(TradeFact trade) {
    if (trade.contestId() != null) {
      return handToContest(trade).map(outcome -> answer(trade, outcome.getBoolean("duplicate", false)));
    }
    return wallets.apply(trade.wallet(), new TradeStep(trade)).compose(outcome -> switch (outcome.result()) {
      case APPLIED -> Future.succeededFuture(answer(trade, false));
      case DUPLICATE -> Future.succeededFuture(answer(trade, true));
      case REFUSED -> Future.failedFuture(outcome.rejection());
    });
  }

  /** A contest trade the contest record hands on to the trader's wallet stream. */
  public ForwardedFact<Holdings> forwarded(JsonObject contestTrade) {
    TradeFact trade = TradeFact.parse(contestTrade, symbols);
    if (trade.contestId() == null) {
      throw FactError.INVALID_FACT.reject("only contest trades are handed on to wallet streams");
    }
    return new ForwardedFact<>(trade.wallet(), new TradeStep(trade));
  }

  private Future<JsonObject> handToContest(TradeFact trade) {
    return vertx.eventBus()
        .<JsonObject>request(Addresses.CONTEST_TRADE_FACTS, trade.toJson(), new DeliveryOptions().setSendTimeout(CONTEST_TIMEOUT_MS))
        .recover(e -> {
          if (e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            return Future.failedFuture(FactRejected.fromReplyMessage(r.getMessage()));
          }
          return Future.failedFuture(TradeFact.unavailable());
        })
        .map(Message::body);
  }

  private static JsonObject answer(TradeFact trade, boolean duplicate) {
    return new JsonObject().put("trade_id", trade.tradeId()).put("applied", !duplicate).put("duplicate", duplicate);
  }
}
