#!/usr/bin/env bash
# The man page says what --help says: every subcommand that some `--help`
# lists has its own section (.SS "svc a b") in `svc man`, and every option and
# positional that `svc a b --help` lists appears in that section. The tree is
# walked by running --help, not read from the code. Also: the page is what the
# build installs (build/share/svc.1) and groff reads it without warnings.
#   usage: man.sh SVC_BINARY SOURCE_DIR BUILD_DIR
set -u
svc=$1; build=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; checked_cmds=0; checked_opts=0
"$svc" man > "$tmp/svc.1" || { echo "FAIL: svc man exited $?"; exit 1; }
# Plain text of the roff (option heads: .TP, then \fB-x,--long\fR TYPE): \- → -, font escapes dropped.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' "$tmp/svc.1" > "$tmp/plain"

section() {  # the text of the .SS "svc a b" subsection, up to the next .SS/.SH; the global options for "svc"
  local title=$1
  if [ "$title" = svc ]; then
    awk '/^\.SH "GLOBAL OPTIONS"/{f=1;next} /^\.SH/{f=0} f' "$tmp/plain"
  else
    awk -v t=".SS \"$title\"" '$0==t{f=1;next} /^\.S[SH]/{f=0} f' "$tmp/plain"
  fi
}

walk() {  # words of the command path
  local help title sec
  help=$("$svc" "$@" --help 2>&1) || { echo "FAIL: svc $* --help exited non-zero"; fail=1; return; }
  title="svc${*:+ $*}"
  # the option heads of the section: the first word of each line after .TP, split at commas
  sec=$(section "$title" | awk 'p{print $1; p=0} /^\.TP/{p=1}' | tr ',' '\n')
  if [ -z "$sec" ]; then echo "FAIL: no section for '$title' in the man page"; fail=1; return; fi
  checked_cmds=$((checked_cmds+1))
  # Options (lines "  -x,--long TYPE  desc") and positionals ("  NAME TYPE  desc") of --help.
  local in=""
  while IFS= read -r line; do
    case "$line" in
      Options:|Positionals:) in=1; continue ;;
      "") in=""; continue ;;
    esac
    [ -n "$in" ] || continue
    [[ "$line" =~ ^\ \ ([^ ]+) ]] || continue
    local name=${BASH_REMATCH[1]}
    checked_opts=$((checked_opts+1))
    # each name of the option (-q,--quiet) must be in the section
    IFS=, read -ra names <<< "$name"
    for n in "${names[@]}"; do
      grep -qxF -- "$n" <<< "$sec" || { echo "FAIL: '$title' section lacks option $n"; fail=1; }
    done
  done <<< "$help"
  local subs
  subs=$(awk '/^Subcommands:/{f=1;next} /^$/{f=0} f && /^  [a-z]/{print $1}' <<< "$help")
  for s in $subs; do walk "$@" "$s"; done
}
walk

[ "$checked_cmds" -gt 50 ] || { echo "FAIL: only $checked_cmds commands walked"; fail=1; }
if [ -f "$build/share/svc.1" ]; then
  cmp -s "$tmp/svc.1" "$build/share/svc.1" || { echo "FAIL: build/share/svc.1 is stale (differs from svc man)"; fail=1; }
else
  echo "FAIL: the build did not generate share/svc.1"; fail=1
fi
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$tmp/svc.1" 2>&1)
  [ -z "$warnings" ] || { echo "FAIL: groff warns:"; echo "$warnings" | head; fail=1; }
fi
# refusal: an unwritable --output is a usage error
"$svc" man --output "$tmp/no/such/dir/svc.1" 2> "$tmp/err"; rc=$?
[ "$rc" = 2 ] && grep -q "svc: error: cannot write" "$tmp/err" || { echo "FAIL: man --output to a missing dir: exit $rc"; cat "$tmp/err"; fail=1; }
# listed in svc --help, so that people find the manual
"$svc" --help | grep -q '^  man ' || { echo "FAIL: 'man' is not listed in svc --help"; fail=1; }
echo "man page: $checked_cmds commands, $checked_opts options checked"
exit $fail
