#!/usr/bin/env bash
# cmake --install puts everything in the usual places, and CPack builds a .deb
# that depends on the Debian runtime libraries; extracted into a temporary
# root, its svc runs.
#   usage: package.sh SVC_BINARY SOURCE_DIR BUILD_DIR
set -u
build=$(readlink -f "$3")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
command -v dpkg-deb > /dev/null || { echo "FAIL: dpkg-deb missing (scripts/setup installs dpkg-dev)"; exit 1; }

# 1. cmake --install into a prefix
cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" 2>&1 || { echo "FAIL: cmake --install"; cat "$tmp/install.log"; exit 1; }
for f in bin/svc share/man/man1/svc.1 share/bash-completion/completions/svc share/zsh/vendor-completions/_svc \
         share/doc/svc/README.md share/doc/svc/guide-admin.md share/doc/svc/policy.md \
         share/doc/svc/schemas/json/report-sla.schema.json share/doc/svc/examples/svc.toml \
         share/doc/svc/examples/cron/svc.cron share/doc/svc/examples/systemd/svc-nightly.timer; do
  [ -e "$tmp/prefix/$f" ] || { echo "FAIL: cmake --install did not install $f"; fail=1; }
done

# 2. the .deb
(cd "$tmp" && cpack -G DEB -B "$tmp/pkg" --config "$build/CPackConfig.cmake") > "$tmp/cpack.log" 2>&1 \
  || { echo "FAIL: cpack"; tail -20 "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/pkg/svc_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "FAIL: no svc_*.deb built"; ls "$tmp/pkg"; exit 1; }
info=$(dpkg-deb -I "$deb")
grep -q '^ Package: svc$' <<< "$info" || { echo "FAIL: package name"; fail=1; }
depends=$(sed -n 's/^ Depends: //p' <<< "$info")
for lib in libc6 libsqlite3-0 libstdc++6 libssl3 zlib1g libre2-9; do
  grep -q "$lib" <<< "$depends" || { echo "FAIL: Depends lacks $lib: $depends"; fail=1; }
done
dpkg-deb -x "$deb" "$tmp/root" || { echo "FAIL: dpkg-deb -x"; exit 1; }
for f in usr/bin/svc usr/share/man/man1/svc.1 usr/share/bash-completion/completions/svc usr/share/zsh/vendor-completions/_svc \
         usr/share/doc/svc/guide-finance.md; do
  [ -e "$tmp/root/$f" ] || { echo "FAIL: the .deb lacks /$f"; fail=1; }
done
version=$("$tmp/root/usr/bin/svc" --version) || { echo "FAIL: the packaged svc --version exited $?"; fail=1; }
grep -q '^svc [0-9]' <<< "$version" && grep -q '^schema [0-9]' <<< "$version" && grep -q '^sqlite 3\.' <<< "$version" \
  || { echo "FAIL: svc --version printed: $version"; fail=1; }
# the packaged man page renders
if command -v man > /dev/null; then
  MANWIDTH=80 man -l "$tmp/root/usr/share/man/man1/svc.1" 2>/dev/null | grep -q 'svc report sla' || { echo "FAIL: man -l svc.1"; fail=1; }
fi
echo "package: $(basename "$deb") $(du -k "$deb" | cut -f1) KiB, Depends: $depends"
exit $fail
