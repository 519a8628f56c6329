#!/usr/bin/env bash
# Detection quality: simulate → analyze → evaluate for scenarios × seeds (× corpus), one table row per run.
#
#   bench/quality.sh [-s "standard evasive hardneg frontier"] [-n "1 2 3"] [-c /work/shared/data] [-i FILE] [-w DIR] [-r] [-a]
#     -s  scenarios (space separated)            default: standard evasive hardneg frontier
#     -n  seeds (space separated)                default: 1 2 3
#     -c  corpus directory: also run every pair with --corpus DIR (runs without it too unless -C)
#     -C  only the corpus runs
#     -i  IP intelligence to analyze with (--ip-intel), e.g. ../shared/data/ip/x4bnet/output/datacenter/ipv4.txt
#     -w  work directory (simulations are kept there)   default: /tmp/dg-quality
#     -r  reuse a simulation already in the work directory (same scenario/seed/corpus) instead of re-simulating
#     -a  analyze with a fresh build only: skip runs whose simulation is missing (implies -r)
#     -b  distillguard.dll to use (default: this worktree's Release build), e.g. to compare with another build
#     -t  name of the analysis sub-directory in each run (default: an), so two builds can share simulations
# Needs `dotnet build -c Release src/DistillGuard.Cli` first. Runs one scenario at a time (machine is shared).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dll="$here/src/DistillGuard.Cli/bin/Release/net10.0/distillguard.dll"; an=an
scenarios="standard evasive hardneg frontier"; seeds="1 2 3"; corpus=""; only_corpus=0
work=/tmp/dg-quality; reuse=0; analyze_only=0; intel=()
while getopts "s:n:c:Ci:w:rab:t:" o; do
  case $o in
    s) scenarios="$OPTARG";; n) seeds="$OPTARG";; c) corpus="$OPTARG";; C) only_corpus=1;; i) intel=(--ip-intel "$OPTARG");;
    w) work="$OPTARG";; r) reuse=1;; a) reuse=1; analyze_only=1;; b) dll="$OPTARG";; t) an="$OPTARG";;
    *) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 2;;
  esac
done
DG="dotnet $dll"
command -v jq >/dev/null || { echo "quality.sh needs jq" >&2; exit 2; }
mkdir -p "$work"
corpora=("-"); [[ -n $corpus ]] && { if (( only_corpus )); then corpora=("$corpus"); else corpora=("-" "$corpus"); fi; }
printf '%-9s %4s %-6s %9s %7s %7s %9s %8s %7s %6s %6s %9s\n' scenario seed corpus precision recall F1 minCampR legitFP fp_personas purity found analyze_s
for sc in $scenarios; do for seed in $seeds; do for cp in "${corpora[@]}"; do
  tag="$sc-$seed"; cargs=(); cname=no
  if [[ $cp != "-" ]]; then tag="$tag-corpus"; cargs=(--corpus "$cp"); cname=yes; fi
  d="$work/$tag"
  if ! (( reuse )) || [[ ! -f $d/labels.jsonl ]]; then
    if (( analyze_only )); then continue; fi
    rm -rf "$d"; $DG simulate --scenario "$sc" --seed "$seed" "${cargs[@]}" --out "$d" --no-progress >/dev/null
  fi
  allow=(); [[ -f $d/allow.txt ]] && allow=(--allow "$d/allow.txt")
  $DG analyze --log "$d/exchanges.jsonl.gz" --accounts "$d/accounts.jsonl" "${allow[@]}" "${intel[@]}" --out "$d/$an" --no-progress --json > "$d/$an.analyze.json"
  $DG evaluate --labels "$d/labels.jsonl" --verdicts "$d/$an/verdicts.jsonl" --campaigns "$d/$an/campaigns.json" --json > "$d/$an.eval.json" 2>/dev/null || true
  jq -r --arg sc "$sc" --arg seed "$seed" --arg cp "$cname" --slurpfile an "$d/$an.analyze.json" '
    def r3: . * 1000 | round / 1000 | tostring;
    [ $sc, $seed, $cp, (.campaign_verdict.precision|r3), (.campaign_verdict.recall|r3), (.campaign_verdict.f1|r3),
      ([.labelled_campaigns[].recall] | (min // 1) | r3),
      # false positives among the hard-negative personas (every legitimate persona but the ordinary developer)
      ([.legitimate_personas[] | .false_positives] | add // 0 | tostring),
      ([.legitimate_personas[] | select(.false_positives > 0) | "\(.persona):\(.false_positives)"] | join(",") | if . == "" then "-" else . end),
      # weighted purity of the detected campaigns, and how many were found (labelled campaigns: "labelled" in the summary)
      ((.weighted_purity // 1) | r3), ([.detected_campaigns[]] | length | tostring),
      ($an[0].elapsed_seconds | tostring) ] | @tsv' "$d/$an.eval.json" |
  awk -F'\t' '{ printf "%-9s %4s %-6s %9s %7s %7s %9s %8s %7s %6s %6s %9s\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12 }'
done; done; done
