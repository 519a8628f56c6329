#!/usr/bin/env bash
# End-to-end simulator throughput: builds Release, runs `simulate --scenario scale` (>= 1 M exchanges at
# --scale 1; --scale 16 gives ~16 M) and reports exchanges/s and peak RSS (from /usr/bin/time -v).
#
#   bench/simulate-throughput.sh [--scale F] [--days D] [--threads N] [--scenario NAME] [--out DIR] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1; days=""; threads="$(nproc)"; scenario=scale; out=""; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2;;
    --days) days="$2"; shift 2;;
    --threads) threads="$2"; shift 2;;
    --scenario) scenario="$2"; shift 2;;
    --out) out="$2"; shift 2;;
    --keep) keep=1; shift;;
    -h|--help) sed -n '2,5p' "$0"; exit 0;;
    *) echo "unknown argument: $1" >&2; exit 2;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 3; }
[ -n "$out" ] || out="$(mktemp -d)/sim"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/DistillGuard.Cli -c Release -v q -nologo >/dev/null
bin=src/DistillGuard.Cli/bin/Release/net10.0/distillguard

args=(simulate --scenario "$scenario" --seed 1 --scale "$scale" --threads "$threads" --out "$out" --json --no-progress)
[ -n "$days" ] && args+=(--days "$days")
timelog="$(mktemp)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$bin" "${args[@]}" > "$out.summary.json" 2> "$timelog"

exchanges=$(grep -m1 '"exchanges"' "$out.summary.json" | tr -dc '0-9')
seconds=$(grep -m1 '"seconds"' "$out.summary.json" | sed 's/[^0-9.]//g')
wall=$(grep 'Elapsed (wall clock)' "$timelog" | awk '{print $NF}')
rss=$(grep 'Maximum resident set size' "$timelog" | awk '{print $NF}')
cpu=$(grep 'Percent of CPU' "$timelog" | awk '{print $NF}')
cpus=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$timelog")
size=$(stat -c %s "$out/exchanges.jsonl.gz")
awk -v e="$exchanges" -v s="$seconds" -v w="$wall" -v r="$rss" -v c="$cpu" -v cs="$cpus" -v z="$size" -v sc="$scenario" -v f="$scale" -v t="$threads" -v n="$(nproc)" 'BEGIN {
  printf "scenario %s --scale %s, %d threads on %d cores\n", sc, f, t, n;
  printf "exchanges        %d\n", e;
  printf "generation time  %.1f s (process wall %s, CPU %s)\n", s, w, c;
  printf "throughput       %.0f exchanges/s\n", e / s;
  printf "CPU time         %.1f s user+sys: %.0f exchanges per CPU-second (whole process, startup included)\n", cs, e / cs;
  printf "peak RSS         %.0f MiB\n", r / 1024;
  printf "output           %.1f MiB gzip (%.0f bytes/exchange)\n", z / 1048576, z / e;
}'
echo "load average at start: $load_start, at end: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine lowers the figure)"
[ "$keep" = 1 ] && echo "kept $out" || rm -rf "$out" "$out.summary.json"
