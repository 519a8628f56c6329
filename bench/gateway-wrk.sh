#!/usr/bin/env bash
# Throughput and latency of the gateway against a bare YARP pass-through, under wrk, on 127.0.0.1.
#   bench/gateway-wrk.sh [ROUNDS] [DURATION_S] [CONNECTIONS...]        default: bench/gateway-wrk.sh 5 10 1 8 64
# Environment: THREADS (wrk threads, 1), PIN (1: wrk on CPU 1, the servers on CPU 0; 0, the default: no pinning), LIBRARY (1: also
# measure the gateway library alone, its tap a counter — tells the gateway's cost from the detector's), WARMUP_S (10),
# SERVE_OTHER (path to another build's distillguard.dll: also measured as target "other", alternating with the rest —
# compares two builds of serve in the same rounds), SERVE_ENV / OTHER_ENV (extra environment for serve / other, e.g.
# "DISTILLGUARD_SERVE_BACKGROUND_NICE=10"), PGO (0: every server without the tiered-PGO tier).
#
# Started once, each in its own process (bench/DistillGuard.GatewayBench modes, src/DistillGuard.Cli):
#   upstream  a fast fake model API: a fixed chat.completion JSON per POST
#   bare      a bare YARP pass-through: one route to the upstream, no policy (the baseline)
#   serve     `distillguard serve --gateway-port 0 --upstream … --keys … --policy … --state …`: the real product
#             configuration, every exchange tapped into the streaming detector
# Then, per round and connection count, the same wrk run (POST /v1/chat/completions with a Bearer key from the keys
# file, bench/gateway-wrk.lua) against bare, serve (and library), alternating the order each round; between runs it waits until
# every server is idle again (the detector ingests its tap queue after a run), so no run pays for the one before.
# Prints each run, then per connection count the median target/bare req/s ratio and added p50/p99 with their spread.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"; duration="${2:-10}"; shift $(( $# > 2 ? 2 : $# )) || true
conns=("$@"); [ ${#conns[@]} -gt 0 ] || conns=(1 8 64)
threads="${THREADS:-1}"; pin="${PIN:-0}"; library="${LIBRARY:-1}"; warmup="${WARMUP_S:-10}"

if ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
nice -n 5 dotnet build -c Release bench/DistillGuard.GatewayBench -v q -nologo >/dev/null
nice -n 5 dotnet build -c Release src/DistillGuard.Cli -v q -nologo >/dev/null
bench=bench/DistillGuard.GatewayBench/bin/Release/net10.0/DistillGuard.GatewayBench.dll
cli=src/DistillGuard.Cli/bin/Release/net10.0/distillguard.dll

work="$(mktemp -d "${TMPDIR:-/tmp}/dg-gw-wrk.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cat > "$work/keys.jsonl" <<'EOF'
{"key":"sk-bench-0001","account":"acct_bench","tier":"paid"}
{"key":"sk-bench-0002","account":"acct_other","tier":"free"}
EOF
# Rules that a clear account is evaluated against and passes (the usual case): the policy path runs, nothing fires.
cat > "$work/policy.yaml" <<'EOF'
signature_binding: reject
rules:
  - name: block-confirmed
    when: { verdict: campaign, score: { min: 0.95 } }
    action: { block: { message: "Access suspended: model distillation." } }
  - name: campaign
    when: { verdict: campaign }
    actions: [ { throttle: { rate: 20/min, burst: 5 } }, { protect_reasoning: strip } ]
  - name: watch
    when: { verdict: watch }
    actions: [ { protect_reasoning: { mode: summarise } } ]
EOF
export WRK_KEY="$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' "$work/keys.jsonl" | head -1)"

servers=(); client=()
if [ "$pin" = 1 ]; then servers=(taskset -c 0); client=(taskset -c 1); fi
# The same runtime settings for every .NET server as `distillguard serve` runs with: workstation, non-concurrent GC, tiered
# PGO on (serve re-executes itself with it; the bench's own servers have it from their runtimeconfig). PGO=0 turns the
# instrumented tier off for all of them, as the batch commands run.
export DOTNET_gcServer=0 DOTNET_gcConcurrent=0
if [ "${PGO:-1}" = 0 ]; then export DOTNET_TieredPGO=0; else unset DOTNET_TieredPGO; fi

url_of() {   # LOGFILE WORD: waits for "listening WORD URL" and prints URL
  for _ in $(seq 1 1200); do
    if u=$(grep -m1 -o "listening $2 http://[0-9.:]*" "$1" 2>/dev/null); then echo "${u##* }"; return 0; fi
    sleep 0.1
  done
  echo "no '$2' listener; log:" >&2; cat "$1" >&2; return 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_idle() {   # until no server used more than 3 ticks (30 ms) of CPU in 0.5 s, at most 60 s
  for _ in $(seq 1 120); do
    local a=() b=() busy=0
    for p in "${pids[@]}"; do a+=("$(cpu_ticks "$p")"); done
    sleep 0.5
    for i in "${!pids[@]}"; do b=$(cpu_ticks "${pids[$i]}"); [ $((b - a[i])) -le 3 ] || busy=1; done
    [ "$busy" = 0 ] && return 0
  done
}

"${servers[@]}" dotnet "$bench" upstream >"$work/upstream.log" 2>&1 & pids+=($!)
upstream="$(url_of "$work/upstream.log" upstream)"
"${servers[@]}" dotnet "$bench" bare --upstream "$upstream" >"$work/bare.log" 2>&1 & pids+=($!)
env ${SERVE_ENV:-} "${servers[@]}" dotnet "$cli" serve --gateway-port 0 --upstream "$upstream" --keys "$work/keys.jsonl" --policy "$work/policy.yaml" \
  --state "$work/state" >"$work/serve.log" 2>"$work/serve.err" & pids+=($!)
targets=(bare serve)
declare -A url pid
pid[bare]=${pids[1]}; pid[serve]=${pids[2]}
url[bare]="$(url_of "$work/bare.log" bare)"
url[serve]="$(url_of "$work/serve.log" gateway)"
if [ -n "${SERVE_OTHER:-}" ]; then
  env ${OTHER_ENV:-} "${servers[@]}" dotnet "$SERVE_OTHER" serve --gateway-port 0 --upstream "$upstream" --keys "$work/keys.jsonl" \
    --policy "$work/policy.yaml" --state "$work/state-other" >"$work/other.log" 2>"$work/other.err" & pids+=($!)
  pid[other]=${pids[$((${#pids[@]} - 1))]}; url[other]="$(url_of "$work/other.log" gateway)"
  targets+=(other)
fi
if [ "$library" = 1 ]; then
  "${servers[@]}" dotnet "$bench" gateway --upstream "$upstream" --keys "$work/keys.jsonl" --policy "$work/policy.yaml" >"$work/library.log" 2>&1 & pids+=($!)
  url[library]="$(url_of "$work/library.log" gateway)"; pid[library]=${pids[$((${#pids[@]} - 1))]}
  targets+=(library)
fi

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.3f", v / 1000; else if (v ~ /ms$/) printf "%.3f", v + 0; else if (v ~ /s$/) printf "%.3f", v * 1000; else printf "%.3f", v }'; }
results="$work/results.tsv"
run() {   # TARGET CONNECTIONS SECONDS [record]
  local out="$work/wrk.out" t0 t1 u0 u1
  t0=$(cpu_ticks "${pid[$1]}"); u0=$(cpu_ticks "${pids[0]}")
  "${client[@]}" wrk -t"$threads" -c"$2" -d"$3s" --latency -s bench/gateway-wrk.lua "${url[$1]}/v1/chat/completions" >"$out" 2>&1
  [ "${4:-}" = record ] || return 0
  wait_idle   # the target's CPU time includes what it did after the run for the run (the detector ingesting its tap queue)
  t1=$(cpu_ticks "${pid[$1]}"); u1=$(cpu_ticks "${pids[0]}")
  local rps p50 p99 non2xx errors requests cpu ucpu
  requests=$(awk '/requests in/ {print $1}' "$out")
  cpu=$(awk -v d=$((t1 - t0)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", d / hz * 1e6 / n }')
  ucpu=$(awk -v d=$((u1 - u0)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", d / hz * 1e6 / n }')
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {print $0}' "$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$2" "$1" "$rps" "$p50" "$p99" "$non2xx" "$cpu" >>"$results"
  printf '  round %s  c=%-4s %-8s %7.0f req/s  p50 %7.3f ms  p99 %7.3f ms  CPU/request: proxy %4s us, upstream %4s us  non-2xx %s  load %s%s\n' \
    "$round" "$2" "$1" "$rps" "$p50" "$p99" "$cpu" "$ucpu" "$non2xx" "$(cut -d' ' -f1 /proc/loadavg)" "${errors:+  $errors}"
}

echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$threads -d${duration}s --latency; pinning: $([ "$pin" = 1 ] && echo 'servers CPU 0, wrk CPU 1' || echo none)"
echo "servers: upstream $upstream, bare ${url[bare]}, serve (distillguard serve) ${url[serve]}${url[library]:+, gateway library ${url[library]}}"
for _ in $(seq 1 100); do grep -q "runtime:" "$work/serve.log" && break; sleep 0.1; done
echo "serve $(grep -o 'runtime: [^)]*' "$work/serve.log" || echo 'runtime: not reported')"
round=0
for t in "${targets[@]}"; do run "$t" "${conns[0]}" "$warmup"; done   # JIT and connection warm-up, not recorded
wait_idle
for round in $(seq 1 "$rounds"); do
  for c in "${conns[@]}"; do
    order=("${targets[@]}")
    if [ $((round % 2)) = 0 ]; then order=(); for ((i=${#targets[@]}-1; i>=0; i--)); do order+=("${targets[$i]}"); done; fi
    for t in "${order[@]}"; do run "$t" "$c" "$duration" record; done
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q . "$work/serve.err"; then echo "serve stderr (last lines):"; tail -5 "$work/serve.err"; fi

echo
echo "summary: median over $rounds rounds [min – max]; ratio = req/s of the target / req/s of bare in the same round;"
echo "added = target's latency − bare's in the same round"
for c in "${conns[@]}"; do
  for t in "${targets[@]}"; do
    [ "$t" = bare ] && continue
    awk -F'\t' -v c="$c" -v t="$t" '
      $2 == c && $3 == "bare" { brps[$1] = $4; b50[$1] = $5; b99[$1] = $6; bcpu[$1] = $8 }
      $2 == c && $3 == t      { trps[$1] = $4; t50[$1] = $5; t99[$1] = $6; n2[$1] = $7; tcpu[$1] = $8 }
      function med(a, n,   i, j, x) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
                                      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
      END {
        n = 0
        for (r in trps) if (r in brps) { n++; ratio[n] = trps[r] / brps[r]; d50[n] = t50[r] - b50[r]; d99[n] = t99[r] - b99[r]
                                         bps[n] = brps[r]; tps[n] = trps[r]; bp99[n] = b99[r]; tp99[n] = t99[r]; non2 += n2[r]
                                         bc[n] = bcpu[r]; tc[n] = tcpu[r] }
        m = med(ratio, n); lo = ratio[1]; hi = ratio[n]
        m50 = med(d50, n); lo50 = d50[1]; hi50 = d50[n]
        m99 = med(d99, n); lo99 = d99[1]; hi99 = d99[n]
        mb = med(bps, n); mt = med(tps, n); mbp = med(bp99, n); mtp = med(tp99, n); mbc = med(bc, n); mtc = med(tc, n)
        printf "c=%-4s %-8s req/s %6.0f vs bare %6.0f: ratio %5.1f %% [%5.1f – %5.1f]; added p50 %+.3f ms [%+.3f – %+.3f], p99 %+.3f ms [%+.3f – %+.3f] (p99 %.3f vs %.3f ms); CPU/request %d vs %d us; non-2xx %d\n",
          c, t, mt, mb, 100 * m, 100 * lo, 100 * hi, m50, lo50, hi50, m99, lo99, hi99, mtp, mbp, mtc, mbc, non2
      }' "$results"
  done
done
