#!/usr/bin/env bash
# What a user's script does with a detached container, from start to end: start the
# testenv/config image (httpd as uid 1000, StopSignal SIGINT, VOLUME /data) detached with a
# named volume, follow its logs, exec into it, copy a file out and back in, stop it, remove
# it; the volume outlives it. Every command must succeed (set -e), and each check says what
# it expected.
#
#   tests/scripts/detached.sh ENGINE...     # e.g. tests/scripts/detached.sh rpod --root /tmp/s
set -euo pipefail
e=("$@")
image=127.0.0.1:5000/testenv/config
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

"${e[@]}" pull -q "$image" >/dev/null
id="$("${e[@]}" run -d --name web -v webdata:/data "$image")"
[ "${#id}" = 64 ] || fail "run -d printed $id, not a full ID"

# Follow the logs in the background: the follower ends when the container does.
"${e[@]}" logs -f web >"$work/followed" 2>&1 &
follower=$!

[ "$("${e[@]}" exec web id -u)" = 1000 ] || fail "exec runs as the image's user"
[ "$("${e[@]}" exec web sh -c 'echo "$GREETING"')" = "hello from rpod testenv" ] || fail "exec has the image's environment"
"${e[@]}" exec web sh -c 'echo kept > /data/note'
[ "$("${e[@]}" exec web cat /data/seed.txt)" != "" ] || fail "the new volume got the image's /data"

"${e[@]}" cp web:/www/index.html "$work/index.html"
grep -q "hello from rpod testenv" "$work/index.html" || fail "cp out"
echo "changed by the script" >"$work/index.html"
"${e[@]}" cp "$work/index.html" web:/www/index.html
[ "$("${e[@]}" exec web cat /www/index.html)" = "changed by the script" ] || fail "cp in"

"${e[@]}" stop -t 5 web >/dev/null
wait "$follower" || fail "logs -f ended badly"
"${e[@]}" rm web >/dev/null
if "${e[@]}" container exists web; then fail "rm left the container"; fi

# The volume outlived the container.
"${e[@]}" volume ls --format '{{.Name}}' | grep -qx webdata || fail "the volume went with rm"
[ "$("${e[@]}" run --rm -v webdata:/data --entrypoint cat "$image" /data/note)" = kept ] || fail "the volume's data"
"${e[@]}" volume rm webdata >/dev/null
echo "detached.sh: all went as expected"
