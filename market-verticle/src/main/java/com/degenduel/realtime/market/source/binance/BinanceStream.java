package com.degenduel.realtime.market.source.binance;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.degenduel.realtime.market.source.Backoff;
import com.degenduel.realtime.market.source.DayTicker;
import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import com.degenduel.realtime.market.source.MarketDataSource;
import com.degenduel.realtime.market.source.SourceListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trades pushed by an exchange's WebSocket trade stream in Binance's shape: one connection to
 * {@code <stream url>/stream?streams=btcusdt@trade/ethusdt@trade}, opened with the symbols followed
 * at the time, then kept in step with what this replica owns by SUBSCRIBE and UNSUBSCRIBE requests
 * on the live connection (so taking a symbol over does not interrupt the others), and closed while
 * nothing is followed. Each trade goes to the listener the moment its message arrives.
 *
 * <p>Failures, each told to the listener (the circuit breaker counts them): a handshake that is
 * refused or slower than MARKET_SOURCE_TIMEOUT_MS, a connection that closes, a connection that sends
 * nothing for MARKET_STREAM_SILENCE_MS (it is then closed), and each message that cannot be read.
 * An unreadable message is counted and skipped, the stream goes on. After a lost connection it
 * reconnects after a {@link Backoff} of up to MARKET_STREAM_BACKOFF_MAX_MS, which starts again
 * from the shortest wait once a connection delivers a readable message.
 *
 * <p>The 24-hour figures come from the exchange's REST API ({@link BinanceRest#day}). Confined to
 * the market verticle's event loop.
 */
public final class BinanceStream implements MarketDataSource {
  private static final Logger LOG = LoggerFactory.getLogger(BinanceStream.class);

  /** Why a connection ended, when that is a failure of the source. */
  static final class Interrupted extends RuntimeException {
    Interrupted(String message) {
      super(message, null, false, false);
    }
  }

  private final Vertx vertx;
  private final WebSocketClient client;
  private final String streamUrl;
  private final BinanceRest rest;
  private final SourceListener listener;
  private final StreamMetrics metrics;
  private final long timeoutMs;
  private final long silenceNanos;
  private final Backoff backoff;
  private final long silenceCheck;

  /** Our symbols whose trades are wanted. */
  private final Set<String> followed = new LinkedHashSet<>();
  /** Our symbols the live connection carries or has been asked to carry. */
  private final Set<String> subscribed = new HashSet<>();
  private WebSocket socket;
  private boolean connecting;
  private boolean reconcileScheduled;
  private boolean deliveredSinceConnect;
  private long retryTimer = -1;
  private long lastMessageNanos;
  private long nextRequestId = 1;
  private boolean closed;

  BinanceStream(
      Vertx vertx, WebSocketClient client, String streamUrl, BinanceRest rest, SourceListener listener, StreamMetrics metrics,
      long timeoutMs, long silenceMs, long backoffMaxMs) {
    this.vertx = vertx;
    this.client = client;
    this.streamUrl = streamUrl.endsWith("/") ? streamUrl.substring(0, streamUrl.length() - 1) : streamUrl;
    this.rest = rest;
    this.listener = listener;
    this.metrics = metrics;
    this.timeoutMs = timeoutMs;
    this.silenceNanos = TimeUnit.MILLISECONDS.toNanos(silenceMs);
    this.backoff = new Backoff(backoffMaxMs);
    // Checked a few times per silence allowance rather than re-armed per message: messages can come
    // thousands a second, and a timer re-armed for each would cost more than the message itself.
    this.silenceCheck = vertx.setPeriodic(Math.max(10, silenceMs / 4), id -> checkSilence());
  }

  /** The exchange's name of a symbol's trade stream: {@code btcusdt@trade}. */
  static String streamName(String symbol) {
    return BinanceRest.exchangeSymbol(symbol).toLowerCase(Locale.ROOT) + "@trade";
  }

  @Override
  public void follow(String symbol) {
    if (followed.add(symbol)) {
      changed();
    }
  }

  @Override
  public void unfollow(String symbol) {
    if (followed.remove(symbol)) {
      changed();
    }
  }

  /** Ownership moves several symbols at once: one request each way for all of them, after the burst. */
  private void changed() {
    if (socket == null) {
      connectIfIdle();
    } else if (!reconcileScheduled) {
      reconcileScheduled = true;
      vertx.runOnContext(v -> reconcile());
    }
  }

