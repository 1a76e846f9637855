#!/bin/sh
# Writes a small seed corpus of layer tars to fuzz/corpus/unpack_layer (not committed):
# real-world-shaped ones (plain files, nested dirs, symlinks, hard links, whiteouts, an opaque
# marker, FIFOs, GNU long names, PAX records with xattrs, a `./`-prefixed layer), and hostile
# ones aimed at the fuzz target's sentinel tree (/victim, /etc/passwd, /a/b/c/victim... around
# the destination /a/b/c/dest): `..` and absolute names, writes through planted symlinks
# (absolute, relative, chained, a symlink then a file through it, a final-component symlink
# then a file of that name), hard links to outside files then writes to them, whiteouts
# and an opaque marker through a symlink, directory metadata through a symlink.
set -eu
cd "$(dirname "$0")"
out=corpus/unpack_layer
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mk() { rm -rf "$work/t"; mkdir -p "$work/t"; }

mk; cd "$work/t"
mkdir -p etc/sub usr/bin; echo hi > etc/hosts; ln -s ../etc/hosts usr/bin/rel
ln -s /etc/hosts abs; ln etc/hosts etc/hard; mkfifo fifo; chmod 4755 etc/hosts
tar -b 1 --format=gnu -cf "$OLDPWD/$out/basic.tar" .
tar -b 1 --format=posix --xattrs -cf "$OLDPWD/$out/pax.tar" etc usr abs
cd "$OLDPWD"

mk; cd "$work/t"
mkdir -p data/opaque; touch data/.wh.gone data/opaque/.wh..wh..opq data/opaque/new.txt
tar -b 1 --format=ustar -cf "$OLDPWD/$out/whiteouts.tar" data
long=$(printf 'x%.0s' $(seq 1 150))
mkdir -p "d/$long"; echo l > "d/$long/f"
tar -b 1 --format=gnu -cf "$OLDPWD/$out/longname.tar" d
tar -b 1 --format=posix -cf "$OLDPWD/$out/longname-pax.tar" d
cd "$OLDPWD"
head -c 1024 /dev/zero > "$out/empty.tar"

# Hostile tars: GNU tar refuses (or rewrites) such names, so Python's tarfile writes them.
python3 - "$out" <<'PY'
import io, sys, tarfile
tarfile.RECORDSIZE = 1024  # no padding to 10 KiB: smaller inputs mutate better
out = sys.argv[1]
def tar(name, *entries):
    with tarfile.open(f"{out}/{name}.tar", "w", format=tarfile.GNU_FORMAT) as t:
        for kind, path, arg in entries:
            i = tarfile.TarInfo(path)
            i.mtime, i.mode = 1700000000, 0o644
            data = None
            if kind == "f":
                data = arg.encode(); i.size = len(data)
            elif kind == "d":
                i.type, i.mode = tarfile.DIRTYPE, arg
            elif kind == "s":
                i.type, i.linkname, i.mode = tarfile.SYMTYPE, arg, 0o777
            elif kind == "h":
                i.type, i.linkname = tarfile.LNKTYPE, arg
            t.addfile(i, io.BytesIO(data) if data is not None else None)
tar("hostile-dotdot",
    ("f", "../victim", "pwned"), ("f", "../../victim", "pwned"),
    ("f", "../../../victim", "pwned"), ("f", "../../../../etc/passwd", "pwned"),
    ("f", "x/../../../../../escape-dotdot", "pwned"), ("f", "./../../peer/file", "pwned"),
    ("d", "../../sibling", 0o777))
tar("hostile-absolute",
    ("f", "/victim", "pwned"), ("f", "/etc/passwd", "pwned"),
    ("f", "/a/b/c/victim", "pwned"), ("f", "/new-absolute", "pwned"),
    ("d", "/a/b/sibling", 0o777), ("d", "/a/b/c/empty", 0o700))
tar("hostile-symlink",
    ("s", "up", "../../.."), ("f", "up/victim", "pwned"), ("f", "up/new", "pwned"),
    ("s", "abs", "/a/b"), ("f", "abs/victim", "pwned"), ("f", "abs/c/new", "pwned"),
    ("s", "etc", "/etc"), ("f", "etc/passwd", "pwned"),
    ("s", "root", "/"), ("d", "root/newdir", 0o755), ("d", "root/a/b/sibling", 0o777),
    ("s", "l1", "l2"), ("s", "l2", "/a"), ("f", "l1/victim", "pwned"))
tar("hostile-symlink-then-file",
    ("d", "sub", 0o755), ("s", "sub/link", "../../../.."),
    ("f", "sub/link/victim", "pwned"), ("f", "sub/link/a/b/victim", "pwned"),
    ("s", "v", "/victim"), ("f", "v", "pwned"),
    ("s", "w", "../victim"), ("f", "w", "pwned"),
    ("s", "e", "/etc/passwd"), ("h", "eh", "e"), ("f", "eh", "pwned"))
tar("hostile-hardlink",
    ("h", "h1", "/victim"), ("f", "h1", "pwned"),
    ("h", "h2", "../../../victim"), ("f", "h2", "pwned"),
    ("h", "h3", "/etc/shadow"),
    ("s", "s", "/a/b"), ("h", "h4", "s/victim"), ("f", "h4", "pwned"),
    ("s", "t", "../.."), ("h", "h5", "t/c/victim"))
tar("hostile-whiteout",
    ("s", "up", ".."), ("f", "up/.wh.victim", ""), ("f", "up/.wh..wh..opq", ""),
    ("f", "../.wh.victim", ""), ("f", "/a/.wh.victim", ""),
    ("s", "o", "/a/b/c/empty"), ("f", "o/.wh..wh..opq", ""))
PY
ls -l "$out"
