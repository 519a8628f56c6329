#!/usr/bin/env bash
# End-to-end `distillguard analyze` throughput against the jsonl-floor on the same log, same machine, same run.
#   bench/analyze-throughput.sh FILE.jsonl[.gz] [WORKERS]
# Builds the CLI (Release) and a copy of ../shared/tools/jsonl-floor, then runs the floor and `analyze` on FILE, each
# under /usr/bin/time -v, and prints both rates (lines per wall-clock second, start-up included), the ratio
# analyze/floor (target >= 0.5) and both peak RSS figures. accounts.jsonl / allow.txt next to FILE (the simulator's
# output folder) are passed to analyze when present. Environment:
#   TIERED_PGO=0   run both programs with DOTNET_TieredPGO=0 (no instrumented tier; see docs/signals.md)
#   KEEP=1         keep analyze's output folder (printed)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/analyze-throughput.sh FILE.jsonl[.gz] [WORKERS]" >&2; exit 2; }
file="$1"
workers="${2:-$(nproc)}"
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 2; }
tmp="${TMPDIR:-/tmp}"

floor_dir="$tmp/jsonl-floor"
if [ ! -f "$floor_dir/bin/Release/net10.0/jsonl-floor.dll" ]; then
  rm -rf "$floor_dir"; cp -r ../shared/tools/jsonl-floor "$floor_dir"; chmod -R u+w "$floor_dir"
  dotnet build -c Release "$floor_dir" -v q -nologo >/dev/null
fi
dotnet build -c Release src/DistillGuard.Cli -v q -nologo >/dev/null
cli="src/DistillGuard.Cli/bin/Release/net10.0/distillguard.dll"

extra=()
dir="$(dirname "$file")"
[ -f "$dir/accounts.jsonl" ] && extra+=(--accounts "$dir/accounts.jsonl")
[ -f "$dir/allow.txt" ] && extra+=(--allow "$dir/allow.txt")
out="$(mktemp -d "$tmp/dg-analyze-throughput.XXXXXX")"
if [ "${TIERED_PGO:-1}" = 0 ]; then export DOTNET_TieredPGO=0; fi

# wall seconds and peak RSS (MB) from /usr/bin/time -v output
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
cpu() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f", u + s }' "$1"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work shares this machine: figures are indicative)${DOTNET_TieredPGO:+, DOTNET_TieredPGO=$DOTNET_TieredPGO}"
echo "file: $file ($(du -h "$file" | cut -f1)), analyze workers: $workers"

/usr/bin/time -v -o "$out/floor.time" dotnet "$floor_dir/bin/Release/net10.0/jsonl-floor.dll" "$file" > "$out/floor.out"
floor_lines=$(sed -n 's/^floor: \([0-9]*\) lines.*/\1/p' "$out/floor.out")
floor_wall=$(wall "$out/floor.time")
echo "$(cat "$out/floor.out")"

/usr/bin/time -v -o "$out/analyze.time" dotnet "$cli" analyze -l "$file" -o "$out/result" --workers "$workers" --no-progress --json "${extra[@]}" > "$out/analyze.json"
lines=$(sed -n 's/^ *"lines": \([0-9]*\).*/\1/p' "$out/analyze.json" | head -1)
an_wall=$(wall "$out/analyze.time")

awk -v fl="$floor_lines" -v fw="$floor_wall" -v al="$lines" -v aw="$an_wall" -v frss="$(rss "$out/floor.time")" -v arss="$(rss "$out/analyze.time")" \
    -v fcpu="$(cpu "$out/floor.time")" -v acpu="$(cpu "$out/analyze.time")" 'BEGIN {
  fr = fl / fw; ar = al / aw;
  printf "floor:   %d lines in %.2f s wall (%.1f s CPU) = %.0f lines/s, peak RSS %d MB\n", fl, fw, fcpu, fr, frss;
  printf "analyze: %d lines in %.2f s wall (%.1f s CPU) = %.0f lines/s, peak RSS %d MB (start-up, reading and every account stage)\n", al, aw, acpu, ar, arss;
  printf "ratio analyze/floor = %.2f (target >= 0.50)\n", ar / fr;
}'
if [ "${KEEP:-0}" = 1 ]; then echo "kept: $out"; else rm -rf "$out"; fi
