// svc maint: planned maintenance — assets, plans, what is due, generating the
// maintenance tickets, recording visits; and `svc audit maint`. See docs/maint.md.
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "batch.hpp"
#include "error.hpp"
#include "maint.hpp"
#include "maint_audit.hpp"
#include "maint_common.hpp"

namespace svc::cli {

namespace {

// "14d", "2w" or a number of days.
int days_option(const std::string& v, const char* opt) {
  std::string s = v;
  int mult = 1;
  if (!s.empty() && (s.back() == 'd' || s.back() == 'w')) mult = s.back() == 'w' ? 7 : 1, s.pop_back();
  if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw UsageError(fmt::format("{} '{}' is not a number of days (14d) or weeks (2w)", opt, v));
  return std::stoi(s) * mult;
}

}  // namespace

using maint_detail::setup_asset;
using maint_detail::setup_plan;

void setup_maint(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  svc maint plan add RS-2W --name 调压站巡检 --select kind=station --interval 2w --crew 2 --item leak_test:yesno\n"
      "  svc maint due --within 14d\n"
      "  svc maint generate --until 2026-12-07\n"
      "  svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item leak_test=yes");
  setup_asset(*sub.add_subcommand("asset", "Assets: add, list, update, retire"), g);
  setup_plan(*sub.add_subcommand("plan", "Plans: add, list, show, update, retire"), g);
  setup_visit(*sub.add_subcommand("visit", "The station log: visit list, visit show"), g);

  struct DueOptions {
    std::string as_of, within = "0d", outlet, format;
  };
  auto d = std::make_shared<DueOptions>();
  auto* due = sub.add_subcommand("due", "What is due or overdue, per outlet (one line per plan and asset)");
  add_as_of(due, d->as_of);
  due->add_option("--within", d->within, "Also what falls due this many days after --as-of (14d, 2w)")
      ->capture_default_str();
  due->add_option("--outlet", d->outlet, "Only this outlet");
  add_format(due, d->format);
  due->footer("Examples:\n  svc maint due --within 14d\n  svc maint due --as-of 2026-12-31 --outlet SH-01 --format csv");
  due->callback([d, &g] {
    Policy p = load_policy(g);
    Instant at = as_of(d->as_of, p);
    int within = days_option(d->within, "--within");
    Format f = format_of(d->format);
    Store store = open_store(g);
    check_filter(store, FilterKind::Outlet, d->outlet, "--outlet");
    emit_table(std::cout, f, due_table(due_work(store, p, at, within, d->outlet)));
  });

