package com.degenduel.realtime.contest.lifecycle;

import com.degenduel.realtime.contest.leaderboard.Participant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The publishing node's view of the contests and their participants: a copy of the cluster maps,
 * with, per contest, how many participants hold each symbol, so a price move recomputes only the
 * leaderboards it can change. Derived state, rebuilt from the stores on start; confined to the
 * contest verticle's event loop.
 */
public final class ContestBook {
  private final Map<String, Contest> contests = new HashMap<>();
  private final Map<String, Map<String, Participant>> participants = new HashMap<>();
  private final Map<String, Map<String, Integer>> holdersBySymbol = new HashMap<>();

  public void put(Contest contest) {
    contests.put(contest.id(), contest);
  }

  public Contest contest(String id) {
    return contests.get(id);
  }

  public Collection<Contest> contests() {
    return List.copyOf(contests.values());
  }

  public void put(Participant participant) {
    remove(participant.contestId(), participant.wallet());
    participants.computeIfAbsent(participant.contestId(), c -> new HashMap<>()).put(participant.wallet(), participant);
    Map<String, Integer> holders = holdersBySymbol.computeIfAbsent(participant.contestId(), c -> new HashMap<>());
    participant.holdings().keySet().forEach(symbol -> holders.merge(symbol, 1, Integer::sum));
  }

  public void remove(String contestId, String wallet) {
    Map<String, Participant> of = participants.get(contestId);
    Participant previous = of == null ? null : of.remove(wallet);
    if (previous == null) {
      return;
    }
    Map<String, Integer> holders = holdersBySymbol.get(contestId);
    previous.holdings().keySet().forEach(symbol -> holders.computeIfPresent(symbol, (s, n) -> n > 1 ? n - 1 : null));
  }

  public Collection<Participant> participants(String contestId) {
    return List.copyOf(participants.getOrDefault(contestId, Map.of()).values());
  }

  public int participantCount(String contestId) {
    return participants.getOrDefault(contestId, Map.of()).size();
  }

  /** Contests in which at least one participant holds the symbol. */
  public Set<String> contestsHolding(String symbol) {
    Set<String> ids = new HashSet<>();
    holdersBySymbol.forEach((contest, holders) -> {
      if (holders.containsKey(symbol)) {
        ids.add(contest);
      }
    });
    return ids;
  }
}
