#!/usr/bin/env bash
# One client load against a plain Node `ws` server (bench/node-ws) and against this system, in one
# run, side by side: latency seen by the bulk load and by probes, messages delivered, server CPU
# per message, connections opened and failed.
#
#   bench/compare.sh [connections] [seconds] [ramp/s]   # default 2000, 60, 1000
#
# For each server in turn, the Node server first, then the services and the gateway as
# bench/run.sh starts them: start it, warm it up (BENCH_WARMUP_SECONDS, default 40, with the same
# plan and up to 2,000 connections), then run two load tests at once against it:
#   the bulk: `loadtest` with [connections], at niceness 10 (BENCH_BULK_NICENESS);
#   the probes: `loadtest --probe true --follow <the bulk's progress log>`, BENCH_PROBES (default
#     10) connections in a JVM of their own at niceness -20 (BENCH_PROBE_NICENESS; the lowest this
#     user may set when that is not allowed, and the summary says so), measuring during the bulk's
#     steady phase. Above the bulk in the scheduler's eyes, their latency is the server's delay
#     rather than the bulk generator's wait for a core.
# The servers run at the script's own niceness. The plan: the market endpoint, one symbol per
# connection, at the contract's rates (BENCH_MIX and BENCH_SYMBOLS replace market=100 and 1; it
# seeds nothing, the Node server has no ingestion API); BENCH_TRADES_PER_SECOND (default 9) sets
# the synthetic trades per symbol and second on both sides, three messages each. Server CPU is read from /proc when the
# bulk logs the start and the end of its steady phase: the Node process; the gateway process, and
# all five server JVMs; and the gateway's socket flushes (dd_gateway_socket_flushes_total).
#
# Results: target/bench/compare-<timestamp>/summary.txt (the table, then collector pauses) and per
# side node/ and gateway/: the bulk's and the probes' reports (bulk/, probe/, bulk.txt, probe.txt,
# *-progress.log), server logs, GC logs, server-cpu.tsv. Ports as bench/run.sh's
# (BENCH_PORT_BASE); the Node server on NODE_WS_PORT (default BENCH_PORT_BASE + 543; the port above
# it must be free). BENCH_LOADTEST_FLAGS (bulk only), BENCH_GATEWAY_FLAGS, BENCH_GC_FLAGS,
# BENCH_SERVER_CPUS and BENCH_LOADTEST_CPUS (bulk and probes) as for bench/run.sh.
# Starts, measures and stops only its own processes (bench/lib.sh); each is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${1:-2000}; S=${2:-60}; RAMP=${3:-1000}
PROBES=${BENCH_PROBES:-10}
MIX=${BENCH_MIX:-market=100}; SYMBOLS=${BENCH_SYMBOLS:-1}
WARMUP=${BENCH_WARMUP_SECONDS:-40}
RUN="$ROOT/target/bench/compare-$(date -u +%Y%m%dT%H%M%SZ)"
OUT=$RUN
# Seconds a process may live: warm-up, a ramp as slow as 50 handshakes a second, settle, steady
# phase, reports, margin.
BOUND=$((WARMUP + N / 50 + S + 300))
# A server that cannot carry the load must not hold up the other side: a side's bulk load test is
# stopped this many seconds after its start (its ramp, the load test's 30 s settle, the steady
# phase, a margin), and the table shows what that side reached.
SIDE_BOUND=$((N / RAMP + 30 + S + 180))
mkdir -p "$RUN"
source bench/lib.sh
bench_build

BULK_NICENESS=${BENCH_BULK_NICENESS:-10}
PROBE_ASKED=${BENCH_PROBE_NICENESS:--20}
LOWEST=$(bench_lowest_niceness)
PROBE_NICENESS=$((PROBE_ASKED < LOWEST ? LOWEST : PROBE_ASKED))
NICE_NOTE="probes at niceness $PROBE_NICENESS, bulk at $BULK_NICENESS, servers at $NICENESS"
if [ "$PROBE_NICENESS" != "$PROBE_ASKED" ]; then
  NICE_NOTE+=" (niceness $PROBE_ASKED is not allowed to $(id -un), $LOWEST is the lowest it may set)"
fi
echo "$NICE_NOTE"

PLAN=(--loopback-addresses 8 --mix "$MIX" --symbols-per-connection "$SYMBOLS" --seed false
      --contests 20 --participants 20 --connections-per-wallet 10)

