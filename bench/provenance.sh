#!/usr/bin/env bash
# End-to-end provenance figures of docs/provenance.md: the keyed watermark on real text, false positives on clean text,
# light paraphrase, simulated students (word trigram models trained in process on harvested outputs), attribution with
# per-account keys, canaries, and what hiding reasoning costs a student. Reads ../shared/data in place (never copied).
#
#   bench/provenance.sh                       # every experiment (about 10 minutes on 2 cores)
#   bench/provenance.sh student fpr           # some of them
#   bench/provenance.sh student --seeds 5 --tokens 100000   # options go to each experiment named before them
#
# Experiments: stats fpr paraphrase student attribution reasoning canaries (see bench/DistillGuard.ProvenanceBench).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/DistillGuard.ProvenanceBench -c Release -v q -nologo >/dev/null
bench=(nice -n 5 dotnet bench/DistillGuard.ProvenanceBench/bin/Release/net10.0/DistillGuard.ProvenanceBench.dll)
if [ $# -eq 0 ]; then set -- stats fpr paraphrase student attribution reasoning canaries; fi
experiments=()
options=()
for a in "$@"; do
  case "$a" in
    stats|fpr|paraphrase|student|attribution|reasoning|canaries) experiments+=("$a") ;;
    *) options+=("$a") ;;
  esac
done
for e in "${experiments[@]}"; do
  echo "## $e ${options[*]:-}"
  echo
  "${bench[@]}" "$e" "${options[@]}"
  echo
done
