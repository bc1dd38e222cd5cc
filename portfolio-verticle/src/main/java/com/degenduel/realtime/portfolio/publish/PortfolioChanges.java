package com.degenduel.realtime.portfolio.publish;

import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import io.vertx.core.Future;

/**
 * What the ingestion side tells the publishing side after it changed the cluster state. Any replica
 * ingests; {@link ChangesToOwner} carries the change to the replica that publishes. Each call
 * completes once the publisher has taken the change, and never fails: the change is already
 * applied to the cluster state.
 */
public interface PortfolioChanges {
  /** Published as it is: every trade is an event that must reach the wallet's stream. */
  Future<Void> tradeExecuted(TradeExecuted trade);

  /** The wallet's holdings as now stored in the cluster. */
  Future<Void> holdingsChanged(Holdings holdings);
}
