package com.degenduel.realtime.node.launch;

import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenIssuer;
import com.degenduel.realtime.node.cluster.ClusterNode;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.logging.LogSetup;
import com.degenduel.realtime.node.management.ManagementServer;
import com.degenduel.realtime.node.management.NodeHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The entry point behind {@code ./degenduel-ws}: {@code up}, one role, {@code token}, a tool, or {@code help}. */
public final class Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.print(Help.overview(commands().keySet()));
      System.exit(2);
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
      if (rest.isEmpty()) {
        System.out.print(Help.overview(commands().keySet()));
        System.exit(0);
      }
      System.exit(help(rest.get(0)));
    }
    if (Help.asked(rest)) {
      System.exit(help(command));
    }
    try {
      switch (command) {
        case "token" -> token(rest);
        case "up" -> up(configured(command, rest).with(Setting.DEV_MODE, true));
        default -> {
          LauncherCommand tool = commands().get(command);
          if (tool != null) {
            System.exit(tool.run(rest));
          }
          NodeRole role = roles().get(command);
          if (role == null) {
            System.exit(unknown(command));
          }
          role(role, configured(command, rest));
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("degenduel-ws: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Prints the help of {@code command} on stdout; returns the exit code. */
  private static int help(String command) {
    if (commands().containsKey(command)) {
      System.out.print(Help.tool(command));
      return 0;
    }
    Optional<String> help = Help.of(command);
    if (help.isEmpty()) {
      return unknown(command);
    }
    System.out.print(help.get());
    return 0;
  }

  private static int unknown(String command) {
    System.err.println("degenduel-ws: unknown command " + command);
    System.err.print(Help.overview(commands().keySet()));
    return 2;
  }

  /**
   * The configuration that {@code command}'s arguments and the environment give. Unknown flags are
   * refused, with a pointer to the command's help.
   */
  static NodeConfig config(String command, Map<String, String> env, List<String> args) {
    try {
      return NodeConfig.from(env, args);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(Help.refusal(command, e.getMessage()), e);
    }
  }

  private static NodeConfig configured(String command, List<String> args) {
    NodeConfig config = config(command, System.getenv(), args);
    LogSetup.apply(config);
    return config;
  }

  private static Map<String, LauncherCommand> commands() {
    return ServiceLoader.load(LauncherCommand.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(LauncherCommand::name, c -> c));
  }

  private static Map<String, NodeRole> roles() {
    return ServiceLoader.load(NodeRole.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(NodeRole::name, r -> r));
  }

  private static void role(NodeRole role, NodeConfig config) {
    start(config, List.of(role)).onSuccess(v -> LOG.info("{} started", role.name()));
  }

  private static void up(NodeConfig config) {
    List<NodeRole> all = new ArrayList<>(roles().values());
    all.sort(Comparator.comparingInt(NodeRole::startOrder));
    start(config, all)
        .onSuccess(
            vertx -> {
              String wallet = config.get(Setting.SIM_DEMO_WALLET);
              TokenIssuer issuer = TokenIssuer.development(vertx, config);
              String token = issuer.issue(wallet, Role.USER, "demo", Duration.ofHours(12));
              String adminToken = issuer.issue(wallet, Role.ADMIN, "demo-admin", Duration.ofHours(12));
              String base = "wss://localhost:" + config.get(Setting.GATEWAY_PORT) + "/api/v2/ws";
              String simulator = "http://" + config.get(Setting.SIM_HTTP_HOST) + ":" + config.get(Setting.SIM_HTTP_PORT) + "/sim";
              System.out.println();
              System.out.println("DegenDuel realtime backend is up: " + all.stream().map(NodeRole::name).toList());
              if (DemoPage.isBuilt()) {
                System.out.println("  demo page (accept the self-signed certificate once): " + demoPageLink(config, token));
              } else {
                System.out.println("  demo page: not built (building it needs Node.js 20 or newer with npm)");
              }
              System.out.println("  market:    " + base + "/market?symbols=BTC,ETH,SOL");
              System.out.println("  portfolio: " + base + "/portfolio");
              System.out.println("  contest:   " + base + "/contest/" + config.get(Setting.SIM_DEMO_CONTEST) + " (the demo contest; others: GET " + simulator + "/contests)");
              System.out.println("  token (wallet " + wallet + ", 12 h):");
              System.out.println(token);
              System.out.println("  admin token (simulator test endpoints under " + simulator + ", 12 h):");
              System.out.println(adminToken);
              System.out.println("  In a browser: new WebSocket(url, token). Ctrl-C stops everything.");
            });
  }

  /**
   * Opens the demo page signed in as the demo wallet, watching the demo contest. The token is in the
   * fragment, which the browser keeps to itself: it reaches no server log and no Referer header.
   */
  static String demoPageLink(NodeConfig config, String token) {
    String symbols = config.getList(Setting.MARKET_SYMBOLS).stream().map(Launcher::fragmentValue).collect(Collectors.joining(","));
    return "https://localhost:" + config.get(Setting.GATEWAY_PORT) + DemoPage.PATH
        + "#contest=" + fragmentValue(config.get(Setting.SIM_DEMO_CONTEST))
        + "&symbols=" + symbols
        + "&token=" + fragmentValue(token);
  }

  private static String fragmentValue(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * The management listener comes up first, so /health answers and /ready says why it is not
   * ready while the roles deploy.
   */
  private static Future<Vertx> start(NodeConfig config, List<NodeRole> roles) {
    return ClusterNode.start(config)
        .compose(
            vertx -> {
              Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx), "degenduel-shutdown"));
              NodeHealth.Hold deploying = NodeHealth.of(vertx).hold("roles starting");
              Future<?> chain = ManagementServer.start(vertx, config);
              for (NodeRole role : roles) {
                chain = chain.compose(v -> role.deploy(vertx, config));
              }
              return chain.onSuccess(v -> deploying.release()).map(vertx);
            })
        .onFailure(
            e -> {
              IllegalArgumentException refused = configurationError(e);
              if (refused != null) {
                System.err.println("degenduel-ws: " + refused.getMessage());
              } else {
                LOG.error("start-up failed", e);
              }
              int status = refused != null ? 2 : 1;
              // Not on this event loop: exiting runs the shutdown hook, which waits for Vert.x to
              // close, and closing needs this very thread.
              new Thread(() -> System.exit(status), "degenduel-exit").start();
            });
  }

  /** A role that refused its configuration while starting says why in one line, as a flag error does. */
  private static IllegalArgumentException configurationError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException e) {
        return e;
      }
    }
    return null;
  }

  /** Undeploying lets each verticle drain (the gateway closes its sockets) before the node leaves the cluster. */
  private static void stop(Vertx vertx) {
    NodeHealth.of(vertx).draining("process");
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("shutdown did not complete cleanly", e);
    }
  }

  private static void token(List<String> args) {
    String wallet = null;
    Role role = Role.USER;
    String username = null;
    long ttl = 3600;
    String issuer = null;
    String audience = null;
    String kid = null;
    List<String> config = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(Help.refusal("token", "flag " + flag + " needs a value"));
      }
      String value = args.get(++i);
      switch (flag) {
        case "--wallet" -> wallet = value;
        case "--role" -> role = Role.fromClaim(value).orElseThrow(() -> new IllegalArgumentException(Help.refusal("token", "unknown role " + value)));
        case "--username" -> username = value;
        case "--ttl" -> ttl = Long.parseLong(value);
        case "--issuer" -> issuer = value;
        case "--audience" -> audience = value;
        case "--kid" -> kid = value;
        default -> {
          config.add(flag);
          config.add(value);
        }
      }
    }
    if (wallet == null) {
      throw new IllegalArgumentException(Help.refusal("token", "token needs --wallet"));
    }
    Vertx vertx = Vertx.vertx();
    try {
      TokenIssuer tokens = TokenIssuer.development(vertx, config("token", System.getenv(), config));
      tokens = issuer == null ? tokens : tokens.withIssuer(issuer);
      tokens = audience == null ? tokens : tokens.withAudience(audience);
      tokens = kid == null ? tokens : tokens.withKid(kid);
      System.out.println(tokens.issue(wallet, role, username, Duration.ofSeconds(ttl)));
    } finally {
      vertx.close();
    }
  }

}
