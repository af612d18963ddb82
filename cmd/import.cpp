// svc import: append service logs (CSV, JSON Lines, .gz, stdin, or other
// systems' exports through --map rules) to the store.
#include "import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "app.hpp"
#include "batch.hpp"
#include "error.hpp"
#include "mapping.hpp"
#include "output.hpp"

namespace svc::cli {

void add_import_options(CLI::App& sub, ImportArgs& a) {
  sub.add_option("FILE", a.files, "Service logs: .csv, .jsonl/.ndjson (optionally .gz), or - for standard input")
      ->required();
  sub.add_option("--format", a.formats,
                 "Repeatable. Input format csv|jsonl (needed for - and unknown extensions); summary format "
                 "table|json (default table)")
      ->check(CLI::IsMember({"csv", "jsonl", "table", "json"}))
      ->allow_extra_args(false);
  sub.add_flag("--skip-bad", a.skip_bad, "Store the good records, skip the bad ones (default: all or nothing per file)");
  sub.add_option("--reject", a.reject, "With --skip-bad: write bad records here, as they came in plus a reason column")
      ->needs(sub.get_option("--skip-bad"));
  sub.add_option("--max-errors", a.max_errors, "Report at most this many problems")
      ->capture_default_str()
      ->check(whole_number(1, 1000000));
  sub.add_option("--map", a.map, "Read other systems' CSV exports through these rules (see docs/mapping.md)")
      ->check(CLI::ExistingFile);
  sub.add_flag("--check", a.check,
               "With --map: read FILE once and print its unmapped values (as [values.*] stanzas to paste), the events "
               "of its first tickets and its bad rows; store nothing");
}

namespace {
std::string toml_quote(const std::string& v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}
}  // namespace

// --check: what the rules make of each file, nothing stored (no store is opened).
void print_map_check(std::ostream& out, const Policy& policy, const ImportArgs& a) {
  if (a.map.empty()) throw UsageError("--check needs --map RULES");
  if (a.skip_bad || !a.reject.empty()) throw UsageError("--check stores nothing: --skip-bad and --reject do not apply");
  auto rules = std::make_shared<MapRules>(load_map_rules(a.map));
  for (const auto& f : a.files) {
    if (f == "-") throw UsageError("--check reads a file, not standard input");
    MapCheck c = check_mapped(f, rules, f, policy.tz);
    out << fmt::format("# {}: {} row{}, {} event{}, {} bad row{}", f, c.rows, c.rows == 1 ? "" : "s", c.events_total,
                       c.events_total == 1 ? "" : "s", c.bad_rows, c.bad_rows == 1 ? "" : "s");
    for (const auto& [reason, n] : c.skipped) out << fmt::format(", {} skipped: {}", n, reason);
    out << "\n";
    for (const auto& [ev, n] : c.not_opened)
      out << fmt::format("# {} ticket{} start{} with '{}', not 'created': an import fails (\"has no created event\") "
                         "unless they are in the store already; set [snapshot] open_on_first_row = true to open them "
                         "on their first row\n",
                         n, n == 1 ? "" : "s", n == 1 ? "s" : "", ev);
    if (c.unmapped.empty()) out << "# every value has an entry in the value maps\n";
    for (const auto& u : c.unmapped) {
      const std::string& col = column_names()[u.column];
      out << fmt::format("\n# {} value{} of column '{}' ({}) that no map matches; paste into {} and fill in:\n",
                         u.values.size(), u.values.size() == 1 ? "" : "s", u.source_column, col, a.map);
      out << fmt::format("[values.{}]\n", col);
      for (const auto& [v, n] : u.values)
        out << fmt::format("{} = \"\"   # {} row{}\n", toml_quote(v), n, n == 1 ? "" : "s");
    }
    out << fmt::format("\n# the events of the first {} ticket{}, as a service log:\n", c.ticket_order.size(),
                       c.ticket_order.size() == 1 ? "" : "s");
    // LF line ends like the rest of the report (a CSV reader takes both)
    auto row = [&](const auto& fields) {
      bool first = true;
      for (const auto& v : fields) out << (first ? "" : ",") << csv_field(v), first = false;
      out << "\n";
    };
    row(column_names());
    for (const auto& t : c.ticket_order)
      for (const auto& e : c.events)
        if (e[kColTicket] == t) row(e);
    if (!c.problems.empty()) {
      out << fmt::format("\n# rows that cannot be mapped{}:\n",
                         c.bad_rows > c.problems.size() ? fmt::format(" (the first {})", c.problems.size()) : "");
      for (const auto& p : c.problems) out << "# " << p << "\n";
    }
  }
}

std::string summary_format(const ImportArgs& a) {
  std::string out = "table";
  for (const auto& f : a.formats)
    if (f == "table" || f == "json") out = f;
  return out;
}

static std::string input_format(const ImportArgs& a) {
  std::string in;
  for (const auto& f : a.formats)
    if (f == "csv" || f == "jsonl") {
      if (!in.empty() && in != f) throw UsageError("--format: give one input format (csv or jsonl), not both");
      in = f;
    }
  return in;
}

namespace {
std::string clock(double s) {
  long t = long(s + 0.5);
  return t >= 3600 ? fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60) : fmt::format("{}:{:02}", t / 60, t % 60);
}
}  // namespace

