package com.degenduel.realtime.simulator.market;

import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import com.degenduel.realtime.simulator.SimulatorFeature;
import com.degenduel.realtime.simulator.http.AdminGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic market as Binance's combined WebSocket trade stream, so the market service's real
 * stream adapter, its reconnects and its circuit breaker can be exercised against something we
 * control:
 *
 * <ul>
 *   <li>{@code GET /stream?streams=btcusdt@trade/ethusdt@trade} upgrades to a WebSocket that sends
 *       each trade of those symbols when it happens, {@code {"stream":"btcusdt@trade","data":{"e":
 *       "trade","E":..,"s":"BTCUSDT","t":..,"p":"..","q":"..","T":..,"m":..,"M":true}}};
 *   <li>on it, {@code {"method":"SUBSCRIBE"|"UNSUBSCRIBE","params":["btcusdt@trade"],"id":1}}
 *       changes the symbols (answered {@code {"result":null,"id":1}}) and {@code
 *       {"method":"LIST_SUBSCRIPTIONS","id":2}} lists them;
 *   <li>{@code GET /sim/market/stream} (admin token): the open connections and their streams.
 * </ul>
 *
 * The faults of {@code /sim/market/faults} apply: {@code errors} drops every connection and
 * refuses new ones with HTTP 500, {@code stall} sends nothing on open connections (new ones are
 * accepted and stay silent), {@code garbage} sends a malformed frame in place of each trade.
 */
