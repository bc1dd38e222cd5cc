package com.degenduel.realtime.simulator.facts;

import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenIssuer;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Reports facts the way the DegenDuel backend does: JSON over HTTP to the ingestion APIs of the
 * portfolio service (PORTFOLIO_INGEST_HOST:PORT) and the contest service (CONTEST_INGEST_HOST:PORT),
 * with a service token. The simulator therefore exercises exactly the path real facts take.
 */
public final class FactSender {
  private static final long TIMEOUT_MS = 5000;
  private static final Duration TOKEN_TTL = Duration.ofHours(1);
  /** Reissued well before it expires, so no request ever carries a token about to lapse. */
  private static final long TOKEN_RENEW_MS = Duration.ofMinutes(30).toMillis();
  private static final String SERVICE_SUBJECT = "degenduel-simulator";

  /** Where a fact goes. */
  public enum Service {
    PORTFOLIO,
    CONTEST
  }

  /** One answer of an ingestion API: its status and JSON body ({@code {code, message}} on refusal). */
  public record Answer(int status, JsonObject body) {
    public boolean ok() {
      return status == 200;
    }

    /** The refusal's code, or null for a success. */
    public String code() {
      return body.getString("code");
    }

    public JsonObject toJson() {
      return new JsonObject().put("status", status).put("body", body);
    }
  }

  private final HttpClient http;
  private final TokenIssuer issuer;
  private final String portfolioHost;
  private final int portfolioPort;
  private final String contestHost;
  private final int contestPort;
  private String serviceToken;
  private long serviceTokenIssuedAt;

  public FactSender(Vertx vertx, NodeConfig config) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(16));
    this.issuer = TokenIssuer.development(vertx, config);
    this.portfolioHost = config.get(Setting.PORTFOLIO_INGEST_HOST);
    this.portfolioPort = config.getInt(Setting.PORTFOLIO_INGEST_PORT);
    this.contestHost = config.get(Setting.CONTEST_INGEST_HOST);
    this.contestPort = config.getInt(Setting.CONTEST_INGEST_PORT);
  }

  /** {@code POST /facts/trades} on the portfolio service. */
  public Future<Answer> trade(JsonObject fact) {
    return post(Service.PORTFOLIO, "/facts/trades", fact.toBuffer(), serviceToken());
  }

  /** {@code POST /facts/contests<path>} on the contest service, e.g. {@code "/c1/start"}. */
  public Future<Answer> contest(String path, JsonObject fact) {
    return post(Service.CONTEST, "/facts/contests" + path, fact.toBuffer(), serviceToken());
  }

  /** Any body with any token (or none): the malformed-facts test endpoint sends what a correct client never would. */
  public Future<Answer> post(Service service, String path, Buffer body, String token) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(service == Service.PORTFOLIO ? portfolioHost : contestHost)
        .setPort(service == Service.PORTFOLIO ? portfolioPort : contestPort)
        .setURI(path)
        .setTimeout(TIMEOUT_MS)
        .putHeader("content-type", "application/json");
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    return http.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), json(b))));
  }

  public String serviceToken() {
    long now = System.currentTimeMillis();
    if (serviceToken == null || now - serviceTokenIssuedAt > TOKEN_RENEW_MS) {
      serviceToken = issuer.issue(SERVICE_SUBJECT, Role.SERVICE, null, TOKEN_TTL);
      serviceTokenIssuedAt = now;
    }
    return serviceToken;
  }

  /** A valid token of the wrong role, for showing that only services may report facts. */
  public String userToken(String wallet) {
    return issuer.issue(wallet, Role.USER, null, Duration.ofMinutes(5));
  }

  public Future<Void> close() {
    return http.close();
  }

  private static JsonObject json(Buffer body) {
    try {
      Object parsed = body.length() == 0 ? null : body.toJsonValue();
      if (parsed instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      // an answer that is not JSON is reported as such below
    }
    return new JsonObject().put("code", "NOT_JSON").put("message", body.toString());
  }
}