# The bulk and the probes against one server (target flags as arguments), with the CPU of
# SIDE_PIDS (named SIDE_NAMES) over the bulk's steady phase written to $OUT/server-cpu.tsv.
measure() {
  bench_warmup "$WARMUP" "$@" "${PLAN[@]}" --connections $((N < 2000 ? N : 2000)) --ramp 500
  # shellcheck disable=SC2086
  bench_tool "$BULK_NICENESS" 6g bulk loadtest "$@" "${PLAN[@]}" --connections "$N" --duration "$S" --ramp "$RAMP" \
    --report-dir "$OUT/bulk" ${BENCH_LOADTEST_FLAGS:-} >"$OUT/bulk.txt" 2>"$OUT/bulk-progress.log"
  local bulk=$LAST_PID
  (sleep "$SIDE_BOUND"; kill "$bulk") >/dev/null 2>&1 &
  local side_timer=$!
  bench_tool "$PROBE_NICENESS" 512m probe loadtest "$@" "${PLAN[@]}" --connections "$PROBES" --duration "$S" --ramp 100 \
    --probe true --follow "$OUT/bulk-progress.log" --report-dir "$OUT/probe" >"$OUT/probe.txt" 2>"$OUT/probe-progress.log"
  local probe=$LAST_PID
  local -a before=() after=()
  local flushes0="" flushes1=""
  local t0="" t1="" i
  if bench_await_line "$OUT/bulk-progress.log" "steady phase from" "$bulk"; then
    t0=$(date +%s.%N)
    for i in "${!SIDE_PIDS[@]}"; do before[i]=$(bench_cpu_seconds "${SIDE_PIDS[i]}" 2>/dev/null || true); done
    [ -z "${SIDE_METRICS:-}" ] || flushes0=$(socket_flushes || true)
    if bench_await_line "$OUT/bulk-progress.log" "steady phase to" "$bulk"; then
      t1=$(date +%s.%N)
      [ -z "${SIDE_METRICS:-}" ] || flushes1=$(socket_flushes || true)
      for i in "${!SIDE_PIDS[@]}"; do
        after[i]=$(bench_cpu_seconds "${SIDE_PIDS[i]}" 2>/dev/null || true)
        # A server process that has gone leaves no reading, and the side no CPU figure.
        [ -n "${before[i]}" ] && [ -n "${after[i]}" ] || t1=""
      done
    fi
  fi
  wait "$bulk" || true
  pkill -P "$side_timer" 2>/dev/null || true
  kill "$side_timer" 2>/dev/null || true
  wait "$side_timer" 2>/dev/null || true
  # The probes end their steady phase within a second of the bulk's; probes still waiting for a
  # steady phase that never came are stopped.
  for _ in $(seq 1 30); do kill -0 "$probe" 2>/dev/null || break; sleep 1; done
  kill "$probe" 2>/dev/null || true
  wait "$probe" 2>/dev/null || true
  if [ -n "$t1" ]; then
    printf 'process\tcpu_seconds\twindow_seconds\n' >"$OUT/server-cpu.tsv"
    for i in "${!SIDE_PIDS[@]}"; do
      awk -v n="${SIDE_NAMES[i]}" -v c0="${before[i]}" -v c1="${after[i]}" -v t0="$t0" -v t1="$t1" \
        'BEGIN { printf "%s\t%.2f\t%.3f\n", n, c1 - c0, t1 - t0 }' >>"$OUT/server-cpu.tsv"
    done
    if [ -n "$flushes0" ] && [ -n "$flushes1" ]; then
      awk -v f0="$flushes0" -v f1="$flushes1" -v t0="$t0" -v t1="$t1" \
        'BEGIN { printf "socket_flushes\twindow_seconds\n%d\t%.3f\n", f1 - f0, t1 - t0 }' >"$OUT/socket-flushes.tsv"
    fi
  else
    echo "the bulk load test reached no (whole) steady phase within ${SIDE_BOUND}s, or a server process ended: see $OUT/bulk-progress.log" >&2
  fi
  bench_gc_pauses "$(awk '/^steady phase from/ { print $4 }' "$OUT/bulk-progress.log")" \
    "$(awk '/^steady phase to/ { print $4 }' "$OUT/bulk-progress.log")" >"$OUT/gc-pauses.txt"
}

# The gateway's socket flushes so far (dd_gateway_socket_flushes_total, every endpoint): each seals
# a TLS record or more and makes a system call, so flushes per message tell how well its writes
# are batched. The Node server has no such count.
socket_flushes() {
  curl -sf "$SIDE_METRICS" | awk '/^dd_gateway_socket_flushes_total/ { s += $NF } END { printf "%d\n", s }'
}

OUT="$RUN/node"; mkdir -p "$OUT"
echo "Node ws server (results in $OUT)"
bench_start_node "${NODE_WS_PORT:-$((BASE + 543))}"
SIDE_NAMES=(node); SIDE_PIDS=("$NODE_PID"); SIDE_METRICS=""
measure "${NODE_TARGET[@]}"
bench_stop_all

OUT="$RUN/gateway"; mkdir -p "$OUT"
echo "gateway and services (results in $OUT)"
bench_start_system
SIDE_NAMES=("${SERVER_NAMES[@]}"); SIDE_PIDS=("${SERVER_PIDS[@]}"); SIDE_METRICS="http://127.0.0.1:$((BASE + 20))/metrics"
measure "${GATEWAY_TARGET[@]}"
bench_stop_all

OUT=$RUN
{
  echo "bench/compare.sh $N $S $RAMP: $N connections (mix $MIX, $SYMBOLS symbol(s) per market connection, $TRADES_PER_SECOND trades/s per symbol), ${S} s steady, ramp $RAMP/s"
  echo "$PROBES probes; $NICE_NOTE; $(nproc) cores; node $(node --version), ws $(node -p "require('./bench/node-ws/node_modules/ws/package.json').version"), $(java -version 2>&1 | head -1)"
  echo
  node bench/compare-table.js "$RUN"
  for side in node gateway; do
    echo; echo "$side side:"; cat "$RUN/$side/gc-pauses.txt"
  done
} | tee "$RUN/summary.txt"
echo "results: $RUN"
