package com.degenduel.realtime.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeConfigTest {

  @Test
  void defaultsApplyWhenNothingIsSet() {
    NodeConfig config = NodeConfig.from(Map.of(), List.of());

    assertThat(config.getInt(Setting.GATEWAY_PORT)).isEqualTo(8443);
    assertThat(config.get(Setting.JWT_ALGORITHM)).isEqualTo("HS256");
    assertThat(config.isSet(Setting.JWT_PUBLIC_KEY)).isFalse();
  }

  @Test
  void environmentOverridesTheDefaultAndAFlagOverridesTheEnvironment() {
    NodeConfig config =
        NodeConfig.from(
            Map.of("DD_GATEWAY_PORT", "9443", "DD_CLUSTER_PORT", "5801"),
            List.of("--gateway-port", "10443"));

    assertThat(config.getInt(Setting.GATEWAY_PORT)).isEqualTo(10443);
    assertThat(config.getInt(Setting.CLUSTER_PORT)).isEqualTo(5801);
    assertThat(config.getInt(Setting.SIM_HTTP_PORT)).isEqualTo(8090);
  }

  @Test
  void environmentVariablesOutsideTheDdNamespaceAreIgnored() {
    NodeConfig config = NodeConfig.from(Map.of("GATEWAY_PORT", "1", "PATH", "/usr/bin"), List.of());

    assertThat(config.getInt(Setting.GATEWAY_PORT)).isEqualTo(8443);
  }

  @Test
  void theLastOfARepeatedFlagWins() {
    NodeConfig config = NodeConfig.from(Map.of(), List.of("--gateway-port", "1", "--gateway-port", "2"));

    assertThat(config.getInt(Setting.GATEWAY_PORT)).isEqualTo(2);
  }

  @Test
  void unknownFlagIsRejectedAndNamed() {
    assertThatThrownBy(() -> NodeConfig.from(Map.of(), List.of("--gateway-prot", "9443")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown flag --gateway-prot");
  }

  @Test
  void aValueWithoutItsFlagIsRejected() {
    assertThatThrownBy(() -> NodeConfig.from(Map.of(), List.of("9443")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown flag 9443");
  }

  @Test
  void flagWithoutValueIsRejected() {
    assertThatThrownBy(() -> NodeConfig.from(Map.of(), List.of("--gateway-port")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--gateway-port needs a value");
  }

  @Test
  void typedGettersNameTheEnvironmentVariableOfABadValue() {
    NodeConfig config =
        NodeConfig.from(
            Map.of("DD_GATEWAY_PORT", "eighty", "DD_SNAPSHOT_TIMEOUT_MS", "3s", "DD_BREAKER_MAX_FAILURES", "1.5"),
            List.of());

    assertThatThrownBy(() -> config.getInt(Setting.GATEWAY_PORT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DD_GATEWAY_PORT must be a whole number");
    assertThatThrownBy(() -> config.getMillis(Setting.SNAPSHOT_TIMEOUT_MS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DD_SNAPSHOT_TIMEOUT_MS must be a whole number");
    assertThatThrownBy(() -> config.getLong(Setting.BREAKER_MAX_FAILURES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DD_BREAKER_MAX_FAILURES must be a whole number");
    assertThatThrownBy(() -> config.with(Setting.SIM_TICKS_PER_SECOND, "fast").getDouble(Setting.SIM_TICKS_PER_SECOND))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DD_SIM_TICKS_PER_SECOND must be a number");
    assertThatThrownBy(() -> config.with(Setting.TLS_TERMINATED_BY_PROXY, "yes").getBoolean(Setting.TLS_TERMINATED_BY_PROXY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DD_TLS_TERMINATED_BY_PROXY must be true or false");
  }

  @Test
  void booleansAreTrueOrFalseInAnyCase() {
    NodeConfig config = NodeConfig.defaults();

    assertThat(config.getBoolean(Setting.TLS_TERMINATED_BY_PROXY)).isFalse();
    assertThat(config.with(Setting.TLS_TERMINATED_BY_PROXY, " TRUE ").getBoolean(Setting.TLS_TERMINATED_BY_PROXY)).isTrue();
  }

  @Test
  void typedGettersToleratesSurroundingWhitespace() {
    NodeConfig config =
        NodeConfig.from(Map.of("DD_GATEWAY_PORT", " 9443 ", "DD_SNAPSHOT_TIMEOUT_MS", "250\n"), List.of());

    assertThat(config.getInt(Setting.GATEWAY_PORT)).isEqualTo(9443);
    assertThat(config.getMillis(Setting.SNAPSHOT_TIMEOUT_MS)).isEqualTo(Duration.ofMillis(250));
    assertThat(config.with(Setting.SIM_TICKS_PER_SECOND, "2.5").getDouble(Setting.SIM_TICKS_PER_SECOND)).isEqualTo(2.5);
  }

  @Test
  void listsAreTrimmedAndEmptyEntriesDropped() {
    NodeConfig config = NodeConfig.from(Map.of("DD_MARKET_SYMBOLS", " BTC, ETH ,,SOL, "), List.of());

    assertThat(config.getList(Setting.MARKET_SYMBOLS)).containsExactly("BTC", "ETH", "SOL");
  }

  @Test
  void withReturnsAChangedCopyAndLeavesTheOriginalAlone() {
    NodeConfig original = NodeConfig.defaults();
    NodeConfig changed = original.with(Setting.GATEWAY_PORT, 9999);

    assertThat(changed.getInt(Setting.GATEWAY_PORT)).isEqualTo(9999);
    assertThat(original.getInt(Setting.GATEWAY_PORT)).isEqualTo(8443);
  }

  @Test
  void aBlankValueCountsAsNotSet() {
    NodeConfig config = NodeConfig.from(Map.of("DD_JWT_PUBLIC_KEY", "  "), List.of());

    assertThat(config.isSet(Setting.JWT_PUBLIC_KEY)).isFalse();
  }

  @Test
  void everySettingHasADistinctEnvironmentVariableAndFlagDerivedFromItsName() {
    Set<String> envs = new HashSet<>();
    Set<String> flags = new HashSet<>();
    for (Setting s : Setting.values()) {
      assertThat(s.env()).isEqualTo("DD_" + s.name());
      assertThat(s.flag()).matches("--[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(s.description()).isNotBlank();
      envs.add(s.env());
      flags.add(s.flag());
    }
    assertThat(envs).hasSize(Setting.values().length);
    assertThat(flags).hasSize(Setting.values().length);
  }

  @Test
  void everySettingCanBeSetByItsFlag() {
    for (Setting s : Setting.values()) {
      NodeConfig config = NodeConfig.from(Map.of(), Arrays.asList(s.flag(), "flag-value"));
      assertThat(config.get(s)).as(s.flag()).isEqualTo("flag-value");
    }
  }
}
