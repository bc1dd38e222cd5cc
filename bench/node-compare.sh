#!/usr/bin/env bash
# Baseline for BENCHMARKS.md: a plain single-process Node `ws` server (bench/node-ws/server.js)
# serving the same WebSocket contract at the same rates, measured by the same load-test tool with
# the same plan as `bench/run.sh seed-rates`. Run it in the same session as bench/run.sh to compare.
#
#   bench/node-compare.sh [connections] [seconds] [ramp/s]   # default 10000, 60, 1000 (as seed-rates)
#
# NODE_WS_PORT (38443) picks the port (the port above it must be free too: the tool's metrics URL
# points there so that it finds nothing); BENCH_LOADTEST_FLAGS adds flags to the load test;
# BENCH_MIX replaces the endpoint mix (market=40,portfolio=40,contest=20).
# The load tool trusts the fresh self-signed EC P-256 certificate made here for the Node server
# (--dev-tls-dir points at a directory holding it as dev-gateway.pem). There is no Prometheus
# endpoint, so the tool's "gateway cpu/heap" read "-"; its rss is the Node process's (--gateway-pid).
# The Node process's CPU and RSS are sampled every second into node-resources.tsv.
#
# Results land in target/bench/node-ws-<timestamp>/ (summary.txt, loadtest.txt/json/html, node.log,
# node-resources.tsv). Starts, measures and stops only its own processes (bench/lib.sh); every one
# is bounded in time. bench/compare.sh runs one plan against this server and the gateway in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${1:-10000}; S=${2:-60}; RAMP=${3:-1000}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/target/bench/node-ws-$STAMP"
BOUND=$((S + N / RAMP + 180))   # seconds: ramp, 30 s settle, steady phase, report, margin
mkdir -p "$OUT"
source bench/lib.sh

bench_build
bench_start_node "${NODE_WS_PORT:-38443}"

# Every second: CPU over that second (from /proc, % of one core and of the machine), resident memory (ps).
TICK=$(getconf CLK_TCK); CORES=$(nproc)
(
  echo -e "time\tcpu_pct_one_core\tcpu_pct_machine\trss_kb\tps_cpu_pct_lifetime"
  prev=$(awk '{ print $14 + $15 }' "/proc/$NODE_PID/stat")
  while sleep 1; do
    [ -r "/proc/$NODE_PID/stat" ] || break
    now=$(awk '{ print $14 + $15 }' "/proc/$NODE_PID/stat" 2>/dev/null) || break
    read -r rss pcpu < <(ps -o rss=,%cpu= -p "$NODE_PID") || break
    awk -v t="$(date -u +%H:%M:%S)" -v d=$((now - prev)) -v hz="$TICK" -v c="$CORES" -v r="$rss" -v p="$pcpu" \
      'BEGIN { printf "%s\t%.0f\t%.0f\t%d\t%s\n", t, 100 * d / hz, 100 * d / hz / c, r, p }'
    prev=$now
  done
) >"$OUT/node-resources.tsv" &
SAMPLER_PID=$!
trap 'kill "$SAMPLER_PID" 2>/dev/null || true; bench_stop_all' EXIT

LOAD=("${NODE_TARGET[@]}" --loopback-addresses 8 --report-dir "$OUT" --seed false
      --connections "$N" --duration "$S" --ramp "$RAMP" --mix "${BENCH_MIX:-market=40,portfolio=40,contest=20}"
      --contests 20 --participants 20 --connections-per-wallet 10)
STATUS=0
# shellcheck disable=SC2086
bench_tool "$NICENESS" 6g - loadtest "${LOAD[@]}" ${BENCH_LOADTEST_FLAGS:-} >"$OUT/summary.txt" 2>"$OUT/loadtest-progress.log"
wait "$LAST_PID" || STATUS=$?
cat "$OUT/summary.txt"

# The Node process over the steady phase (the last S samples) and over the whole run.
awk -F'\t' -v s="$S" 'NR > 1 { n++; cpu[n] = $2; rss[n] = $4 }
  END {
    if (n == 0) { print "  node: no samples"; exit }
    from = n > s ? n - s + 1 : 1
    for (i = from; i <= n; i++) { sum += cpu[i]; if (cpu[i] > peak) peak = cpu[i]; m++ }
    for (i = 1; i <= n; i++) if (rss[i] > rpeak) rpeak = rss[i]
    printf "  node process: cpu over the last %d s of the run mean %.0f%%, peak %.0f%% of one core (one process: at most 100%%); rss peak %.0f MiB, at the end %.0f MiB\n",
      m, sum / m, peak, rpeak / 1024, rss[n] / 1024
  }' "$OUT/node-resources.tsv" | tee -a "$OUT/summary.txt"
echo "  node $(node --version), ws $(node -p "require('./bench/node-ws/node_modules/ws/package.json').version")" | tee -a "$OUT/summary.txt"
echo "results: $OUT"
exit "$STATUS"
