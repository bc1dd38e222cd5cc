package com.degenduel.realtime.simulator.contests;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import com.degenduel.realtime.simulator.contests.SimulatedContest.Stage;
import com.degenduel.realtime.simulator.facts.FactIds;
import com.degenduel.realtime.simulator.facts.FactSender;
import com.degenduel.realtime.simulator.facts.FactSender.Answer;
import com.degenduel.realtime.simulator.pace.Pacer;
import com.degenduel.realtime.simulator.users.Population;
import com.degenduel.realtime.simulator.users.SimulatedUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs contests through their lifecycle by reporting facts to the contest service: created, joined
 * by simulated users, started, rounds advanced evenly over the duration, then completed (or, by
 * SIM_CANCEL_PERCENT, cancelled mid-round) and replaced by a new one. Participants trade inside the
 * contests (through the portfolio service, with {@code contest_id}, as the real backend does) and
 * join and leave, at the configured rates. The demo contest (SIM_DEMO_CONTEST, with the demo wallet
 * in it) never ends while the simulator runs. When the contest service is not reachable yet, the
 * director tries again a little later. Confined to the simulator's event loop.
 */
public final class ContestDirector {
  private static final Logger LOG = LoggerFactory.getLogger(ContestDirector.class);
  private static final long TICK_MS = 250;
  private static final long RETRY_MS = 2000;
  private static final long REPLACE_AFTER_MS = 3000;
  private static final long DEMO_DURATION_SECONDS = 7L * 24 * 3600;
  private static final int INITIAL_PARTICIPANTS = 6;
  private static final int MIN_PARTICIPANTS = 3;
  private static final double STARTING_BALANCE = 10_000;
  private static final double LEAVE_CHANCE = 0.35;
  private static final double SELL_CHANCE = 0.4;
  private static final int ENDED_KEPT = 20;
  private static final int MAX_IN_FLIGHT = 16;

  private final Vertx vertx;
  private final ContestPlan plan;
  private final Population population;
  private final FactSender sender;
  private final FactIds ids;
  private final MarketPriceFeed prices;
  private final Random random;
  private final List<SimulatedContest> live = new ArrayList<>();
  private final Deque<SimulatedContest> ended = new ArrayDeque<>();
  private final List<Pacer> pacers = new ArrayList<>();
  private long timer = -1;
  private long nextLaunchAtMs;
  private int launched;
  private boolean warnedUnreachable;

  public ContestDirector(
      Vertx vertx, ContestPlan plan, Population population, FactSender sender, FactIds ids, MarketPriceFeed prices,
      Random random) {
    this.vertx = vertx;
    this.plan = plan;
    this.population = population;
    this.sender = sender;
    this.ids = ids;
    this.prices = prices;
    this.random = random;
  }

  public void start() {
    if (plan.contests() == 0 || !population.active()) {
      return;
    }
    timer = vertx.setPeriodic(TICK_MS, id -> tick());
    pacers.add(Pacer.start(vertx, plan.tradesPerSecond(), MAX_IN_FLIGHT, () -> trade(c -> true)));
    pacers.add(Pacer.start(vertx, plan.joinsPerSecond(), MAX_IN_FLIGHT, () -> joinOrLeave(c -> true)));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    pacers.forEach(Pacer::stop);
  }

  public List<SimulatedContest> live() {
    return List.copyOf(live);
  }

  public List<SimulatedContest> ended() {
    return List.copyOf(ended);
  }

  public Optional<SimulatedContest> find(String id) {
    return live.stream().filter(c -> c.id.equals(id)).findFirst()
        .or(() -> ended.stream().filter(c -> c.id.equals(id)).findFirst());
  }

  private void tick() {
    long now = System.currentTimeMillis();
    if (live.stream().filter(c -> c.slot).count() < plan.contests() && now >= nextLaunchAtMs) {
      live.add(launched == 0 ? demoContest() : slotContest());
      launched++;
    }
    for (SimulatedContest contest : List.copyOf(live)) {
      if (!contest.busy && now >= contest.retryAtMs) {
        step(contest, now);
      }
    }
  }

