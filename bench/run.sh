#!/usr/bin/env bash
# Container start-up benchmark: `rpod run --rm --network none busybox true` vs podman's same
# command (image already in each store) vs `unshare -Urmpf --mount-proc true`, the floor: the
# namespaces alone, no image, no runtime. One hyperfine run; JSON in $BENCH_OUT/run.json (default /tmp/rpod-bench-results).
# The floor runs right after rpod, before podman's runs churn the disk (see README.md), so that
# rpod/floor compares the two in the same conditions.
#
#   bench/run.sh                       # as root or as the test user; RUNS=60 by default
#
# Needs the test environment (sudo scripts/test once) and a release build (cargo build --release).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

out_dir="${BENCH_OUT:-/tmp/rpod-bench-results}"
mkdir -p "$out_dir"; echo "results: $out_dir" >&2
R=("$RPOD" --root "$W/r" --runroot "$W/r/run")
P=(podman --root "$W/p" --runroot "$W/prr")
"${R[@]}" pull -q busybox >/dev/null
"${P[@]}" pull -q busybox >/dev/null
hyperfine -N --style basic --warmup 3 --runs "${RUNS:-60}" \
    --export-json "$out_dir/run.json" \
    -n rpod "${R[*]} run --rm --network none busybox true" \
    -n floor "unshare -Urmpf --mount-proc true" \
    -n podman "${P[*]} run --rm --network none busybox true"
echo "run: $(ratio "$out_dir/run.json")"
