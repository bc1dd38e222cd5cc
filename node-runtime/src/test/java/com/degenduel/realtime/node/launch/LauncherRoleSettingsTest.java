package com.degenduel.realtime.node.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.node.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The settings each role's help lists are the ones its code reads. What a role reads is found in
 * the sources: starting from the role's class, every class whose name a reached source mentions
 * (in the role's module or in node-runtime) is reached too, as are the providers of a reached
 * service interface; the settings are the {@code Setting.X} the reached sources name.
 */
class LauncherRoleSettingsTest {
  // Surefire runs in the module directory; the role modules sit beside it.
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\b");
  private static final Pattern SETTING = Pattern.compile("\\bSetting\\.([A-Z][A-Z0-9_]*)\\b");

  @ParameterizedTest
  @EnumSource(RoleSettings.class)
  void aRoleListsExactlyTheSettingsItsCodeReads(RoleSettings role) {
    Sources sources = Sources.of(ROOT.resolve(role.command() + "-verticle"), ROOT.resolve("node-runtime"));
    String roleClass = Character.toUpperCase(role.command().charAt(0)) + role.command().substring(1) + "Role";
    assertThat(sources.has(roleClass)).as("%s's sources", roleClass).isTrue();

    Set<Setting> read = sources.settingsReachedFrom(roleClass);
    read.removeAll(RoleSettings.EVERY_PROCESS);

    assertThat(role.own()).as("settings %s reads besides those of every process", role.command()).containsExactlyInAnyOrderElementsOf(read);
  }

  @Test
  void everyProcessReadsTheSettingsOfItsClusterMemberManagementListenerAndLogs() {
    Sources sources = Sources.of(ROOT.resolve("node-runtime"));

    Set<Setting> read = EnumSet.noneOf(Setting.class);
    for (String startedForEveryRole : List.of("ClusterNode", "ManagementServer", "LogSetup")) {
      read.addAll(sources.settingsReachedFrom(startedForEveryRole));
    }

    assertThat(RoleSettings.EVERY_PROCESS).containsExactlyInAnyOrderElementsOf(read);
  }

  @Test
  void everySettingIsReadBySomeRole() {
    Set<Setting> listed = EnumSet.copyOf(RoleSettings.EVERY_PROCESS);
    Arrays.stream(RoleSettings.values()).forEach(r -> listed.addAll(r.own()));

    assertThat(listed).containsExactlyInAnyOrder(Setting.values());
  }

  /** The main sources of some modules: class files by simple name, and service providers by interface. */
  private record Sources(Map<String, List<Path>> classes, Map<String, Set<String>> providers) {
    static Sources of(Path... modules) {
      Map<String, List<Path>> classes = new HashMap<>();
      Map<String, Set<String>> providers = new HashMap<>();
      for (Path module : modules) {
        for (Path file : files(module.resolve("src/main/java"))) {
          String name = file.getFileName().toString();
          if (name.endsWith(".java")) {
            classes.computeIfAbsent(name.substring(0, name.length() - 5), n -> new ArrayList<>()).add(file);
          }
        }
        for (Path service : files(module.resolve("src/main/resources/META-INF/services"))) {
          Set<String> implementations = providers.computeIfAbsent(simpleName(service.getFileName().toString()), n -> new HashSet<>());
          read(service).lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(Sources::simpleName).forEach(implementations::add);
        }
      }
      return new Sources(classes, providers);
    }

    boolean has(String className) {
      return classes.containsKey(className);
    }

    Set<Setting> settingsReachedFrom(String start) {
      Set<String> reached = new HashSet<>(List.of(start));
      Deque<String> next = new ArrayDeque<>(reached);
      Set<Setting> settings = EnumSet.noneOf(Setting.class);
      while (!next.isEmpty()) {
        String name = next.pop();
        Set<String> mentioned = new HashSet<>(providers.getOrDefault(name, Set.of()));
        for (Path file : classes.getOrDefault(name, List.of())) {
          String source = read(file);
          Matcher setting = SETTING.matcher(source);
          while (setting.find()) {
            settings.add(Setting.valueOf(setting.group(1)));
          }
          Matcher className = CLASS_NAME.matcher(source);
          while (className.find()) {
            mentioned.add(className.group());
          }
        }
        mentioned.stream().filter(n -> classes.containsKey(n) && reached.add(n)).forEach(next::add);
      }
      return settings;
    }

    private static String simpleName(String qualified) {
      return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static List<Path> files(Path dir) {
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        return walk.filter(Files::isRegularFile).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