  struct GenOptions {
    std::string until, format, as_of;
    bool dry_run = false;
  };
  auto gen = std::make_shared<GenOptions>();
  auto* gc = sub.add_subcommand("generate", "Create the maintenance tickets of every due date up to --until "
                                            "(idempotent: safe to run from cron)");
  gc->add_option("--until", gen->until, "Last due date to generate, YYYY-MM-DD")->required();
  gc->add_flag("--dry-run", gen->dry_run, "Say which tickets would be created; change nothing");
  add_as_of(gc, gen->as_of);
  add_format(gc, gen->format);
  gc->footer("Generates as of --as-of (default now; never in the future): a due day not begun by then waits.\n"
             "\nExamples:\n  svc maint generate --until 2026-12-07\n  svc maint generate --until \"$(date -d +14days "
             "+%F)\" --quiet\n  svc maint generate --until 2026-12-07 --as-of '2026-11-23 01:30'");
  gc->callback([gen, &g] {
    Policy p = load_policy(g);
    Day until = date_option(gen->until, "--until");
    Format f = format_of(gen->format);
    Store store = open_store(g);
    Instant at = as_of(gen->as_of, p);
    refuse_future_generate(at, p.tz);
    GenerateResult r = generate(store, p, until, at, gen->dry_run);
    for (const auto& w : generate_warnings(r, gen->dry_run)) std::cerr << "svc: " << w << "\n";
    Table t;
    t.headers = {"ticket"};
    for (auto& id : r.created) t.add({id});
    emit_table(std::cout, f, t);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {}{} maintenance ticket{} {}, {} already there{}\n",
                               gen->dry_run ? "dry run, nothing changed: " : "", r.created.size(),
                               r.created.size() == 1 ? "" : "s", gen->dry_run ? "would be created" : "created",
                               r.existing, r.later ? fmt::format(", {} not due yet (created on their due day)", r.later) : "");
  });

  struct RecordOptions {
    std::string ticket, file, crew, at;
    std::vector<std::string> items;
  };
  auto rec = std::make_shared<RecordOptions>();
  auto* rc = sub.add_subcommand("record", "Record a visit's checklist results; out-of-limit values open a repair ticket");
  rc->add_option("TICKET", rec->ticket, "The maintenance ticket")->required();
  rc->add_option("--crew", rec->crew, "The crew: names or engineer ids, comma-separated (张工,李工)")->required();
  rc->add_option("--item", rec->items, "A result KEY=VALUE (repeatable)");
  rc->add_option("--file", rec->file, "Results as CSV with the columns key,value");
  rc->add_option("--at", rec->at, "When the visit took place (default: now)");
  rc->footer(
      "Examples:\n"
      "  svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item inlet_pressure=3.1 --item leak_test=yes\n"
      "  svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --file results.csv --at '2026-11-23 10:00'");
  rc->callback([rec, &g] {
    Policy p = load_policy(g);
    RecordRequest r;
    r.ticket = rec->ticket;
    r.crew = rec->crew;
    r.at = rec->at.empty() ? svc::now() : parse_as_of(rec->at, p.tz);
    if (rec->items.empty() && rec->file.empty()) throw UsageError("give the results with --item KEY=VALUE or --file FILE");
    if (!rec->file.empty()) read_results_csv(rec->file, r);
    for (auto& kv : rec->items) {
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("--item '{}': expected KEY=VALUE", kv));
      r.values.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
      r.where.push_back("--item");
    }
    Store store = open_store(g);
    RecordResult res = record_visit(store, p, r);
    std::cout << r.ticket << "\n";
    if (g.quiet) return;
    std::vector<std::string> why;
    if (!res.missing.empty()) why.push_back(fmt::format("missing {}", fmt::join(res.missing, ", ")));
    if (res.understaffed) why.push_back("the crew is below the plan's minimum");
    std::cerr << fmt::format("{}: visit recorded{}{}\n", r.ticket,
                             res.seq > 1 ? fmt::format(" (record {} of the visit)", res.seq) : "",
                             why.empty() ? "" : fmt::format(" as incomplete: {}", fmt::join(why, "; ")));
    for (auto& [k, why] : res.findings) std::cerr << fmt::format("{}: finding: {}: {}\n", r.ticket, k, why);
    if (!res.repair.empty()) std::cerr << fmt::format("{}: repair ticket {} opened\n", r.ticket, res.repair);
    if (!res.events.empty())
      std::cerr << fmt::format("{}: ticket events: {}{}\n", r.ticket, fmt::join(res.events, ", "),
                               res.missing.empty() && !res.understaffed
                                   ? ""
                                   : " (not completed: the visit is incomplete; record again to complete it)");
  });
}

void setup_audit_maint(CLI::App& sub, Globals& g) {
  struct Options {
    std::string as_of, format, fail_on;
  };
  auto o = std::make_shared<Options>();
  add_as_of(&sub, o->as_of);
  add_format(&sub, o->format);
  sub.add_option("--fail-on", o->fail_on, "Exit 1 when there is a finding of this kind: overdue, incomplete, "
                                          "unfollowed, or any")
      ->check(CLI::IsMember(std::vector<std::string>{"overdue", "incomplete", "unfollowed", "any"}));
  sub.footer(
      "Examples:\n"
      "  svc audit maint\n"
      "  svc audit maint --as-of 2026-12-31 --fail-on any --format json");
  sub.callback([o, &g] {
    Policy p = load_policy(g);
    Instant at = as_of(o->as_of, p);
    Format f = format_of(o->format);
    Store store = open_store(g);
    auto v = audit_maint(store, p, at);
    emit_table(std::cout, f, maint_findings_table(v));
    if (!o->fail_on.empty() &&
        std::any_of(v.begin(), v.end(), [&](auto& x) { return o->fail_on == "any" || x.kind == o->fail_on; }))
      g.exit_status = kExitFindings;
    if (!g.quiet) std::cerr << fmt::format("svc: {} maintenance finding{}\n", v.size(), v.size() == 1 ? "" : "s");
  });
}

}  // namespace svc::cli
