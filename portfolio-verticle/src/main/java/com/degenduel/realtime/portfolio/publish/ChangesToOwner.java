package com.degenduel.realtime.portfolio.publish;

import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.node.ownership.OwnerChannel;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The ingestion side of every replica: hands each change to the owner of the wallet streams. A
 * trade travels as an unnumbered event (seq 0; the owner numbers it); a holdings change names only
 * the wallet, and the owner reads the holdings from the cluster, so changes that overtake each
 * other during a takeover never leave it with an older copy.
 */
public final class ChangesToOwner implements PortfolioChanges {
  static final String WALLET = "wallet";

  private final OwnerChannel owner;

  public ChangesToOwner(OwnerChannel owner) {
    this.owner = owner;
  }

  @Override
  public Future<Void> tradeExecuted(TradeExecuted trade) {
    return owner.send(new StreamEvent(StreamId.wallet(trade.walletAddress()), 0, trade));
  }

  @Override
  public Future<Void> holdingsChanged(Holdings holdings) {
    return owner.send(new JsonObject().put(WALLET, holdings.wallet()));
  }
}
