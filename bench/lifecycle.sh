#!/usr/bin/env bash
# Detached containers, rpod vs podman side by side in one hyperfine run each:
#   - `exec CTR true` into a running container; `inspect CTR`;
#   - `ps -a` with 1 container, then with 100;
#   - `run -d busybox sleep 1000` then `rm -f -t 0` of it (one container's whole life);
#   - a script that starts 20 `run -d` at once, then removes the 20 with 20 `rm -f` at once;
# and the resident memory (VmRSS) of rpod's monitor beside conmon's, for the same detached
# `sleep`. JSON in $BENCH_OUT (default /tmp/rpod-bench-results).
#
#   bench/lifecycle.sh                 # as root or as the test user; RUNS=30, RUNS20=5
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

out_dir="${BENCH_OUT:-/tmp/rpod-bench-results}"
mkdir -p "$out_dir"; echo "results: $out_dir" >&2
R=("$RPOD" --root "$W/r" --runroot "$W/r/run")
P=(podman --root "$W/p" --runroot "$W/prr")
"${R[@]}" pull -q busybox >/dev/null
"${P[@]}" pull -q busybox >/dev/null

# One running container each, for exec, inspect and ps.
"${R[@]}" run -d --name c0 busybox sleep 1000 >/dev/null
"${P[@]}" run -d --name c0 busybox sleep 1000 >/dev/null
hyperfine -N --style basic --warmup 3 --runs "${RUNS:-30}" \
    --export-json "$out_dir/exec.json" \
    -n rpod "${R[*]} exec c0 true" \
    -n podman "${P[*]} exec c0 true"
echo "exec CTR true: $(ratio "$out_dir/exec.json")"
hyperfine -N --style basic --warmup 3 --runs "${RUNS:-30}" \
    --export-json "$out_dir/inspect.json" \
    -n rpod "${R[*]} inspect c0" \
    -n podman "${P[*]} inspect c0"
echo "inspect: $(ratio "$out_dir/inspect.json")"
for n in 1 100; do
    if [ "$n" = 100 ]; then
        for i in $(seq 1 99); do
            "${R[@]}" create --name "k$i" busybox true >/dev/null
            "${P[@]}" create --name "k$i" busybox true >/dev/null
        done
    fi
    hyperfine -N --style basic --warmup 3 --runs "${RUNS:-30}" \
        --export-json "$out_dir/ps-$n.json" \
        -n rpod "${R[*]} ps -a" \
        -n podman "${P[*]} ps -a"
    echo "ps -a with $n containers: $(ratio "$out_dir/ps-$n.json")"
done
"${R[@]}" rm -f -a -t 0 >/dev/null
"${P[@]}" rm -f -a -t 0 >/dev/null

life() { echo "id=\$($* run -d busybox sleep 1000) && $* rm -f -t 0 \$id >/dev/null"; }
hyperfine --style basic --warmup 2 --runs "${RUNS:-30}" \
    --export-json "$out_dir/run-d-rm.json" \
    -n rpod "$(life "${R[*]}")" \
    -n podman "$(life "${P[*]}")"
echo "run -d + rm -f: $(ratio "$out_dir/run-d-rm.json")"

# Twenty at once: each engine's script, written out so that hyperfine runs one command.
twenty() { # ENGINE... -> script path
    local f="$W/twenty-$1.sh" e="${*:2}"
    {
        echo 'set -e'
        for i in $(seq 1 20); do echo "$e run -d --name c$i busybox sleep 1000 >/dev/null &"; done
        echo 'wait'
        for i in $(seq 1 20); do echo "$e rm -f -t 0 c$i >/dev/null &"; done
        echo 'wait'
    } >"$f"
    echo "$f"
}
rs="$(twenty rpod "${R[@]}")"; ps_="$(twenty podman "${P[@]}")"
hyperfine --style basic --warmup 1 --runs "${RUNS20:-5}" \
    --export-json "$out_dir/twenty.json" \
    -n rpod "bash $rs" \
    -n podman "bash $ps_"
echo "20 run -d, then 20 rm -f, at once: $(ratio "$out_dir/twenty.json")"

# The monitor's resident memory beside conmon's, for the same container.
id="$("${R[@]}" run -d busybox sleep 1000)"
mon="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["monitor_pid"])' "$W/r/run/monitors/$id/running.json")"
pid="$("${P[@]}" run -d busybox sleep 1000)"
conmon="$("${P[@]}" inspect --format '{{.State.ConmonPid}}' "$pid")"
sleep 1
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
echo "monitor RSS: rpod $(rss "$mon") kB, conmon $(rss "$conmon") kB"
"${R[@]}" rm -f -t 0 "$id" >/dev/null
"${P[@]}" rm -f -t 0 "$pid" >/dev/null
