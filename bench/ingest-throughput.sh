#!/usr/bin/env bash
# End-to-end streaming ingest throughput: `distillguard replay --speed 0` POSTing a log to `distillguard serve` on
# 127.0.0.1 (parse, de-duplicate, journal with fsync, profile, re-assemble on the exchange clock), against the
# jsonl-floor and `distillguard analyze` on the same log in the same run (the issue's bar: ingest ≥ 0.5 × analyze).
#   bench/ingest-throughput.sh FILE.jsonl[.gz] [BATCH]
# Prints lines/s of the floor, of analyze (wall time of the whole command, process start to exit) and of ingest (wall
# time of the replay until every line is processed and re-assembled), the ratios, the service's peak RSS (VmHWM) and its re-assembly count and last duration. accounts.jsonl, allow.txt
# and labels.jsonl next to FILE are used when present (labels add time-to-detect per campaign to the output).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/ingest-throughput.sh FILE.jsonl[.gz] [BATCH]" >&2; exit 2; }
file="$1"; batch="${2:-5000}"
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 2; }
tmp="${TMPDIR:-/tmp}"
floor_dir="$tmp/jsonl-floor"
if [ ! -f "$floor_dir/bin/Release/net10.0/jsonl-floor.dll" ]; then
  rm -rf "$floor_dir"; cp -r ../shared/tools/jsonl-floor "$floor_dir"; chmod -R u+w "$floor_dir"
  dotnet build -c Release "$floor_dir" -v q -nologo >/dev/null
fi
dotnet build -c Release src/DistillGuard.Cli -v q -nologo >/dev/null
cli="src/DistillGuard.Cli/bin/Release/net10.0/distillguard.dll"
dir="$(dirname "$file")"
extra=(); labels=()
[ -f "$dir/accounts.jsonl" ] && extra+=(--accounts "$dir/accounts.jsonl")
[ -f "$dir/allow.txt" ] && extra+=(--allow "$dir/allow.txt")
[ -f "$dir/labels.jsonl" ] && labels+=(--labels "$dir/labels.jsonl")
out="$(mktemp -d "$tmp/dg-ingest-throughput.XXXXXX")"
port=$(( 20000 + RANDOM % 20000 ))

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work shares this machine: figures are indicative)"
echo "file: $file ($(du -h "$file" | cut -f1)), batch $batch lines per POST"
start=$(date +%s.%N)
dotnet "$floor_dir/bin/Release/net10.0/jsonl-floor.dll" "$file" > "$out/floor.out"
floor_wall=$(echo "$(date +%s.%N) - $start" | bc)
floor_lines=$(sed -n 's/^floor: \([0-9]*\) lines.*/\1/p' "$out/floor.out")

start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$out/analyze.time" dotnet "$cli" analyze --log "$file" "${extra[@]}" --out "$out/analysis" --no-progress --json > "$out/analyze.json"
analyze_wall=$(echo "$(date +%s.%N) - $start" | bc)
analyze_cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$out/analyze.time")

dotnet "$cli" serve --ingest-port "$port" --state "$out/state" --no-metrics "${extra[@]}" > "$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q ready "$out/serve.log" 2>/dev/null && break; sleep 0.2; done
# the dotnet host is the serve process itself
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$out/replay.time" dotnet "$cli" replay --log "$file" --to "http://127.0.0.1:$port" --speed 0 --batch "$batch" --json --no-progress "${labels[@]}" > "$out/replay.json" &
rpid=$!
# Ingest time: from the start of the replay (its reading of the log included) until the service has processed every
# line (GET /v1/stats). The replay's own report afterwards (reading the change log for time to detect) is not ingest.
while :; do
  processed=$(curl -s "http://127.0.0.1:$port/v1/stats" | sed -n 's/.*"processed":\([0-9]*\).*/\1/p')
  [ "${processed:-0}" -ge "$floor_lines" ] && break
  kill -0 $rpid 2>/dev/null || break
  sleep 0.1
done
ingest_wall=$(echo "$(date +%s.%N) - $start" | bc)
wait $rpid
replay_wall=$(echo "$(date +%s.%N) - $start" | bc)
hwm=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' /proc/$pid/status)
# CPU seconds (user + system) of the service at the end of ingest, and of its detector thread (profiles, re-assembly)
tck=$(getconf CLK_TCK)
serve_cpu=$(awk -v t="$tck" '{ printf "%.1f", ($14 + $15) / t }' /proc/$pid/stat)
detector_cpu=$(for f in /proc/$pid/task/*; do [ "$(cat "$f/comm" 2>/dev/null)" = "distillguard-de" ] && awk -v t="$tck" '{ printf "%.1f", ($14 + $15) / t }' "$f/stat"; done; true)
stats=$(curl -s "http://127.0.0.1:$port/v1/stats")
kill $pid; wait $pid 2>/dev/null || true
lines=$(python3 -c "import json,sys; print(json.load(open('$out/replay.json'))['exchanges'])")
awk -v fl="$floor_lines" -v fw="$floor_wall" -v aw="$analyze_wall" -v il="$lines" -v iw="$ingest_wall" -v rss="$hwm" 'BEGIN {
  fr = fl / fw; ir = il / iw; ar = fl / aw;
  printf "floor:  %d lines in %.2f s = %.0f lines/s\n", fl, fw, fr;
  printf "analyze: %d lines in %.2f s = %.0f lines/s (whole command: read, profile, assemble once, write verdicts)\n", fl, aw, ar;
  printf "ingest: %d lines in %.2f s = %.0f lines/s (replay reading the log, POST, journal+fsync, profiles, re-assembly; until the service has processed every line), serve peak RSS %d MB\n", il, iw, ir, rss;
  printf "ratio ingest/floor = %.2f, analyze/floor = %.2f, ingest/analyze = %.2f (goal >= 0.5)\n", ir / fr, ar / fr, ir / ar;
}'
echo "replay finished after $replay_wall s (its time-to-detect report included)"
echo "cpu: analyze ${analyze_cpu} s; serve ${serve_cpu} s at the end of ingest (detector thread ${detector_cpu:-?} s); replay $(awk '{ printf "%.1f", $1 + $2 }' "$out/replay.time") s"
echo "stats: $stats"
python3 -c "
import json; d=json.load(open('$out/replay.json'))
for c in d['campaigns']: print(f\"  {c['campaign']:<16} {c['accounts']:>5} accounts, first verdict after {c['minutes']} min, {100*(c['share_before'] or 0):.1f} % of its exchanges before\")
"
rm -rf "$out"
