#!/usr/bin/env bash
# Runs one benchmark scenario of BENCHMARKS.md on this machine: the gateway and the services in
# separate clustered processes on loopback, then the load-test tool against the gateway.
# Starts, measures and stops only its own processes; every run is bounded in time.
#
#   bench/run.sh seed-rates [connections] [seconds] [ramp/s]  # the seed's rates, mixed endpoints (default 10000, 60, 1000)
#   bench/run.sh idle [connections] [seconds]         # idle connections, memory per connection (default 18000, 60)
#   bench/run.sh saturation [connections] [symbols]   # market fan-out at saturation (default 2000, 10)
#   bench/run.sh ingest [facts] [watched] [unwatched] # fact ingestion end to end: batch API to WSS clients, facts/s, CPU per
#                                                     # fact, then CPU at rest with nobody watching (default 100000, 1000, 0)
#
# BENCH_PORTFOLIO_REPLICAS=2 starts a second portfolio replica: the two share the wallet streams by
# partition, and ingest counts the CPU of both.
# BENCH_GATEWAY_FLAGS and BENCH_LOADTEST_FLAGS add flags to the gateway and to the load test, for
# comparisons within one session (e.g. BENCH_GATEWAY_FLAGS="--tls-engine jdk --transport nio").
# BENCH_SERVER_CPUS and BENCH_LOADTEST_CPUS pin the gateway and services, and the load generator,
# to CPU lists (taskset -c, e.g. 0-1 and 2-3), so that on a machine with more cores the server side
# is measured on cores of its own; each JVM then sizes its thread pools to its list.
# BENCH_MARKET_SOURCE picks the market's source: binance (default), the simulator's Binance-shaped
# WebSocket trade stream as a deployment reads an exchange's, or synthetic (in the market's process);
# BENCH_SOURCE_NICENESS runs the simulator and the market at a niceness of their own (bench/lib.sh).
# Before the measured load, 2,000 connections warm the JVMs up for BENCH_WARMUP_SECONDS (default
# 40; 0 skips it). For ingest, BENCH_INGEST_WARMUP_FACTS (default 0) facts are posted to the watched
# wallets first, so that the services' ingestion code is compiled before it is measured: otherwise
# the JIT compiler's work counts as CPU per fact, and goes on into the reading at rest.
# What the scripts of bench/ share is in bench/lib.sh.
#
# Results land in target/bench/<scenario>-<timestamp>/ (loadtest.txt/json/html, gateway memory).
# Every port is BENCH_PORT_BASE (default 37000) plus an offset, so that two checkouts can run
# scenarios on one machine at the same time without joining each other's cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCENARIO=${1:?usage: bench/run.sh seed-rates|idle|saturation|ingest [...]}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/target/bench/$SCENARIO-$STAMP"
mkdir -p "$OUT"

source bench/lib.sh
bench_build
bench_start_system
LOAD=("${GATEWAY_TARGET[@]}" --loopback-addresses 8)
bench_warmup "${BENCH_WARMUP_SECONDS:-40}" "${LOAD[@]}" --connections 2000 --ramp 500 --mix market=60,portfolio=40 --seed false
LOAD+=(--report-dir "$OUT")

case "$SCENARIO" in
  seed-rates)
    N=${2:-10000}; S=${3:-60}; RAMP=${4:-1000}
    LOAD+=(--connections "$N" --duration "$S" --ramp "$RAMP" --mix market=40,portfolio=40,contest=20 --contests 20 --participants 20 --connections-per-wallet 10) ;;
  idle)
    N=${2:-18000}; S=${3:-60}
    LOAD+=(--connections "$N" --duration "$S" --ramp 1000 --mix portfolio=100 --seed false) ;;
  saturation)
    N=${2:-2000}; SYMBOLS=${3:-10}
    LOAD+=(--connections "$N" --duration 60 --ramp 1000 --mix market=100 --symbols-per-connection "$SYMBOLS" --seed false) ;;
  ingest)
    FACTS=${2:-100000}; WATCHED=${3:-1000}; UNWATCHED=${4:-0} ;;
  *) echo "unknown scenario $SCENARIO" >&2; exit 2 ;;
esac

