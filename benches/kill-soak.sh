#!/usr/bin/env bash
# The long version of the crash tests (tests/faults.rs runs a short one).
#
#   benches/kill-soak.sh INPUT.jsonl[.zst] [KILLS] [COMMIT_EVERY]
#
# Runs `fahras index --commit-every N` on INPUT and SIGKILLs it at random
# moments, KILLS times; after each kill the index must open and hold whole
# commits only. Then kills `fahras reindex` at random moments: the old index
# must still open with every article. Finally re-runs the index command to
# completion and checks that the ids in the index are exactly the input's.
set -euo pipefail
input=${1:?usage: kill-soak.sh INPUT [KILLS] [COMMIT_EVERY]}
kills=${2:-20}
every=${3:-5000}
bin=${FAHRAS:-target/release/fahras}
dir=$(mktemp -d)
index=$dir/index
trap 'rm -rf "$dir"' EXIT

count() { "$bin" search --index "$index" --count '*'; }

survived=0
for k in $(seq 1 "$kills"); do
  "$bin" index -q --commit-every "$every" --index "$index" "$input" 2>/dev/null &
  pid=$!
  sleep "$(python3 -c "import random; print(round(random.uniform(0.05, 6.0), 2))")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -f "$index/CURRENT" ]; then
    n=$(count)
    total=$(case "$input" in *.zst) zstd -dc "$input" | wc -l;; *) wc -l < "$input";; esac)
    if [ $((n % every)) -ne 0 ] && [ "$n" -ne "$total" ]; then
      echo "kill $k: $n articles is not a whole number of commits" >&2; exit 1
    fi
    echo "kill $k: index opens, $n articles"
  else
    echo "kill $k: killed before the index existed"
  fi
  survived=$((survived + 1))
done

"$bin" index -q --commit-every "$every" --index "$index" "$input"
before=$(count)
for k in $(seq 1 5); do
  "$bin" reindex --index "$index" 2>/dev/null &
  pid=$!
  sleep "$(python3 -c "import random; print(round(random.uniform(0.05, 5.0), 2))")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$(count)" -eq "$before" ] || { echo "reindex kill $k: count changed" >&2; exit 1; }
  echo "reindex kill $k: old index intact, $before articles"
  survived=$((survived + 1))
done

expected=$(case "$input" in *.zst) zstd -dc "$input";; *) cat "$input";; esac | python3 -c "import sys, json; print(len({str(json.loads(l)['id']) for l in sys.stdin if l.strip()}))")
[ "$before" -eq "$expected" ] || { echo "ids: index has $before, input has $expected" >&2; exit 1; }
echo "survived $survived kill points; final index holds exactly the $expected input ids"
