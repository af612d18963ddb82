// svc ticket show, list and sla: one ticket, the filtered list, one ticket's
// SLA explained. Split from ticket.cpp; see docs/tickets.md.
#include <fmt/format.h>

#include <functional>
#include <memory>

#include "app.hpp"
#include "audit.hpp"
#include "error.hpp"
#include "installed_base.hpp"
#include "filters.hpp"
#include "ticket.hpp"
#include "ticket_common.hpp"

namespace svc::cli::ticket_detail {

void setup_show(CLI::App& t, Globals& g) {
  struct Opts {
    std::string ticket, as_of, format;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("show", "One ticket: state, milestones, SLA, warranty, parts, fees, full history");
  add_ticket_arg(sub, o->ticket);
  add_as_of(sub, o->as_of);
  sub->add_option("--format", o->format, "Output format: table|json")->check(CLI::IsMember({"table", "json"}))->default_val("table");
  sub->footer("Examples:\n  svc ticket show T1001\n  svc ticket show T1001 --format json --as-of 2026-11-03");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    TicketView v = load_ticket(s, p, o->ticket, as_of(o->as_of, p));
    if (o->format == "json") {
      JsonWriter w(std::cout);
      write_ticket_json(w, v, p);
      w.newline();
    } else {
      write_ticket_text(std::cout, v, p);
    }
  });
}

void setup_list(CLI::App& t, Globals& g) {
  struct Opts {
    std::string as_of, format, state, from, to, sort;
    ListFilter f;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("list", "Tickets, filtered and sorted, with their state and SLA status");
  std::vector<std::string> states = phase_names();
  states.push_back("paused");
  sub->add_option("--state", o->state, "Only tickets in this state: new responded scheduled on_site completed signed "
                                       "rework closed cancelled, or paused")
      ->check(CLI::IsMember(states));
  sub->add_option("--outlet", o->f.outlet, "Only this outlet's tickets");
  sub->add_option("--region", o->f.region, "Only this region's tickets");
  sub->add_option("--engineer", o->f.engineer, "Only tickets whose last dispatched engineer is this one");
  sub->add_option("--type", o->f.type, "Only this service type");
  sub->add_option("--urgency", o->f.urgency, "urgent | normal")->check(CLI::IsMember({"urgent", "normal"}));
  sub->add_option("--from", o->from, "Only tickets created on or after this local date (YYYY-MM-DD)");
  sub->add_option("--to", o->to, "Only tickets created on or before this local date (YYYY-MM-DD)");
  sub->add_flag("--breached", o->f.breached, "Only tickets with a breached target");
  sub->add_flag("--at-risk", o->f.at_risk, "Only tickets with an at-risk target (with --breached: either)");
  sub->add_option("--sort", o->sort, "Order: created | ticket | due | outlet | state")
      ->check(CLI::IsMember({"created", "ticket", "due", "outlet", "state"}))
      ->default_val("created");
  add_as_of(sub, o->as_of);
  add_format(sub, o->format);
  sub->footer(
      "Examples:\n"
      "  svc ticket list --state scheduled --outlet SH-01\n"
      "  svc ticket list --breached --at-risk --sort due\n"
      "  svc ticket list --from 2026-11-01 --to 2026-11-30 --region 华东 --format csv > nov.csv");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    ListFilter f = o->f;
    f.as_of = as_of(o->as_of, p);
    f.from = date_opt("--from", o->from);
    f.to = date_opt("--to", o->to);
    if (f.from && f.to && *f.from > *f.to) throw UsageError(fmt::format("--from {} is after --to {}", o->from, o->to));
    if (o->state == "paused") f.paused_only = true;
    else if (!o->state.empty()) f.phases = {*parse_phase(o->state)};
    f.sort = o->sort;
    Format fmt_ = format_of(o->format);
    check_choice(FilterKind::Type, f.type, "--type");
    Store s = open_store(g);
    check_filter(s, FilterKind::Outlet, f.outlet, "--outlet");
    check_filter(s, FilterKind::Region, f.region, "--region");
    check_filter(s, FilterKind::Engineer, f.engineer, "--engineer");
    auto rows = list_tickets(s, p, f);
    emit_view(std::cout, fmt_, [&] { return list_table(rows, p.tz, fmt_ == Format::Csv); },
              [&](JsonWriter& w) { write_list_json(w, rows, p.tz); });
  });
}

void setup_sla_one(CLI::App& t, Globals& g) {
  struct Opts {
    std::string ticket, as_of, format;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("sla", "One ticket's SLA explained: the rule and why, each target's clock, pauses, due");
  add_ticket_arg(sub, o->ticket);
  add_as_of(sub, o->as_of);
  sub->add_option("--format", o->format, "Output format: table (the explanation) | json (spec §6)")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_val("table");
  sub->footer("Examples:\n  svc ticket sla T1001\n  svc ticket sla T1001 --as-of '2026-11-09 16:00' --format json");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    SlaAuditOptions a;
    a.as_of = as_of(o->as_of, p);
    a.ticket = o->ticket;
    a.all = true;
    a.format = format_of(o->format);
    Store s = open_store(g);
    audit_sla(s, p, a, std::cout);
  });
}

}  // namespace svc::cli::ticket_detail
