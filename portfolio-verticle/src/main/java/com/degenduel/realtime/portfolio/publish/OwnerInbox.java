package com.degenduel.realtime.portfolio.publish;

import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.portfolio.holdings.HoldingsBook;
import com.degenduel.realtime.portfolio.holdings.HoldingsStore;
import com.degenduel.realtime.node.ownership.OwnerChannel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * The owner's side of {@link ChangesToOwner}: listens on {@code dd.owner.portfolio} while this
 * replica owns the wallet streams and turns each change into publications. Confined to the
 * portfolio verticle's event loop.
 */
public final class OwnerInbox {
  private final Vertx vertx;
  private final String service;
  private final HoldingsStore store;
  private final HoldingsBook book;
  private final PortfolioPublisher publisher;
  private final OwnerChannel.Inbox recent = new OwnerChannel.Inbox();
  private MessageConsumer<Object> consumer;

  public OwnerInbox(Vertx vertx, String service, HoldingsStore store, HoldingsBook book, PortfolioPublisher publisher) {
    this.vertx = vertx;
    this.service = service;
    this.store = store;
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
    } else if (message.body() instanceof StreamEvent event && event.payload() instanceof TradeExecuted trade) {
      publisher.tradeExecuted(trade);
      taken(message);
    } else if (message.body() instanceof JsonObject change && change.getString(ChangesToOwner.WALLET) != null) {
      String wallet = change.getString(ChangesToOwner.WALLET);
      store.get(wallet).onComplete(read -> {
        if (read.succeeded()) {
          book.put(read.result());
          publisher.walletChanged(wallet);
          taken(message);
        } else {
          message.fail(500, read.cause().getMessage());
        }
      });
    } else {
      message.fail(400, "not a portfolio change");
    }
  }

  private void taken(Message<Object> message) {
    recent.taken(message);
    message.reply(null);
  }
}