public final class SimulatedStream implements SimulatorFeature {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedStream.class);
  private static final String SUFFIX = "usdt@trade";
  /** Frames queued for a connection beyond which it is dropped as too slow, as an exchange does. */
  private static final int MAX_QUEUED_FRAMES = 10_000;

  private final Vertx vertx;
  private final SyntheticMarket market;
  private final MarketFaults faults;
  private final Set<Connection> connections = new LinkedHashSet<>();

  public SimulatedStream(Vertx vertx, SyntheticMarket market, MarketFaults faults) {
    this.vertx = vertx;
    this.market = market;
    this.faults = faults;
  }

  @Override
  public void mount(Router router, AdminGuard admin) {
    router.get("/stream").handler(this::upgrade);
    router.get("/sim/market/stream").handler(admin).handler(this::list);
    Context context = vertx.getOrCreateContext();
    faults.onSwitch(mode -> {
      if (mode == FaultMode.ERRORS) {
        context.runOnContext(v -> List.copyOf(connections).forEach(c -> c.socket.close((short) 1011, "simulated fault")));
      }
    });
  }

  @Override
  public Future<Void> stop() {
    List.copyOf(connections).forEach(Connection::stop);
    return Future.succeededFuture();
  }

  /** Our symbol of a stream name ({@code btcusdt@trade} is BTC), or null when it is not one we trade. */
  private String symbolOf(String streamName) {
    String name = streamName.toLowerCase(Locale.ROOT);
    if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
      return null;
    }
    String symbol = name.substring(0, name.length() - SUFFIX.length()).toUpperCase(Locale.ROOT);
    return market.tracks(symbol) ? symbol : null;
  }

  private static String streamName(String symbol) {
    return symbol.toLowerCase(Locale.ROOT) + SUFFIX;
  }

  private void upgrade(RoutingContext ctx) {
    if (faults.mode() == FaultMode.ERRORS) {
      ctx.response().setStatusCode(500).putHeader("content-type", "application/json")
          .end(new JsonObject().put("code", -1000).put("msg", "An unknown error occurred while processing the request.").encode());
      return;
    }
    Set<String> symbols = new LinkedHashSet<>();
    String streams = ctx.request().getParam("streams");
    if (streams != null && !streams.isEmpty()) {
      for (String name : streams.split("/")) {
        String symbol = symbolOf(name);
        if (symbol == null) {
          ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
              .end(new JsonObject().put("code", -1121).put("msg", "Invalid symbol.").encode());
          return;
        }
        symbols.add(symbol);
      }
    }
    ctx.request().toWebSocket().onSuccess(ws -> {
      Connection connection = new Connection(ws);
      connections.add(connection);
      symbols.forEach(connection::subscribe);
      LOG.info("simulated stream: connection for {}", symbols);
    });
  }

  private void list(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    connections.forEach(c -> list.add(new JsonObject().put("streams", new JsonArray(c.streams()))));
    ctx.response().putHeader("content-type", "application/json").end(new JsonObject().put("connections", list).encode());
  }

  /** One client's connection: a tap per subscribed symbol, each trade written as it happens. */
  private final class Connection {
    private final ServerWebSocket socket;
    private final TradeTaps taps;
    private long garbageCount;

    Connection(ServerWebSocket socket) {
      this.socket = socket;
      this.taps = new TradeTaps(vertx, market, this::deliver);
      socket.setWriteQueueMaxSize(MAX_QUEUED_FRAMES);
      socket.textMessageHandler(this::request);
      socket.exceptionHandler(e -> LOG.debug("simulated stream: {}", e.toString()));
      socket.closeHandler(v -> stop());
    }

    List<String> streams() {
      return taps.symbols().stream().map(SimulatedStream::streamName).toList();
    }

    void subscribe(String symbol) {
      taps.follow(symbol);
    }

    void unsubscribe(String symbol) {
      taps.unfollow(symbol);
    }

    void stop() {
      connections.remove(this);
      taps.stop();
    }

    private void deliver(String symbol, List<Trade> trades) {
      if (socket.isClosed()) {
        return;
      }
      if (socket.writeQueueFull()) {
        LOG.warn("simulated stream: dropping a connection too slow to read its trades");
        socket.close((short) 1008, "too slow");
        return;
      }
      for (Trade trade : trades) {
        switch (faults.mode()) {
          case NONE -> socket.writeTextMessage(tradeFrame(symbol, trade));
          case GARBAGE -> socket.writeTextMessage(garbageFrame(symbol));
          case STALL, ERRORS -> {
            // Nothing goes out: a stalled stream is silent, a failing one is being dropped.
          }
        }
      }
    }

    private String garbageFrame(String symbol) {
      return switch ((int) (garbageCount++ % 3)) {
        case 0 -> "<html><body>502 Bad Gateway</body>";
        case 1 -> "{\"unexpected\":\"shape\"}";
        default -> new JsonObject()
            .put("stream", streamName(symbol))
            .put("data", new JsonObject().put("e", "trade").put("s", symbol + "USDT").put("t", "not a number").put("p", "abc"))
            .encode();
      };
    }

    /** Binance's requests on a live connection; a stalled stream answers nothing. */
    private void request(String text) {
      if (faults.mode() == FaultMode.STALL) {
        return;
      }
      JsonObject request;
      try {
        request = new JsonObject(text);
      } catch (DecodeException e) {
        socket.writeTextMessage(error(null, "Invalid JSON"));
        return;
      }
      Object id = request.getValue("id");
      String method = request.getValue("method") instanceof String m ? m : "";
      switch (method) {
        case "SUBSCRIBE", "UNSUBSCRIBE" -> {
          List<String> symbols = new ArrayList<>();
          if (!(request.getValue("params") instanceof JsonArray params)) {
            socket.writeTextMessage(error(id, "Invalid request: params must be a list of streams"));
            return;
          }
          for (Object name : params) {
            String symbol = name instanceof String s ? symbolOf(s) : null;
            if (symbol == null) {
              socket.writeTextMessage(error(id, "Invalid request: unknown stream " + name));
              return;
            }
            symbols.add(symbol);
          }
          if (method.equals("SUBSCRIBE")) {
            symbols.forEach(this::subscribe);
          } else {
            symbols.forEach(this::unsubscribe);
          }
          LOG.info("simulated stream: {} {}", method, symbols);
          socket.writeTextMessage(new JsonObject().putNull("result").put("id", id).encode());
        }
        case "LIST_SUBSCRIPTIONS" ->
            socket.writeTextMessage(new JsonObject().put("result", new JsonArray(streams())).put("id", id).encode());
        default -> socket.writeTextMessage(error(id, "Invalid request: unknown method " + method));
      }
    }

    private String error(Object id, String message) {
      return new JsonObject().put("error", new JsonObject().put("code", 2).put("msg", message)).put("id", id).encode();
    }
  }

  private static String tradeFrame(String symbol, Trade trade) {
    return new JsonObject()
        .put("stream", streamName(symbol))
        .put(
            "data",
            new JsonObject()
                .put("e", "trade")
                .put("E", System.currentTimeMillis())
                .put("s", symbol + "USDT")
                .put("t", trade.id())
                .put("p", SimulatedExchange.decimal(trade.price()))
                .put("q", SimulatedExchange.decimal(trade.quantity()))
                .put("T", trade.time().toEpochMilli())
                .put("m", trade.side() == TradeSide.SELL)
                .put("M", true))
        .encode();
  }
}
