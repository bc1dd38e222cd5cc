package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict}: warnings fail as errors do. */
class ChartLintTest {
  @Test
  void chartLintsStrictly() {
    LintResult result = Chart.helm().lint().strict().call();
    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  @Test
  void defaultAndProductionValuesRender() {
    assertThat(Chart.defaults().names()).contains("Deployment/dd-degenduel-ws-gateway");
    assertThat(Chart.production().names()).contains("Deployment/dd-degenduel-ws-gateway");
  }
}
