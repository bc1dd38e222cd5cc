package com.degenduel.realtime.node.launch;

import java.util.List;

/**
 * A tool the launcher runs in the foreground rather than a role it deploys, such as the load test.
 * Provided through {@link java.util.ServiceLoader} by the module that owns it.
 */
public interface LauncherCommand {
  String name();

  /** Runs to completion; the return value is the process exit code. */
  int run(List<String> args);
}
