#!/usr/bin/env bash
# Rebuilds the front end (report and dashboard) into src/DistillGuard.Dashboard/Assets, which is committed so that
# `dotnet build` and CI need no npm. Run it after changing anything under frontend/; the Dashboard tests check that
# Assets/sources.sha256 matches the sources.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
npx vite build
out=../src/DistillGuard.Dashboard/Assets
cp index.html "$out/index.html"
./hash.sh > "$out/sources.sha256"
ls -l "$out"
