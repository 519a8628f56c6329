#!/usr/bin/env bash
# The SHA-256 over the front end's sources (file names and contents, sorted), as recorded in Assets/sources.sha256.
set -euo pipefail
cd "$(dirname "$0")"
for f in $(find src -type f | LC_ALL=C sort) index.html package.json package-lock.json vite.config.js; do
  printf '%s\n' "$f"; sha256sum < "$f" | cut -d' ' -f1
done | sha256sum | cut -d' ' -f1
