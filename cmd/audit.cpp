// svc audit sla|integrity|verify: the nightly audits (docs/sla.md §2, §4, §6)
// and the tamper-evidence check. Later audits hang under `svc audit` through the
// extensions table in app.cpp.
#include <fmt/format.h>

#include "app.hpp"
#include "audit.hpp"
#include "error.hpp"
#include "filters.hpp"
#include "seals.hpp"
#include "verify.hpp"

namespace svc::cli {

namespace {

struct FilterOpts {
  std::string from, to, outlet, region;
};

void add_filter(CLI::App* app, FilterOpts& f, bool place = true) {
  app->add_option("--from", f.from, "Only tickets created on or after this local date (YYYY-MM-DD)");
  app->add_option("--to", f.to, "Only tickets created on or before this local date (YYYY-MM-DD)");
  if (!place) return;
  app->add_option("--outlet", f.outlet, "Only tickets of this outlet");
  app->add_option("--region", f.region, "Only tickets of this region");
}

TicketFilter make_filter(const FilterOpts& f) {
  TicketFilter t;
  auto date = [](const std::string& opt, const std::string& v) -> std::optional<Day> {
    if (v.empty()) return std::nullopt;
    auto d = parse_date(v);
    if (!d) throw UsageError(fmt::format("{} '{}': {}", opt, v, date_problem(v)));
    return d;
  };
  t.from = date("--from", f.from);
  t.to = date("--to", f.to);
  if (t.from && t.to && *t.from > *t.to) throw UsageError(fmt::format("--from {} is after --to {}", f.from, f.to));
  t.outlet = f.outlet;
  t.region = f.region;
  return t;
}

// --outlet and --region name something the store knows, else usage (exit 2).
void check_place(Store& s, const FilterOpts& f) {
  check_filter(s, FilterKind::Outlet, f.outlet, "--outlet");
  check_filter(s, FilterKind::Region, f.region, "--region");
}

struct SlaOpts {
  std::string as_of, format, ticket, fail_on;
  FilterOpts filter;
  bool all = false;
};

struct IntegrityOpts {
  std::string as_of, format, fail_on;
  FilterOpts filter;
};

struct VerifyOpts {
  std::string format;
};

void setup_sla(CLI::App& sub, Globals& g, SlaOpts& o) {
  add_as_of(&sub, o.as_of);
  add_filter(&sub, o.filter);
  sub.add_option("--ticket", o.ticket, "Explain one ticket: the rule and why, each target's clock, pauses, elapsed, due");
  sub.add_flag("--all", o.all, "List every ticket (in ticket id order), not only those with a breached or at-risk target");
  sub.add_option("--fail-on", o.fail_on, "Exit 1 when a selected ticket has a breached target (breach), or a breached or "
                                         "at-risk one (at-risk): for cron")
      ->check(CLI::IsMember({"breach", "at-risk"}));
  add_format(&sub, o.format);
  sub.footer(
      "Examples:\n"
      "  svc audit sla                                  tickets with a breached or at-risk target, most overdue first\n"
      "  svc audit sla --all --format json > sla.json   every ticket, spec §6 JSON\n"
      "  svc audit sla --as-of 2026-11-09T16:00:00+08:00 --ticket T1\n"
      "  svc audit sla --from 2026-11-01 --to 2026-11-30 --outlet SH-01 --format csv\n"
      "  svc audit sla --fail-on breach --quiet || mail -s 'SLA breaches' ops@example.com");
  sub.callback([&g, &o] {
    Policy p = load_policy(g);
    SlaAuditOptions a;
    a.as_of = as_of(o.as_of, p);
    a.filter = make_filter(o.filter);
    a.ticket = o.ticket;
    a.all = o.all;
    a.format = format_of(o.format);
    Store store = open_store(g);
    check_place(store, o.filter);
    SlaCounts c = audit_sla(store, p, a, std::cout);
    std::cout.flush();
    if (a.format != Format::Table && !g.quiet) std::cerr << c.line(a.as_of, p.tz) << "\n";
    FailOn f = o.fail_on == "breach" ? FailOn::Breach : o.fail_on == "at-risk" ? FailOn::AtRisk : FailOn::Nothing;
    if (c.fails(f)) g.exit_status = kExitFindings;
  });
}

void setup_integrity(CLI::App& sub, Globals& g, IntegrityOpts& o) {
  add_as_of(&sub, o.as_of);
  add_filter(&sub, o.filter);
  sub.add_option("--fail-on", o.fail_on, "Exit 1 when there is a finding: for cron")->check(CLI::IsMember({"finding"}));
  add_format(&sub, o.format);
  sub.footer(
      "Examples:\n"
      "  svc audit integrity\n"
      "  svc audit integrity --from 2026-11-01 --to 2026-11-30 --outlet SH-01 --format csv\n"
      "  svc audit integrity --fail-on finding --format json > findings.json");
  sub.callback([&g, &o] {
    Policy p = load_policy(g);
    IntegrityOptions a;
    a.as_of = as_of(o.as_of, p);
    a.filter = make_filter(o.filter);
    a.format = format_of(o.format);
    Store store = open_store(g);
    check_place(store, o.filter);
    auto n = audit_integrity(store, p, a, std::cout);
    if (a.format != Format::Table && !g.quiet)
      std::cerr << fmt::format("{} finding{}\n", n, n == 1 ? "" : "s");
    if (o.fail_on == "finding" && n > 0) g.exit_status = kExitFindings;
  });
}

void setup_verify(CLI::App& sub, Globals& g, VerifyOpts& o) {
  add_format(&sub, o.format);
  sub.footer(
      "Checks the events' chain, the tickets projection against the events, and the seals of the records\n"
      "that decide money or compliance (visits, readings, training, site updates, parts movements and claims,\n"
      "costs, assessments, corrections, imports, maintenance work, master data). Exit 0 when all match; 1 naming\n"
      "every broken link, row, record and dropped table (docs/admin.md).\n"
      "Examples:\n"
      "  svc audit verify\n"
      "  svc audit verify --format json");
  sub.callback([&g, &o] {
    Format f = format_of(o.format);
    Store store = open_store_read_only(g);  // a backup's check changes nothing, also on read-only media
    const bool progress = !g.quiet && stderr_is_terminal();
    VerifyResult r = verify_chain(store, [&](std::int64_t n) {
      if (progress) std::cerr << fmt::format("\rverified {} events", n) << std::flush;
    });
    if (progress) std::cerr << "\r\033[K";
    ProjectionCheck pc = verify_projection(store);
    SealReport sr = verify_seals(store);
    std::int64_t records = 0;
    for (auto& t : sr.tables) records += t.rows;
    // Every finding but the chain's as (table, key, problem, reason).
    std::vector<SealFinding> findings;
    for (auto& x : pc.findings)
      findings.push_back({"tickets", x.ticket.empty() ? "" : "ticket=" + x.ticket, x.problem, x.reason});
    findings.insert(findings.end(), sr.findings.begin(), sr.findings.end());
    const bool ok = !r.broken && findings.empty();
    if (f == Format::Json) {
      JsonWriter w(std::cout);
      w.begin_object().field("ok", ok).field("events", r.checked);
      w.key("broken");
      if (!r.broken) {
        w.null();
      } else {
        w.begin_object().field("seq", r.broken->seq).field("id", r.broken->id).field("ticket", r.broken->ticket);
        w.field("reason", r.broken->reason).end_object();
      }
      w.field("tickets", pc.checked).field("records", records);
      w.key("tables").begin_array();
      for (auto& t : sr.tables)
        w.begin_object().field("table", t.table).field("rows", t.rows).field("head", t.head).end_object();
      w.end_array();
      w.key("findings").begin_array();
      for (auto& x : findings)
        w.begin_object()
            .field("table", x.table)
            .field("key", x.key)
            .field("problem", x.problem)
            .field("reason", x.reason)
            .end_object();
      w.end_array();
      w.end_object();
      w.newline();
    } else if (f == Format::Csv) {
      Table t;
      t.headers = {"ok", "events", "tickets", "records", "table", "key", "problem", "reason"};
      auto row = [&](const std::string& table, const std::string& key, const std::string& problem,
                     const std::string& reason) {
        t.add({ok ? "yes" : "no", std::to_string(r.checked), std::to_string(pc.checked), std::to_string(records), table,
               key, problem, reason});
      };
      if (r.broken)
        row("events", fmt::format("seq={}, id={}, ticket={}", r.broken->seq, r.broken->id, r.broken->ticket),
            "chain broken", r.broken->reason);
      for (auto& x : findings) row(x.table, x.key, x.problem, x.reason);
      if (ok) row("", "", "", "");
      write_csv(std::cout, t);
    } else {
      if (!r.broken)
        std::cout << fmt::format("chain intact: {} event{} verified\n", r.checked, r.checked == 1 ? "" : "s");
      else
        std::cout << fmt::format("chain broken at seq {} (event {}, ticket {}): {}\n{} event{} before it verified\n",
                                 r.broken->seq, r.broken->id, r.broken->ticket, r.broken->reason, r.checked,
                                 r.checked == 1 ? "" : "s");
      std::cout << fmt::format("projection {}: {} ticket{} {} {} events\n", pc.findings.empty() ? "intact" : "altered",
                               pc.checked, pc.checked == 1 ? "" : "s", pc.checked == 1 ? "matches" : "match",
                               pc.checked == 1 ? "its" : "their");
      std::cout << fmt::format("records {}: {} sealed row{} in {} tables verified\n",
                               sr.findings.empty() ? "intact" : "altered", records, records == 1 ? "" : "s",
                               sr.tables.size());
      for (auto& x : findings)
        if (x.key.empty()) std::cout << fmt::format("{}: {}: {}\n", x.table, x.problem, x.reason);  // a whole table
        else std::cout << fmt::format("{} ({}): {}: {}\n", x.table, x.key, x.problem, x.reason);
    }
    if (!ok) g.exit_status = kExitFindings;
  });
}

}  // namespace

void setup_audit(CLI::App& sub, Globals& g) {
  static SlaOpts sla;
  static IntegrityOpts integrity;
  static VerifyOpts verify;
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  svc audit sla --fail-on breach\n"
      "  svc audit integrity --from 2026-11-01 --to 2026-11-30\n"
      "  svc audit verify");
  setup_sla(*sub.add_subcommand("sla", "SLA targets of every ticket: breaches and at-risk tickets, or --all"), g, sla);
  setup_integrity(*sub.add_subcommand("integrity", "Integrity findings: signed before completion, unapproved fees"), g,
                  integrity);
  setup_verify(*sub.add_subcommand("verify", "Check the tamper evidence: the events' chain, the tickets projection, the sealed records"), g,
               verify);
}

}  // namespace svc::cli
