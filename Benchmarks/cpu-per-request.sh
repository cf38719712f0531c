#!/usr/bin/env bash
# CPU time per request, per server thread and for the load generator, read from /proc: where a
# request's time goes (user or kernel, event loops or transcript writer) on the real run, not
# under a profiler. Starts `helpdesk serve` on a temporary transcripts folder, runs `helpdesk
# bench` against it for 10 s (50 connections unless the arguments say otherwise), samples
# /proc/PID/task/*/stat and the context-switch counts over 5 s in the middle, and prints
#   server thread TID (NAME): user U us, sys S us per request, context switches C per request
#   load generator: user U us, sys S us per request
#
#   Benchmarks/cpu-per-request.sh [HELPDESK] [bench options...]
#     HELPDESK  the helpdesk binary to measure (default: a release build, built here)
#     e.g. Benchmarks/cpu-per-request.sh .build/release/helpdesk --messages Benchmarks/messages.txt
#
# PORT (default 17500) picks the port; BENCH=PATH runs the load from another helpdesk binary (to
# drive two builds with the same load generator). Clock ticks are 10 ms, so keep the default 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${1:-}" ] && [ -x "$1" ]; then
  BIN=$1; shift
else
  swift build -c release --product helpdesk >/dev/null
  BIN=$(swift build -c release --show-bin-path)/helpdesk
fi
PORT=${PORT:-17500}
WORK=$(mktemp -d)
pid=; bpid=
cleanup() {
  if [ -n "$bpid" ]; then kill "$bpid" 2>/dev/null || true; fi
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" serve --port "$PORT" --transcripts "$WORK/transcripts" --rate 0 >"$WORK/log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$WORK/log" && break; sleep 0.1; done
grep -q "listening on" "$WORK/log" || { echo "server did not start:" >&2; cat "$WORK/log" >&2; exit 1; }
"${BENCH:-$BIN}" bench --port "$PORT" --duration 10 --warmup 1 --connections 50 "$@" --json >"$WORK/bench.json" &
bpid=$!

# tid name utime stime voluntary+involuntary switches, one line per thread of process $1
snapshot() {
  for t in /proc/"$1"/task/*; do
    local stat name cs
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    name=$(cat "$t/comm" 2>/dev/null | tr ' ' '_')
    cs=$(awk '/ctxt_switches/ { s += $2 } END { print s }' "$t/status" 2>/dev/null)
    # fields after the ")" that closes the command name: utime is the 12th, stime the 13th
    echo "$(basename "$t") $name $(echo "${stat##*) }" | awk '{ print $12, $13 }') $cs"
  done | sort
}
sleep 3
snapshot "$pid" >"$WORK/a"; snapshot "$bpid" >"$WORK/ca"
sleep 5
snapshot "$pid" >"$WORK/b"; snapshot "$bpid" >"$WORK/cb"
wait "$bpid"; bpid=
kill -INT "$pid"; wait "$pid" 2>/dev/null || true; pid=

rps=$(sed -E 's/.*"requests_per_second":([0-9.]+).*/\1/' "$WORK/bench.json")
echo "requests/s $rps (the load generator's figure over its whole 10 s)"
hz=$(getconf CLK_TCK)
join "$WORK/a" "$WORK/b" | awk -v r="$rps" -v hz="$hz" '{
  u = $7 - $3; s = $8 - $4; c = $9 - $5; n = r * 5
  if (u + s > 0) printf "server thread %s (%s): user %.2f us, sys %.2f us per request, context switches %.3f per request\n", $1, $2, u * 1e6 / hz / n, s * 1e6 / hz / n, c / n }'
join "$WORK/ca" "$WORK/cb" | awk -v r="$rps" -v hz="$hz" '{ u += $7 - $3; s += $8 - $4 }
  END { n = r * 5; printf "load generator: user %.2f us, sys %.2f us per request\n", u * 1e6 / hz / n, s * 1e6 / hz / n }'
