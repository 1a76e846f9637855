#!/bin/sh
# Writes a small seed corpus of real-world-shaped layer tars to fuzz/corpus/unpack_layer
# (not committed): plain files, nested dirs, symlinks, hard links, whiteouts, an opaque
# marker, FIFOs, GNU long names, PAX records with xattrs, and a `./`-prefixed layer.
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
ls -l "$out"
