#!/usr/bin/env bash
# Leave-one-evidence-family-out ablation: analyze each simulation with one evidence family switched off
# (DISTILLGUARD_DETECTOR_DISABLED_EVIDENCE) and print precision/recall per run and family.
#
#   bench/ablation.sh [-f "none content network client registration behaviour replay budgets echo group"] DIR...
#     DIR  simulation folders (exchanges.jsonl.gz, accounts.jsonl, labels.jsonl[, allow.txt]), e.g. from bench/quality.sh
# Needs `dotnet build -c Release src/DistillGuard.Cli` and jq. Writes DIR/ablation-FAMILY/.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dll="$here/src/DistillGuard.Cli/bin/Release/net10.0/distillguard.dll"
families="none content network client registration behaviour replay budgets echo group"
while getopts "f:" o; do case $o in f) families="$OPTARG";; *) sed -n 2,7p "$0"; exit 2;; esac; done
shift $((OPTIND - 1))
(( $# > 0 )) || { sed -n 2,7p "$0"; exit 2; }
printf '%-28s %-13s %9s %7s %9s %8s\n' run disabled precision recall minCampR legitFP
for d in "$@"; do for fam in $families; do
  out="$d/ablation-$fam"; allow=(); [[ -f $d/allow.txt ]] && allow=(--allow "$d/allow.txt")
  value=""; [[ $fam != none ]] && value="$fam"
  DISTILLGUARD_DETECTOR_DISABLED_EVIDENCE="$value" dotnet "$dll" analyze --log "$d/exchanges.jsonl.gz" --accounts "$d/accounts.jsonl" "${allow[@]}" \
    --out "$out" --no-progress --json > /dev/null
  dotnet "$dll" evaluate --labels "$d/labels.jsonl" --verdicts "$out/verdicts.jsonl" --campaigns "$out/campaigns.json" --json 2>/dev/null |
    jq -r --arg run "$(basename "$d")" --arg fam "$fam" 'def r3: . * 1000 | round / 1000 | tostring;
      [$run, $fam, (.campaign_verdict.precision|r3), (.campaign_verdict.recall|r3), ([.labelled_campaigns[].recall] | (min // 1) | r3),
       ([.legitimate_personas[] | .false_positives] | add // 0 | tostring)] | @tsv' |
    awk -F'\t' '{ printf "%-28s %-13s %9s %7s %9s %8s\n", $1,$2,$3,$4,$5,$6 }'
done; done
