#!/usr/bin/env bash
# Soak run: builds the release helpdesk, starts `helpdesk serve` on a temporary transcripts dir
# (--rate 0, --max-connections 20000, `ulimit -n` raised), drives it with `helpdesk bench`
# (1000 active connections, 5000 idle ones, Benchmarks/messages.txt) for MINUTES, samples the
# server's VmRSS, open fds and threads every 10 s into a CSV, and reports errors, requests/s and
# RSS/fd at start, after warm-up, middle and end. Exit 1 when the bench saw error
# replies or lost connections, or when RSS or the fd count at the end is not within 10% of the value after
# warm-up (the first sample at or after 20% of the run, at least 30 s), or when the fds are not
# back near the start value once the clients have gone.
#
#   Benchmarks/soak.sh [MINUTES]            (default 10; run it under `nice -n 10` on a shared box)
#   SOAK_OUT=DIR Benchmarks/soak.sh 10      keep the CSV, bench JSON and server log in DIR
set -uo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
DURATION=${SOAK_SECONDS:-$((MINUTES * 60))}   # SOAK_SECONDS overrides, for a quick try
PORT=${SOAK_PORT:-17400}
OUT=${SOAK_OUT:-$(mktemp -d /tmp/helpdesk-soak.XXXXXX)}
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
echo "soak: $MINUTES min, fd limit $(ulimit -n), output in $OUT"

swift build -c release --product helpdesk >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
BIN=$(swift build -c release --show-bin-path)/helpdesk
WORK=$(mktemp -d /tmp/helpdesk-soak-data.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN" serve --port "$PORT" --transcripts "$WORK/transcripts" --rate 0 --max-connections 20000 \
  --idle-timeout 100000 --log-level ${SOAK_LOG_LEVEL:-warn} 2>"$OUT/server.log" &
SERVER=$!; pids+=("$SERVER")
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done
kill -0 "$SERVER" 2>/dev/null || { echo "server did not start:" >&2; cat "$OUT/server.log" >&2; exit 1; }

sample() { # elapsed -> one CSV row: elapsed_s,rss_kb,fds,threads
  local rss threads fds
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER/status" 2>/dev/null)
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$SERVER/status" 2>/dev/null)
  fds=$(ls "/proc/$SERVER/fd" 2>/dev/null | wc -l)
  echo "$1,${rss:-0},$fds,${threads:-0}"
}
CSV=$OUT/soak.csv
echo "elapsed_s,rss_kb,fds,threads" >"$CSV"
sample 0 >>"$CSV"

"$BIN" bench --port "$PORT" --connections 1000 --idle 5000 --messages Benchmarks/messages.txt \
  --duration "$DURATION" --warmup 5 --json >"$OUT/bench.json" 2>"$OUT/bench.err" &
BENCH=$!; pids+=("$BENCH")
start=$(date +%s)
while kill -0 "$BENCH" 2>/dev/null; do
  sleep 10
  kill -0 "$BENCH" 2>/dev/null && sample $(( $(date +%s) - start )) >>"$CSV"
done
wait "$BENCH"; bench_rc=$?
sleep 3   # let the server notice the closed connections
echo "after,$(sample 0 | cut -d, -f2-)" >>"$CSV"
kill -0 "$SERVER" 2>/dev/null || { echo "FAIL: the server died during the soak" >&2; cat "$OUT/server.log" >&2; exit 1; }

python3 - "$CSV" "$OUT/bench.json" "$DURATION" "$bench_rc" <<'PY'
import csv, json, sys
path, bench_path, duration, bench_rc = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rows = list(csv.DictReader(open(path)))
after = [r for r in rows if r["elapsed_s"] == "after"]
run = [r for r in rows if r["elapsed_s"] != "after"]
try:
    bench = json.load(open(bench_path))
except Exception as e:
    print(f"FAIL: no bench result ({e}); see bench.err"); sys.exit(1)
warm_at = max(30, duration // 5)
warm = next((r for r in run if int(r["elapsed_s"]) >= warm_at), run[-1])
mid = min(run, key=lambda r: abs(int(r["elapsed_s"]) - duration // 2))
start, end = run[0], run[-1]
ok = True
print(f"bench: {bench['requests']:.0f} requests, {bench['requests_per_second']:.0f} req/s, "
      f"p50 {bench['p50_us']:.0f} us, p99 {bench['p99_us']:.0f} us, errors {bench['errors']:.0f}, "
      f"failed connections {bench['failed_connections']:.0f}")
if bench["errors"] > 0:
    print(f"FAIL: {bench['errors']:.0f} error replies"); ok = False
if bench["failed_connections"] > 0:
    print(f"FAIL: {bench['failed_connections']:.0f} connections failed or were closed by the server during the run"); ok = False
elif bench_rc != 0:
    print(f"FAIL: the bench exited {bench_rc}"); ok = False
for key, unit, slack in (("rss_kb", "kB", 2048), ("fds", "fds", 5)):
    s, w, m, e = (int(r[key]) for r in (start, warm, mid, end))
    flat = e <= w * 1.10 + slack and e >= w * 0.90 - slack
    print(f"{key}: start {s} {unit}, warm-up ({warm['elapsed_s']} s) {w}, middle ({mid['elapsed_s']} s) {m}, "
          f"end ({end['elapsed_s']} s) {e}: {'flat' if flat else 'NOT flat'}")
    ok &= flat
if after:
    fa = int(after[0]["fds"])
    back = fa <= int(start["fds"]) + 5
    print(f"fds after the clients left: {fa} (start {start['fds']}): {'released' if back else 'NOT released'}; "
          f"rss after: {after[0]['rss_kb']} kB")
    ok &= back
print("soak: PASS" if ok else "soak: FAIL")
sys.exit(0 if ok else 1)
PY
