// svc dispatch: who goes where, when, and why — suggest, assign, reassign,
// auto, board, queue (lib/ops/dispatch.hpp, docs/dispatch.md).
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "app.hpp"
#include "dispatch.hpp"
#include "error.hpp"
#include "filters.hpp"
#include "masterdata.hpp"
#include "ticket.hpp"

namespace svc::cli {

namespace {

void setup_suggest(CLI::App& d, Globals& g) {
  struct Opts {
    std::string ticket, as_of, format;
    bool all_regions = false;
    std::size_t limit = 10;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = d.add_subcommand("suggest", "Ranked engineers for a ticket, each score explained factor by factor");
  add_ticket_arg(sub, o->ticket);
  sub->add_flag("--all-regions", o->all_regions, "Also list engineers of other regions (they need assign --force)");
  sub->add_option("--limit", o->limit, "Show the best N candidates; 0 = all")->capture_default_str();
  add_as_of(sub, o->as_of);
  add_format(sub, o->format);
  sub->footer(
      "Examples:\n"
      "  svc dispatch suggest T1001\n"
      "  svc dispatch suggest T1001 --limit 0 --format json\n"
      "  svc dispatch suggest T1001 --all-regions --as-of '2026-11-23 09:00'");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    Format f = format_of(o->format);
    Store s = open_store(g);
    Suggestion sg = suggest(s, p, o->ticket, as_of(o->as_of, p), o->all_regions);
    emit_view(std::cout, f, [&] { return suggestion_table(sg, o->limit); },
              [&](JsonWriter& w) { write_suggestion_json(w, sg, p, o->limit); });
  });
}

void setup_assign_like(CLI::App& d, Globals& g, bool reassign) {
  struct Opts {
    AssignRequest r;
    std::string at, window, format;
  };
  auto o = std::make_shared<Opts>();
  o->r.reassign = reassign;
  auto* sub = reassign
                  ? d.add_subcommand("reassign", "Replace a ticket's engineer (with a reason): a new dispatched event")
                  : d.add_subcommand("assign", "Dispatch an engineer to a ticket, optionally with an appointment window");
  add_ticket_arg(sub, o->r.ticket);
  sub->add_option("ENGINEER", o->r.engineer, "Engineer id")->required();
  sub->add_option("--window", o->window,
                  "Appointment window agreed with the customer: 'START/END', START a timestamp, END a timestamp or "
                  "HH:MM on START's day, e.g. '2026-11-23 14:00/16:00'");
  auto* reason = sub->add_option("--reason", o->r.reason,
                                 reassign ? "Why the engineer is replaced (required)"
                                          : "Why the window moved, when the ticket already had one");
  if (reassign) reason->required();
  sub->add_flag("--force", o->r.force, "Allow an engineer from another region");
  add_step_at(sub, o->at);
  sub->add_option("--format", o->format, "Output: text (a line on stderr) | json (the dispatch explained, on stdout)")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  if (reassign)
    sub->footer(
        "Examples:\n"
        "  svc dispatch reassign T1001 E-014 --reason '张工病假'\n"
        "  svc dispatch reassign T1001 E-014 --reason 改约 --window '2026-11-24 09:00/11:00'\n"
        "  svc dispatch reassign T1001 E-040 --reason 支援 --force");
  else
    sub->footer(
        "Examples:\n"
        "  svc dispatch assign T1001 E-017\n"
        "  svc dispatch assign T1001 E-017 --window '2026-11-23 14:00/16:00'\n"
        "  svc dispatch assign T1001 E-040 --force --at '2026-11-23 09:30' --format json");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    AssignRequest r = o->r;
    r.at = step_at(o->at, p);
    if (!o->window.empty()) {
      auto [from, to] = parse_window(o->window, p.tz);
      r.window = Window{from, to};
    }
    Store s = open_store(g);
    AssignResult res = assign(s, p, r);
    if (o->format == "json") {
      JsonWriter w(std::cout);
      w.begin_object();
      w.field("ticket", res.ticket);
      w.field("engineer", res.engineer);
      w.key("previous");
      if (res.previous.empty()) w.null();
      else w.value(res.previous);
      w.key("window");
      if (res.window) {
        w.begin_object();
        w.field("from", format_rfc3339(res.window->from, p.tz));
        w.field("to", format_rfc3339(res.window->to, p.tz));
        w.end_object();
      } else {
        w.null();
      }
      w.field("score", res.candidate.score);
      w.key("reasons");
      write_reasons_json(w, res.candidate.reasons);
      w.key("events").begin_array();
      for (const auto& e : res.events) w.value(e);
      w.end_array();
      w.end_object();
      w.newline();
    }
    if (!g.quiet) {
      std::string score = format_points(res.candidate.score);
      if (score[0] == '+') score.erase(0, 1);
      std::cerr << fmt::format("{}: {}{} (score {}: {})\n", res.ticket,
                               res.previous.empty() ? "dispatched to " : "reassigned from " + res.previous + " to ",
                               res.engineer, score, reasons_text(res.candidate.reasons));
    }
  });
}

