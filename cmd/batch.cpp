// svc batch: the nightly one-shot — import the day's logs, optionally generate
// the maintenance tickets due (--maint-generate-until), then the SLA audit
// summary and the post-import steps asked for with --report (ticket counts,
// reports, the maintenance audit), every one as of --as-of. Steps live in the
// table below; each prints its part of the batch output.
#include <fmt/format.h>

#include <algorithm>

#include <sstream>

#include "app.hpp"
#include "audit.hpp"
#include "batch.hpp"
#include "error.hpp"
#include "import.hpp"
#include "maint.hpp"
#include "maint_audit.hpp"
#include "period.hpp"
#include "report_data.hpp"
#include "reports.hpp"
#include "weekly.hpp"

namespace svc::cli {

namespace {

struct BatchContext {
  Store& store;
  const Policy& policy;
  const Globals& g;
  Instant as_of;
  std::string period;   // --period, "" when not given
  std::string format;   // table | json
  std::ostream& out;
  JsonWriter* json;     // with --format json: write one value (the batch output is one object keyed by step)
  const std::vector<ImportResult>& imported;
};

struct BatchStep {
  const char* name;
  const char* description;
  void (*run)(BatchContext&);
};

// tickets: how many tickets the store held at --as-of, by state (the projection's states).
void step_tickets(BatchContext& c) {
  auto counts = tickets_by_state(c.store, c.as_of);
  if (c.json) {
    c.json->begin_object();
    for (const auto& [state, n] : counts) c.json->field(state, n);
    c.json->end_object();
    return;
  }
  Table t;
  t.headers = {"state", "tickets"};
  t.align = {Align::Left, Align::Right};
  for (const auto& [state, n] : counts) t.add({state, std::to_string(n)});
  c.out << "\nTickets by state\n";
  write_table(c.out, t);
}

// The SLA audit summary that follows every import: how many tickets are late,
// on time, open, and how many have a breached or an at-risk target, as of --as-of.
void audit_summary(BatchContext& c) {
  SlaAuditOptions o;
  o.as_of = c.as_of;
  o.format = Format::Json;
  std::ostream discard(nullptr);  // only the counts are wanted here
  SlaCounts n = audit_sla(c.store, c.policy, o, discard);
  if (c.json) {
    c.json->begin_object()
        .field("as_of", format_rfc3339(c.as_of, c.policy.tz))
        .field("tickets", n.tickets).field("on_time", n.on_time).field("late", n.late).field("open", n.open)
        .field("cancelled", n.cancelled).field("none", n.none).field("breached", n.breached)
        .field("at_risk", n.at_risk)
        .end_object();
    return;
  }
  c.out << "\nSLA audit\n" << n.line(c.as_of, c.policy.tz) << "\n";
}

Period batch_period(const BatchContext& c, const char* step) {
  if (c.period.empty()) throw UsageError(fmt::format("--report {} needs --period (2026-11 or 2026-W47)", step));
  return parse_period(c.period, c.policy.tz);
}

// A report: its JSON goes into the batch object as it is; tables are printed under a heading.
void emit_report(BatchContext& c, const char* heading, const std::function<void(std::ostream&, Format)>& write) {
  if (c.json) {
    std::ostringstream ss;
    write(ss, Format::Json);
    std::string text = ss.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    c.json->raw(text);
    return;
  }
  c.out << "\n" << heading << "\n";
  write(c.out, Format::Table);
}

void step_sla(BatchContext& c) {
  Period period = batch_period(c, "sla");
  auto rep = sla_report(c.store, c.policy, period, GroupBy::Region, c.as_of);
  emit_report(c, "KPIs by region", [&](std::ostream& o, Format f) { write_sla_report(o, f, rep, c.policy); });
}

void step_outlets(BatchContext& c) {
  Period period = batch_period(c, "outlets");
  auto rep = outlet_report(c.store, c.policy, period, c.as_of);
  emit_report(c, "Outlet assessment", [&](std::ostream& o, Format f) { write_outlet_report(o, f, rep, c.policy); });
}

void step_weekly(BatchContext& c) {
  Period week = batch_period(c, "weekly");
  if (week.kind != PeriodKind::Week) throw UsageError("--report weekly needs an ISO week: --period 2026-W47");
  Period prev = previous_period(week, c.policy.tz);
  auto facts = load_facts(c.store, c.policy, prev.start, week.end, c.as_of);
  auto rep = weekly_report(facts, week, prev, c.as_of, "", c.policy.tz, part_prices(c.store),
                           consumed_parts(c.store, week.start, week.end, c.as_of));
  emit_report(c, "Weekly report", [&](std::ostream& o, Format f) { write_weekly_report(o, f, rep, c.policy); });
}

// maint: the maintenance audit as of --as-of (as 'svc audit maint'): overdue,
// incomplete and unfollowed work. Findings do not change the exit code here.
void step_maint(BatchContext& c) {
  Table t = maint_findings_table(audit_maint(c.store, c.policy, c.as_of));
  emit_report(c, "Maintenance audit", [&](std::ostream& o, Format f) {
    emit_table(o, f, t);
    if (f == Format::Table && t.rows.empty()) o << "no findings\n";
  });
}

// --maint-generate-until: the maintenance tickets due up to DAY, generated as
// of --as-of (as 'svc maint generate --until DAY' run at --as-of).
void maint_generate(BatchContext& c, Day until) {
  GenerateResult r = generate(c.store, c.policy, until, c.as_of);
  if (!c.g.quiet)
    for (const auto& w : generate_warnings(r, false)) std::cerr << "svc: " << w << "\n";
  if (c.json) {
    c.json->begin_object().field("until", format_date(until)).key("created").begin_array();
    for (const auto& id : r.created) c.json->value(id);
    c.json->end_array().field("existing", std::int64_t(r.existing)).field("later", std::int64_t(r.later));
    c.json->key("superseded").begin_array();
    for (const auto& id : r.superseded) c.json->value(id);
    c.json->end_array().end_object();
    return;
  }
  c.out << fmt::format("\nMaintenance tickets due up to {}\n{} created, {} already there, {} not due yet\n",
                       format_date(until), r.created.size(), r.existing, r.later);
  for (const auto& id : r.created) c.out << id << "\n";
}

// The post-import steps, in the order they run. Add new ones here.
const std::vector<BatchStep>& steps() {
  static const std::vector<BatchStep> table = {
      {"tickets", "tickets in the store by state", step_tickets},
      {"sla", "KPIs by region for --period (as 'svc report sla --by region')", step_sla},
      {"outlets", "the outlet assessment of --period (as 'svc report outlets')", step_outlets},
      {"weekly", "the weekly regional report of --period 2026-Www (as 'svc report weekly')", step_weekly},
      {"maint", "the maintenance audit: overdue, incomplete, unfollowed (as 'svc audit maint')", step_maint},
  };
  return table;
}

std::vector<std::string> step_names() {
  std::vector<std::string> names;
  for (const auto& s : steps()) names.emplace_back(s.name);
  return names;
}

struct BatchArgs {
  ImportArgs import;
  std::string as_of;
  std::vector<std::string> reports;
  std::string period;
  std::string maint_until;  // --maint-generate-until
};

}  // namespace

void setup_batch(CLI::App& sub, Globals& g) {
  auto a = std::make_shared<BatchArgs>();
  add_import_options(sub, a->import);
  add_as_of(&sub, a->as_of);
  sub.add_option("--report", a->reports, "Steps to run after the import, comma-separated")->delimiter(',');
  sub.add_option("--period", a->period, "Period for the reports: 2026-11 (month) or 2026-W47 (ISO week)");
  sub.add_option("--maint-generate-until", a->maint_until,
                 "After the import, generate the maintenance tickets due up to this day, as of --as-of (as 'svc "
                 "maint generate --until DAY')");
  std::string names;
  for (const auto& s : steps()) names += fmt::format("\n  {:<10} {}", s.name, s.description);
  sub.footer(fmt::format(
      "Imports FILE... exactly like 'svc import' (one transaction per file), generates the maintenance\n"
      "tickets due (--maint-generate-until), prints the SLA audit summary, then runs the --report steps;\n"
      "every step as of --as-of (default now).\n"
      "Steps:{}\n"
      "Exit 0: every file stored; 3: some files stored, others failed; 65 (66: unreadable): no file stored.\n"
      "The steps run in every case.\n"
      "\nExamples:\n"
      "  svc batch /var/spool/svc/$(date +%F).csv --report tickets\n"
      "  svc batch today.csv --report sla,outlets --period 2026-11 --format json\n"
      "  svc batch --skip-bad --reject rejects.csv today.jsonl.gz --format json\n"
      "  svc batch today.csv --as-of '2026-11-24 01:30' --maint-generate-until 2026-12-08 --report tickets,maint",
      names));
  sub.callback([&g, a] {
    auto known = step_names();
    for (const auto& r : a->reports)
      if (std::find(known.begin(), known.end(), r) == known.end()) {
        std::string hint = nearest(r, known), list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw UsageError(fmt::format("--report: unknown step '{}'{}; available: {}", r,
                                     hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), list));
      }
    Policy p = load_policy(g);
    Instant as_of = cli::as_of(a->as_of, p);
    std::optional<Day> maint_until;
    if (!a->maint_until.empty()) {
      maint_until = date_option(a->maint_until, "--maint-generate-until");
      refuse_future_generate(as_of, p.tz);  // before anything is imported
    }
    Store s = open_store(g, /*create=*/true);
    auto results = run_import(s, p, g, a->import);
    std::string fmt_out = summary_format(a->import);
    std::unique_ptr<JsonWriter> json;
    if (fmt_out == "json") {
      // one object: {"import": {...}, "maint_generate": {...}, "audit": {...}, "STEP": ..., ...}
      json = std::make_unique<JsonWriter>(std::cout);
      json->begin_object().key("import");
      write_import_json(*json, results);
    } else {
      print_import_summary(std::cout, results, fmt_out);
    }
    BatchContext ctx{s, p, g, as_of, a->period, fmt_out, std::cout, json.get(), results};
    if (maint_until) {
      if (json) json->key("maint_generate");
      maint_generate(ctx, *maint_until);
    }
    if (json) json->key("audit");
    audit_summary(ctx);
    for (const auto& step : steps())
      if (std::find(a->reports.begin(), a->reports.end(), step.name) != a->reports.end()) {
        if (json) json->key(step.name);
        step.run(ctx);
      }
    if (json) {
      json->end_object();
      json->newline();
    }
    throw_import_outcome(results);
  });
}

}  // namespace svc::cli
