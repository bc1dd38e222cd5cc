package com.degenduel.realtime.node.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What {@code ./degenduel-ws help} and {@code <command> --help} print, and how bad flags are refused. */
class LauncherHelpTest {

  @ParameterizedTest
  @EnumSource(RoleSettings.class)
  void aRolesHelpNamesEverySettingItReadsWithItsVariableFlagDefaultAndDescription(RoleSettings role) {
    String help = Help.of(role.command()).orElseThrow();

    assertThat(help).startsWith("usage: ./degenduel-ws " + role.command() + " [--flag value ...]\n");
    Set<Setting> read = EnumSet.copyOf(role.own());
    read.addAll(RoleSettings.EVERY_PROCESS);
    read.forEach(s -> assertDescribed(help, s));
    EnumSet.complementOf(EnumSet.copyOf(read)).forEach(s -> assertThat(help).doesNotContain(s.env()));
  }

  @Test
  void upsHelpNamesEverySetting() {
    String help = Help.of("up").orElseThrow();

    EnumSet.allOf(Setting.class).forEach(s -> assertDescribed(help, s));
  }

  @Test
  void tokensHelpNamesItsFlagsAndTheSecretItSignsWith() {
    String help = Help.of("token").orElseThrow();

    assertThat(help).contains("--wallet W", "--role R", "--username U", "--ttl SECONDS");
    assertDescribed(help, Setting.JWT_SECRET);
    assertDescribed(help, Setting.JWT_ALGORITHM);
  }

  @Test
  void theOverviewNamesEveryCommandAndWhereToLookFurther() {
    String overview = Help.overview(List.of("loadtest"));

    assertThat(overview).contains("  up ", "  token ", "  loadtest ", "  help ", "./degenduel-ws <command> --help");
    for (RoleSettings role : RoleSettings.values()) {
      assertThat(overview).contains("  " + role.command() + " ");
    }
  }

  @Test
  void thereIsNoHelpOfACommandThatDoesNotExist() {
    assertThat(Help.of("gatewya")).isEmpty();
  }

  @Test
  void helpIsAskedWhereAFlagStandsNotAsAValue() {
    assertThat(Help.asked(List.of("--help"))).isTrue();
    assertThat(Help.asked(List.of("-h"))).isTrue();
    assertThat(Help.asked(List.of("--gateway-port", "9443", "--help"))).isTrue();
    assertThat(Help.asked(List.of("--sim-seed", "-h"))).isFalse();
    assertThat(Help.asked(List.of("--gateway-port", "9443"))).isFalse();
  }

  @Test
  void anUnknownFlagIsRefusedWithAPointerToTheHelp() {
    assertThatThrownBy(() -> Launcher.config("gateway", Map.of(), List.of("--gateway-prot", "9443")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown flag --gateway-prot; see ./degenduel-ws gateway --help");
  }

  @Test
  void aFlagWithoutItsValueIsRefusedWithAPointerToTheHelp() {
    assertThatThrownBy(() -> Launcher.config("market", Map.of(), List.of("--market-source")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flag --market-source needs a value; see ./degenduel-ws market --help");
  }

  @Test
  void knownFlagsAreTakenAndWinOverTheEnvironment() {
    NodeConfig config =
        Launcher.config("gateway", Map.of("DD_GATEWAY_PORT", "7443"), List.of("--gateway-port", "9443", "--log-level", "DEBUG"));

    assertThat(config.get(Setting.GATEWAY_PORT)).isEqualTo("9443");
    assertThat(config.get(Setting.LOG_LEVEL)).isEqualTo("DEBUG");
  }

  /** The setting's line names its flag, variable and default; its description follows, wrapped. */
  private static void assertDescribed(String help, Setting s) {
    String byDefault = s.defaultValue().isEmpty() ? "empty" : s.defaultValue();
    assertThat(help).contains("  " + s.flag() + "  " + s.env() + "  (default: " + byDefault + ")\n");
    String afterIt = help.substring(help.indexOf("  " + s.flag() + "  " + s.env()));
    String description = afterIt.lines().skip(1).takeWhile(l -> l.startsWith("      ")).map(String::trim).reduce((a, b) -> a + " " + b).orElse("");
    assertThat(description).as("description of %s", s.env()).isEqualTo(s.description());
  }
}
