package com.degenduel.realtime.node.launch;

import com.degenduel.realtime.node.config.Setting;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/** The launcher's help: the commands, and for each the settings it reads, from {@link Setting} itself. */
final class Help {
  private static final String LAUNCHER = "./degenduel-ws";
  private static final int WIDTH = 100;
  private static final String PRECEDENCE =
      "Each setting is its default, overridden by its environment variable, overridden by its flag.\n";
  private static final Set<Setting> TOKEN_SETTINGS =
      EnumSet.of(Setting.JWT_ALGORITHM, Setting.JWT_SECRET, Setting.JWT_ISSUER, Setting.JWT_AUDIENCE, Setting.JWT_SERVICE_AUDIENCE);

  private Help() {}

  /** True when {@code --help} or {@code -h} stands where a flag would, not as another flag's value. */
  static boolean asked(List<String> args) {
    return IntStream.range(0, args.size())
        .filter(i -> i % 2 == 0)
        .mapToObj(args::get)
        .anyMatch(a -> a.equals("--help") || a.equals("-h"));
  }

  /** Every command; {@code tools} are the foreground tools found on the classpath (loadtest, ...). */
  static String overview(Collection<String> tools) {
    StringBuilder out = new StringBuilder();
    out.append("usage: ").append(LAUNCHER).append(" <command> [--flag value ...]\n\n");
    out.append("  up           every role in one JVM, a single-node cluster on loopback (development)\n");
    for (RoleSettings role : RoleSettings.values()) {
      out.append(String.format("  %-12s %s%n", role.command(), role.summary()));
    }
    out.append("  token        print a development token: --wallet W [--role user|admin|superadmin|service] [--username U] [--ttl SECONDS]\n");
    for (String tool : tools.stream().sorted().toList()) {
      out.append(String.format("  %-12s %s%n", tool, "a tool for measurements; BENCHMARKS.md describes its flags"));
    }
    out.append("  help         this text\n\n");
    out.append(LAUNCHER).append(" <command> --help lists the settings a command reads.\n");
    return out.toString();
  }

  /** The help of one command, or empty when there is no such command. */
  static Optional<String> of(String command) {
    if (command.equals("up")) {
      return Optional.of(up());
    }
    if (command.equals("token")) {
      return Optional.of(token());
    }
    return RoleSettings.of(command).map(Help::role);
  }

  /** The help of a foreground tool, whose flags its own module parses. */
  static String tool(String name) {
    return "usage: " + LAUNCHER + " " + name + " [--flag value ...]\n\nBENCHMARKS.md describes " + name + " and its flags.\n";
  }

  /**
   * Why the arguments of {@code command} were refused, and where to look. {@code reason} is the
   * parser's own message, e.g. {@code unknown flag --gateway-prot}.
   */
  static String refusal(String command, String reason) {
    return reason + "; see " + LAUNCHER + " " + command + " --help";
  }

  private static String role(RoleSettings role) {
    StringBuilder out = new StringBuilder();
    out.append("usage: ").append(LAUNCHER).append(' ').append(role.command()).append(" [--flag value ...]\n\n");
    out.append("Starts the ").append(role.command()).append(" alone, as one member of the cluster: ").append(role.summary()).append(".\n");
    out.append(PRECEDENCE);
    section(out, role.command() + " settings", role.own());
    section(out, "Settings of every process (cluster, management listener, logs)", RoleSettings.EVERY_PROCESS);
    return out.toString();
  }

  private static String up() {
    StringBuilder out = new StringBuilder();
    out.append("usage: ").append(LAUNCHER).append(" up [--flag value ...]\n\n");
    out.append("Starts every role in one JVM, a single-node cluster on loopback, and prints the URLs and a development token.\n");
    out.append("Runs in development mode (DEV_MODE), which allows the development secret and serves the demo page.\n");
    out.append(PRECEDENCE);
    section(out, "Settings (every role's)", EnumSet.allOf(Setting.class));
    return out.toString();
  }

  private static String token() {
    StringBuilder out = new StringBuilder();
    out.append("usage: ").append(LAUNCHER)
        .append(" token --wallet W [--role user|admin|superadmin|service] [--username U] [--ttl SECONDS]\n")
        .append("          [--issuer ISS] [--audience AUD] [--kid KID] [--flag value ...]\n\n");
    out.append("Prints a development token (HS256, signed with JWT_SECRET) and nothing else on stdout.\n");
    out.append("  --wallet W       the wallet address, the token's sub (required)\n");
    out.append("  --role R         user (the default), admin, superadmin or service\n");
    out.append("  --username U     the username claim (optional)\n");
    out.append("  --ttl SECONDS    lifetime (default 3600)\n");
    out.append("  --issuer ISS     the iss claim (default: JWT_ISSUER, none when empty)\n");
    out.append("  --audience AUD   the aud claim (default: JWT_AUDIENCE, or JWT_SERVICE_AUDIENCE for --role service)\n");
    out.append("  --kid KID        the key id in the token's header (default: none)\n\n");
    out.append(PRECEDENCE);
    section(out, "token settings", TOKEN_SETTINGS);
    return out.toString();
  }

  private static void section(StringBuilder out, String title, Set<Setting> settings) {
    out.append('\n').append(title).append(":\n");
    for (Setting s : settings) {
      String byDefault = s.defaultValue().isEmpty() ? "empty" : s.defaultValue();
      out.append("  ").append(s.flag()).append("  ").append(s.env()).append("  (default: ").append(byDefault).append(")\n");
      wrap(out, s.description(), "      ");
    }
  }

  private static void wrap(StringBuilder out, String text, String indent) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        out.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(line).append('\n');
  }
}