std::vector<ImportResult> run_import(Store& store, const Policy& policy, const Globals& g, const ImportArgs& a) {
  ImportOptions o;
  o.format = input_format(a);
  o.skip_bad = a.skip_bad;
  o.reject_path = a.reject;
  o.max_errors = a.max_errors;
  if (!a.map.empty()) {
    if (!o.format.empty() && o.format != "csv") throw UsageError("--map reads CSV exports; --format jsonl does not apply");
    o.map = std::make_shared<MapRules>(load_map_rules(a.map));
  }
  int stdin_count = 0;
  for (const auto& f : a.files) stdin_count += f == "-";
  if (stdin_count > 1) throw UsageError("standard input (-) can be read only once");
  std::string current;
  bool progress = !g.quiet && stderr_is_terminal();
  if (progress)
    o.progress = [&current](const ImportProgress& p) {
      std::string line = fmt::format("\rsvc: {}: {} records", current, p.records);
      if (p.seconds > 0) line += fmt::format(", {:.0f}/s", double(p.records) / p.seconds);
      if (p.bytes_total > 0) {
        double frac = std::min(1.0, double(p.bytes_done) / double(p.bytes_total));
        line += fmt::format(", {:.0f}%", frac * 100);
        if (frac > 0.01 && frac < 1) line += ", ETA " + clock(p.seconds * (1 - frac) / frac);
      }
      std::cerr << line << "\x1b[K" << std::flush;
    };
  Importer imp(store, policy, o);
  std::vector<ImportResult> results;
  for (const auto& f : a.files) {
    current = f;
    results.push_back(import_or_fail(imp, f));
    if (progress) std::cerr << "\r\x1b[K" << std::flush;
    const ImportResult& r = results.back();
    if (!g.quiet)  // --map [[skip]]: rows left out on purpose, counted apart from bad records
      for (const auto& [reason, n] : r.skipped)
        std::cerr << fmt::format("svc: {}: {} row{} skipped: {}\n", f, n, n == 1 ? "" : "s", reason);
    if (!r.failed && r.rejected > 0 && !g.quiet) {
      for (const auto& p : r.problems) std::cerr << p << "\n";
      std::cerr << fmt::format("svc: warning: {}: {} bad record{} skipped{}\n", f, r.rejected,
                               r.rejected == 1 ? "" : "s",
                               a.reject.empty() ? "" : fmt::format(", written to {}", a.reject));
    }
  }
  return results;
}

void write_import_json(JsonWriter& w, const std::vector<ImportResult>& results) {
  ImportResult total;
  for (const auto& r : results)
  {
    total.read += r.read, total.added += r.added, total.duplicate += r.duplicate, total.rejected += r.rejected;
    for (const auto& sk : r.skipped) {  // not a structured binding: clang 14 cannot capture one
      auto f = std::find_if(total.skipped.begin(), total.skipped.end(), [&](const auto& x) { return x.first == sk.first; });
      if (f == total.skipped.end()) total.skipped.push_back(sk);
      else f->second += sk.second;
    }
  }
  auto counts = [&](const ImportResult& r) {
    w.field("read", std::int64_t(r.read));
    w.field("new", std::int64_t(r.added));
    w.field("duplicate", std::int64_t(r.duplicate));
    w.field("rejected", std::int64_t(r.rejected));
    if (!r.skipped.empty()) {  // only with --map [[skip]] rules that matched
      w.key("skipped").begin_object();
      for (const auto& [reason, n] : r.skipped) w.field(reason, std::int64_t(n));
      w.end_object();
    }
  };
  w.begin_object();
  counts(total);
  // every file, with what became of it: stored, or failed (nothing of it stored)
  w.key("files").begin_array();
  for (const auto& r : results) {
    w.begin_object();
    w.field("file", r.source);
    w.field("status", std::string(file_status(r)));
    counts(r);
    w.field("failed", r.failed);
    if (!r.error.empty()) w.field("error", r.error);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void print_import_summary(std::ostream& out, const std::vector<ImportResult>& results, const std::string& format) {
  if (format == "json") {
    JsonWriter w(out);
    write_import_json(w, results);
    w.newline();
    return;
  }
  ImportResult total;
  for (const auto& r : results)
    total.read += r.read, total.added += r.added, total.duplicate += r.duplicate, total.rejected += r.rejected;
  Table t;
  t.headers = {"file", "read", "new", "duplicate", "rejected"};
  t.align = {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right};
  auto row = [&](const ImportResult& r, const std::string& name) {
    t.add({name + (r.failed ? " (failed: nothing stored)" : ""), std::to_string(r.read), std::to_string(r.added),
           std::to_string(r.duplicate), std::to_string(r.rejected)});
  };
  for (const auto& r : results) row(r, r.source);
  if (results.size() > 1) row(total, "total");
  write_table(out, t);
}

void throw_if_failed(const std::vector<ImportResult>& results) { throw_import_outcome(results); }

void setup_import(CLI::App& sub, Globals& g) {
  auto a = std::make_shared<ImportArgs>();
  add_import_options(sub, *a);
  sub.footer(
      "Each file is one transaction: all or nothing, unless --skip-bad. Re-importing stores nothing twice.\n"
      "Exit 0: every file stored; 3: some files stored, others failed (nothing of those); 65 (66 when no\n"
      "file could be read): nothing stored. The summary says which file is which.\n"
      "A store that does not exist yet is created (mode 0600).\n"
      "\nExamples:\n"
      "  svc import logs/2026-11-23.csv\n"
      "  svc import logs/*.jsonl.gz --format json\n"
      "  zcat export.csv.gz | svc import --format csv -\n"
      "  svc import --skip-bad --reject rejects.csv today.csv\n"
      "  svc import --map examples/maps/servicenow.toml incidents.csv\n"
      "  svc import --map examples/maps/city311.toml --check requests.csv");
  sub.callback([&g, a] {
    Policy p = load_policy(g);
    if (a->check) return print_map_check(std::cout, p, *a);
    Store s = open_store(g, /*create=*/true);
    auto results = run_import(s, p, g, *a);
    print_import_summary(std::cout, results, summary_format(*a));
    throw_if_failed(results);
  });
}

}  // namespace svc::cli