if [ "$SCENARIO" = ingest ]; then
  # The posting is measured (the portfolio service's and the gateway's CPU from the line before
  # the first fact to the one after the last TRADE_EXECUTED arrived), then 20 s at rest once the
  # clients have gone, when nobody watches any wallet. The CPU of the load generator is not counted.
  INGEST_WARMUP=${BENCH_INGEST_WARMUP_FACTS:-0}
  # A reading (bench_cpu_seconds or bench_jit_seconds) summed over the portfolio replicas.
  portfolio_seconds() {
    local p sum=0
    for p in "${PORTFOLIO_PIDS[@]}"; do sum=$(awk -v a="$sum" -v b="$("$1" "$p")" 'BEGIN { print a + b }'); done
    echo "$sum"
  }
  if [ "$INGEST_WARMUP" -gt 0 ]; then
    echo "posting $INGEST_WARMUP facts to the watched wallets first (results in $OUT/ingest-warmup.txt)"
    bench_tool "$NICENESS" 2g - ingestbench --port "$GATEWAY_PORT" \
      --portfolio-ingest "http://127.0.0.1:$((BASE + 91))" --dev-tls-dir "$ROOT/target/dev-tls" \
      --facts "$INGEST_WARMUP" --watched "$WATCHED" --unwatched 0 >"$OUT/ingest-warmup.txt" 2>&1
    wait "$LAST_PID" || true
    sleep 10
  fi
  # shellcheck disable=SC2086
  bench_tool "$NICENESS" 2g - ingestbench --port "$GATEWAY_PORT" \
    --portfolio-ingest "http://127.0.0.1:$((BASE + 91))" --dev-tls-dir "$ROOT/target/dev-tls" \
    --facts "$FACTS" --watched "$WATCHED" --unwatched "$UNWATCHED" ${BENCH_LOADTEST_FLAGS:-} \
    >"$OUT/summary.txt" 2>"$OUT/ingestbench-progress.log"
  BENCH=$LAST_PID
  while ! grep -q '^posting' "$OUT/ingestbench-progress.log" 2>/dev/null && kill -0 "$BENCH" 2>/dev/null; do sleep 0.1; done
  P0=$(portfolio_seconds bench_cpu_seconds); G0=$(bench_cpu_seconds "$GATEWAY_PID"); T0=$(date +%s.%N)
  PJ0=$(portfolio_seconds bench_jit_seconds)
  while ! grep -q '^delivered' "$OUT/ingestbench-progress.log" && kill -0 "$BENCH" 2>/dev/null; do sleep 0.1; done
  P1=$(portfolio_seconds bench_cpu_seconds); G1=$(bench_cpu_seconds "$GATEWAY_PID"); T1=$(date +%s.%N)
  PJ1=$(portfolio_seconds bench_jit_seconds)
  curl -s "http://127.0.0.1:$((BASE + 12))/metrics" >"$OUT/portfolio-metrics.txt" || true
  curl -s "http://127.0.0.1:$((BASE + 20))/metrics" >"$OUT/gateway-metrics.txt" || true
  wait "$BENCH" || true
  # The JIT compiler keeps working for a while after the burst (most of the CPU 5 s after it): the
  # rest is measured once it has settled.
  sleep 30
  P2=$(portfolio_seconds bench_cpu_seconds); PJ2=$(portfolio_seconds bench_jit_seconds); T2=$(date +%s.%N)
  sleep 20
  P3=$(portfolio_seconds bench_cpu_seconds); PJ3=$(portfolio_seconds bench_jit_seconds); T3=$(date +%s.%N)
  # The wallet records (state, fact ids, event history) are what stays: heap used after a full GC.
  HEAP_KB=0
  for p in "${PORTFOLIO_PIDS[@]}"; do
    jcmd "$p" GC.run >/dev/null; sleep 2
    HEAP_KB=$((HEAP_KB + $(jcmd "$p" GC.heap_info | awk '/heap/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); gsub(/[^0-9]/, "", v); print v; exit } }')))
  done
  per_fact() { awk -v c="$2" -v c0="$1" -v n="$FACTS" 'BEGIN { printf "%.0f us", 1e6 * (c - c0) / n }'; }
  share() { awk -v c="$2" -v c0="$1" -v t="$4" -v t0="$3" 'BEGIN { printf "%.1f s in %.1f s (%.1f %% of one core)", c - c0, t - t0, 100 * (c - c0) / (t - t0) }'; }
  { cat "$OUT/summary.txt"
    echo "portfolio replicas: ${#PORTFOLIO_PIDS[@]}"
    echo "portfolio service CPU while posting and delivering: $(share "$P0" "$P1" "$T0" "$T1"), $(per_fact "$P0" "$P1") per fact" \
      "(JIT compiler threads: $(per_fact "$PJ0" "$PJ1") of it)"
    echo "gateway CPU while posting and delivering: $(share "$G0" "$G1" "$T0" "$T1"), $(per_fact "$G0" "$G1") per fact"
    echo "portfolio service CPU at rest with $((WATCHED + UNWATCHED)) wallets, none watched: $(share "$P2" "$P3" "$T2" "$T3")" \
      "(JIT compiler threads: $(share "$PJ2" "$PJ3" "$T2" "$T3" | sed 's/.*(//; s/)//'))"
    echo "portfolio service heap used after a full GC: $((HEAP_KB / 1024)) MB"
  } | tee "$OUT/ingest.txt"
  echo "results: $OUT"
  exit 0
fi

