# What the scripts in bench/ share; sourced, not run. Ports, JVM flags, the services and the
# gateway as separate clustered processes (bench_start_system), the plain Node `ws` server
# (bench_start_node), the launcher's tools (bench_tool), the warm-up, CPU readings and the table of
# collector pauses.
#
# The sourcing script sets ROOT (the checkout, also the working directory) and OUT (where logs
# go; it may change between starts, each start writes to the OUT of its moment), and BOUND (seconds,
# default 1800) before its first start. Every process started here is killed by its PID when the
# script exits (bench_stop_all, also callable between phases), and by a watchdog BOUND seconds
# after its start even if the script is killed before its cleanup runs.

BASE=${BENCH_PORT_BASE:-37000}
GATEWAY_PORT=$((BASE + 443)); HZ_GATEWAY=$((BASE + 701)); HZ_SERVICES=$((BASE + 702))
MEMBERS="127.0.0.1:$HZ_GATEWAY,127.0.0.1:$HZ_SERVICES"
# Synthetic trades per symbol and second, in the simulator and in the Node server alike: 9, under
# the contract's 10/s cap, unless BENCH_TRADES_PER_SECOND says otherwise (three messages each).
TRADES_PER_SECOND=${BENCH_TRADES_PER_SECOND:-9}
# Where the market service takes its trades: binance (default), the simulator's Binance-shaped
# WebSocket trade stream, the path a deployment takes (MARKET_SOURCE=binance), so what the market
# costs is measured with the socket, the JSON and the other process in it; synthetic, the same
# synthetic market in the market's own process.
MARKET_SOURCE=${BENCH_MARKET_SOURCE:-binance}
# Portfolio replicas (1 or 2): with two, they share the wallet streams by partition, as deployed.
PORTFOLIO_REPLICAS=${BENCH_PORTFOLIO_REPLICAS:-1}
# Development mode: the load test signs its tokens with the development secret.
COMMON=(--dev-mode true --cluster-members "$MEMBERS" --market-poll-interval-ms 10 --sim-ticks-per-second "$TRADES_PER_SECOND"
        --sim-http-port $((BASE + 90)) --portfolio-ingest-port $((BASE + 91)) --contest-ingest-port $((BASE + 92))
        --streams-port $((BASE + 801)) --streams-members 127.0.0.1:$((BASE + 801))
        --gateway-port "$GATEWAY_PORT" --dev-tls-dir "$ROOT/target/dev-tls" --log-level WARN)
JVM=(--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
     --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
     --add-opens java.management/sun.management=ALL-UNNAMED
     --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
     -Dhazelcast.phone.home.enabled=false -Dhazelcast.logging.type=slf4j)
# Garbage collection as the deployment runs it (docker/jvm.options), one GC log per process:
# a collector pause is a delivery delay for every socket of that process.
# BENCH_GC_FLAGS replaces the collector flags, for comparisons in one session.
read -r -a GC <<<"${BENCH_GC_FLAGS:-$(grep -v '^#' docker/jvm.options | tr '\n' ' ')}"
SERVER_PIN=(); [ -n "${BENCH_SERVER_CPUS:-}" ] && SERVER_PIN=(taskset -c "$BENCH_SERVER_CPUS")
LOAD_PIN=(); [ -n "${BENCH_LOADTEST_CPUS:-}" ] && LOAD_PIN=(taskset -c "$BENCH_LOADTEST_CPUS")
CP="$ROOT/target/lib/*"
LAUNCHER=com.degenduel.realtime.node.launch.Launcher
BOUND=${BOUND:-1800}
NICENESS=$(nice)
PIDS=()
WATCHDOGS=()

