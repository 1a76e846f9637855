#!/usr/bin/env bash
# Cold-pull benchmark: `rpod pull` vs `podman pull` (rootless, overlay driver as podman-setup
# configures it) into a fresh, empty store every iteration, from the local registry; one hyperfine
# run per image, JSON in $BENCH_OUT (default /tmp/rpod-bench-results), then the ratio of medians (podman / rpod).
#
#   bench/pull.sh                      # as root or as the test user; RUNS=5 by default
#   RPOD=path/to/rpod RUNS=10 bench/pull.sh
#
# Needs the test environment (sudo scripts/test once) and a release build (cargo build --release).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

out_dir="${BENCH_OUT:-/tmp/rpod-bench-results}"
mkdir -p "$out_dir"; echo "results: $out_dir" >&2
# Each iteration starts from empty stores. The last iteration's stores are moved aside, not
# deleted, until the end: on an ext4 without a journal (this VM's disk), every inode freed in
# the last minutes makes each new inode allocation scan past it (ext4's recently_deleted()),
# so deleting 3000 files right before a pull slowed the next pull of either tool by up to a
# few seconds — a cost of the benchmark, not of pulling. BENCH_WIPE=1 deletes instead.
mkdir -p "$W/retired"
cat >"$W/fresh-stores" <<SH
#!/bin/sh
set -e
if [ -n "\${BENCH_WIPE:-}" ]; then
    exec unshare --map-auto --map-root-user rm -rf $W/r $W/p $W/prr
fi
slot=\$(mktemp -d $W/retired/XXXXXX)
for d in $W/r $W/p $W/prr; do [ ! -e "\$d" ] || mv "\$d" "\$slot/"; done
SH
chmod +x "$W/fresh-stores"
for image in 127.0.0.1:5000/testenv/large 127.0.0.1:5000/library/busybox; do
    name="pull-$(basename "$image")"
    hyperfine -N --style basic --runs "${RUNS:-5}" \
        --prepare "$W/fresh-stores" \
        --export-json "$out_dir/$name.json" \
        -n rpod "$RPOD --root $W/r --runroot $W/r/run pull -q $image" \
        -n podman "podman --root $W/p --runroot $W/prr pull -q $image"
    echo "$name: $(ratio "$out_dir/$name.json")"
done
