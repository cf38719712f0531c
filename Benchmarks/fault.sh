#!/usr/bin/env bash
# Fault run: starts the release helpdesk on a temporary transcripts dir, runs CLIENTS complaint-
# filing clients (Benchmarks/fault_client.py: one-message anonymous complaints over the JSON
# protocol, "ya" to confirm, every received ticket logged with its text), kills the server with
# SIGKILL at a random moment 0.3-2.5 s in (the clients file until then: a round whose kill finds
# none of them still filing fails), restarts it on the same dir, ROUNDS times. Then checks:
# every ticket a client received is in complaints.jsonl as filed, with exactly the text sent; no
# ticket number was given out twice; `helpdesk verify DIR` passes (a torn last line is only a
# warning); every complete transcript line is JSON; `helpdesk report` reads the dir; and a last
# restart still serves and files. Exit 1 on any loss or failed check.
#
#   Benchmarks/fault.sh [ROUNDS]              (default 20)
#   FAULT_CLIENTS=N FAULT_OUT=DIR Benchmarks/fault.sh 20
set -uo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-20}
CLIENTS=${FAULT_CLIENTS:-4}
PORT=${FAULT_PORT:-17500}
OUT=${FAULT_OUT:-$(mktemp -d /tmp/helpdesk-fault.XXXXXX)}
mkdir -p "$OUT"
DIR=$OUT/transcripts
TICKETS=$OUT/tickets.tsv
: >"$TICKETS"
swift build -c release --product helpdesk >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
BIN=$(swift build -c release --show-bin-path)/helpdesk
SERVER=
cleanup() { [ -n "$SERVER" ] && kill -9 "$SERVER" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

start_server() {
  "$BIN" serve --port "$PORT" --transcripts "$DIR" --rate 0 --log-level warn 2>>"$OUT/server.log" &
  SERVER=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.05
  done
  echo "FAIL: the server did not start; log:" >&2; tail -20 "$OUT/server.log" >&2; exit 1
}

for round in $(seq 1 "$ROUNDS"); do
  start_server
  clients=()
  for c in $(seq 1 "$CLIENTS"); do
    tag=$(printf "r%02dc%d" "$round" "$c" | tr '0-9' 'a-j')   # letters only
    # no limit that a fast server could reach before the kill: every round is killed under load
    python3 Benchmarks/fault_client.py "$PORT" "$tag" "$TICKETS" 1000000 2>>"$OUT/clients.log" &
    clients+=($!)
  done
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.3, 2.5), 2))')"
  busy=0; for p in "${clients[@]}"; do kill -0 "$p" 2>/dev/null && busy=$((busy + 1)); done
  kill -9 "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=
  [ "$busy" -gt 0 ] || { echo "FAIL: round $round: every client had finished before the kill" >&2; exit 1; }
  for p in "${clients[@]}"; do wait "$p"; done
  echo "round $round: killed with $busy of $CLIENTS clients filing; $(wc -l <"$TICKETS") tickets received so far"
done

start_server   # the desk must come back on whatever the kills left, and still file
python3 Benchmarks/fault_client.py "$PORT" "final" "$TICKETS" 3 2>>"$OUT/clients.log"
kill "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=

"$BIN" verify "$DIR" >"$OUT/verify.log" 2>&1; verify_rc=$?
"$BIN" report --transcripts "$DIR" --format json >"$OUT/report.json" 2>"$OUT/report.err"; report_rc=$?
python3 - "$DIR" "$TICKETS" "$verify_rc" "$report_rc" "$OUT" <<'PY'
import glob, json, os, sys
d, tickets_path, verify_rc, report_rc, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
ok = True
def records(path):
    """Complete lines as JSON; an unterminated last line is a torn write (warning)."""
    data = open(path, "rb").read()
    lines = data.split(b"\n")
    torn = lines.pop() if lines else b""
    if torn:
        print(f"warning: {os.path.basename(path)}: torn last line ({len(torn)} bytes)")
    bad = 0
    result = []
    for n, line in enumerate(lines, 1):
        try:
            result.append(json.loads(line))
        except ValueError:
            bad += 1
            print(f"{path}:{n}: not JSON")
    return result, bad
journal, bad = records(os.path.join(d, "complaints.jsonl"))
ok &= bad == 0
filed = {}
for r in journal:
    if r.get("type") == "filed":
        if r["ticket"] in filed:
            print(f"FAIL: ticket {r['ticket']} filed twice in the journal"); ok = False
        filed[r["ticket"]] = r.get("description")
received = [l.rstrip("\n").split("\t", 1) for l in open(tickets_path) if l.strip()]
seen = {}
lost = 0
for ticket, text in received:
    if ticket in seen:
        print(f"FAIL: ticket {ticket} given to two complaints: {seen[ticket]!r} and {text!r}"); ok = False
    seen[ticket] = text
    if ticket not in filed:
        print(f"LOST: {ticket} ({text!r}) is not in the journal"); lost += 1
    elif filed[ticket] != text:
        print(f"LOST: {ticket} has text {filed[ticket]!r}, the client sent {text!r}"); lost += 1
ok &= lost == 0
transcript_lines = transcript_bad = 0
for path in sorted(glob.glob(os.path.join(d, "transcript-*.jsonl"))):
    recs, bad = records(path)
    transcript_lines += len(recs); transcript_bad += bad
ok &= transcript_bad == 0
print(f"tickets received by clients: {len(received)}; filed in the journal: {len(filed)}; lost: {lost}")
import re
answered = sum(int(m.group(1)) for m in re.finditer(r", (\d+) replies", open(os.path.join(out, "clients.log")).read()))
print(f"transcript records readable: {transcript_lines}, unreadable: {transcript_bad}; "
      f"replies the clients received: {answered} (records still buffered at a SIGKILL are not on disk)")
print(f"helpdesk verify: exit {verify_rc}: " + open(os.path.join(out, "verify.log")).read().strip().replace("\n", " | ")[:600])
print(f"helpdesk report: exit {report_rc}")
ok &= verify_rc == 0 and report_rc == 0 and len(received) > 0
print("fault: PASS" if ok else "fault: FAIL")
sys.exit(0 if ok else 1)
PY
