#!/usr/bin/env bash
# Completions follow the command tree: for every command that `--help` shows,
# the bash completion offers exactly its subcommands, every one of its options,
# and for an option with choices ({a,b,c} in --help) exactly those choices.
# Ticket/outlet/engineer ids come from the store when it exists, and nothing
# (no error, no new store file) when it does not. zsh: syntax check with zsh -n
# when zsh is installed, else structural checks of the generated script.
#   usage: completion.sh SVC_BINARY SOURCE_DIR BUILD_DIR
set -u
svc=$(readlink -f "$1"); src=$(readlink -f "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"; ln -s "$svc" "$tmp/bin/svc"
export PATH="$tmp/bin:$PATH" SVC_NOW=2026-11-23T12:00:00Z LC_ALL=C.UTF-8
unset SVC_CONFIG
cd "$tmp" || exit 1
fail=0; n_cmds=0; n_choices=0
svc completion bash > svc.bash || { echo "FAIL: svc completion bash exited $?"; exit 1; }
bash -n svc.bash || { echo "FAIL: bash -n svc.bash"; exit 1; }
# shellcheck disable=SC1091
source ./svc.bash
complete -p svc | grep -q -- '-F _svc' || { echo "FAIL: 'complete -F _svc svc' not registered"; fail=1; }

comp() {  # words…, the last one being completed → sorted candidates, one a line
  COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
  _svc
  printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort
}

walk() {
  local help subs opts
  help=$(svc "$@" --help 2>&1)
  n_cmds=$((n_cmds + 1))
  subs=$(awk '/^Subcommands:/{f=1;next} /^$/{f=0} f && /^  [a-z]/{print $1}' <<< "$help" | sort)
  if [ -n "$subs" ]; then
    got=$(comp svc "$@" "")
    [ "$got" = "$subs" ] || { echo "FAIL: svc $* <TAB> offers [$(echo $got)], --help lists [$(echo $subs)]"; fail=1; }
  fi
  got=$(comp svc "$@" "-")
  while IFS= read -r line; do
    [[ "$line" =~ ^\ \ (-[^ ]+)(\ ([A-Z]+[^ ]*))? ]] || continue
    IFS=, read -ra names <<< "${BASH_REMATCH[1]}"
    local type=${BASH_REMATCH[3]}
    for n in "${names[@]}"; do
      grep -qxF -- "$n" <<< "$got" || { echo "FAIL: svc $* - <TAB> lacks $n"; fail=1; }
    done
    if [[ "$type" =~ :\{([^}]*)\} ]]; then
      want=$(tr ',' '\n' <<< "${BASH_REMATCH[1]}" | sort)
      have=$(comp svc "$@" "${names[-1]}" "")
      n_choices=$((n_choices + 1))
      [ "$have" = "$want" ] || { echo "FAIL: svc $* ${names[-1]} <TAB> offers [$(echo $have)], --help says {$(echo $want)}"; fail=1; }
    fi
  done <<< "$help"
  for s in $subs; do walk "$@" "$s"; done
}
walk

# No store: ids are not offered, nothing is printed, no store is created.
export SVC_DB="$tmp/none.db"
out=$(comp svc ticket show "" 2>&1)
[ -z "$out" ] && [ ! -e "$tmp/none.db" ] || { echo "FAIL: without a store: [$out]"; fail=1; }

# A store with the demo network and log: ids from it.
export SVC_DB="$tmp/demo.db"
{ svc init && svc outlet import "$src/examples/network/outlets.csv" && svc engineer import "$src/examples/network/engineers.csv" \
  && svc import "$src/examples/demo/service-log.csv"; } > /dev/null 2>&1 || { echo "FAIL: demo store"; exit 1; }
check() {  # expected-line words…
  local want=$1; shift
  comp "$@" | grep -qxF -- "$want" || { echo "FAIL: $* <TAB> lacks $want: [$(comp "$@" | head -5 | tr '\n' ' ')]"; fail=1; }
}
check T0000105 svc ticket show T000010
check SH-01 svc ticket list --outlet SH
check E-001 svc dispatch assign T0000105 E-00
check T0000105 svc dispatch assign T000010
check bash svc completion b
check json svc report sla --format j
check --by svc report sla --b
check region svc report sla --by = re
check region svc report sla --by =
check json svc report sla --by = region --format j
# --db on the command line wins over $SVC_DB
cp demo.db other.db; export SVC_DB="$tmp/none.db"
check SH-02 svc --db "$tmp/other.db" ticket list --outlet SH
check SH-02 svc --db="$tmp/other.db" ticket list --outlet SH
check SH-02 svc --db = "$tmp/other.db" ticket list --outlet SH
[ "$(comp svc ticket list --outlet SH)" = "" ] || { echo "FAIL: ids offered from a missing \$SVC_DB"; fail=1; }
# files for file options and file positionals
touch log-a.csv
check log-a.csv svc import log-
check log-a.csv svc import --map log-

# zsh
svc completion zsh > _svc || { echo "FAIL: svc completion zsh exited $?"; fail=1; }
head -1 _svc | grep -qx '#compdef svc' || { echo "FAIL: _svc lacks #compdef svc"; fail=1; }
for fn in _svc _svc__report__sla _svc__ticket__follow_up _svc__audit__outlets _svc_ids; do
  [ "$(grep -c "^$fn() {" _svc)" = 1 ] || { echo "FAIL: _svc defines $fn() not exactly once"; fail=1; }
done
grep -qF "'--by=[Group by region|outlet|engineer|type|urgency|channel|product]:TEXT:(region outlet engineer type urgency channel product)'" _svc \
  || { echo "FAIL: zsh --by spec"; fail=1; }
if command -v zsh > /dev/null; then
  zsh -n _svc || { echo "FAIL: zsh -n _svc"; fail=1; }
  # loads under compinit without a word on stderr, and registers itself for svc
  zerr=$(zsh -fc 'autoload -U compinit; compinit -u -d ./.zcompdump; source ./_svc; print -r -- ${_comps[svc]}' 2>&1 >zout)
  [ -z "$zerr" ] && [ -s zout ] || { echo "FAIL: zsh could not load _svc: $zerr $(cat zout)"; fail=1; }
else
  echo "note: zsh not installed, zsh -n skipped"
fi
# refusal
svc completion fish > /dev/null 2> err; rc=$?
[ "$rc" = 2 ] && grep -q "unknown shell 'fish'" err || { echo "FAIL: completion fish: exit $rc: $(cat err)"; fail=1; }
echo "completion: $n_cmds commands, $n_choices option choice lists checked"
exit $fail