bench_stop_all() {
  local p w
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ ${#PIDS[@]} -eq 0 ] || sleep 2
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for w in "${WATCHDOGS[@]}"; do pkill -P "$w" 2>/dev/null || true; kill "$w" 2>/dev/null || true; done
  # Reaped here, quietly: the shell would otherwise report each one it killed.
  for p in "${PIDS[@]}" "${WATCHDOGS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=(); WATCHDOGS=()
}
trap bench_stop_all EXIT

bench_spawn() { # command...: in the background (the caller redirects its output); its PID in LAST_PID
  "$@" &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
  (sleep "$BOUND"; kill "$LAST_PID"; sleep 5; kill -9 "$LAST_PID") >/dev/null 2>&1 &
  WATCHDOGS+=($!)
}

bench_build() { ./degenduel-ws token --wallet BuildCheck111111111111111111111111111111111 >/dev/null; }

bench_port_open() { (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

bench_wait_port() { # port seconds
  for _ in $(seq 1 "$2"); do bench_port_open "$1" && return 0; sleep 1; done
  echo "port $1 did not open" >&2; exit 1
}

bench_gc_log() { echo "-Xlog:gc:file=$OUT/$1-gc.log:timemillis,uptime"; }

# CPU time (user and system, every thread) a process has used, in seconds.
bench_cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

# The part of it that a JVM's JIT compiler threads used: a fresh JVM compiles the code a load
# first runs, once, and that is told apart from the load's own cost. A compiler thread that ends
# takes its time with it; on two cores HotSpot keeps its only C1 and C2 threads for good.
bench_jit_seconds() {
  local t
  for t in /proc/"$1"/task/*; do
    case $(cat "$t/comm" 2>/dev/null) in "C1 CompilerThre"* | "C2 CompilerThre"*) sed 's/^.*) //' "$t/stat" 2>/dev/null ;; esac
  done | awk -v hz="$(getconf CLK_TCK)" '{ s += $12 + $13 } END { print s / hz }'
}

# The lowest niceness this user may start a process with, from -20 up to the current one.
bench_lowest_niceness() {
  local n
  for n in $(seq -20 "$NICENESS"); do
    [ "$(nice -n $((n - NICENESS)) nice 2>/dev/null)" = "$n" ] && { echo "$n"; return; }
  done
  echo "$NICENESS"
}

# BENCH_SOURCE_NICENESS, when set, runs the simulator and the market service at that niceness
# (e.g. -20; root only below 0), so that the market's share of the latency is read without its wait
# for a core behind the gateway and the load generator, as on a deployment where it has cores of
# its own. Their CPU is a few per cent of one core, so the others lose little by it.
bench_start_jvm() { # name heap role flags...
  local name=$1 heap=$2 niced=(); shift 2
  if [ -n "${BENCH_SOURCE_NICENESS:-}" ] && { [ "$name" = simulator ] || [ "$name" = market ]; }; then
    niced=(nice -n $((BENCH_SOURCE_NICENESS - NICENESS)))
  fi
  bench_spawn "${niced[@]}" "${SERVER_PIN[@]}" java "${JVM[@]}" "${GC[@]}" "$(bench_gc_log "$name")" -Xmx"$heap" \
    -XX:NativeMemoryTracking=summary -cp "$CP" $LAUNCHER "$@" >"$OUT/$name.log" 2>&1
}

# The simulator, market, portfolio and contest services and the gateway, each its own cluster
# member. Sets GATEWAY_PID, PORTFOLIO_PIDS (one per replica), SERVER_NAMES and SERVER_PIDS (in that order), and
# GATEWAY_TARGET: the load-test flags naming where this system listens.
bench_start_system() {
  bench_start_jvm simulator 512m simulator "${COMMON[@]}" --sim-users 0 --cluster-port "$HZ_SERVICES" --management-port $((BASE + 10))
  local simulator=$LAST_PID
  bench_wait_port $((BASE + 90)) 90
  bench_start_jvm market 512m market "${COMMON[@]}" --cluster-port $((HZ_SERVICES + 1)) --management-port $((BASE + 11)) \
    --streams-port $((BASE + 821)) --streams-members 127.0.0.1:$((BASE + 821)) \
    --market-source "$MARKET_SOURCE" --market-source-url "http://127.0.0.1:$((BASE + 90))"
  local market=$LAST_PID
  local portfolio_streams="127.0.0.1:$((BASE + 801))" names=(portfolio)
  [ "$PORTFOLIO_REPLICAS" -ge 2 ] && portfolio_streams+=",127.0.0.1:$((BASE + 802))"
  bench_start_jvm portfolio 1g portfolio "${COMMON[@]}" --cluster-port $((HZ_SERVICES + 2)) --management-port $((BASE + 12)) \
    --streams-members "$portfolio_streams"
  PORTFOLIO_PIDS=("$LAST_PID")
  if [ "$PORTFOLIO_REPLICAS" -ge 2 ]; then
    bench_start_jvm portfolio-2 1g portfolio "${COMMON[@]}" --cluster-port $((HZ_SERVICES + 4)) --management-port $((BASE + 14)) \
      --streams-port $((BASE + 802)) --streams-members "$portfolio_streams" --portfolio-ingest-port $((BASE + 93))
    PORTFOLIO_PIDS+=("$LAST_PID")
    names+=(portfolio-2)
  fi
  bench_start_jvm contest 512m contest "${COMMON[@]}" --cluster-port $((HZ_SERVICES + 3)) --management-port $((BASE + 13)) \
    --streams-port $((BASE + 811)) --streams-members 127.0.0.1:$((BASE + 811))
  local contest=$LAST_PID
  bench_wait_port $((BASE + 91)) 90; bench_wait_port $((BASE + 92)) 90
  # shellcheck disable=SC2086
  bench_start_jvm gateway 2g gateway "${COMMON[@]}" --cluster-port "$HZ_GATEWAY" --management-port $((BASE + 20)) \
    --handshakes-per-ip-per-minute 10000000 --max-connections-per-wallet 100 ${BENCH_GATEWAY_FLAGS:-}
  GATEWAY_PID=$LAST_PID
  bench_wait_port "$GATEWAY_PORT" 90
  SERVER_NAMES=(simulator market "${names[@]}" contest gateway)
  SERVER_PIDS=("$simulator" "$market" "${PORTFOLIO_PIDS[@]}" "$contest" "$GATEWAY_PID")
  GATEWAY_TARGET=(--gateway-port "$GATEWAY_PORT" --portfolio-ingest-port $((BASE + 91)) --contest-ingest-port $((BASE + 92))
                  --management-port $((BASE + 20)) --market-metrics "http://127.0.0.1:$((BASE + 11))/metrics"
                  --dev-tls-dir "$ROOT/target/dev-tls" --gateway-pid "$GATEWAY_PID")
  sleep 5
}

# The plain Node `ws` server of bench/node-ws on port $1, with a fresh self-signed EC P-256
# certificate (the kind the gateway's development one is) in $OUT/tls, which the load tool
# trusts. There is no Prometheus endpoint: the tool's metrics URL points at the port above, where
# nothing must listen, so its "gateway cpu/heap" read "-"; its rss is the Node process's. Sets
# NODE_PID and NODE_TARGET, the load-test flags naming where it listens.
bench_start_node() {
  local port=$1 p
  [ -d bench/node-ws/node_modules ] || (cd bench/node-ws && npm ci --no-audit --no-fund)
  for p in "$port" $((port + 1)); do
    if bench_port_open "$p"; then echo "port $p is in use; set NODE_WS_PORT" >&2; exit 1; fi
  done
  mkdir -p "$OUT/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$OUT/tls/dev-gateway-key.pem" -out "$OUT/tls/dev-gateway.pem" 2>"$OUT/openssl.log"
  bench_spawn "${SERVER_PIN[@]}" node bench/node-ws/server.js --port "$port" --host 0.0.0.0 \
    --trades-per-second "$TRADES_PER_SECOND" --key "$OUT/tls/dev-gateway-key.pem" --cert "$OUT/tls/dev-gateway.pem" >"$OUT/node.log" 2>&1
  NODE_PID=$LAST_PID
  for _ in $(seq 1 30); do
    bench_port_open "$port" && break
    kill -0 "$NODE_PID" 2>/dev/null || break
    sleep 1
  done
  if ! bench_port_open "$port"; then echo "the Node server did not start:" >&2; cat "$OUT/node.log" >&2; exit 1; fi
  head -1 "$OUT/node.log"
  NODE_TARGET=(--gateway-port "$port" --dev-tls-dir "$OUT/tls" --metrics "http://127.0.0.1:$((port + 1))/metrics"
               --gateway-pid "$NODE_PID")
}

# A command of the launcher (loadtest, ingestbench) in the background at the given niceness, with
# its GC log as $OUT/<gc-log name>-gc.log (none for "-"); the caller redirects its output.
bench_tool() { # niceness heap gc-log-name command flags...
  local niceness=$1 heap=$2 log=$3 gc_log=(); shift 3
  [ "$log" = - ] || gc_log=("$(bench_gc_log "$log")")
  bench_spawn nice -n $((niceness - NICENESS)) "${LOAD_PIN[@]}" java "${GC[@]}" "${gc_log[@]}" -Xmx"$heap" \
    -cp "$CP" $LAUNCHER "$@"
}

# A short load before the measured one, results in $OUT/warmup. On two cores, five fresh JVMs
# spend their first minutes compiling (C2 alone took 20 s of CPU in a gateway's first two
# minutes), which would be measured as the system's handshake rate and latency.
bench_warmup() { # seconds loadtest-flags...
  local seconds=$1; shift
  [ "$seconds" -gt 0 ] || return 0
  echo "warming up for ${seconds}s (results in $OUT/warmup)"
  bench_tool "$NICENESS" 2g - loadtest "$@" --duration "$seconds" --report-dir "$OUT/warmup" >"$OUT/warmup.txt" 2>&1
  wait "$LAST_PID" || true
  sleep 5
}

# Blocks until the load test logging to $1 has written the line starting with $2 ("steady phase
# from", "steady phase to"), or until process $3 has ended; fails in the second case.
bench_await_line() { # progress-log line-start pid
  while ! grep -q "^$2" "$1" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
}

# Collector pauses per process: count, median, p99 and max within a load test's steady phase
# (from and to in epoch ms, as it logs them; the GC logs carry the same clock), and the longest
# of the whole run, warm-up and ramp included.
bench_gc_pauses() { # from-ms to-ms
  echo "GC pauses (ms), steady phase   count   p50     p99     max   | whole run max"
  local log name whole
  for log in "$OUT"/*-gc.log; do
    [ -e "$log" ] || continue
    name=$(basename "$log" -gc.log)
    whole=$(awk '/ Pause .*ms$/ { sub(/ms$/, "", $NF); if ($NF + 0 > m) m = $NF + 0 } END { printf "%.1f", m }' "$log")
    awk -v from="${1:-0}" -v to="${2:-99999999999999}" '/ Pause .*ms$/ {
        if (!match($0, /\[[0-9]+ms\]/)) next; t = substr($0, RSTART + 1, RLENGTH - 4) + 0
        if (t < from || t > to) next; sub(/ms$/, "", $NF); print $NF }' "$log" | sort -n |
      awk -v name="$name" -v whole="$whole" '{ v[NR] = $1 } END {
        if (NR == 0) { printf "%-28s %5d %31s | %7s\n", name, 0, "", whole; exit }
        p99 = int(NR * 0.99); if (p99 < 1) p99 = 1
        printf "%-28s %5d %7.1f %7.1f %7.1f   | %7s\n", name, NR, v[int((NR + 1) / 2)], v[p99], v[NR], whole }'
  done
}
