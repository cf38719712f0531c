#!/usr/bin/env bash
# The start-up and idle-memory targets of issue 7, measured on a release build:
#   start-up    time from exec to the "listening on" line (shipped Intents/ and Data/), 3 starts
#   memory      resident memory before and while 10,000 idle and 1,000 busy connections are open
#               (Benchmarks/messages.txt on the busy ones), per open connection; errors reported
#
#   Benchmarks/idle-memory.sh [HELPDESK]        (default: a release build, built here)
#   IDLE=N BUSY=M PORT=P Benchmarks/idle-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${1:-}" ]; then
  BIN=$1
else
  swift build -c release --product helpdesk >/dev/null
  BIN=$(swift build -c release --show-bin-path)/helpdesk
fi
IDLE=${IDLE:-10000}; BUSY=${BUSY:-1000}; PORT=${PORT:-17300}
ulimit -n $(( IDLE + BUSY + 4096 )) 2>/dev/null || { echo "cannot raise the open-file limit to $(( IDLE + BUSY + 4096 ))" >&2; exit 1; }
WORK=$(mktemp -d)
pid=
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

rss_kib() { awk '/^VmRSS/ { print $2 }' /proc/"$1"/status; }

for i in 1 2 3; do
  rm -rf "$WORK/t"
  start=$(date +%s%N)
  "$BIN" serve --port "$PORT" --transcripts "$WORK/t" --rate 0 --max-connections $(( IDLE + BUSY + 100 )) \
    --idle-timeout 100000 >"$WORK/log" 2>&1 &
  pid=$!
  until grep -q "listening on" "$WORK/log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/log" >&2; exit 1; }
    sleep 0.002
  done
  echo "start-up $i: $(( ($(date +%s%N) - start) / 1000000 )) ms to listening"
  if [ "$i" -lt 3 ]; then kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; fi
done

before=$(rss_kib "$pid")
"$BIN" bench --port "$PORT" --idle "$IDLE" --connections "$BUSY" --duration 8 --warmup 4 \
  --messages Benchmarks/messages.txt --json >"$WORK/bench.json" &
bpid=$!
sleep 9
during=$(rss_kib "$pid")
open=$(ls /proc/"$pid"/fd | wc -l)
wait "$bpid" || true
echo "RSS before $(( before / 1024 )) MiB, with $open descriptors open $(( during / 1024 )) MiB:" \
     "$(python3 -c "print(f'{($during - $before) / ($IDLE + $BUSY):.2f}')") KiB per connection (idle and busy together)"
echo "bench: $(cat "$WORK/bench.json")"
