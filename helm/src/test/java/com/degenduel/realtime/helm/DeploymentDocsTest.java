package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment steps of README.md and docs/deployment.md use values the chart has, and render. */
class DeploymentDocsTest {
  private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  private static final Pattern SET = Pattern.compile("--set ([\\w.]+)=(\\S+)");
  private static final Pattern VALUES_FILE = Pattern.compile(" -f (\\S+)");

  @Test
  void everyHelmCommandRendersAndSetsOnlyExistingValues() throws IOException {
    List<String> commands = deploymentSection().lines().filter(l -> l.startsWith("helm ")).toList();
    assertThat(commands).hasSizeGreaterThanOrEqualTo(4);
    Map<String, Object> defaults = Chart.values(Chart.DIR.resolve("values.yaml"));
    for (String command : commands) {
      assertThat(command).contains("./helm/degenduel-ws");
      Matcher file = VALUES_FILE.matcher(command);
      Path valuesFile = file.find() ? ROOT.resolve(file.group(1)).normalize() : null;
      if (valuesFile != null) {
        assertThat(valuesFile).exists();
      }
      List<String> sets = new ArrayList<>();
      Matcher set = SET.matcher(command);
      while (set.find()) {
        assertThat(exists(defaults, set.group(1))).as("%s in values.yaml", set.group(1)).isTrue();
        sets.add(set.group(1) + "=" + set.group(2));
      }
      assertThat(Chart.render(valuesFile, sets.toArray(String[]::new)).ofKind("Deployment")).as(command).isNotEmpty();
    }
  }

  @Test
  void secretsTheReadmeCreatesAreTheOnesTheChartReads() throws IOException {
    String section = deploymentSection();
    Map<String, Object> defaults = Chart.values(Chart.DIR.resolve("values.yaml"));
    @SuppressWarnings("unchecked")
    Map<String, Object> auth = (Map<String, Object>) defaults.get("auth");
    @SuppressWarnings("unchecked")
    Map<String, Object> jwks = (Map<String, Object>) auth.get("jwks");
    assertThat(section)
        .contains("create secret generic " + auth.get("existingSecret") + " --from-file=" + jwks.get("secretKey") + "=")
        .contains("create secret generic " + auth.get("existingSecret") + " --from-file=" + auth.get("publicKeyKey") + "=")
        .contains("create secret generic " + auth.get("existingSecret") + " --from-literal=" + auth.get("secretKey") + "=")
        .contains("create secret tls degenduel-ws-tls ");
    @SuppressWarnings("unchecked")
    Map<String, Object> clusterTls = (Map<String, Object>) ((Map<String, Object>) defaults.get("cluster")).get("tls");
    Node members = GatewayExposureTest.volume(Chart.defaults().deployment("market"), "cluster-tls");
    assertThat(members.str("secret.secretName")).isEqualTo(clusterTls.get("existingSecret"));
    String create = "create secret generic " + clusterTls.get("existingSecret") + " ";
    assertThat(section.lines().filter(l -> l.contains(create)).toList())
        .as("the command that creates the member certificate's Secret, with every key the pods mount")
        .singleElement()
        .satisfies(line -> members.list("secret.items").forEach(i -> assertThat(line).contains("--from-file=" + i.str("key") + "=")));
    assertThat(GatewayExposureTest.volume(Chart.defaults().deployment("gateway"), "tls").str("secret.secretName"))
        .isEqualTo("degenduel-ws-tls");
  }

  /** README.md's deployment section and the whole of docs/deployment.md. */
  private static String deploymentSection() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n## Deployment\n");
    assertThat(start).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return (end < 0 ? readme.substring(start) : readme.substring(start, end)) + Files.readString(ROOT.resolve("docs/deployment.md"));
  }

  @SuppressWarnings("unchecked")
  private static boolean exists(Map<String, Object> values, String dotted) {
    Object current = values;
    for (String step : dotted.split("\\.")) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
        return false;
      }
      current = ((Map<String, Object>) map).get(step);
    }
    return true;
  }
}
