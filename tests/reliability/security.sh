#!/usr/bin/env bash
# Security (issue 9):
#  1. hostile strings (SQL, HTML, quotes, backslashes, format specifiers,
#     bidi controls, emoji, CJK, noncharacters) in every free-text field of
#     events and of master data are stored and read back verbatim (JSON output);
#  2. no SQL text is built from a user string: every SQL statement that is not
#     one string literal is listed, reviewed, in sql-allowlist.tsv;
#  3. no user string reaches a shell: lib/ and cmd/ call no system/popen/exec*;
#  4. a new store (and its WAL) is mode 0600, whatever the umask.
#   usage: security.sh SVC_BINARY SOURCE_DIR
set -uo pipefail
svc=$(readlink -f "$1"); src=$(readlink -f "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export SVC_NOW=2026-11-23T12:00:00Z NO_COLOR=1 LC_ALL=C.UTF-8
unset SVC_DB SVC_CONFIG
failures=0
fail() { echo "security: FAIL: $*"; failures=$((failures + 1)); }

# --- 1. hostile strings round trip -------------------------------------------
cat > hostile.py <<'PY'
import csv, json, subprocess, sys
svc = sys.argv[1]
H = [
    "'); DROP TABLE events;--",
    "\"; DELETE FROM tickets; --",
    "' OR '1'='1",
    "<script>alert('x')</script>",
    "<img src=x onerror=\"alert(1)\">&amp;&lt;",
    "a,b;c|d\"e\"'f'`g`",
    "back\\slash \\n \\\\ %s %n {} {0} ${HOME} $(id)",
    "line one\nline two\r\nline three",
    "\u202eevil\u202c \u200d\u200b zero-width",
    "emoji 🔧🧯👩‍🔧 and 空调不制冷，外机异响",
    "noncharacters \ufdd0\uffff\U0010ffff end",
    "tab\there",
    " leading and trailing blanks ",
]
# The free-text rule (docs/import.md "Free text", issue 25): a string with a
# character that can rewrite a terminal (C0 but LF/TAB in notes, DEL, C1, a
# bidi override) is refused in every field, by import and by master data; the
# others come back verbatim.
import re
UNSAFE = re.compile("[\x00-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
REFUSED = [h for h in H if UNSAFE.search(h)]
H = [h for h in H if not UNSAFE.search(h)]
# events: every free-text column, and the id, of one ticket per hostile string
text_cols = ["region", "outlet", "customer", "product", "engineer", "part", "note"]
rows, expect = [], {}
for i, h in enumerate(H):
    t = "H%02d" % i
    hid = (h.replace("\n", " ").replace("\r", " ").replace("\t", " "))[:60] + "#%02d" % i  # ids: no control characters
    rows.append({"id": hid, "ts": "2026-11-02 08:00", "ticket": t, "event": "created", "type": "repair",
                 "urgency": "normal", "region": h, "outlet": h, "customer": h, "product": h, "note": h})
    rows.append({"id": hid + "d", "ts": "2026-11-02 09:00", "ticket": t, "event": "dispatched", "engineer": h, "note": h})
    rows.append({"id": hid + "p", "ts": "2026-11-02 10:00", "ticket": t, "event": "part_used", "part": h, "qty": "1", "note": h})
    expect[hid] = {"region": h, "outlet": h, "customer": h, "product": h, "note": h}
    expect[hid + "d"] = {"engineer": h, "note": h}
    expect[hid + "p"] = {"part": h, "note": h}
cols = ["id", "ts", "ticket", "event", "type", "urgency", "region", "outlet", "customer", "product", "engineer", "part", "qty", "note"]
with open("hostile.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    for r in rows: w.writerow(r)
with open("hostile.jsonl", "w", encoding="utf-8") as f:  # the same events again, as JSON Lines: all duplicates
    for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")

def run(*args, ok=True):
    p = subprocess.run([svc, "--db", "s.db", *args], capture_output=True)
    if ok and p.returncode != 0:
        print("security: FAIL: svc %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.decode("utf-8", "replace")))
        sys.exit(1)
    return p

out = json.loads(run("import", "hostile.csv", "--format", "json").stdout)
assert out["new"] == len(rows), out
out = json.loads(run("import", "hostile.jsonl", "--format", "json").stdout)
assert out["duplicate"] == len(rows) and out["new"] == 0, out   # same content: known by id and digest

# read back: the stored events (sqlite3 JSON), and svc's own JSON where a command shows events
q = subprocess.run(["sqlite3", "-json", "s.db", "SELECT id, region, outlet, customer, product, engineer, part, note FROM events"], capture_output=True, check=True)
got = {e["id"]: e for e in json.loads(q.stdout)}
bad = 0
for hid, want in expect.items():
    if hid not in got:
        print("security: FAIL: event id %r not stored verbatim" % hid); bad += 1; continue
    for k, v in want.items():
        if got[hid][k] != v:
            print("security: FAIL: %s of %r stored as %r, expected %r" % (k, hid, got[hid][k], v)); bad += 1
tables = subprocess.run(["sqlite3", "s.db", "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"],
                        capture_output=True, text=True, check=True).stdout.split()
for t in ("events", "tickets", "imports"):
    if t not in tables:
        print("security: FAIL: table %s is gone" % t); bad += 1
def strings(v):
    if isinstance(v, str): yield v
    elif isinstance(v, dict):
        for x in v.values(): yield from strings(x)
    elif isinstance(v, list):
        for x in v: yield from strings(x)

shown = 0
if subprocess.run([svc, "ticket", "show", "--help"], capture_output=True).returncode == 0:
    for i, h in enumerate(H):
        view = json.loads(run("ticket", "show", "H%02d" % i, "--format", "json").stdout)
        found = sum(1 for x in strings(view) if x == h)
        if found < 2:  # at least the region/outlet of the ticket and a note in its history
            print("security: FAIL: svc ticket show H%02d --format json shows %r verbatim %d times" % (i, h, found)); bad += 1
    shown = 1

# master data: every free-text option of outlets and engineers (master data
# refuses control characters by design, so line breaks and tabs become blanks)
H = [h.replace("\r\n", " ").replace("\n", " ").replace("\t", " ") for h in H]
for i, h in enumerate(H):
    oid = "O-%02d" % i
    run("outlet", "add", oid, "--name", h, "--region", h, "--city", h, "--address", h)
    run("engineer", "add", "E-%02d" % i, "--name", h, "--outlet", oid, "--skills", h.replace(",", " "))
for i, h in enumerate(H):
    o = json.loads(run("outlet", "show", "O-%02d" % i, "--format", "json").stdout)
    for k in ("name", "region", "city", "address"):
        if o.get(k) != h:
            print("security: FAIL: outlet %s read back as %r, expected %r" % (k, o.get(k), h)); bad += 1
    e = json.loads(run("engineer", "show", "E-%02d" % i, "--format", "json").stdout)
    if e.get("name") != h:
        print("security: FAIL: engineer name read back as %r, expected %r" % (e.get("name"), h)); bad += 1
lst = json.loads(run("outlet", "list", "--format", "json").stdout)
if sorted(o["name"] for o in lst) != sorted(H):
    print("security: FAIL: outlet list does not show every name verbatim"); bad += 1
before = subprocess.run(["sqlite3", "s.db", ".dump"], capture_output=True, check=True).stdout
for i, h in enumerate(REFUSED):
    with open("refused.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ts", "ticket", "event", "type", "urgency", "region", "outlet", "customer"])
        w.writerow(["2026-11-02 08:00", "R%02d" % i, "created", "repair", "normal", "华东", "SH-01", h])
    p = run("import", "refused.csv", ok=False)
    if p.returncode != 65 or b"must not hold control characters" not in p.stderr:
        print("security: FAIL: a customer %r was not refused (exit %d)" % (h, p.returncode)); bad += 1
    p = run("outlet", "add", "R-%02d" % i, "--name", h, "--region", "华东", ok=False)
    if p.returncode != 65:
        print("security: FAIL: an outlet name %r was not refused (exit %d)" % (h, p.returncode)); bad += 1
if subprocess.run(["sqlite3", "s.db", ".dump"], capture_output=True, check=True).stdout != before:
    print("security: FAIL: a refused hostile string changed the store"); bad += 1
print("security: %d strings with control characters refused in events and master data, store unchanged" % len(REFUSED))
print("security: %d hostile strings in %d event fields and in outlet/engineer master data read back verbatim%s"
      % (len(H), len(text_cols) + 1, " (also through svc ticket show --format json)" if shown else ""))
sys.exit(1 if bad else 0)
PY
python3 hostile.py "$svc" || fail "hostile strings did not round-trip"

# --- 2. SQL is never built from user strings ----------------------------------
# Candidates: fmt::format of SQL text, SQL literals joined with +, and exec /
# Statement / prepare / execAndGet called with something other than a literal.
allow="$src/tests/reliability/sql-allowlist.tsv"
cd "$src" || exit 1
grep -rnE --include='*.cpp' --include='*.hpp' \
  -e 'fmt::format\("[^"]*\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|REPLACE|WHERE|VALUES)\b' \
  -e '"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES)\b[^"]*" *\+' \
  -e '\+ *"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|AND|OR)\b' \
  -e '(\.|->)(exec|execAndGet)\( *[^")]' \
  -e 'Statement [A-Za-z_]+\([^,]+, *[A-Za-z_]' \
  -e 'Statement>\([^,]+, *[A-Za-z_]' \
  -e 'sqlite3_(prepare|prepare_v2|prepare_v3|exec)\([^,]+, *[A-Za-z_]' \
  lib cmd > "$tmp/sql-sites" || true
unreviewed=0
while IFS= read -r hit; do
  file=${hit%%:*}; rest=${hit#*:}; code=${rest#*:}
  ok=0
  while IFS=$'\t' read -r af asnip _why; do
    [ -z "$af" ] || [ "${af:0:1}" = "#" ] && continue
    [ "$af" = "$file" ] && [[ "$code" == *"$asnip"* ]] && { ok=1; break; }
  done < "$allow"
  [ $ok = 1 ] || { fail "SQL built at $file:${rest%%:*} is not reviewed in sql-allowlist.tsv: $code"; unreviewed=1; }
done < "$tmp/sql-sites"
# every allowlist entry still matches a site (no stale review)
while IFS=$'\t' read -r af asnip _why; do
  [ -z "$af" ] || [ "${af:0:1}" = "#" ] && continue
  grep -F -- "$asnip" "$tmp/sql-sites" | grep "^$af:" >/dev/null || fail "sql-allowlist.tsv entry matches nothing: $af $asnip"
done < "$allow"
echo "security: $(wc -l < "$tmp/sql-sites") SQL statements built from more than one literal, each reviewed (sql-allowlist.tsv)"

# --- 3. no user string reaches a shell ----------------------------------------
shell=$(grep -rnE --include='*.cpp' --include='*.hpp' \
  '(^|[^A-Za-z0-9_:.>])(std::)?(system|popen|execl|execlp|execle|execv|execve|execvp|execvpe|posix_spawnp?|fork|vfork|wordexp)\s*\(' lib cmd)
[ -z "$shell" ] || fail "lib/cmd start a process or a shell: $shell"
echo "security: lib/ and cmd/ call no system/popen/exec*/posix_spawn/fork/wordexp"
cd "$tmp" || exit 1

# --- 4. store files are 0600 ---------------------------------------------------
for how in init import; do
  rm -f m.db m.db-wal m.db-shm
  if [ $how = init ]; then (umask 000; "$svc" --db m.db init > /dev/null 2>&1)
  else (umask 000; "$svc" --db m.db import -q "$src/tests/data/bad-base.csv" > /dev/null); fi
  [ "$(stat -c %a m.db)" = 600 ] || fail "svc $how created the store with mode $(stat -c %a m.db) under umask 000"
done
# the WAL and shared-memory files SQLite makes beside it, while a writer holds the store
mkfifo hold
{ echo "BEGIN IMMEDIATE; INSERT INTO imports(id, at, source, read, added, duplicate, rejected) VALUES(424242, 0, 'x', 0, 0, 0, 0);"; cat hold; echo "ROLLBACK;"; } |
  (umask 000; sqlite3 m.db > /dev/null) &
exec 3> hold; sleep 0.3
for f in m.db-wal m.db-shm; do
  [ -e $f ] && { [ "$(stat -c %a $f)" = 600 ] || fail "$f has mode $(stat -c %a $f)"; }
done
exec 3>&-; wait
echo "security: a new store is mode 0600 (svc init, svc import; umask 000), its -wal/-shm too"

[ $failures = 0 ] && echo "security: ok"
[ $failures = 0 ]
