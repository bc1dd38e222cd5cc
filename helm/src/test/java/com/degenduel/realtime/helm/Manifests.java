package com.degenduel.realtime.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The documents of one {@code helm template} run, looked up by kind and name. */
final class Manifests {
  private final List<Node> documents;
  private final String text;

  private Manifests(List<Node> documents, String text) {
    this.documents = documents;
    this.text = text;
  }

  static Manifests parse(String rendered) {
    List<Node> documents = new ArrayList<>();
    for (Object document : new Yaml(new LoaderOptions()).loadAll(rendered)) {
      if (document != null) {
        documents.add(new Node(document, "$"));
      }
    }
    return new Manifests(documents, rendered);
  }

  List<Node> all() {
    return documents;
  }

  List<Node> ofKind(String kind) {
    return documents.stream().filter(d -> kind.equals(d.str("kind"))).toList();
  }

  Node get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + "; rendered: " + names()));
  }

  java.util.Optional<Node> find(String kind, String name) {
    return ofKind(kind).stream().filter(d -> name.equals(d.str("metadata.name"))).findFirst();
  }

  /** "Kind/name" of every document, for failure messages. */
  List<String> names() {
    return documents.stream().map(d -> d.str("kind") + "/" + d.str("metadata.name")).toList();
  }

  String text() {
    return text;
  }

  /** Deployment name of a role in the test release. */
  static String roleName(String role) {
    return Chart.RELEASE + "-degenduel-ws-" + role;
  }

  Node deployment(String role) {
    return get("Deployment", roleName(role));
  }

  Node container(String role) {
    return deployment(role).list("spec.template.spec.containers").get(0);
  }

  /** A container's env entries by name (value or valueFrom nodes). */
  static Map<String, Node> env(Node container) {
    List<Node> entries = container.list("env");
    List<String> duplicates =
        entries.stream()
            .map(e -> e.str("name"))
            .collect(Collectors.groupingBy(n -> n, Collectors.counting()))
            .entrySet()
            .stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .toList();
    if (!duplicates.isEmpty()) {
      throw new AssertionError("env names set twice: " + duplicates);
    }
    return entries.stream().collect(Collectors.toMap(e -> e.str("name"), e -> e, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  static String envValue(Node container, String name) {
    Node entry = env(container).get(name);
    Objects.requireNonNull(entry, () -> "no env " + name + " in container " + container.str("name"));
    return entry.str("value");
  }
}
