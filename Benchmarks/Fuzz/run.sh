#!/usr/bin/env bash
# Builds the libFuzzer targets (framer, json, csv, http) with `swiftc -sanitize=fuzzer,address`,
# compiling the product's source files directly next to each Benchmarks/Fuzz/<target>/FuzzEntry.swift,
# then runs them two at a time under `nice -n 19`, each for SECONDS (default 60), starting from the
# committed seed corpus Benchmarks/Fuzz/corpus/<target>/. New inputs go to a work corpus under
# Benchmarks/Fuzz/.build/; afterwards the small new ones (< 512 bytes) that add coverage are merged
# back into the committed corpus (capped at 300 files per target). Crashes are left in
# Benchmarks/Fuzz/.build/crashes/<target>/ and make the script exit 1.
#
#   Benchmarks/Fuzz/run.sh [SECONDS] [TARGET...]      e.g. Benchmarks/Fuzz/run.sh 600
#   Benchmarks/Fuzz/run.sh build                      only build the targets
set -uo pipefail
cd "$(dirname "$0")"
FUZZ=$(pwd)
ROOT=$(cd ../.. && pwd)
OUT=$FUZZ/.build
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(framer json csv http)
mkdir -p "$OUT"

sources() { # target -> product source files it needs
  local S=$ROOT/Sources
  case $1 in
    framer) echo "$S/HelpdeskServer/Framing/LineFramer.swift" ;;
    json) echo "$S/HelpdeskCore/JSON/"*.swift "$S/HelpdeskCore/Language/TextSearch.swift" "$S/HelpdeskServer/Protocol/Request.swift" "$S/HelpdeskServer/Protocol/FlatMessageDecoder.swift" "$S/HelpdeskServer/Protocol/ProtocolError.swift" ;;
    csv) echo "$S/HelpdeskCore/Data/CSVReader.swift" "$S/HelpdeskCore/Checks/Problem.swift" ;;
    http) echo "$S/HelpdeskServer/HTTP/HTTPRequest.swift" "$S/HelpdeskServer/HTTP/HTTPRequestParser.swift" ;;
    *) echo "unknown target $1" >&2; return 1 ;;
  esac
}

build() { # target: one module from the product files (module imports dropped) plus the entry
  local t=$1 src=$OUT/src/$1
  rm -rf "$src"; mkdir -p "$src"
  for f in $(sources "$t"); do grep -v '^import Helpdesk' "$f" > "$src/$(basename "$f")"; done
  swiftc -swift-version 6 -parse-as-library -O -sanitize=fuzzer,address -module-name Fuzz$t \
    "$src"/*.swift "$FUZZ/Invariant.swift" "$FUZZ/$t/FuzzEntry.swift" -o "$OUT/fuzz-$t" \
    2> >(grep -v 'Cannot export local symbol' >&2)   # ld.gold warns about every ASan helper
}

for t in "${TARGETS[@]}"; do
  echo "building fuzz-$t"
  build "$t" || { echo "build of $t failed" >&2; exit 1; }
done
[ "$SECONDS_EACH" = build ] && exit 0

run() { # target
  local t=$1
  mkdir -p "$OUT/work/$t" "$OUT/crashes/$t" "$FUZZ/corpus/$t"
  nice -n 19 "$OUT/fuzz-$t" -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 -artifact_prefix="$OUT/crashes/$t/" "$OUT/work/$t" "$FUZZ/corpus/$t" \
    > "$OUT/$t.log" 2>&1
  local rc=$?
  echo "fuzz-$t exit $rc: $(grep -E '^(Done|#[0-9]+.*DONE)' "$OUT/$t.log" | tail -1)"
  return $rc
}

failed=0
for ((i = 0; i < ${#TARGETS[@]}; i += 2)); do
  pids=()
  for t in "${TARGETS[@]:i:2}"; do run "$t" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
done

for t in "${TARGETS[@]}"; do # keep small new inputs that add coverage, up to 300 files
  small=$OUT/small/$t; rm -rf "$small"; mkdir -p "$small"
  find "$OUT/work/$t" -type f -size -512c -exec cp {} "$small/" \;
  have=$(ls "$FUZZ/corpus/$t" | wc -l)
  if [ "$have" -lt 300 ]; then
    "$OUT/fuzz-$t" -merge=1 -max_len=4096 "$FUZZ/corpus/$t" "$small" > "$OUT/$t.merge.log" 2>&1 || true
    # Over the cap: drop the largest merged inputs (named by their SHA-1); named seeds stay.
    extra=$(( $(ls "$FUZZ/corpus/$t" | wc -l) - 300 ))
    if [ "$extra" -gt 0 ]; then
      ls -S "$FUZZ/corpus/$t" | grep -E '^[0-9a-f]{40}$' | head -n "$extra" | while read -r f; do rm -f "$FUZZ/corpus/$t/$f"; done
    fi
  fi
  echo "corpus/$t: $(ls "$FUZZ/corpus/$t" | wc -l) files; crashes: $(ls "$OUT/crashes/$t" | wc -l)"
  [ -n "$(ls "$OUT/crashes/$t")" ] && failed=1
done
exit $failed