# Heap used after a full GC, Netty's direct memory ("Other" in native memory tracking) and resident
# memory of the gateway, in KB.
memory() {
  jcmd "$1" GC.run >/dev/null; sleep 2
  local heap direct rss
  heap=$(jcmd "$1" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); gsub(/[^0-9]/, "", v); print v } }')
  direct=$(jcmd "$1" VM.native_memory summary | awk '/- +Other \(reserved/ { match($0, /committed=[0-9]+/); print substr($0, RSTART + 10, RLENGTH - 10) }')
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$1/status")
  echo "$heap ${direct:-0} $rss"
}
if [ "$SCENARIO" = idle ]; then
  read -r BASE_HEAP BASE_DIRECT BASE_RSS < <(memory "$GATEWAY_PID")
fi

# shellcheck disable=SC2086
bench_tool "$NICENESS" 6g loadtest loadtest "${LOAD[@]}" ${BENCH_LOADTEST_FLAGS:-} >"$OUT/summary.txt" 2>"$OUT/loadtest-progress.log"
LOADTEST=$LAST_PID
# Where the machine's CPU goes: every process's share of one core, every 5 s, while the load runs.
cpu_sampler() {
  local hz names=("${SERVER_NAMES[@]}" loadtest) pids=("${SERVER_PIDS[@]}" "$LOADTEST")
  hz=$(getconf CLK_TCK)
  printf '%s\t' seconds "${names[@]}" >"$OUT/cpu.tsv"; echo >>"$OUT/cpu.tsv"
  local -a before; local t=0
  for i in "${!pids[@]}"; do before[i]=$(awk '{print $14 + $15}' "/proc/${pids[i]}/stat" 2>/dev/null || echo 0); done
  while kill -0 "$LOADTEST" 2>/dev/null; do
    sleep 5; t=$((t + 5)); printf '%d' "$t" >>"$OUT/cpu.tsv"
    for i in "${!pids[@]}"; do
      now=$(awk '{print $14 + $15}' "/proc/${pids[i]}/stat" 2>/dev/null || echo "${before[i]}")
      printf '\t%d%%' $(( (now - before[i]) * 100 / hz / 5 )) >>"$OUT/cpu.tsv"; before[i]=$now
    done
    echo >>"$OUT/cpu.tsv"
  done
}
sleep 2; cpu_sampler &
if [ "$SCENARIO" = idle ]; then
  # Memory is read while the connections are open and idle, and compared with the same reading
  # before the first connection: what the connections cost, without the process's own baseline
  # (Vert.x, Hazelcast, classes). Resident memory also counts what neither the heap nor Netty's
  # direct buffers hold (BoringSSL's per-connection state, socket structures in the JVM).
  open_now() { curl -s "http://127.0.0.1:$((BASE + 20))/metrics" | awk '/^dd_gateway_connections\{/ { s += $2 } END { printf "%d", s }'; }
  for _ in $(seq 1 600); do [ "$(open_now)" -ge "$N" ] && break; kill -0 "$LOADTEST" 2>/dev/null || break; sleep 1; done
  sleep $(( ${3:-60} / 3 ))
  read -r HEAP DIRECT RSS < <(memory "$GATEWAY_PID")
  OPEN=$(open_now)
  {
    echo "connections open at the reading: ${OPEN:-unknown} (planned $N)"
    echo "                 baseline KB    loaded KB    per connection (bytes)"
    for row in "heap $BASE_HEAP $HEAP" "direct $BASE_DIRECT $DIRECT" "resident $BASE_RSS $RSS"; do
      set -- $row
      awk -v n="${OPEN:-$N}" -v name="$1" -v b="$2" -v l="$3" 'BEGIN { printf "%-16s %11d %12d %12.0f\n", name, b, l, (l - b) * 1024 / n }'
    done
    awk -v n="${OPEN:-$N}" -v bh="$BASE_HEAP" -v h="$HEAP" -v bd="$BASE_DIRECT" -v d="$DIRECT" \
      'BEGIN { printf "heap + direct per connection: %.0f bytes\n", ((h - bh) + (d - bd)) * 1024 / n }'
    echo; jcmd "$GATEWAY_PID" GC.heap_info; jcmd "$GATEWAY_PID" VM.native_memory summary
    echo; echo "largest classes on the heap:"; jcmd "$GATEWAY_PID" GC.class_histogram | head -60
  } >"$OUT/gateway-memory.txt" 2>&1
  head -6 "$OUT/gateway-memory.txt"
fi
wait "$LOADTEST" || true
cat "$OUT/summary.txt"
FROM=$(awk '/^steady phase from/ { print $4 }' "$OUT/loadtest-progress.log" 2>/dev/null)
TO=$(awk '/^steady phase to/ { print $4 }' "$OUT/loadtest-progress.log" 2>/dev/null)
bench_gc_pauses "$FROM" "$TO" | tee "$OUT/gc-pauses.txt"
echo "results: $OUT"
