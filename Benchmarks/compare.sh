#!/usr/bin/env bash
# Builds the helpdesk and the SwiftNIO peer in release mode, runs both under the same load from
# `helpdesk bench` (same machine, same run), and prints the ratios the performance issue asks for.
# Redis's inline PING is measured too when redis-server is installed.
#
#   Benchmarks/compare.sh [DURATION_SECONDS]      (default 10 per measurement)
#   COMPARE_ROUNDS=N Benchmarks/compare.sh 10     (default 3 rounds; medians and per-round ratios)
#
# HELPDESK_BIN=DIR (a release bin folder holding `helpdesk`) and NIO_PEER=PATH (a built NIOPeer)
# skip the corresponding build, e.g. to reuse a `-Xswiftc -g` build made for profiling.
#
# The load generator runs its threads as SCHED_BATCH (`helpdesk bench`'s default): a reply wakes
# them without preempting the server under test, as with clients on other machines. The peer's
# PING and the full exchange are also measured with `--scheduling normal` (woken generator threads
# preempt whichever server is running), and those ratios are printed as well.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
ROUNDS=${COMPARE_ROUNDS:-3}
CONNS=50
HD_PORT=17000; PEER_PORT=17100; REDIS_PORT=17200
if [ -n "${HELPDESK_BIN:-}" ]; then
  BIN=$HELPDESK_BIN
else
  BIN=$(swift build -c release --show-bin-path)
  swift build -c release --product helpdesk >/dev/null
fi
if [ -n "${NIO_PEER:-}" ]; then
  PEER=$NIO_PEER
else
  (cd Benchmarks/NIOPeer && swift build -c release >/dev/null)
  PEER=Benchmarks/NIOPeer/.build/release/NIOPeer
fi
WORK=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

wait_listening() { # file
  for _ in $(seq 1 100); do grep -q "listening on" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "server did not start; log:" >&2; cat "$1" >&2; exit 1
}

"$BIN/helpdesk" serve --port $HD_PORT --transcripts "$WORK/transcripts" --rate 1000000 --max-connections 20000 2>"$WORK/hd.log" & pids+=($!)
"$PEER" $PEER_PORT >"$WORK/peer.log" 2>&1 & pids+=($!)
wait_listening "$WORK/hd.log"; wait_listening "$WORK/peer.log"
if command -v redis-server >/dev/null; then
  redis-server --port $REDIS_PORT --save '' --appendonly no --daemonize no >"$WORK/redis.log" 2>&1 & pids+=($!)
  sleep 0.5
fi

bench() { # label args...
  local label=$1; shift
  local out; out=$("$BIN/helpdesk" bench --json --duration "$DUR" --warmup 2 --connections $CONNS "$@")
  echo "$label $out" >&2
  python3 -c 'import json,sys; print(json.loads(sys.argv[1])["requests_per_second"])' "$out"
}

# ROUNDS rounds (default 3); the order of peer and helpdesk alternates between rounds, so neither
# always runs first on a shared machine, and each figure below is the median of its rounds.
median() { python3 -c 'import sys,statistics; print(round(statistics.median(float(x) for x in sys.argv[1:])))' "$@"; }
p1=(); p16=(); h1=(); h16=(); fx=(); r1=(); pn=(); fn=()
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  peer() {
    p1+=("$(bench "nio PING          " --port $PEER_PORT --request PING --no-banner)")
    p16+=("$(bench "nio PING x16      " --port $PEER_PORT --request PING --no-banner --pipeline 16)")
    pn+=("$(bench "nio PING (normal) " --port $PEER_PORT --request PING --no-banner --scheduling normal)")
  }
  ours() {
    h1+=("$(bench "helpdesk ping     " --port $HD_PORT)")
    h16+=("$(bench "helpdesk ping x16 " --port $HD_PORT --pipeline 16)")
    fx+=("$(bench "helpdesk exchange " --port $HD_PORT --messages Benchmarks/messages.txt)")
    fn+=("$(bench "exchange (normal) " --port $HD_PORT --messages Benchmarks/messages.txt --scheduling normal)")
  }
  if (( round % 2 == 1 )); then peer; ours; else ours; peer; fi
  if command -v redis-server >/dev/null; then
    r1+=("$(bench "redis PING        " --port $REDIS_PORT --request PING --no-banner)")
  fi
done
peer1=$(median "${p1[@]}"); peer16=$(median "${p16[@]}")
hd1=$(median "${h1[@]}"); hd16=$(median "${h16[@]}"); full=$(median "${fx[@]}")
peerN=$(median "${pn[@]}"); fullN=$(median "${fn[@]}")
[ ${#r1[@]} -gt 0 ] && redis1=$(median "${r1[@]}")
ratio() { python3 -c "print(f'{$1/$2:.2f}x')"; }
per_round() { # ours peers
  local -n a=$1 b=$2; local out=""
  for i in "${!a[@]}"; do out+="$(ratio "${a[$i]}" "${b[$i]}") "; done
  echo "$out"
}
echo
echo "medians of $ROUNDS rounds (req/s): nio PING $peer1, nio x16 $peer16, helpdesk ping $hd1, x16 $hd16, exchange $full"
echo "JSON ping, $CONNS conns closed loop:    helpdesk/nio = $(ratio "$hd1" "$peer1")   (target >= 1.0x; rounds: $(per_round h1 p1))"
echo "JSON ping, pipelined 16:               helpdesk/nio = $(ratio "$hd16" "$peer16")   (target >= 1.0x; rounds: $(per_round h16 p16))"
echo "full exchange, $CONNS conns:             helpdesk/nio = $(ratio "$full" "$peer1")   (target >= 0.5x; rounds: $(per_round fx p1))"
echo "  with --scheduling normal:            helpdesk/nio = $(ratio "$fullN" "$peerN")   (nio PING $peerN, exchange $fullN; rounds: $(per_round fn pn))"
[ -n "${redis1:-}" ] && echo "redis PING for scale:                  helpdesk/redis = $(ratio "$hd1" "$redis1")"
exit 0
