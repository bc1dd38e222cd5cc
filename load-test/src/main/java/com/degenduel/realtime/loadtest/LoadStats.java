package com.degenduel.realtime.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Everything the connections observe, safe to record from any event loop. */
final class LoadStats {
  /** Latencies are recorded in microseconds, up to a minute. */
  private static final long MAX_MICROS = 60_000_000L;

  /** Latency is recorded only in the steady phase, after every connection has its snapshot. */
  volatile boolean measuring;

  final LongAdder opened = new LongAdder();
  final LongAdder open = new LongAdder();
  final LongAdder messages = new LongAdder();
  final LongAdder gaps = new LongAdder();
  final LongAdder eventGaps = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
  final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
  final Map<String, LongAdder> gapsByType = new ConcurrentHashMap<>();
  final Map<String, LongAdder> duplicatesByType = new ConcurrentHashMap<>();
  private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();
  private final Map<String, Histogram> totals = new TreeMap<>();
  private final Recorder all = new Recorder(MAX_MICROS, 3);
  private final Histogram allTotal = new Histogram(MAX_MICROS, 3);

  void count(Map<String, LongAdder> counters, String key) {
    counters.computeIfAbsent(key == null ? "unknown" : key, k -> new LongAdder()).increment();
  }

  void latency(String type, long micros) {
    if (!measuring) {
      return;
    }
    long bounded = Math.max(0, Math.min(MAX_MICROS, micros));
    recorders.computeIfAbsent(type, t -> new Recorder(MAX_MICROS, 3)).recordValue(bounded);
    all.recordValue(bounded);
  }

  /** Moves what was recorded since the last call into the run totals; returns the interval's histogram. */
  synchronized Histogram harvest() {
    recorders.forEach(
        (type, recorder) -> totals.computeIfAbsent(type, t -> new Histogram(MAX_MICROS, 3)).add(recorder.getIntervalHistogram()));
    Histogram interval = all.getIntervalHistogram();
    allTotal.add(interval);
    return interval;
  }

  synchronized Map<String, Histogram> totalsByType() {
    return new TreeMap<>(totals);
  }

  synchronized Histogram total() {
    return allTotal.copy();
  }

  static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
