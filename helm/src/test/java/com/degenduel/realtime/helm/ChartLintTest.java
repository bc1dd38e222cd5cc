package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** {@code helm lint --strict}: warnings, and here even notes, fail as errors do. */
class ChartLintTest {
  @Test
  void chartLintsStrictlyWithItsDefaults() {
    assertClean(Chart.helm().lint().strict().call());
  }

  /** Helm lints a chart's own values only, so the production file is merged into a copy's values.yaml. */
  @Test
  void chartLintsStrictlyWithTheProductionValues(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("degenduel-ws");
    try (Stream<Path> files = Files.walk(Chart.DIR)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(Chart.DIR.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    Map<String, Object> merged = merge(Chart.values(Chart.DIR.resolve("values.yaml")), Chart.values(Chart.PRODUCTION_VALUES));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(merged));

    assertClean(new Helm(copy).lint().strict().call());
  }

  @Test
  void defaultAndProductionValuesRender() {
    assertThat(Chart.defaults().names()).contains("Deployment/dd-degenduel-ws-gateway", "Service/dd-degenduel-ws-hazelcast");
    assertThat(Chart.production().names()).contains("Deployment/dd-degenduel-ws-gateway", "Service/dd-degenduel-ws-hazelcast");
  }

  private static void assertClean(LintResult result) {
    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    override.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> overrideMap && merged.get(key) instanceof Map<?, ?> baseMap) {
            merged.put(key, merge((Map<String, Object>) baseMap, (Map<String, Object>) overrideMap));
          } else {
            merged.put(key, value);
          }
        });
    return merged;
  }
}