  private void step(SimulatedContest c, long now) {
    switch (c.stage) {
      case NEW -> create(c);
      case PENDING -> begin(c);
      case ACTIVE -> {
        long running = now - c.startedAtMs;
        if (c.cancelAfterMs > 0 && running >= c.cancelAfterMs) {
          end(c, Stage.CANCELLED);
        } else if (!c.demo && running >= c.durationSeconds * 1000) {
          end(c, Stage.COMPLETED);
        } else if (running >= (long) c.round * c.roundEveryMs && (c.demo || c.round < c.rounds)) {
          nextRound(c);
        }
      }
      default -> { }
    }
  }

  private SimulatedContest demoContest() {
    return new SimulatedContest(plan.demoContestId(), "Demo Duel", true, true, DEMO_DURATION_SECONDS, plan.roundEveryMs(),
        Integer.MAX_VALUE, 5_000, STARTING_BALANCE, 0);
  }

  private SimulatedContest slotContest() {
    long cancelAfter = 0;
    if (random.nextDouble() * 100 < plan.cancelPercent()) {
      // Somewhere after the first round has begun and before the end: mid-round.
      long duration = plan.durationSeconds() * 1000;
      cancelAfter = (long) (duration * (0.2 + 0.7 * random.nextDouble()));
    }
    return new SimulatedContest(ids.next("contest"), "Simulated Duel " + (launched + 1), false, true, plan.durationSeconds(),
        plan.roundEveryMs(), plan.rounds(), 1_000 * (1 + random.nextInt(10)), STARTING_BALANCE, cancelAfter);
  }

  /**
   * A contest for the cancel-mid-round test endpoint: it starts with participants, reaches round 2
   * halfway and is cancelled after {@code cancelAfterSeconds}; it is not replaced.
   */
  public Optional<String> launchDoomed(double cancelAfterSeconds) {
    if (!population.active()) {
      return Optional.empty();
    }
    long cancelAfter = (long) (cancelAfterSeconds * 1000);
    SimulatedContest c = new SimulatedContest(ids.next("cancel"), "Cancelled Duel", false, false, plan.durationSeconds(),
        Math.max(1, cancelAfter / 2), Integer.MAX_VALUE, 1_000, STARTING_BALANCE, cancelAfter);
    live.add(c);
    create(c);
    return Optional.of(c.id);
  }

  private void create(SimulatedContest c) {
    c.busy = true;
    JsonObject fact = event()
        .put("contest_id", c.id)
        .put("name", c.name)
        .put("total_prize_pool", c.prizePool)
        .put("starting_balance", c.startingBalance)
        .put("duration_seconds", c.durationSeconds);
    sender.contest("", fact).onComplete(r -> {
      // A demo contest that outlived an earlier simulator run is taken over as it is.
      if (accepted(r.result(), c.demo ? FactError.CONTEST_EXISTS : null)) {
        c.stage = Stage.PENDING;
        List<SimulatedUser> first = new ArrayList<>();
        if (c.demo) {
          first.add(population.demo());
        }
        List<SimulatedUser> others = new ArrayList<>(population.generated());
        Collections.shuffle(others, random);
        first.addAll(others.subList(0, Math.min(INITIAL_PARTICIPANTS, others.size())));
        Future.join(first.stream().map(u -> join(c, u)).toList()).onComplete(j -> {
          c.busy = false;
          begin(c);
        });
      } else {
        retryLater(c, r.failed() ? r.cause() : null, r.result());
      }
    });
  }

  private void begin(SimulatedContest c) {
    c.busy = true;
    sender.contest("/" + c.id + "/start", event()).onComplete(r -> {
      c.busy = false;
      if (accepted(r.result(), c.demo ? FactError.ILLEGAL_TRANSITION : null)) {
        c.stage = Stage.ACTIVE;
        c.round = 1;
        c.startedAtMs = System.currentTimeMillis();
        LOG.info("simulated contest {} started with {} participants", c.id, c.seats.size());
      } else {
        retryLater(c, r.failed() ? r.cause() : null, r.result());
      }
    });
  }

  /** Start a pending contest or advance an active one by a round: the advance test endpoint. */
  public Future<Answer> advance(SimulatedContest c) {
    if (c.stage == Stage.PENDING) {
      c.busy = true;
      return lifecycle(c, "/start", event(), Stage.ACTIVE);
    }
    return nextRound(c);
  }

