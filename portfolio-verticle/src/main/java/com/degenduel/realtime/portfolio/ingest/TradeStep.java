package com.degenduel.realtime.portfolio.ingest;

import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.streams.FactStep;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Where a trade becomes a wallet's state: run inside the wallet record's partition operation. A
 * wallet trade changes the holdings (a sale beyond what is held is refused); a contest trade, which
 * the contest record has applied and handed on, leaves them alone. Either way the trade becomes the
 * wallet stream's TRADE_EXECUTED.
 */
public final class TradeStep extends FactStep<Holdings> {
  private TradeFact trade;

  /** For deserialisation only. */
  public TradeStep() {}

  TradeStep(TradeFact trade) {
    super(trade.tradeId(), trade.fingerprint());
    this.trade = trade;
  }

  @Override
  protected Holdings initialState(String wallet) {
    return Holdings.empty(wallet);
  }

  @Override
  protected Change<Holdings> apply(String wallet, Holdings holdings) {
    if (trade.contestId() != null) {
      return new Change<>(holdings, List.of(trade.executed()));
    }
    if (trade.signedAmount() < 0 && !holdings.canSell(trade.symbol(), trade.amount())) {
      throw FactError.INSUFFICIENT_HOLDINGS.reject("the wallet holds less of this symbol than the trade sells");
    }
    return new Change<>(holdings.plus(trade.symbol(), trade.signedAmount()), List.of(trade.executed()));
  }

  /** Field by field: the step travels to the backup with every fact, where JSON would cost more than the step. */
  @Override
  protected void writeFact(ObjectDataOutput out) throws IOException {
    out.writeString(trade.tradeId());
    out.writeString(trade.wallet());
    out.writeString(trade.symbol());
    out.writeBoolean(trade.side() == TradeFact.Side.BUY);
    out.writeDouble(trade.amount());
    out.writeDouble(trade.price());
    out.writeLong(trade.timestamp().getEpochSecond());
    out.writeInt(trade.timestamp().getNano());
    out.writeString(trade.contestId());
  }

  @Override
  protected void readFact(ObjectDataInput in) throws IOException {
    trade = new TradeFact(
        in.readString(),
        in.readString(),
        in.readString(),
        in.readBoolean() ? TradeFact.Side.BUY : TradeFact.Side.SELL,
        in.readDouble(),
        in.readDouble(),
        Instant.ofEpochSecond(in.readLong(), in.readInt()),
        in.readString());
  }
}
