'use strict';
/*
 * The table of bench/compare.sh: the Node server and the gateway side by side, from what each side
 * of a run left in <run>/<side>/: bulk/loadtest.json, probe/loadtest.json and server-cpu.tsv.
 *
 * Usage: node bench/compare-table.js target/bench/compare-<timestamp>
 *
 * Latency is the load test's headline figure: event timestamp to receipt, every type but those a
 * rate cap holds back (MARKET_VOLUME, PRICE_UPDATED). Messages per second count the bulk's and the
 * probes'. CPU per message is the server's CPU over the bulk's steady phase, as a rate, divided by
 * the rate of messages delivered.
 */
const fs = require('fs');
const path = require('path');

const run = process.argv[2];
if (!run) {
  console.error('usage: node bench/compare-table.js <run directory>');
  process.exit(2);
}

function json(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return null;
  }
}

/** Each process's CPU seconds over the window, and the window's length. */
function cpu(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return null;
  }
  const processes = {};
  let window = 0;
  for (const line of text.trim().split('\n').slice(1)) {
    const [name, seconds, windowSeconds] = line.split('\t');
    processes[name] = Number(seconds);
    window = Number(windowSeconds);
  }
  return window > 0 ? { processes, window } : null;
}

/** Socket flushes per second over the window, where the server counts them. */
function flushes(file) {
  try {
    const [count, windowSeconds] = fs.readFileSync(file, 'utf8').trim().split('\n')[1].split('\t').map(Number);
    return windowSeconds > 0 ? count / windowSeconds : null;
  } catch (e) {
    return null;
  }
}

function side(dir, server) {
  const bulk = json(path.join(run, dir, 'bulk', 'loadtest.json'));
  const probe = json(path.join(run, dir, 'probe', 'loadtest.json'));
  const used = cpu(path.join(run, dir, 'server-cpu.tsv'));
  const perSecond = (bulk ? bulk.delivered_per_second : 0) + (probe ? probe.delivered_per_second : 0);
  const share = (seconds) => (used ? seconds / used.window : null);
  const all = used ? Object.values(used.processes).reduce((a, b) => a + b, 0) : null;
  return {
    bulk,
    probe,
    perSecond,
    serverShare: used ? share(used.processes[server]) : null,
    flushesPerSecond: flushes(path.join(run, dir, 'socket-flushes.tsv')),
    allShare: used ? share(all) : null,
    processes: used ? Object.keys(used.processes).length : 0,
    byProcess: used ? Object.entries(used.processes).map(([n, s]) => `${n} ${Math.round((100 * s) / used.window)}%`).join(', ') : '',
  };
}

const sides = [side('node', 'node'), side('gateway', 'gateway')];
const latency = (r, p) => (r ? r.latency_ms.not_held_by_cap[p] : null);
const own = (r, p) => (r && r.gateway_latency_ms.count > 0 ? r.gateway_latency_ms[p] : null);
const failed = (r) => (r ? Object.values(r.failures).reduce((a, b) => a + b, 0) : null);
const micros = (s, share) => (share !== null && s.perSecond > 0 ? (1e6 * share) / s.perSecond : null);

// label, value of a side, decimals, whether a ratio gateway / Node means something
const rows = [
  ['bulk connections opened', (s) => s.bulk && s.bulk.opened, 0, false],
  ['bulk connections failed', (s) => failed(s.bulk), 0, false],
  ['probe connections opened', (s) => s.probe && s.probe.opened, 0, false],
  ['probe connections failed', (s) => failed(s.probe), 0, false],
  ['delivered msg/s (bulk + probes)', (s) => (s.bulk ? s.perSecond : null), 0, true],
  ['bulk latency p50 (ms)', (s) => latency(s.bulk, 'p50'), 1, true],
  ['bulk latency p99 (ms)', (s) => latency(s.bulk, 'p99'), 1, true],
  ['bulk latency max (ms)', (s) => latency(s.bulk, 'max'), 1, true],
  ['probe latency p50 (ms)', (s) => latency(s.probe, 'p50'), 1, true],
  ['probe latency p99 (ms)', (s) => latency(s.probe, 'p99'), 1, true],
  ['probe latency p99.9 (ms)', (s) => latency(s.probe, 'p99.9'), 1, true],
  ['probe latency max (ms)', (s) => latency(s.probe, 'max'), 1, true],
  ["gateway's own p50 (ms, at most)", (s) => own(s.bulk, 'p50'), 1, false],
  ["gateway's own p99 (ms, at most)", (s) => own(s.bulk, 'p99'), 1, false],
  ['server process CPU (% of one core)', (s) => s.serverShare !== null && 100 * s.serverShare, 0, true],
  ['server process CPU per message (us)', (s) => micros(s, s.serverShare), 2, true],
  ['all server processes CPU (% of one core)', (s) => s.allShare !== null && 100 * s.allShare, 0, true],
  ['all server processes CPU per message (us)', (s) => micros(s, s.allShare), 2, true],
  ['socket flushes per message', (s) => s.flushesPerSecond !== null && s.perSecond > 0 && s.flushesPerSecond / s.perSecond, 3, false],
];

const show = (v, decimals) => (v === null || v === undefined || v === false || Number.isNaN(v) ? '-' : v.toFixed(decimals));
const line = (cells) => cells[0].padEnd(44) + cells.slice(1).map((c) => c.padStart(14)).join('');
const out = [line(['', 'Node ws', 'gateway', 'gateway/Node'])];
for (const [label, value, decimals, ratio] of rows) {
  const [n, g] = sides.map(value);
  const both = typeof n === 'number' && typeof g === 'number' && n > 0;
  out.push(line([label, show(n, decimals), show(g, decimals), ratio && both ? (g / n).toFixed(2) : '']));
}
out.push('');
out.push(`server processes: Node ${sides[0].processes || '-'} (the node process); gateway side ${sides[1].processes || '-'} (${sides[1].byProcess || 'no reading'})`);
out.push("latency: event timestamp to receipt, all types but MARKET_VOLUME and PRICE_UPDATED (held back by rate caps); gateway's own: its histogram's bucket bounds, event time to frame flushed");
console.log(out.join('\n'));
