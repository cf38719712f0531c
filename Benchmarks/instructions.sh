#!/usr/bin/env bash
# Server instructions per exchange, counted by callgrind: repeatable within a few per cent on a
# shared, noisy machine where requests/s move by 20 % from minute to minute. Counts every thread
# of the server (event loops and the transcript writer) after a warm-up, divided by the requests
# the load generator completed.
#
#   Benchmarks/instructions.sh [HELPDESK] [MESSAGES]
#     HELPDESK  the helpdesk binary to measure (default: a release build, built here)
#     MESSAGES  a `helpdesk bench --messages` file (default Benchmarks/messages.txt)
#
# Prints `requests N  instructions M  per exchange K`; PROFILE=FILE keeps the callgrind output
# (`callgrind_annotate --inclusive=yes FILE` shows where they go). Needs valgrind. The server runs
# with HELPDESK_SHA256=portable (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${1:-}" ]; then
  BIN=$1
else
  swift build -c release --product helpdesk >/dev/null
  BIN=$(swift build -c release --show-bin-path)/helpdesk
fi
MESSAGES=${2:-Benchmarks/messages.txt}
PORT=${PORT:-17400}
BENCH=$(swift build -c release --show-bin-path)/helpdesk
[ -x "$BENCH" ] || BENCH=$BIN
WORK=$(mktemp -d)
pid=
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# Valgrind (3.19) cannot execute the x86 SHA instructions although its CPUID reports them, so
# the server runs with the portable Swift SHA-256 under callgrind: these counts include the Swift
# block function (~3.3k instructions a block), where a real run on a CPU with SHA-NI spends ~0.15k.
HELPDESK_SHA256=portable valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$WORK/cg.out" \
  "$BIN" serve --port "$PORT" --transcripts "$WORK/transcripts" --rate 0 >"$WORK/log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do grep -q "listening on" "$WORK/log" && break; sleep 0.2; done
grep -q "listening on" "$WORK/log" || { echo "server did not start:" >&2; cat "$WORK/log" >&2; exit 1; }
# warm-up (sessions, caches), then count only the measured run
"$BENCH" bench --port "$PORT" --duration 2 --warmup 1 --connections 10 --messages "$MESSAGES" >/dev/null
sleep 0.6 # let the transcript writer flush the warm-up's exchanges before counting starts
callgrind_control -i on "$pid" >/dev/null 2>&1
"$BENCH" bench --port "$PORT" --duration 6 --warmup 0.2 --connections 10 --messages "$MESSAGES" --json >"$WORK/bench.json"
sleep 0.6 # the transcript writer's next flush (every 250 ms) writes what the run left in its buffer
callgrind_control -i off "$pid" >/dev/null 2>&1
kill -INT "$pid"; wait "$pid" 2>/dev/null || true; pid=
requests=$(sed -E 's/.*"requests":([0-9]+).*/\1/' "$WORK/bench.json")
instructions=$(callgrind_annotate "$WORK/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
echo "requests $requests  instructions $instructions  per exchange $((instructions / requests))"
if [ -n "${PROFILE:-}" ]; then cp "$WORK/cg.out" "$PROFILE"; fi
exit 0
