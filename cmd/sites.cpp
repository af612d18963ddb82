// svc sites update record|list and svc report updates: software updates at
// customer sites and the weekly report of versions. See docs/sites.md.
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "error.hpp"
#include "period.hpp"
#include "sites.hpp"

namespace svc::cli {

void setup_sites(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  svc sites update record --site 苏州一厂 --customer C-9 --date 2026-11-20 --model RB-200 --qty 4 --version 3.2.1 "
      "--operator E-017\n"
      "  svc sites update list --period 2026-W47");
  auto* upd = sub.add_subcommand("update", "Software updates at customer sites: record, list");
  upd->require_subcommand(1);
  upd->footer("Examples:\n  svc sites update list --model RB-200 --format csv");

  struct RecordOptions {
    std::string site, customer, date, model, version, op, region;
    std::int64_t qty = 0;
  };
  auto r = std::make_shared<RecordOptions>();
  auto* rec = upd->add_subcommand("record", "Record one software update at a customer site");
  rec->add_option("--site", r->site, "Customer site")->required();
  rec->add_option("--customer", r->customer, "Customer id")->required();
  rec->add_option("--date", r->date, "Date of the update, YYYY-MM-DD")->required();
  rec->add_option("--model", r->model, "Machine model")->required();
  rec->add_option("--qty", r->qty, "Number of machines updated")->required()->check(whole_number(1, 1000000));
  rec->add_option("--version", r->version, "Software version installed")->required();
  rec->add_option("--operator", r->op, "Who did it: a known engineer id")->required();
  rec->add_option("--region", r->region, "Region of the site, a known region (default: the operator's region)");
  rec->footer(
      "Examples:\n"
      "  svc sites update record --site 苏州一厂 --customer C-9 --date 2026-11-20 --model RB-200 --qty 4 --version 3.2.1 "
      "--operator E-017\n"
      "  svc sites update record --site 成都厂 --customer C-2 --date 2026-11-18 --model RB-100 --qty 1 --version 2.0 "
      "--operator E-021 --region 西南");
  rec->callback([r, &g] {
    Policy p = load_policy(g);
    SiteUpdate u;
    u.site = r->site, u.customer = r->customer, u.model = r->model, u.version = r->version, u.op = r->op;
    u.region = r->region, u.qty = r->qty;
    auto d = parse_date(r->date);
    if (!d) throw UsageError(fmt::format("--date '{}': {}", r->date, date_problem(r->date)));
    u.day = *d;
    Store store = open_store(g);
    auto id = record_site_update(store, u, p.tz.local_day(svc::now()));
    std::cout << id << "\n";
    if (!g.quiet)
      std::cerr << fmt::format("svc: recorded update {}: {} × {} at {} to {}\n", id, u.qty, u.model, u.site, u.version);
  });

  struct VoidOptions {
    std::int64_t id = 0;
    std::string reason, user, format;
  };
  auto v = std::make_shared<VoidOptions>();
  auto* vd = upd->add_subcommand("void", "Withdraw a wrong update record (a correction by reversal): who, when, why");
  vd->add_option("ID", v->id, "Record number (svc sites update list)")->required();
  vd->add_option("--reason", v->reason, "Why the record was wrong (recorded)")->required();
  vd->add_option("--user", v->user, "Who corrects it (default $SVC_USER, else $USER)");
  vd->add_option("--format", v->format, "Output format: table|json")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_val("table");
  vd->footer(
      "The record stays stored and counts for nothing from now on (list, report updates); record the right\n"
      "one with 'svc sites update record'. See docs/corrections.md.\n"
      "Examples:\n"
      "  svc sites update void 17 --reason '日期录错, 应为 2026-11-20'");
  vd->callback([v, &g] {
    Policy p = load_policy(g);
    Store store = open_store(g);
    auto r = void_site_update(store, v->id, user_or_env(v->user), v->reason, svc::now());
    if (v->format == "json") {
      JsonWriter w(std::cout);
      w.begin_object()
          .field("voided", r.update.id)
          .field("site", r.update.site)
          .field("model", r.update.model)
          .field("version", r.update.version)
          .field("qty", r.update.qty)
          .field("date", format_date(r.update.day))
          .field("at", format_rfc3339(r.at, p.tz))
          .field("by", r.user)
          .field("reason", r.reason)
          .end_object();
      w.newline();
    } else if (!g.quiet) {
      std::cout << fmt::format("update {} voided ({} × {} at {} to {} on {}) by {}: {}\n", r.update.id, r.update.qty,
                               r.update.model, r.update.site, r.update.version, format_date(r.update.day), r.user,
                               r.reason);
    }
  });

  struct ListOptions {
    std::string period, region, model, format;
  };
  auto l = std::make_shared<ListOptions>();
  auto* list = upd->add_subcommand("list", "List the recorded updates");
  list->add_option("--period", l->period, "Only updates in this month (YYYY-MM) or ISO week (YYYY-Www)");
  list->add_option("--region", l->region, "Only this region");
  list->add_option("--model", l->model, "Only this model");
  add_format(list, l->format);
  list->footer("Examples:\n  svc sites update list --period 2026-W47 --format json");
  list->callback([l, &g] {
    Policy p = load_policy(g);
    auto [first, last] = period_days(l->period, p);
    Format f = format_of(l->format);
    Store store = open_store(g);
    check_filter(store, FilterKind::Region, l->region, "--region");
    check_filter(store, FilterKind::Model, l->model, "--model");
    emit_table(std::cout, f, site_updates_table(list_site_updates(store, first, last, l->region, l->model)));
  });
}

void setup_report_updates(CLI::App& sub, Globals& g) {
  struct Options {
    std::string week, format;
    bool old = false;
  };
  auto o = std::make_shared<Options>();
  sub.add_option("--week", o->week, "ISO week, YYYY-Www (e.g. 2026-W47)")->required();
  sub.add_flag("--old", o->old, "Only the machines still on an old version");
  add_format(&sub, o->format);
  sub.footer(
      "Examples:\n"
      "  svc report updates --week 2026-W47\n"
      "  svc report updates --week 2026-W47 --old --format csv");
  sub.callback([o, &g] {
    Policy p = load_policy(g);
    Period per = parse_period(o->week, p.tz);
    if (per.kind != PeriodKind::Week) throw UsageError(fmt::format("--week '{}' is not an ISO week YYYY-Www", o->week));
    Format f = format_of(o->format);
    Store store = open_store(g);
    auto rows = site_versions(store, per.first, per.last);
    if (o->old) std::erase_if(rows, [](auto& r) { return !r.old(); });
    emit_table(std::cout, f, site_versions_table(rows));
    if (!g.quiet) {
      long updated = std::count_if(rows.begin(), rows.end(), [](auto& r) { return r.this_week; });
      long old = std::count_if(rows.begin(), rows.end(), [](auto& r) { return r.old(); });
      std::int64_t machines = 0, old_machines = 0;
      for (auto& r : rows) machines += r.qty, old_machines += r.old() ? r.qty : 0;
      std::cerr << fmt::format("svc: week {}: {} site/model/version row{}, {} updated this week, {} on an old version "
                               "({} of {} machines)\n",
                               per.label, rows.size(), rows.size() == 1 ? "" : "s", updated, old, old_machines,
                               machines);
    }
  });
}

}  // namespace svc::cli
