package com.degenduel.realtime.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The progress log of another load-test run, which a probe measures beside: the run writes a
 * line when its steady phase starts and one when it ends, each with the time in epoch milliseconds
 * (the scripts under bench/ read the same lines to line the phase up with CPU readings and GC logs).
 */
record FollowedRun(Path progressLog) {
  static final String STEADY_FROM = "steady phase from ";
  static final String STEADY_TO = "steady phase to ";

  /** When the followed run's steady phase started, in epoch milliseconds; empty until it has. */
  OptionalLong steadyFrom() throws IOException {
    return epochMillisAfter(STEADY_FROM);
  }

  boolean steadyEnded() throws IOException {
    return epochMillisAfter(STEADY_TO).isPresent();
  }

  private OptionalLong epochMillisAfter(String prefix) throws IOException {
    String text;
    try {
      text = Files.readString(progressLog);
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
    // Only whole lines: the run may be writing the last one.
    for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
      if (line.startsWith(prefix)) {
        String millis = line.substring(prefix.length()).trim();
        if (!millis.isEmpty() && millis.chars().allMatch(Character::isDigit)) {
          return OptionalLong.of(Long.parseLong(millis));
        }
      }
    }
    return OptionalLong.empty();
  }
}
