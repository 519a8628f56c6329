#!/usr/bin/env bash
# A bounded soak of the gateway with injected upstream faults, on 127.0.0.1.
#   bench/gateway-soak.sh [SECONDS] [CONCURRENCY]            e.g. bench/gateway-soak.sh 240 16
# Environment: TARGET (serve: `distillguard serve` with the detector, the product configuration; library: the gateway
# library alone, its tap a counter), TIMEOUT_MS (client timeout, 2000), SLOW_MS (how long a slow / stalled upstream keeps
# silent, 4000: past the client's timeout), EVENT_DELAY_MS (between an SSE answer's events, 5), BINDING_CAPACITY (20000).
#
# The fake upstream (bench/DistillGuard.GatewayBench `upstream`) obeys an x-bench-fault request header that the soak client
# draws per request: none 70 %; 500, 502, 503 3 % each (passed through); slow 4 % (no answer past the client's timeout);
# reset before the headers 5 %; reset mid-body / mid-stream 7 %; stall mid-body / mid-stream 5 %. Requests: chat 50 %,
# Anthropic 30 %, Responses 20 %, half of them SSE, half from a free-tier key whose answers the policy rewrites (strip).
# The client classifies every outcome by status and origin — the gateway marks every answer it makes itself with
# x-distillguard-error: CODE; the upstream's injected errors carry bench_upstream_error — and fails on any 5xx the fault
# does not explain (gateway-caused), a dead gateway, or a gateway that no longer answers afterwards. The gateway's RSS is
# sampled every 5 s (start / mid / end after a warm-up, and the trend). The gateway's log is scanned for errors.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-240}"; concurrency="${2:-16}"
target="${TARGET:-serve}"; timeout_ms="${TIMEOUT_MS:-2000}"; slow_ms="${SLOW_MS:-4000}"; event_delay="${EVENT_DELAY_MS:-5}"
capacity="${BINDING_CAPACITY:-20000}"
nice -n 5 dotnet build -c Release bench/DistillGuard.GatewayBench -v q -nologo >/dev/null
nice -n 5 dotnet build -c Release src/DistillGuard.Cli -v q -nologo >/dev/null
bench=bench/DistillGuard.GatewayBench/bin/Release/net10.0/DistillGuard.GatewayBench.dll
cli=src/DistillGuard.Cli/bin/Release/net10.0/distillguard.dll

work="$(mktemp -d /tmp/dg-gw-soak.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cat > "$work/keys.jsonl" <<'EOF'
{"key":"sk-soak-paid","account":"acct_paid","tier":"paid"}
{"key":"sk-soak-free","account":"acct_free","tier":"free"}
EOF
cat > "$work/policy.yaml" <<'EOF'
signature_binding: flag
rules:
  - name: free-tier-no-reasoning
    when: { tiers: [free] }
    actions: [ { protect_reasoning: { mode: strip, hold_stream: true } } ]
  - name: watch
    when: { verdict: watch }
    actions: [ { protect_reasoning: { mode: summarise } } ]
EOF
export DOTNET_gcServer=0 DOTNET_gcConcurrent=0   # tiered PGO as serve runs (on)
unset DOTNET_TieredPGO

url_of() {   # LOGFILE WORD: waits for "listening WORD URL" and prints URL
  for _ in $(seq 1 1200); do
    if u=$(grep -m1 -o "listening $2 http://[0-9.:]*" "$1" 2>/dev/null); then echo "${u##* }"; return 0; fi
    sleep 0.1
  done
  echo "no '$2' listener; log:" >&2; cat "$1" >&2; return 1
}

dotnet "$bench" upstream --slow-ms "$slow_ms" --event-delay-ms "$event_delay" >"$work/upstream.log" 2>&1 & pids+=($!)
upstream="$(url_of "$work/upstream.log" upstream)"
if [ "$target" = serve ]; then
  DISTILLGUARD_GATEWAY_BINDING_CAPACITY="$capacity" dotnet "$cli" serve --gateway-port 0 --upstream "$upstream" \
    --keys "$work/keys.jsonl" --policy "$work/policy.yaml" --state "$work/state" --ingest-port 0 >"$work/gateway.log" 2>"$work/gateway.err" & pids+=($!)
else
  dotnet "$bench" gateway --upstream "$upstream" --keys "$work/keys.jsonl" --policy "$work/policy.yaml" --binding-capacity "$capacity" >"$work/gateway.log" 2>"$work/gateway.err" & pids+=($!)
fi
gw_pid=${pids[1]}
gateway="$(url_of "$work/gateway.log" gateway)"

echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "soak: $target (pid $gw_pid) ${gateway} → upstream ${upstream}; ${seconds} s, ${concurrency} workers, client timeout ${timeout_ms} ms, upstream silence ${slow_ms} ms"
set +e
dotnet "$bench" soak --gateway "$gateway" --keys sk-soak-paid,sk-soak-free --seconds "$seconds" --concurrency "$concurrency" \
  --timeout-ms "$timeout_ms" --pid "$gw_pid" --sample-s 5 --warmup-s 30
rc=$?
set -e
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$target" = serve ]; then
  ingest="$(url_of "$work/gateway.log" ingest)"
  echo "detector: $(curl -s "$ingest/v1/stats" || echo unreachable)"
fi
# The gateway's own log: upstream failures (4121) are expected under injected faults; errors are not.
echo "gateway log: $(grep -c '\[4121\]' "$work/gateway.err" || true) upstream-failure warnings (4121), $(grep -c '\[4122\]' "$work/gateway.err" || true) refused responses (4122)," \
  "$(grep -cE 'fail:|crit:|Unhandled|unhandled' "$work/gateway.err" || true) error lines"
if grep -qE 'fail:|crit:|Unhandled|unhandled' "$work/gateway.err"; then
  echo "error lines (first 10):"; grep -E -A3 'fail:|crit:|Unhandled|unhandled' "$work/gateway.err" | head -40
  rc=1
fi
exit "$rc"
