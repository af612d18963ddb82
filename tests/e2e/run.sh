#!/usr/bin/env bash
# Runs one end-to-end case file against the real svc binary, in a fresh temp dir.
#   usage: run.sh SVC_BINARY CASE.t SOURCE_DIR
#
# A case file is a sequence of sections, each starting with a line "### ...":
#   ### file NAME         the lines up to the next section are written to NAME
#   ### run COMMAND       run COMMAND with bash in the temp dir (svc is on PATH)
#   ### stdout            the lines up to the next section are the exact stdout expected
#   ### stdout-has        each following line must occur somewhere in stdout
#   ### stderr-has        each following line must occur somewhere in stderr
#   ### exit N            the exit status expected (default 0)
# Trailing blank lines of a body are dropped. Lines before the first section and lines starting with "#" directly after
# "### run" are comments. Expectations apply to the "### run" before them.
# With SVC_T_UPDATE=DIR, each "### stdout" that differs is saved to DIR (want and got, numbered) for
# scripts/update-t to write back into the case file (review the diff in git: an expectation is a contract).
# Environment: SVC_DB=./svc.db, SVC_NOW=2026-11-23T12:00:00Z, NO_COLOR=1,
# SRC=the source tree (for examples/), HOME and XDG_CONFIG_HOME in the temp dir.
set -u
svc_bin=$(readlink -f "$1"); case_file=$(readlink -f "$2"); src=$(readlink -f "$3")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/home"; ln -s "$svc_bin" "$tmp/bin/svc"
cd "$tmp" || exit 1
export PATH="$tmp/bin:$PATH" SVC_DB="$tmp/svc.db" SVC_NOW="2026-11-23T12:00:00Z" NO_COLOR=1 SRC="$src" \
       HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" LC_ALL=C.UTF-8
unset SVC_CONFIG
failures=0; runs=0
cmd=""; section=""; body=""; want_exit=0; have_run=0
out_file="$tmp/.stdout"; err_file="$tmp/.stderr"; rc=0

fail() { echo "FAIL [$case_file] \$ $cmd: $*"; failures=$((failures+1)); }

check_section() {  # applies the section just read
  case "$section" in
    file\ *) printf '%s' "$body" > "${section#file }" ;;
    stdout)
      if ! diff -u <(printf '%s' "$body") "$out_file" > "$tmp/.diff"; then
        fail "stdout differs:"; cat "$tmp/.diff"
        if [ -n "${SVC_T_UPDATE:-}" ]; then
          n=$(find "$SVC_T_UPDATE" -name '*.want' | wc -l)
          printf '%s' "$body" > "$SVC_T_UPDATE/$n.want"; cp "$out_file" "$SVC_T_UPDATE/$n.got"
          echo "$case_file" > "$SVC_T_UPDATE/$n.case"
        fi; fi ;;
    stdout-has|stderr-has)
      f=$out_file; [ "$section" = stderr-has ] && f=$err_file
      while IFS= read -r want; do
        [ -z "$want" ] && continue
        grep -qF -- "$want" "$f" || { fail "${section%-has} lacks: $want"; echo "--- ${section%-has} was:"; cat "$f"; }
      done <<< "$body" ;;
  esac
}

finish_run() {
  [ "$have_run" = 1 ] || return 0
  if [ "$rc" != "$want_exit" ]; then fail "exit $rc, expected $want_exit"; echo "--- stderr:"; cat "$err_file"; fi
  have_run=0
}

start_run() {
  finish_run
  cmd="$1"; want_exit=0; have_run=1; runs=$((runs+1))
  bash -c "$cmd" > "$out_file" 2> "$err_file" < /dev/null; rc=$?
}

flush() {
  # blank lines that only separate sections are not part of a body
  while [[ "$body" == *$'\n\n' ]]; do body="${body%$'\n'}"; done
  [ "$body" = $'\n' ] && body=""
  case "$section" in
    run\ *) start_run "${section#run }" ;;
    exit\ *) want_exit="${section#exit }" ;;
    "") ;;
    *) check_section ;;
  esac
}

while IFS= read -r line || [ -n "$line" ]; do
  if [[ "$line" == "### "* ]]; then
    flush
    section="${line#\#\#\# }"; body=""
  elif [ -n "$section" ]; then
    if [[ "$section" == run\ * ]] && [[ "$line" == "#"* ]]; then continue; fi
    body+="$line"$'\n'
  fi
done < "$case_file"
flush
finish_run
if [ "$runs" = 0 ]; then echo "FAIL [$case_file]: no '### run' in case"; exit 1; fi
[ "$failures" = 0 ] && exit 0 || exit 1
