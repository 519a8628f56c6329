#!/usr/bin/env bash
# End-to-end read + signal throughput against the jsonl-floor on the same .jsonl.gz, same machine, same run.
#   bench/read-throughput.sh [FILE.jsonl.gz] [LINES] [WORKERS]
# Without FILE it generates a realistic mixed log (bench/DistillGuard.Benchmarks/ReaderWorkload.cs) in $TMPDIR.
# Prints both rates and the ratio reader/floor (target >= 0.5).
# FULL_JIT=1 runs both programs with DOTNET_TieredCompilation=0 (optimised code from the first line): on a file
# that takes a few seconds, tier-0 code and PGO instrumentation otherwise weigh on the reader far more than on the
# tiny floor program; on long runs tiering amortises.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="${TMPDIR:-/tmp}"
lines="${2:-60000}"
workers="${3:-$(nproc)}"
file="${1:-$tmp/dg-read-throughput-$lines.jsonl.gz}"

floor_dir="$tmp/jsonl-floor"
if [ ! -f "$floor_dir/bin/Release/net10.0/jsonl-floor.dll" ]; then
  rm -rf "$floor_dir"; cp -r ../shared/tools/jsonl-floor "$floor_dir"; chmod -R u+w "$floor_dir"
  dotnet build -c Release "$floor_dir" -v q -nologo >/dev/null
fi
dotnet build -c Release bench/DistillGuard.Benchmarks -v q -nologo >/dev/null
bench="bench/DistillGuard.Benchmarks/bin/Release/net10.0/DistillGuard.Benchmarks.dll"
[ -f "$file" ] || dotnet "$bench" reader-generate "$file" "$lines"

if [ "${FULL_JIT:-0}" = 1 ]; then export DOTNET_TieredCompilation=0; fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)${FULL_JIT:+, FULL_JIT=$FULL_JIT}"
floor_out=$(dotnet "$floor_dir/bin/Release/net10.0/jsonl-floor.dll" "$file"); echo "$floor_out"
reader_out=$(dotnet "$bench" reader-throughput "$file" "$workers"); echo "$reader_out"
floor_rate=$(sed -n 's/.*= \([0-9]*\) lines\/s.*/\1/p' <<<"$floor_out")
reader_rate=$(sed -n 's/.*= \([0-9]*\) lines\/s.*/\1/p' <<<"$reader_out")
awk -v r="$reader_rate" -v f="$floor_rate" 'BEGIN { printf "ratio reader/floor = %.2f (target >= 0.50)\n", r / f }'