void setup_auto(CLI::App& d, Globals& g) {
  struct Opts {
    DispatchScope scope;
    std::string as_of, format;
    bool dry_run = false;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = d.add_subcommand("auto", "Dispatch every unassigned open ticket: urgent first, then by nearest due time");
  auto* outlet = sub->add_option("--outlet", o->scope.outlet, "Only this outlet's tickets");
  sub->add_option("--region", o->scope.region, "Only this region's tickets")->excludes(outlet);
  sub->add_flag("--dry-run", o->dry_run, "Print the plan, write nothing");
  add_as_of(sub, o->as_of);
  add_format(sub, o->format);
  sub->footer(
      "Examples:\n"
      "  svc dispatch auto --dry-run\n"
      "  svc dispatch auto --region 华东\n"
      "  svc dispatch auto --outlet SH-01 --dry-run --as-of '2026-11-23 08:30' --format json");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    Format f = format_of(o->format);
    Store s = open_store(g);
    check_filter(s, FilterKind::Outlet, o->scope.outlet, "--outlet");
    check_filter(s, FilterKind::Region, o->scope.region, "--region");
    Instant t = as_of(o->as_of, p);
    Plan plan = o->dry_run ? plan_auto(s, p, o->scope, t) : run_auto(s, p, o->scope, t);
    emit_view(std::cout, f, [&] { return plan_table(plan, p.tz); },
              [&](JsonWriter& w) { write_plan_json(w, plan, p, o->dry_run); });
    if (!g.quiet)
      std::cerr << fmt::format("{} {} ticket{}, {} left unassigned\n", o->dry_run ? "would dispatch" : "dispatched",
                               plan.assigned, plan.assigned == 1 ? "" : "s", plan.left);
  });
}

void setup_board(CLI::App& d, Globals& g) {
  struct Opts {
    std::string date, outlet, engineer, as_of, format;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = d.add_subcommand("board", "One day's schedule per engineer; conflicts and overdue arrivals flagged");
  sub->add_option("--date", o->date, "The local day YYYY-MM-DD (default: the day of --as-of, i.e. today)");
  auto* outlet = sub->add_option("--outlet", o->outlet, "Only this outlet's engineers");
  sub->add_option("--engineer", o->engineer, "Only this engineer")->excludes(outlet);
  add_as_of(sub, o->as_of);
  add_format(sub, o->format);
  sub->footer(
      "Examples:\n"
      "  svc dispatch board\n"
      "  svc dispatch board --date 2026-11-24 --outlet SH-01\n"
      "  svc dispatch board --engineer E-017 --format json");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    Format f = format_of(o->format);
    BoardRequest r;
    r.as_of = as_of(o->as_of, p);
    r.outlet = o->outlet;
    r.engineer = o->engineer;
    if (o->date.empty()) r.date = p.tz.local_day(r.as_of);
    else if (auto day = parse_date(o->date)) r.date = *day;
    else throw UsageError(fmt::format("--date '{}': {}", o->date, date_problem(o->date)));
    Store s = open_store(g);
    check_filter(s, FilterKind::Outlet, r.outlet, "--outlet");
    check_filter(s, FilterKind::Engineer, r.engineer, "--engineer");
    Board b = board(s, p, r);
    emit_view(std::cout, f, [&] { return board_table(b, p.tz); }, [&](JsonWriter& w) { write_board_json(w, b, p); });
  });
}

void setup_queue(CLI::App& d, Globals& g) {
  struct Opts {
    std::string region, as_of, format;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = d.add_subcommand("queue", "A region's group-leader view: unassigned, at-risk and breached tickets");
  sub->add_option("--region", o->region, "The region, e.g. 华东")->required();
  add_as_of(sub, o->as_of);
  add_format(sub, o->format);
  sub->footer(
      "Examples:\n"
      "  svc dispatch queue --region 华东\n"
      "  svc dispatch queue --region 华北 --as-of '2026-11-23 17:00' --format csv");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    Format f = format_of(o->format);
    Store s = open_store(g);
    check_filter(s, FilterKind::Region, o->region, "--region");
    Queue q = queue(s, p, o->region, as_of(o->as_of, p));
    if (f == Format::Json) {
      JsonWriter w(std::cout);
      write_queue_json(w, q, p);
      w.newline();
    } else {
      emit_table(std::cout, f, queue_table(q, p.tz));
      if (!g.quiet)
        std::cerr << fmt::format("{}: {} ticket{} need attention; group leader {}\n", q.region, q.rows.size(),
                                 q.rows.size() == 1 ? "" : "s",
                                 q.leader.empty() ? "(none)" : fmt::format("{} {}", q.leader, q.leader_name));
    }
  });
}

}  // namespace

void setup_dispatch(CLI::App& d, Globals& g) {
  d.require_subcommand(1);
  d.footer(
      "Examples:\n"
      "  svc dispatch suggest T1001\n"
      "  svc dispatch assign T1001 E-017 --window '2026-11-23 14:00/16:00'\n"
      "  svc dispatch auto --region 华东 --dry-run\n"
      "  svc dispatch board --outlet SH-01\n"
      "  svc dispatch queue --region 华东");
  setup_suggest(d, g);
  setup_assign_like(d, g, false);
  setup_assign_like(d, g, true);
  setup_auto(d, g);
  setup_board(d, g);
  setup_queue(d, g);
}

}  // namespace svc::cli