  private void reconcile() {
    reconcileScheduled = false;
    if (socket == null) {
      connectIfIdle();
      return;
    }
    if (followed.isEmpty()) {
      LOG.info("market stream: nothing to follow, closing the connection");
      hangUp();
      return;
    }
    List<String> add = followed.stream().filter(s -> !subscribed.contains(s)).toList();
    List<String> drop = subscribed.stream().filter(s -> !followed.contains(s)).toList();
    if (!add.isEmpty()) {
      request("SUBSCRIBE", add);
      subscribed.addAll(add);
    }
    if (!drop.isEmpty()) {
      request("UNSUBSCRIBE", drop);
      drop.forEach(subscribed::remove);
    }
  }

  private void request(String method, Collection<String> symbols) {
    JsonArray params = new JsonArray();
    symbols.forEach(s -> params.add(streamName(s)));
    long id = nextRequestId++;
    LOG.info("market stream: {} {} (request {})", method, symbols, id);
    socket.writeTextMessage(new JsonObject().put("method", method).put("params", params).put("id", id).encode());
  }

  private void connectIfIdle() {
    if (closed || socket != null || connecting || retryTimer >= 0 || followed.isEmpty()) {
      return;
    }
    connecting = true;
    Set<String> asked = new LinkedHashSet<>(followed);
    String url = streamUrl + "/stream?streams=" + asked.stream().map(BinanceStream::streamName).collect(Collectors.joining("/"));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url).setTimeout(timeoutMs);
    client
        .connect(options)
        .onComplete(
            ar -> {
              connecting = false;
              if (closed) {
                if (ar.succeeded()) {
                  ar.result().close();
                }
              } else if (ar.failed()) {
                lost("refused", "stream connection to " + streamUrl + " failed: " + ar.cause().getMessage());
              } else {
                opened(ar.result(), asked);
              }
            });
  }

  private void opened(WebSocket ws, Set<String> asked) {
    LOG.info("market stream connected to {} for {}", streamUrl, asked);
    socket = ws;
    subscribed.clear();
    subscribed.addAll(asked);
    deliveredSinceConnect = false;
    lastMessageNanos = System.nanoTime();
    ws.textMessageHandler(text -> {
      if (ws == socket) {
        received(text);
      }
    });
    ws.exceptionHandler(e -> LOG.debug("market stream: {}", e.toString()));
    ws.closeHandler(v -> {
      if (ws == socket) {
        socket = null;
        lost("closed", "stream connection closed by the exchange" + (ws.closeStatusCode() == null ? "" : " (" + ws.closeStatusCode() + ")"));
      }
    });
    reconcile();
  }

  private void received(String text) {
    lastMessageNanos = System.nanoTime();
    StreamMessage message;
    try {
      message = StreamMessage.parse(text);
    } catch (MalformedSourceAnswer e) {
      metrics.malformed();
      LOG.debug("market stream: skipped an unreadable message: {}", e.getMessage());
      listener.failed(e);
      return;
    }
    if (!deliveredSinceConnect) {
      deliveredSinceConnect = true;
      backoff.reset();
    }
    if (message instanceof StreamMessage.TradeEvent t) {
      if (followed.contains(t.symbol())) {
        listener.trades(t.symbol(), List.of(t.trade()));
      }
    } else if (message instanceof StreamMessage.Reply r && r.error() != null) {
      LOG.warn("market stream: the exchange refused request {}: {}", r.id(), r.error());
    }
  }

  private void checkSilence() {
    if (socket != null && System.nanoTime() - lastMessageNanos > silenceNanos) {
      hangUp();
      lost("silent", "stream sent nothing for " + TimeUnit.NANOSECONDS.toMillis(silenceNanos) + " ms");
    }
  }

  /** Closes the live connection on our side; its close is then no news. */
  private void hangUp() {
    WebSocket ws = socket;
    socket = null;
    subscribed.clear();
    if (ws != null) {
      ws.close();
    }
  }

  private void lost(String reason, String message) {
    metrics.disconnected(reason);
    listener.failed(new Interrupted(message));
    long delay = backoff.nextDelayMs();
    LOG.warn("market stream: {}; reconnecting in {} ms {} {}", message, delay, kv("reason", reason), kv("event", "market_stream_lost"));
    retryTimer = vertx.setTimer(delay, id -> {
      retryTimer = -1;
      connectIfIdle();
    });
  }

  @Override
  public Future<DayTicker> day(String symbol) {
    return rest.day(symbol).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(silenceCheck);
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    hangUp();
    List<Future<?>> closing = new ArrayList<>();
    closing.add(client.close());
    closing.add(rest.close());
    return Future.join(closing).mapEmpty();
  }
}
