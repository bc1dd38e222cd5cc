package com.degenduel.realtime.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A probe reads the bulk run's steady phase from its progress log, whole lines only. */
class FollowedRunTest {
  @TempDir Path dir;

  @Test
  void theSteadyPhaseStartsWithItsWholeLineAndEndsWithTheOther() throws Exception {
    Path log = dir.resolve("bulk-progress.log");
    FollowedRun run = new FollowedRun(log);
    assertThat(run.steadyFrom()).as("no log yet").isEmpty();

    Files.writeString(log, "opening 10 connections\n   1s  open 10\nsteady phase from 17330");
    assertThat(run.steadyFrom()).as("a line still being written").isEmpty();

    Files.writeString(log, "opening 10 connections\n   1s  open 10\nsteady phase from 1733000000123\n   2s  open 10\n");
    assertThat(run.steadyFrom()).hasValue(1733000000123L);
    assertThat(run.steadyEnded()).isFalse();

    Files.writeString(log, "steady phase to 1733000060123\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(run.steadyEnded()).isTrue();
  }
}
