// svc report sla|outlets|payouts|engineers|weekly|costs: the KPI reports, the
// outlet assessment, and finance's payouts. Options are parsed here; the work
// is in lib/ (report_data, kpi, assessment, reports, ...).
#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <memory>

#include "app.hpp"
#include "assessment_store.hpp"
#include "costs.hpp"
#include "engineers.hpp"
#include "error.hpp"
#include "filters.hpp"
#include "period.hpp"
#include "private_file.hpp"
#include "report_data.hpp"
#include "weekly.hpp"

namespace svc::cli {

namespace {

struct PeriodOptions {
  std::string period, from, to, as_of, format;
};

void add_period_options(CLI::App* app, PeriodOptions& o, bool range) {
  app->add_option("--period", o.period, "A month YYYY-MM (2026-11) or an ISO week YYYY-Www (2026-W47)");
  if (range) {
    app->add_option("--from", o.from, "First local date YYYY-MM-DD (with --to, inclusive)");
    app->add_option("--to", o.to, "Last local date YYYY-MM-DD (inclusive)");
  }
  add_as_of(app, o.as_of);
}

void setup_sla(CLI::App& report, Globals& g) {
  struct Options : PeriodOptions {
    std::string by;
  };
  auto o = std::make_shared<Options>();
  auto* sub = report.add_subcommand("sla", "KPIs per group and in total: timeliness, satisfaction, complaint rate, "
                                           "first-time fix, response percentiles");
  add_period_options(sub, *o, true);
  sub->add_option("--by", o->by, "Group by region|outlet|engineer|type|urgency|channel|product")
      ->check(CLI::IsMember(
          std::vector<std::string>{"region", "outlet", "engineer", "type", "urgency", "channel", "product"}));
  add_format(sub, o->format, true);
  sub->footer(
      "Examples:\n"
      "  svc report sla --period 2026-11 --by region\n"
      "  svc report sla --from 2026-11-01 --to 2026-11-15 --by engineer --format json\n"
      "  svc report sla --period 2026-W47 --by outlet --as-of 2026-11-23 --format csv");
  sub->callback([o, &g] {
    Policy p = load_policy(g);
    Period period = period_from_options(o->period, o->from, o->to, p.tz);
    GroupBy by = o->by.empty() ? GroupBy::None : *parse_group_by(o->by);
    Instant at = as_of(o->as_of, p);
    Format f = format_of(o->format);
    Store store = open_store(g);
    write_sla_report(std::cout, f, sla_report(store, p, period, by, at), p);
  });
}

void setup_repeats(CLI::App& report, Globals& g) {
  auto o = std::make_shared<PeriodOptions>();
  auto* sub = report.add_subcommand("repeats", "Repeat repairs (返修) of a period: each unit, model, outlet, both "
                                               "tickets and their engineers, the days between");
  add_period_options(sub, *o, true);
  add_format(sub, o->format);
  sub->footer(
      "A repair ticket with a serial is a repeat when another ticket of the same unit, not cancelled, had its\n"
      "final completion at or before it was created and at most [kpi] repeat_days (30) × 24 h before.\n"
      "Examples:\n"
      "  svc report repeats --period 2026-11\n"
      "  svc report repeats --period 2026-W47 --format csv > repeats.csv");
  sub->callback([o, &g] {
    Policy p = load_policy(g);
    Period period = period_from_options(o->period, o->from, o->to, p.tz);
    Instant at = as_of(o->as_of, p);
    Store store = open_store(g);
    auto rows = repeat_report(store, p, period, at);
    auto days = [](const RepeatRow& r) { return format_seconds((r.created - r.earlier_completed) / 86400); };
    emit_view(
        std::cout, format_of(o->format),
        [&] {
          Table t;
          t.headers = {"serial", "model", "outlet", "ticket", "created", "engineer", "earlier", "completed",
                       "earlier_engineer", "days"};
          t.align.assign(t.headers.size(), Align::Left);
          t.align.back() = Align::Right;
          for (const auto& r : rows)
            t.add({r.serial, r.product, r.outlet, r.ticket, format_local_minutes(r.created, p.tz),
                   r.engineer.value_or(""), r.earlier, format_local_minutes(r.earlier_completed, p.tz),
                   r.earlier_engineer.value_or(""), days(r)});
          return t;
        },
        [&](JsonWriter& w) {
          w.begin_object();
          w.field("from", format_date(period.first));
          w.field("to", format_date(period.last));
          w.field("as_of", format_rfc3339(at, p.tz));
          w.field("repeat_days", p.kpi.repeat_days);
          w.key("repeats").begin_array();
          for (const auto& r : rows) {
            w.begin_object();
            w.field("serial", r.serial);
            w.key("product");
            if (r.product.empty()) w.null();
            else w.value(r.product);
            w.field("outlet", r.outlet);
            w.field("region", r.region);
            w.field("ticket", r.ticket);
            w.field("created", format_rfc3339(r.created, p.tz));
            w.field("engineer", r.engineer);
            w.field("earlier", r.earlier);
            w.field("earlier_completed", format_rfc3339(r.earlier_completed, p.tz));
            w.field("earlier_engineer", r.earlier_engineer);
            w.key("days").raw(days(r));
            w.end_object();
          }
          w.end_array();
          w.end_object();
        });
  });
}

void setup_outlets(CLI::App& report, Globals& g) {
  auto o = std::make_shared<PeriodOptions>();
  auto* sub = report.add_subcommand("outlets", "The outlet assessment: dimensions, score, grade, standard, reward, "
                                               "penalty, actions");
  add_period_options(sub, *o, true);
  add_format(sub, o->format, true);
  sub->footer(
      "Examples:\n"
      "  svc report outlets --period 2026-11\n"
      "  svc report outlets --period 2026-W47 --format json\n"
      "  svc report outlets --period 2026-11 --as-of 2026-12-05 --format csv > assessment.csv");
  sub->callback([o, &g] {
    Policy p = load_policy(g);
    Period period = period_from_options(o->period, o->from, o->to, p.tz);
    Instant at = as_of(o->as_of, p);
    Format f = format_of(o->format);
    Store store = open_store(g);
    write_outlet_report(std::cout, f, outlet_report(store, p, period, at), p);
  });
}

void setup_payouts(CLI::App& report, Globals& g) {
  struct Options {
    std::string period, format;
  };
  auto o = std::make_shared<Options>();
  auto* sub = report.add_subcommand("payouts", "Finance's payouts per outlet from the recorded (latest) assessment "
                                               "of a period");
  sub->add_option("--period", o->period, "A month YYYY-MM or an ISO week YYYY-Www")->required();
  add_format(sub, o->format);
  sub->footer(
      "Examples:\n"
      "  svc report payouts --period 2026-11 --format csv > payouts-2026-11.csv\n"
      "  svc report payouts --period 2026-W47\n"
      "The period must have been recorded with 'svc audit outlets --period P --apply' (else exit 66).");
  sub->callback([o, &g] {
    Policy p = load_policy(g);
    Period period = parse_period(o->period, p.tz);
    Format f = format_of(o->format);
    Store store = open_store(g);
    auto rec = latest_assessment(store, period.label);
    if (!rec)
      throw NoInputError(fmt::format("no recorded assessment for {}; record it first with 'svc audit outlets "
                                     "--period {} --apply'",
                                     period.label, period.label));
    write_payouts(std::cout, f, *rec, p.tz, p.report);
  });
}

void setup_engineers(CLI::App& report, Globals& g) {
  auto o = std::make_shared<PeriodOptions>();
  auto* sub = report.add_subcommand("engineers", "Per engineer: tickets, timeliness, first-time fix, satisfaction, "
                                                 "labour hours and grade");
  add_period_options(sub, *o, true);
  add_format(sub, o->format, true);
  sub->footer(
      "Examples:\n"
      "  svc report engineers --period 2026-11\n"
      "  svc report engineers --period 2026-W47 --format csv\n"
      "Grade thresholds: [engineers] in the policy (svc config show).");
  sub->callback([o, &g] {
    Policy p = load_policy(g);
    Period period = period_from_options(o->period, o->from, o->to, p.tz);
    Instant at = as_of(o->as_of, p);
    Format f = format_of(o->format);
    Store store = open_store(g);
    auto facts = load_facts(store, p, period.start, period.end, at);
    write_engineer_report(std::cout, f, engineer_report(facts, period, at, p.engineers), p);
  });
}

void setup_weekly(CLI::App& report, Globals& g) {
  struct Options {
    std::string week, region, as_of, format, output;
  };
  auto o = std::make_shared<Options>();
  auto* sub = report.add_subcommand("weekly", "The weekly regional report: volume, KPIs vs thresholds and the "
                                              "previous week, breaches, open complaints, parts cost");
  sub->add_option("--week", o->week, "ISO week YYYY-Www, e.g. 2026-W47")->required();
  sub->add_option("--region", o->region, "Only this region");
  sub->add_option("--output,-o", o->output, "Write to FILE instead of standard output");
  add_as_of(sub, o->as_of);
  add_format(sub, o->format, true);
  sub->footer(
      "Examples:\n"
      "  svc report weekly --week 2026-W47\n"
      "  svc report weekly --week 2026-W47 --region 华东 --format json\n"
      "  svc report weekly --week 2026-W47 --format html --output weekly-2026-W47.html");
  sub->callback([o, &g] {
    Policy p = load_policy(g);
    Period week = parse_period(o->week, p.tz);
    if (week.kind != PeriodKind::Week)
      throw UsageError(fmt::format("--week '{}' is not an ISO week (expected YYYY-Www, e.g. 2026-W47)", o->week));
    Period prev = previous_period(week, p.tz);
    Instant at = as_of(o->as_of, p);
    Format f = format_of(o->format);
    Store store = open_store(g);
    check_filter(store, FilterKind::Region, o->region, "--region");
    auto facts = load_facts(store, p, prev.start, week.end, at);
    auto rep = weekly_report(facts, week, prev, at, o->region, p.tz, part_prices(store),
                             consumed_parts(store, week.start, week.end, at));
    if (o->output.empty()) return write_weekly_report(std::cout, f, rep, p);
    // the report names customers and engineers: the store's mode (0600), whatever the umask
    if (int e = prepare_private_file(o->output))
      throw NoInputError(fmt::format("cannot write '{}': {}", o->output, std::strerror(e)));
    std::ofstream file(o->output, std::ios::binary | std::ios::trunc);
    if (!file) throw NoInputError(fmt::format("cannot write '{}'", o->output));
    write_weekly_report(file, f, rep, p);
    file.close();
    if (!file) throw NoInputError(fmt::format("cannot write '{}'", o->output));
    if (!g.quiet && stderr_is_terminal()) std::cerr << fmt::format("wrote {}\n", o->output);
  });
}

void setup_costs(CLI::App& report, Globals& g) {
  struct Options : PeriodOptions {
    std::string by = "outlet";
  };
  auto o = std::make_shared<Options>();
  auto* sub = report.add_subcommand("costs", "Service costs: labour at the quota rate, parts at catalogue price, "
                                             "travel, transport, compensation, and fees collected");
  add_period_options(sub, *o, true);
  sub->add_option("--by", o->by, "Group by outlet|region|type")
      ->check(CLI::IsMember(std::vector<std::string>{"outlet", "region", "type"}))
      ->capture_default_str();
  add_format(sub, o->format, true);
  sub->footer(
      "Examples:\n"
      "  svc report costs --period 2026-11\n"
      "  svc report costs --period 2026-11 --by region --format csv\n"
      "Labour rate: [costs] labor_rate in the policy; other costs: svc cost add.");
  sub->callback([o, &g] {
    Policy p = load_policy(g);
    Period period = period_from_options(o->period, o->from, o->to, p.tz);
    Instant at = as_of(o->as_of, p);
    Format f = format_of(o->format);
    Store store = open_store(g);
    auto facts = load_facts(store, p, period.start, period.end, at);
    auto rep = cost_report(facts, period, at, *parse_group_by(o->by), p.costs.labor_rate_cents, part_prices(store),
                           cost_entries_by_ticket(store, period.start, period.end),
                           consumed_parts(store, period.start, period.end, at));
    write_cost_report(std::cout, f, rep, p);
  });
}

}  // namespace

void setup_report(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  svc report sla --period 2026-11 --by region\n"
      "  svc report outlets --period 2026-11 --format json\n"
      "  svc report payouts --period 2026-11 --format csv");
  setup_sla(sub, g);
  setup_outlets(sub, g);
  setup_repeats(sub, g);
  setup_payouts(sub, g);
  setup_engineers(sub, g);
  setup_weekly(sub, g);
  setup_costs(sub, g);
}

}  // namespace svc::cli
