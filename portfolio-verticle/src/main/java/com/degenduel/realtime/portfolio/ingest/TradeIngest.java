package com.degenduel.realtime.portfolio.ingest;

import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.node.ingest.FactRejected;
import com.degenduel.realtime.node.ingest.ProcessedFacts;
import com.degenduel.realtime.portfolio.holdings.HoldingsStore;
import com.degenduel.realtime.portfolio.publish.PortfolioChanges;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Applies reported trades, each trade id once.
 *
 * <p>A wallet trade changes the wallet's holdings in the cluster. A contest trade (with {@code
 * contest_id}) is a move inside the participant's contest portfolio, which the contest service
 * owns: it is handed to that service over the event bus, which validates (contest active, wallet
 * participating, enough balance or holdings) and applies it, and only then is it reported as
 * TRADE_EXECUTED; it leaves the wallet's own holdings alone. The backend thus reports every trade
 * once, to one endpoint. The trade id is claimed here first, so an id reused with other content is
 * refused before the contest sees it; a refusal or a timeout gives the claim back, and the contest
 * service deduplicates by trade id too, so retrying after a timeout cannot apply a trade twice.
 */
public final class TradeIngest {
  private static final long CONTEST_TIMEOUT_MS = 3000;

  private final Vertx vertx;
  private final HoldingsStore store;
  private final ProcessedFacts processed;
  private final PortfolioChanges changes;

  public TradeIngest(Vertx vertx, HoldingsStore store, ProcessedFacts processed, PortfolioChanges changes) {
    this.vertx = vertx;
    this.store = store;
    this.processed = processed;
    this.changes = changes;
  }

  public Future<JsonObject> apply(TradeFact trade) {
    String fingerprint = trade.toJson().encode();
    return processed.claim(trade.tradeId(), fingerprint).compose(claim -> switch (claim) {
      case DUPLICATE -> Future.succeededFuture(answer(trade, true));
      case NEW -> applyClaimed(trade)
          .recover(e -> processed.release(trade.tradeId(), fingerprint).transform(r -> Future.failedFuture(e)))
          .map(v -> answer(trade, false));
    });
  }

  private Future<Void> applyClaimed(TradeFact trade) {
    if (trade.contestId() != null) {
      return handToContest(trade).compose(v -> changes.tradeExecuted(trade.executed()));
    }
    return store.apply(trade.wallet(), trade.symbol(), trade.signedAmount())
        .compose(holdings -> Future.join(changes.tradeExecuted(trade.executed()), changes.holdingsChanged(holdings)))
        .mapEmpty();
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