  private Future<Answer> nextRound(SimulatedContest c) {
    int round = c.round + 1;
    c.busy = true;
    return sender.contest("/" + c.id + "/round", event().put("round", round)).andThen(r -> {
      c.busy = false;
      if (r.succeeded() && r.result().ok()) {
        c.round = round;
      } else if (r.succeeded() && FactError.ILLEGAL_TRANSITION.name().equals(r.result().code())) {
        // The contest is past this round (another hand advanced it): the next try asks for a later one.
        c.round = round;
        c.retryAtMs = System.currentTimeMillis() + RETRY_MS;
      } else {
        c.retryAtMs = System.currentTimeMillis() + RETRY_MS;
      }
    });
  }

  /** Complete or cancel now; for the lifecycle and the test endpoints. */
  public Future<Answer> end(SimulatedContest c, Stage how) {
    c.busy = true;
    return lifecycle(c, how == Stage.CANCELLED ? "/cancel" : "/complete", event(), how);
  }

  private Future<Answer> lifecycle(SimulatedContest c, String path, JsonObject fact, Stage next) {
    return sender.contest("/" + c.id + path, fact).andThen(r -> {
      c.busy = false;
      Answer answer = r.succeeded() ? r.result() : null;
      if (answer != null && answer.ok()) {
        if (next == Stage.ACTIVE) {
          c.stage = Stage.ACTIVE;
          c.round = 1;
          c.startedAtMs = System.currentTimeMillis();
        } else {
          finish(c, next);
        }
      } else if (answer != null && next != Stage.ACTIVE && (FactError.ILLEGAL_TRANSITION.name().equals(answer.code())
          || FactError.CONTEST_NOT_FOUND.name().equals(answer.code()))) {
        // The contest ended already, by another hand, or is gone: either way this one is over.
        finish(c, Stage.CANCELLED);
      } else {
        c.retryAtMs = System.currentTimeMillis() + RETRY_MS;
      }
    });
  }

  private void finish(SimulatedContest c, Stage how) {
    c.stage = how;
    live.remove(c);
    ended.addFirst(c);
    while (ended.size() > ENDED_KEPT) {
      ended.removeLast();
    }
    if (c.slot) {
      nextLaunchAtMs = System.currentTimeMillis() + REPLACE_AFTER_MS;
    }
    LOG.info("simulated contest {} {} in round {}", c.id, how.wire(), c.round);
  }

  private Future<Answer> join(SimulatedContest c, SimulatedUser user) {
    JsonObject fact = event().put("action", "join").put("wallet_address", user.wallet()).put("username", user.username());
    return sender.contest("/" + c.id + "/participants", fact).onSuccess(answer -> {
      if (answer.ok() || FactError.ALREADY_JOINED.name().equals(answer.code())) {
        c.seats.putIfAbsent(user.wallet(), new Seat(user.wallet(), user.username(), c.startingBalance));
      }
    });
  }

  private Future<Answer> leave(SimulatedContest c, Seat seat) {
    // Out of the seat list first, so no trade is sent for a participant on the way out.
    c.seats.remove(seat.wallet);
    JsonObject fact = event().put("action", "leave").put("wallet_address", seat.wallet).put("username", seat.username);
    return sender.contest("/" + c.id + "/participants", fact);
  }

  /** One join or leave in a random open contest that {@code which} accepts; null when there is none. */
  Future<Answer> joinOrLeave(Predicate<SimulatedContest> which) {
    List<SimulatedContest> open = live.stream().filter(c -> c.stage.open() && !c.busy && which.test(c)).toList();
    if (open.isEmpty()) {
      return null;
    }
    SimulatedContest c = open.get(random.nextInt(open.size()));
    List<Seat> leavable = c.seats.values().stream().filter(s -> !s.wallet.equals(population.demo().wallet())).toList();
    List<SimulatedUser> outside = population.generated().stream().filter(u -> !c.seats.containsKey(u.wallet())).toList();
    boolean leave = !leavable.isEmpty() && (outside.isEmpty() || (leavable.size() > MIN_PARTICIPANTS && random.nextDouble() < LEAVE_CHANCE));
    if (leave) {
      return leave(c, leavable.get(random.nextInt(leavable.size())));
    }
    return outside.isEmpty() ? null : join(c, outside.get(random.nextInt(outside.size())));
  }

