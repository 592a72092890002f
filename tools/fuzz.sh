#!/usr/bin/env bash
# Fuzz every reader (JSON Lines, CSV, HTML, text with wire rules, gzip) for a fixed time:
# FUZZ_SECONDS per reader (default 60), release build. Prints inputs tried and the slowest
# input's time per reader; record the figures in docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS="${FUZZ_SECONDS:-60}" cargo test --release --lib ingest::fuzz::fuzz_every_reader_for_a_fixed_time \
  -- --ignored --nocapture 2>&1 | grep -E '^fuzz |test result|panicked'
