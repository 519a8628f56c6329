#!/usr/bin/env bash
# Dashboard latency with 50 K accounts and 1 K campaigns in the store (synthetic rows), on DuckDB and, when DG_TEST_PG
# (or PG_URI) names a PostgreSQL server, on PostgreSQL. Prints markdown tables of p50/p99 per API call and page loads in
# Chromium. Usage: bench/dashboard-latency.sh [ACCOUNTS] [CAMPAIGNS] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-50000}; campaigns=${2:-1000}; requests=${3:-200}
nice -n 5 dotnet build bench/DistillGuard.DashboardBench -c Release -v q -nologo >/dev/null
bin=bench/DistillGuard.DashboardBench/bin/Release/net10.0/DistillGuard.DashboardBench
tmp=$(mktemp -d)
echo "## DuckDB"
"$bin" --store "$tmp/bench.duckdb" --accounts "$accounts" --campaigns "$campaigns" --requests "$requests"
pg=${PG_URI:-${DG_TEST_PG:-}}
if [ -n "$pg" ]; then
  db="dg_bench_$$"
  psql "${pg}" -qc "CREATE DATABASE $db" >/dev/null
  echo; echo "## PostgreSQL"
  "$bin" --store "${pg%/*}/$db" --accounts "$accounts" --campaigns "$campaigns" --requests "$requests"
  psql "${pg}" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
fi
rm -rf "$tmp"
