package com.degenduel.realtime.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on loopback, for tests that must not collide with each other. They are chosen below
 * the kernel's ephemeral range (32768 and up on Linux): a port the kernel handed out for a moment
 * can be taken by any outgoing connection (Hazelcast members open many) before the test binds it.
 * No port is handed out twice in one JVM.
 */
public final class FreePorts {
  private static final int LOW = 20_000;
  private static final int HIGH = 32_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  public static int next() {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (HANDED_OUT.contains(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException taken) {
        // in use: try another
      }
    }
    throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
  }

  /** The first of {@code length} consecutive free ports, all handed out together. */
  public static int nextRun(int length) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(LOW, HIGH - length);
      if (allFree(first, length)) {
        return first;
      }
    }
    throw new IllegalStateException("no " + length + " consecutive free ports between " + LOW + " and " + HIGH);
  }

  private static synchronized boolean allFree(int first, int length) {
    for (int port = first; port < first + length; port++) {
      if (HANDED_OUT.contains(port)) {
        return false;
      }
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        // free
      } catch (IOException taken) {
        return false;
      }
    }
    for (int port = first; port < first + length; port++) {
      HANDED_OUT.add(port);
    }
    return true;
  }
}