  /** One contest trade by a random participant of a random running contest that {@code which} accepts. */
  Future<Answer> trade(Predicate<SimulatedContest> which) {
    List<SimulatedContest> running = live.stream().filter(c -> c.stage == Stage.ACTIVE && !c.seats.isEmpty() && which.test(c)).toList();
    List<MarketPrice> priced = prices.symbols().stream().map(prices::price).filter(p -> p != null).toList();
    if (running.isEmpty() || priced.isEmpty()) {
      return null;
    }
    SimulatedContest c = running.get(random.nextInt(running.size()));
    List<Seat> seats = List.copyOf(c.seats.values());
    Seat seat = seats.get(random.nextInt(seats.size()));
    MarketPrice price = priced.get(random.nextInt(priced.size()));
    double held = seat.held(price.symbol());
    if (held > 0 && (random.nextDouble() < SELL_CHANCE || seat.cash < 1)) {
      double amount = roundDown(held * (0.2 + 0.8 * random.nextDouble()));
      return amount > 0 ? sell(c, seat, price, amount) : null;
    }
    double amount = roundDown(seat.cash * (0.05 + 0.25 * random.nextDouble()) / price.price());
    return amount > 0 && seat.cash >= 1 ? buy(c, seat, price, amount) : null;
  }

  private Future<Answer> buy(SimulatedContest c, Seat seat, MarketPrice price, double amount) {
    double cost = amount * price.price();
    seat.cash -= cost;
    return sender.trade(tradeFact(c, seat, price, "buy", amount)).onSuccess(answer -> {
      if (answer.ok()) {
        seat.adjust(price.symbol(), amount);
      } else {
        seat.cash += cost;
      }
    });
  }

  private Future<Answer> sell(SimulatedContest c, Seat seat, MarketPrice price, double amount) {
    seat.adjust(price.symbol(), -amount);
    return sender.trade(tradeFact(c, seat, price, "sell", amount)).onSuccess(answer -> {
      if (answer.ok()) {
        seat.cash += amount * price.price();
      } else {
        seat.adjust(price.symbol(), amount);
      }
    });
  }

  /** Trades and joins in one contest at the given rates for a while: the churn test endpoint. */
  public void churn(SimulatedContest c, double tradesPerSecond, double joinsPerSecond, double seconds) {
    for (Pacer pacer : List.of(
        Pacer.startFor(vertx, tradesPerSecond, seconds, MAX_IN_FLIGHT, () -> trade(x -> x == c)),
        Pacer.startFor(vertx, joinsPerSecond, seconds, MAX_IN_FLIGHT, () -> joinOrLeave(x -> x == c)))) {
      pacers.add(pacer);
      pacer.finished().onComplete(r -> pacers.remove(pacer));
    }
  }

  private JsonObject tradeFact(SimulatedContest c, Seat seat, MarketPrice price, String side, double amount) {
    return new JsonObject()
        .put("trade_id", ids.next("ct"))
        .put("wallet_address", seat.wallet)
        .put("symbol", price.symbol())
        .put("side", side)
        .put("amount", amount)
        .put("price", price.price())
        .put("timestamp", now())
        .put("contest_id", c.id);
  }

  private boolean accepted(Answer answer, FactError alsoFine) {
    if (answer == null) {
      return false;
    }
    return answer.ok() || (alsoFine != null && alsoFine.name().equals(answer.code()));
  }

  private void retryLater(SimulatedContest c, Throwable failure, Answer answer) {
    c.busy = false;
    c.retryAtMs = System.currentTimeMillis() + RETRY_MS;
    if (failure != null) {
      if (!warnedUnreachable) {
        warnedUnreachable = true;
        LOG.warn("contest service not reachable yet ({}); the simulator keeps trying", failure.getMessage());
      }
    } else {
      LOG.warn("contest {}: the contest service refused a lifecycle fact: {}", c.id, answer.body().encode());
    }
  }

  private JsonObject event() {
    return new JsonObject().put("event_id", ids.next("e")).put("timestamp", now());
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static double roundDown(double amount) {
    return BigDecimal.valueOf(amount).setScale(6, RoundingMode.DOWN).doubleValue();
  }
}
