#!/usr/bin/env bash
# Soak: two ingests, a reader running every query command and an exporter writing every
# format, all at once on one database for SOAK_SECONDS (default 60), release build; then
# the counts, integrity and the final export are checked. Record the line it prints in
# docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK_SECONDS="${SOAK_SECONDS:-60}" cargo test --release --test soak -- --ignored --nocapture 2>&1 \
  | grep -E '^soak |test result|panicked'
