package com.degenduel.realtime.contest.publish;

import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.contest.leaderboard.ParticipantStore;
import com.degenduel.realtime.contest.lifecycle.ContestBook;
import com.degenduel.realtime.contest.lifecycle.ContestStore;
import com.degenduel.realtime.node.ownership.OwnerChannel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * The owner's side of {@link ChangesToOwner}: listens on {@code dd.owner.contest} while this
 * replica owns the contest streams, refreshes its book from the cluster and publishes. Confined to
 * the contest verticle's event loop.
 */
public final class OwnerInbox {
  private final Vertx vertx;
  private final String service;
  private final ContestStore contests;
  private final ParticipantStore participants;
  private final ContestBook book;
  private final ContestPublisher publisher;
  private final OwnerChannel.Inbox recent = new OwnerChannel.Inbox();
  private MessageConsumer<Object> consumer;

  public OwnerInbox(
      Vertx vertx, String service, ContestStore contests, ParticipantStore participants, ContestBook book,
      ContestPublisher publisher) {
    this.vertx = vertx;
    this.service = service;
    this.contests = contests;
    this.participants = participants;
    this.book = book;
    this.publisher = publisher;
  }

  public Future<Void> open() {
    consumer = vertx.eventBus().consumer(Addresses.owner(service), this::take);
    return consumer.completion();
  }

  public Future<Void> close() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void take(Message<Object> message) {
    if (recent.alreadyTaken(message)) {
      message.reply(null);
      return;
    }
    if (message.body() instanceof StreamEvent event && event.payload() instanceof ParticipantActivity activity) {
      publisher.activity(activity);
      taken(message);
      return;
    }
    if (!(message.body() instanceof JsonObject change) || change.getString(ChangesToOwner.CONTEST_ID) == null) {
      message.fail(400, "not a contest change");
      return;
    }
    String contestId = change.getString(ChangesToOwner.CONTEST_ID);
    String wallet = change.getString(ChangesToOwner.WALLET);
    Future<Void> refreshed = wallet == null
        ? contests.get(contestId).map(contest -> {
          book.put(contest);
          publisher.contestChanged(contestId);
          return null;
        })
        : participants.get(contestId, wallet).map(participant -> {
          if (participant == null) {
            book.remove(contestId, wallet);
          } else {
            book.put(participant);
          }
          publisher.standingsChanged(contestId);
          return null;
        });
    refreshed.onComplete(r -> {
      if (r.succeeded()) {
        taken(message);
      } else {
        message.fail(500, r.cause().getMessage());
      }
    });
  }

  private void taken(Message<Object> message) {
    recent.taken(message);
    message.reply(null);
  }
}
