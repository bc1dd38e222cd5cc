package com.degenduel.realtime.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The chart under test, rendered by Helm itself (the native library helm-java bundles). */
final class Chart {
  static final String RELEASE = "dd";
  static final String NAMESPACE = "degenduel";
  /** Helm's offline default (1.20) is older than the chart's kubeVersion; render as a current cluster would. */
  static final String KUBE_VERSION = "1.30.0";
  static final Path DIR = Path.of(System.getProperty("chart.dir", "degenduel-ws")).toAbsolutePath().normalize();
  static final Path PRODUCTION_VALUES = DIR.resolve("values-production.yaml");

  private Chart() {}

  static Helm helm() {
    return new Helm(DIR);
  }

  /** {@code helm template} with the chart's defaults, an optional values file, then the {@code --set} pairs. */
  static Manifests render(Path valuesFile, String... sets) {
    TemplateCommand template = helm().template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
    if (valuesFile != null) {
      template.withValuesFile(valuesFile);
    }
    for (String set : sets) {
      int eq = set.indexOf('=');
      template.set(set.substring(0, eq), set.substring(eq + 1));
    }
    return Manifests.parse(template.call());
  }

  static Manifests defaults(String... sets) {
    return render(null, sets);
  }

  static Manifests production(String... sets) {
    return render(PRODUCTION_VALUES, sets);
  }

  /** A values file as plain maps and lists. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> values(Path file) {
    try {
      return (Map<String, Object>) new Yaml(new LoaderOptions()).load(Files.readString(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<Path> valuesFiles() {
    List<Path> files = new ArrayList<>();
    files.add(DIR.resolve("values.yaml"));
    files.add(PRODUCTION_VALUES);
    return files;
  }
}
