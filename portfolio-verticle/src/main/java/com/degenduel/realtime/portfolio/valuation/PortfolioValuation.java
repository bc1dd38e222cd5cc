package com.degenduel.realtime.portfolio.valuation;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.TokenValue;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import com.degenduel.realtime.portfolio.holdings.TokenCatalogue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Values a wallet at market prices. A token's value is amount times the latest price; total_value
 * is their sum. performance_24h compares it with what the same holdings were worth 24 hours ago,
 * at each symbol's price then, {@code price / (1 + change_24h / 100)} (MARKET_PRICE's change_24h
 * is a percentage). Holdings changed by trades within the last 24 hours are not rewound: the
 * service keeps positions, not their history. A symbol with no known price yet is valued at 0 and
 * left out of the comparison.
 */
public final class PortfolioValuation {
  private PortfolioValuation() {}

  public static PortfolioUpdated value(Holdings holdings, Function<String, MarketPrice> prices, Instant at) {
    List<TokenValue> tokens = new ArrayList<>();
    double total = 0;
    double dayAgo = 0;
    for (Map.Entry<String, Double> held : holdings.amounts().entrySet()) {
      String symbol = held.getKey();
      double amount = held.getValue();
      MarketPrice price = prices.apply(symbol);
      double value = price == null ? 0 : amount * price.price();
      tokens.add(new TokenValue(symbol, TokenCatalogue.name(symbol), amount, value));
      total += value;
      if (price != null) {
        dayAgo += amount * priceDayAgo(price);
      }
    }
    double performance = dayAgo > 0 ? (total - dayAgo) / dayAgo * 100 : 0;
    return new PortfolioUpdated(tokens, total, performance, at);
  }

  static double priceDayAgo(MarketPrice price) {
    double factor = 1 + price.change24h() / 100;
    return factor > 0 ? price.price() / factor : price.price();
  }
}
