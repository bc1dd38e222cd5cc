package com.degenduel.realtime.simulator.contests;

import com.degenduel.realtime.simulator.SimulatorFeature;
import com.degenduel.realtime.simulator.contests.SimulatedContest.Stage;
import com.degenduel.realtime.simulator.facts.FactSender.Answer;
import com.degenduel.realtime.simulator.http.AdminGuard;
import com.degenduel.realtime.simulator.http.Answers;
import com.degenduel.realtime.simulator.http.Answers.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The simulated contests and their test endpoints (admin only):
 *
 * <ul>
 *   <li>{@code GET /sim/contests}: the running contests (id, stage, round, participants) and the
 *       last ones that ended.
 *   <li>{@code POST /sim/contests/:contestId/advance}: start it if pending, else the next round.
 *   <li>{@code POST /sim/contests/:contestId/complete} and {@code .../cancel}: end it now (an active
 *       contest cancelled is one cancelled mid-round). Not for the demo contest, which runs as long
 *       as the simulator does.
 *   <li>{@code POST /sim/contests/:contestId/churn {"trades_per_second": 10, "joins_per_second": 1,
 *       "seconds": 20}}: leaderboard churn, trades and joins in that contest for a while.
 * </ul>
 *
 * Each answers with the contest and, for a state change, the contest service's answer to the fact.
 */
public final class SimulatedContests implements SimulatorFeature {
  private final ContestDirector director;

  public SimulatedContests(ContestDirector director) {
    this.director = director;
  }

  @Override
  public void mount(Router router, AdminGuard admin) {
    router.get("/sim/contests").handler(admin).handler(this::list);
    router.post("/sim/contests/:contestId/advance").handler(admin).handler(ctx -> change(ctx, director::advance));
    router.post("/sim/contests/:contestId/complete").handler(admin).handler(ctx -> change(ctx, c -> end(c, Stage.COMPLETED)));
    router.post("/sim/contests/:contestId/cancel").handler(admin).handler(ctx -> change(ctx, c -> end(c, Stage.CANCELLED)));
    router.post("/sim/contests/:contestId/churn").handler(Answers.smallBodies()).handler(admin).handler(this::churn);
  }

  @Override
  public void start() {
    director.start();
  }

  @Override
  public Future<Void> stop() {
    director.stop();
    return Future.succeededFuture();
  }

  private void list(RoutingContext ctx) {
    JsonArray live = new JsonArray();
    director.live().forEach(c -> live.add(c.toJson()));
    JsonArray ended = new JsonArray();
    director.ended().forEach(c -> ended.add(c.toJson()));
    Answers.json(ctx, 200, new JsonObject().put("contests", live).put("ended", ended));
  }

  private void change(RoutingContext ctx, Function<SimulatedContest, Future<Answer>> how) {
    SimulatedContest contest = running(ctx);
    how.apply(contest)
        .onSuccess(answer -> Answers.json(ctx, answer.ok() ? 200 : 409,
            new JsonObject().put("contest", contest.toJson()).put("answer", answer.toJson())))
        .onFailure(e -> Answers.refuse(ctx, 503, "CONTEST_SERVICE_UNAVAILABLE", "the contest service did not answer: " + e.getMessage()));
  }

  private Future<Answer> end(SimulatedContest contest, Stage how) {
    if (contest.demo) {
      throw new Refused(409, "DEMO_CONTEST", "the demo contest runs as long as the simulator; pick another from GET /sim/contests");
    }
    if (how == Stage.COMPLETED && contest.stage != Stage.ACTIVE) {
      throw new Refused(409, "NOT_ACTIVE", "only a started contest can complete");
    }
    return director.end(contest, how);
  }

  private void churn(RoutingContext ctx) {
    SimulatedContest contest = running(ctx);
    JsonObject body = Answers.body(ctx);
    double trades = Answers.number(body, "trades_per_second", 0, 100, 10);
    double joins = Answers.number(body, "joins_per_second", 0, 20, 1);
    double seconds = Answers.number(body, "seconds", 1, 120, 20);
    director.churn(contest, trades, joins, seconds);
    Answers.json(ctx, 202, new JsonObject()
        .put("contest", contest.toJson())
        .put("trades_per_second", trades)
        .put("joins_per_second", joins)
        .put("seconds", seconds));
  }

  private SimulatedContest running(RoutingContext ctx) {
    String id = ctx.pathParam("contestId");
    SimulatedContest contest = director.find(id)
        .orElseThrow(() -> new Refused(404, "UNKNOWN_CONTEST", "not a simulated contest; see GET /sim/contests"));
    if (!contest.stage.open()) {
      throw new Refused(409, "CONTEST_" + contest.stage.name(), "the contest is " + contest.stage.wire());
    }
    if (contest.busy) {
      throw new Refused(409, "BUSY", "a state change of this contest is on its way; try again in a moment");
    }
    return contest;
  }
}
