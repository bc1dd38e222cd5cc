package com.degenduel.realtime.market;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.market.feed.MarketFeed;
import com.degenduel.realtime.market.snapshot.LastPrice;
import com.degenduel.realtime.market.snapshot.MarketSnapshots;
import com.degenduel.realtime.node.streams.OwnedStreams;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market's symbols as streams owned by Hazelcast partitions: every tracked symbol is a standing
 * stream (published whether or not a socket watches it, since portfolios are valued from it), and
 * this member reads and publishes the symbols whose partitions it is primary for.
 */
final class MarketStreams implements OwnedStreams.Owner<LastPrice> {
  private static final Logger LOG = LoggerFactory.getLogger(MarketStreams.class);

  private final Set<String> symbols;
  private final MarketFeed feed;
  private final MarketSnapshots snapshots;

  MarketStreams(Set<String> symbols, MarketFeed feed) {
    this.symbols = Set.copyOf(symbols);
    this.feed = feed;
    this.snapshots = new MarketSnapshots(symbols);
  }

  @Override
  public Set<String> standing() {
    return symbols;
  }

  @Override
  public void stateOf(String symbol, LastPrice last) {
    if (feed.own(symbol)) {
      LOG.info("market: this member now publishes {}", symbol);
    }
  }

  @Override
  public void released(String symbol) {
    if (feed.release(symbol)) {
      LOG.info("market: this member no longer publishes {}", symbol);
    }
  }

  @Override
  public List<StreamPayload> snapshot(String symbol, LastPrice last) {
    return snapshots.of(symbol, last);
  }
}
