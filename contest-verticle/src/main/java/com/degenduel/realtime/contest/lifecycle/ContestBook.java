package com.degenduel.realtime.contest.lifecycle;

import com.degenduel.realtime.contest.leaderboard.Participant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The watched contests this member owns, each as its record last stated, with the symbols its
 * participants hold, so a price move recomputes only the leaderboards it can change. Confined to
 * the contest verticle's event loop.
 */
public final class ContestBook {
  private final Map<String, ContestState> contests = new HashMap<>();
  private final Map<String, Set<String>> symbolsHeld = new HashMap<>();

  /** The contest's state as its record now holds it; false when it is the one already kept. */
  public boolean put(ContestState state) {
    ContestState previous = contests.put(state.contest().id(), state);
    if (previous == state) {
      return false;
    }
    Set<String> symbols = new HashSet<>();
    for (Participant participant : state.standings()) {
      symbols.addAll(participant.holdings().keySet());
    }
    symbolsHeld.put(state.contest().id(), symbols);
    return true;
  }

  public void remove(String contestId) {
    contests.remove(contestId);
    symbolsHeld.remove(contestId);
  }

  /** Null for a contest this member does not keep. */
  public ContestState get(String contestId) {
    return contests.get(contestId);
  }

  public Collection<ContestState> contests() {
    return List.copyOf(contests.values());
  }

  /** Contests in which at least one participant holds the symbol. */
  public Set<String> contestsHolding(String symbol) {
    Set<String> ids = new HashSet<>();
    symbolsHeld.forEach((contest, symbols) -> {
      if (symbols.contains(symbol)) {
        ids.add(contest);
      }
    });
    return ids;
  }
}
