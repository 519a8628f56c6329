#!/usr/bin/env bash
# Latency through the gateway vs straight to the upstream: p50/p90/p99 to the last byte, per API, buffered and SSE.
#   bench/gateway-latency.sh [REQUESTS] [CONCURRENCY] [WARMUP]
# Client, gateway and fake upstream (tests/DistillGuard.Gateway.Tests/Support/FakeUpstream.cs) share one process on
# 127.0.0.1, so the figures are the gateway's own overhead on a machine with nothing between the parts; the fake upstream
# answers instantly, so real model latency (seconds) would dwarf the difference.
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-2000}"
concurrency="${2:-4}"
warmup="${3:-300}"
nice -n 5 dotnet build -c Release bench/DistillGuard.GatewayBench -v q -nologo >/dev/null
nice -n 5 dotnet bench/DistillGuard.GatewayBench/bin/Release/net10.0/DistillGuard.GatewayBench.dll \
  --requests "$requests" --concurrency "$concurrency" --warmup "$warmup"
