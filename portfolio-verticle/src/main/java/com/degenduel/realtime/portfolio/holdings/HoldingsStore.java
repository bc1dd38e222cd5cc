package com.degenduel.realtime.portfolio.holdings;

import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.state.ClusterRecords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** Every wallet's holdings in the cluster map {@code dd.holdings}: the source of truth, kept with a backup. */
public final class HoldingsStore {
  public static final String MAP = "dd.holdings";

  private final ClusterRecords records;

  public HoldingsStore(Vertx vertx) {
    this.records = new ClusterRecords(vertx, MAP);
  }

  public Future<Holdings> get(String wallet) {
    return records.get(wallet).map(json -> json == null ? Holdings.empty(wallet) : Holdings.fromJson(json));
  }

  public Future<List<Holdings>> all() {
    return records.all().map(all -> all.values().stream().map(Holdings::fromJson).toList());
  }

  /**
   * Buys (positive) or sells (negative) {@code delta} of a symbol, atomically across replicas;
   * fails with {@link FactError#INSUFFICIENT_HOLDINGS} when a sale exceeds what is held.
   */
  public Future<Holdings> apply(String wallet, String symbol, double delta) {
    return records
        .update(wallet, current -> {
          Holdings holdings = current == null ? Holdings.empty(wallet) : Holdings.fromJson(current);
          if (delta < 0 && !holdings.canSell(symbol, -delta)) {
            throw FactError.INSUFFICIENT_HOLDINGS.reject("the wallet holds less of this symbol than the trade sells");
          }
          return holdings.plus(symbol, delta).toJson();
        })
        .map(Holdings::fromJson);
  }
}
