package com.degenduel.realtime.contest.leaderboard;

import com.degenduel.realtime.codec.message.contest.LeaderboardEntry;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Ranks a contest's participants. performance is the contest portfolio's gain over the starting
 * balance, in percent. Order: higher performance, then higher portfolio value, then earlier join,
 * then wallet address, so equal standings always come out in the same order; ranks run 1..n.
 */
public final class Leaderboard {
  private record Standing(Participant participant, double value, double performance) {}

  private static final Comparator<Standing> ORDER =
      Comparator.comparingDouble(Standing::performance).reversed()
          .thenComparing(Comparator.comparingDouble(Standing::value).reversed())
          .thenComparing(s -> s.participant().joinedAt(), Comparator.<Instant>naturalOrder())
          .thenComparing(s -> s.participant().wallet());

  private Leaderboard() {}

  public static List<LeaderboardEntry> rank(
      Collection<Participant> participants, double startingBalance, Function<String, MarketPrice> prices, int top) {
    List<Standing> standings = new ArrayList<>(participants.size());
    for (Participant p : participants) {
      double value = p.value(prices);
      double performance = startingBalance > 0 ? (value - startingBalance) / startingBalance * 100 : 0;
      standings.add(new Standing(p, value, performance));
    }
    standings.sort(ORDER);
    List<LeaderboardEntry> entries = new ArrayList<>(Math.min(top, standings.size()));
    for (int i = 0; i < standings.size() && i < top; i++) {
      Standing s = standings.get(i);
      entries.add(new LeaderboardEntry(
          i + 1, s.participant().wallet(), s.participant().username(), s.value(), s.performance(),
          s.participant().lastTradeTime()));
    }
    return entries;
  }
}
