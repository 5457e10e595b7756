#!/usr/bin/env bash
# Score `workbench` on one labelled set: tests/eval/score_set.sh seeds|dev|dev2|dev3|holdout [claims|places|stances]
# Runs the CLI without the cache on the set's articles and prints the official scorers' reports.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
set_name=${1:?usage: score_set.sh SET [claims|places|stances]}
tables=${2:-claims places stances}
gold=$root/tests/eval/$set_name
if [ "$set_name" = seeds ]; then articles=$root/seeds; else articles=$gold; fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir "$out/txt" && cp "$articles"/*.txt "$out/txt/"
for table in $tables; do
  "$root/.venv/bin/workbench" "$table" "$out/txt" --no-cache -q --format jsonl -o "$out/$table.jsonl"
  echo "== $set_name $table"
  case $table in
    claims) python3 "$root/tests/eval/score_claims.py" "$gold" "$out/txt" "$out/claims.jsonl" ;;
    places) python3 "$root/tests/eval/score_aux.py" places "$gold" "$out/places.jsonl" ;;
    stances) python3 "$root/tests/eval/score_aux.py" stances "$gold" "$out/txt" "$out/stances.jsonl" ;;
  esac
done
