#!/usr/bin/env bash
# docs/policy.md documents every policy key: each key (and each key of an
# inline table) that `svc config show` prints is in the table of its section
# ("### `[section]`"), and each key documented with a default is one svc knows.
# Also: docs/format.md, docs/import.md and docs/mapping.md (the service-log and
# mapping formats) exist and are linked from README.md, with the user guides;
# the docs stand alone: no doc, comment, test, script or example refers to the
# rules as a file outside the repository (they are stated in docs/format.md,
# docs/sla.md, docs/reports.md and docs/assessment.md), and every link between
# the docs, anchors included, leads to a file and a heading that exist.
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
for f in format.md import.md mapping.md policy.md guide-admin.md guide-analyst.md guide-finance.md json.md; do
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
# the rules live in the repository: nothing names the spec files outside it
outside=$(cd "$src" && grep -rnE "shared""/spec|\.\./shared|/work""/shared" docs README.md lib cmd tests scripts examples)
[ -z "$outside" ] || { echo "FAIL: refers to files outside the repository (state the rule in docs/ and cite that):"; echo "$outside"; fail=1; }
# the rules are stated in full where the docs say they are
for want in "docs/sla.md:### §1 Policy and calendar" "docs/sla.md:### §2 Targets, statuses, due and overdue" \
            "docs/sla.md:### §4 Integrity checks" "docs/sla.md:### §6 Machine-readable output" \
            "docs/reports.md:## §3 The KPIs in full" "docs/assessment.md:## §5 The outlet assessment in full"; do
  grep -qxF "${want#*:}" "$src/${want%%:*}" || { echo "FAIL: ${want%%:*} lacks the heading '${want#*:}'"; fail=1; }
done
# every relative link of README.md and docs/*.md leads to a file, and its #anchor to a heading there
python3 - "$src" <<'PY' || fail=1
import os, re, sys, unicodedata
root = sys.argv[1]
files = [os.path.join(root, "README.md")] + sorted(
    os.path.join(root, "docs", f) for f in os.listdir(os.path.join(root, "docs")) if f.endswith(".md"))
def slug(heading):  # GitHub's: lower case, keep letters, digits, marks, blanks, - and _; blanks become -
    heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").strip().lower()
    return "".join(c for c in heading if c in " -_" or unicodedata.category(c)[0] in "LNM").replace(" ", "-")
cache = {}
def anchors(path):
    if path not in cache:
        seen, out, code = {}, set(), False
        for line in open(path, encoding="utf-8"):
            if line.startswith("```"):
                code = not code
            m = None if code else re.match(r"^#{1,6}\s+(.*?)\s*$", line)
            if m:
                s = slug(m.group(1)); n = seen.get(s, 0); seen[s] = n + 1
                out.add(s if n == 0 else f"{s}-{n}")
        cache[path] = out
    return cache[path]
bad = links = 0
for f in files:
    text = re.sub(r"```.*?```", "", open(f, encoding="utf-8").read(), flags=re.S)
    for m in re.finditer(r"\]\(([^)\s:]*?)(?:#([^)\s]*))?\)", text):
        target, frag = m.group(1), m.group(2)
        path = os.path.normpath(os.path.join(os.path.dirname(f), target)) if target else f
        links += 1
        if target and not os.path.exists(path):
            print(f"FAIL: {os.path.relpath(f, root)} links to missing {target}"); bad += 1
        elif frag and path.endswith(".md") and frag not in anchors(path):
            print(f"FAIL: {os.path.relpath(f, root)} links to #{frag}, which is no heading of {os.path.relpath(path, root)}"); bad += 1
print(f"doc links: {links} checked")
sys.exit(1 if bad else 0)
PY
exit $fail
