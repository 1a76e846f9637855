# Shared by bench/*.sh (sourced, not run): puts the benchmark in rootless conditions.
# Run as root, it copies the rpod binary where the test user can execute it and re-runs the calling
# script as that user (rpodtest, through ../shared/testenv/as-user); run as a user, it uses that user.
# Then it makes sure the local registry and test images are there and podman is set up, and gives:
#   $RPOD (binary), $W (scratch dir, removed on exit), wipe DIR... (removes stores whose files
#   belong to subordinate ids), ratio JSON (prints podman's median / rpod's median).
# shellcheck shell=bash
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# .cargo/config.toml builds for the named host target: binaries are in target/<host tuple>/.
built() { echo "$top/target/$(rustc -vV | sed -n 's/^host: //p')/release/rpod"; }
T="$(cd "${RPOD_SHARED:-$top/../shared}/testenv" && pwd -P)"
export CONTAINERS_REGISTRIES_CONF="$T/registries.conf.example"

if [ "$(id -u)" = 0 ]; then
    src="${RPOD:-$(built)}"
    [ -x "$src" ] || { echo "$src missing: run 'cargo build --release' (or set RPOD=path)" >&2; exit 1; }
    "$T/as-user" --setup-only
    bin_dir="$(mktemp -d /tmp/rpod-bench-bin.XXXXXX)"
    trap 'rm -rf "$bin_dir"' EXIT
    install -m 0755 "$src" "$bin_dir/rpod"
    chmod 0755 "$bin_dir"
    cd "$top"
    "$T/as-user" env RPOD="$bin_dir/rpod" ${RUNS:+RUNS="$RUNS"} ${BENCH_OUT:+BENCH_OUT="$BENCH_OUT"} ${BENCH_WIPE:+BENCH_WIPE="$BENCH_WIPE"} "$0" "$@"
    exit
fi

RPOD="${RPOD:-$(built)}"
[ -x "$RPOD" ] || { echo "$RPOD missing: run 'cargo build --release' (or set RPOD=path)" >&2; exit 1; }
for tool in hyperfine podman python3; do
    command -v "$tool" >/dev/null || { echo "$tool missing: run 'sudo scripts/test' once (installs the test environment)" >&2; exit 1; }
done
quiet() { local log; log="$("$@" 2>&1)" || { printf '%s\n' "$log" >&2; echo "failed: $*" >&2; exit 1; }; }
quiet "$T/registry" start
quiet "$T/images"
# podman-setup copies the read-only registries.conf.example and then cannot overwrite its copy.
chmod -f u+w "${XDG_CONFIG_HOME:-$HOME/.config}/containers/registries.conf" || true
quiet "$T/podman-setup"

# The stores live where users' stores do, under $HOME (not in /tmp, where the test suite
# creates and deletes thousands of files: see README.md on ext4 without a journal). The path
# is short: podman wants a run root under 50 characters.
mkdir -p "$HOME/.cache"
W="$(mktemp -d "$HOME/.cache/rpod-bench.XXXXXX")"
# Stores hold files owned by the user's subordinate ids: delete them in a user namespace that
# maps the user to 0 and the subuid range from 1, as rootless engines do.
wipe() { unshare --map-auto --map-root-user rm -rf "$@"; }
trap 'wipe "$W"' EXIT

ratio() { # hyperfine JSON with commands named rpod and podman (and maybe floor)
    python3 - "$1" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
t = lambda s: f"{s * 1000:.1f} ms" if s < 1 else f"{s:.3f} s"
q = f"{r['podman'] / r['rpod']:.2f}" if r["rpod"] > 0 else "n/a"
line = f"median: rpod {t(r['rpod'])}, podman {t(r['podman'])}; podman/rpod = {q}"
if "floor" in r:
    line += f"; floor {t(r['floor'])}, rpod/floor = {r['rpod'] / r['floor']:.2f}"
print(line)
PY
}
