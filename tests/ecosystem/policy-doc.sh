#!/usr/bin/env bash
# docs/policy.md documents every policy key: each key (and each key of an
# inline table) that `svc config show` prints is in the table of its section
# ("### `[section]`"), and each key documented with a default is one svc knows.
# Also: docs/import.md and docs/mapping.md (the service-log and mapping formats)
# exist and are linked from README.md, with the user guides.
#   usage: policy-doc.sh SVC_BINARY SOURCE_DIR BUILD_DIR
set -u
svc=$(readlink -f "$1"); src=$(readlink -f "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
(cd "$tmp" && env -u SVC_CONFIG HOME="$tmp" XDG_CONFIG_HOME="$tmp" "$svc" --db "$tmp/none.db" config show) > "$tmp/policy.toml" \
  || { echo "FAIL: svc config show"; exit 1; }
python3 - "$tmp/policy.toml" "$src/docs/policy.md" <<'PY' || fail=1
import re, sys, tomllib
shown = tomllib.load(open(sys.argv[1], "rb"))
doc = open(sys.argv[2], encoding="utf-8").read()

# The documented sections: "### `[name]` …" or "### `[[name]]` …" ("### Top level" is the root).
sections = {}
for m in re.finditer(r"^### (.*)\n((?:(?!^##).*\n?)*)", doc, re.M):
    head, body = m.group(1), m.group(2)
    s = re.match(r"`\[\[?([a-z_.]+)\]?\]`", head)
    sections["" if head.startswith("Top level") else (s.group(1) if s else head)] = body

def rows(body):  # "| `key` | …" rows of the tables whose first column is "key", with whether the table has a default column
    out, has_default = {}, False
    for line in body.splitlines():
        if line.startswith("| key |"):
            has_default = "default" in line
        m = re.match(r"\| `([a-z_]+)` \|", line)
        if m:
            out[m.group(1)] = has_default
    return out

failures = 0
def fail(msg):
    global failures
    failures += 1
    print("FAIL: docs/policy.md: " + msg)

def check_table(section, table):
    body = sections.get(section)
    name = f"[{section}]" if section else "the top level"
    if body is None:
        fail(f"no section for {name} (keys: {', '.join(k for k, v in table.items() if not isinstance(v, dict) or True)})")
        return
    documented = rows(body)
    for key, value in table.items():
        if key not in documented:
            fail(f"{name}: key `{key}` is not documented")
        if isinstance(value, dict):  # an inline table: its keys must be named in the section
            for sub in value:
                if not re.search(rf"\b{re.escape(sub)}\b", body):
                    fail(f"{name}: `{key}` key `{sub}` is not documented")
    for key, has_default in documented.items():
        if has_default and key not in table:
            fail(f"{name}: documents `{key}` with a default, but svc config show has no such key")

n = 0
top = {k: v for k, v in shown.items() if not isinstance(v, dict)}
check_table("", top); n += len(top)
def walk(prefix, table):
    global n
    for key, value in table.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and (path in sections or not prefix):
            leaf = {k: v for k, v in value.items() if not (isinstance(v, dict) and f"{path}.{k}" in sections)
                    and not (isinstance(v, list) and v and isinstance(v[0], dict))}
            check_table(path, leaf); n += len(leaf)
            walk(path, value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):  # array of tables: [[sla.rules]]
            merged = {}
            for item in value:
                merged.update(item)
            check_table(path, merged); n += len(merged)
walk("", {k: v for k, v in shown.items() if isinstance(v, dict) or (isinstance(v, list) and v and isinstance(v[0], dict))})
print(f"policy doc: {n} keys checked against docs/policy.md")
sys.exit(1 if failures else 0)
PY
for f in import.md mapping.md policy.md guide-admin.md guide-analyst.md guide-finance.md json.md; do
  [ -s "$src/docs/$f" ] || { echo "FAIL: docs/$f missing"; fail=1; continue; }
  grep -q "(docs/$f)" "$src/README.md" || { echo "FAIL: README.md does not link docs/$f"; fail=1; }
done
# every relative link in the guides points at a file that exists
for f in "$src"/docs/guide-*.md "$src"/docs/json.md; do
  [ -f "$f" ] || continue
  for link in $(grep -o '](\([^)#:]*\))' "$f" | sed 's/^](\(.*\))$/\1/'); do
    [ -e "$(dirname "$f")/$link" ] || { echo "FAIL: $(basename "$f") links to missing $link"; fail=1; }
  done
done
exit $fail
