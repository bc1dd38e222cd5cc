# Percentiles of a Prometheus histogram from a scrape of /metrics, per "type" label, as the
# upper bounds of the buckets they fall in. Usage: awk -f histogram.awk -v metric=<name without _bucket>
index($0, metric "_bucket{") == 1 {
  match($0, /type="[^"]+"/); t = substr($0, RSTART + 6, RLENGTH - 7)
  match($0, /le="[^"]+"/); le = substr($0, RSTART + 4, RLENGTH - 5)
  n[t]++; b[t, n[t]] = le; c[t, n[t]] = $NF + 0
}
END {
  for (t in n) {
    tot = c[t, n[t]]; printf "%-18s n=%-8d", t, tot
    split("50 90 99 99.9", ps, " ")
    for (i = 1; i <= 4; i++) {
      r = tot * ps[i] / 100
      for (j = 1; j <= n[t]; j++) if (c[t, j] >= r) { printf "  p%s <= %s", ps[i], (b[t, j] == "+Inf" ? "inf" : sprintf("%.1f", b[t, j] * 1000)); break }
    }
    printf " ms\n"
  }
}
