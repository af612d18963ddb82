Exit codes, end to end: every class of fault (usage and option typos, unknown filter values, closed
sets, ranges, dates that do not exist, not found, missing and bad input files, no store, a busy
store) on every subcommand that can meet it, from the table tests/e2e/data/exit-codes.tsv; the
meanings are in docs/admin.md "Exit codes". A subcommand of `svc --help` without a row fails.

### run bash "$SRC/tests/e2e/exit_codes.sh" "$SRC/tests/e2e/data/exit-codes.tsv" "$SRC"
### stdout-has
subcommands covered
