package com.degenduel.realtime.testkit;

import java.util.List;

/** Hazelcast's module flags for Java 17, as ./degenduel-ws passes them, for tests that start a role as its own JVM. */
public final class HazelcastJvmFlags {
  public static final List<String> ALL = List.of(
      "--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
      "-Dhazelcast.phone.home.enabled=false",
      "-Dhazelcast.logging.type=slf4j");

  private HazelcastJvmFlags() {}
}
