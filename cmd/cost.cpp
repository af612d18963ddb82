// svc cost add|list: other costs of a ticket (travel, transport, compensation)
// for the cost report.
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "costs.hpp"
#include "error.hpp"

namespace svc::cli {

void setup_cost(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  svc cost add --ticket T1001 --kind travel --amount 35.50 --note \"taxi, 12 km\"\n"
      "  svc cost list --period 2026-11 --format csv");

  struct AddOptions {
    std::string ticket, kind, amount, date, note;
    LimitOverride force;
  };
  auto a = std::make_shared<AddOptions>();
  auto* add = sub.add_subcommand("add", "Record a travel, transport or compensation cost of a ticket");
  add->add_option("--ticket", a->ticket, "Ticket id")->required();
  add->add_option("--kind", a->kind, "travel | transport | compensation")
      ->required()
      ->check(CLI::IsMember(std::vector<std::string>{"travel", "transport", "compensation"}));
  add->add_option("--amount", a->amount, "Amount, at most 2 decimals (35.50)")->required();
  add->add_option("--date", a->date, "Local date the cost arose, YYYY-MM-DD (default: today)");
  add->add_option("--note", a->note, "Free text");
  add_force(add, a->force);
  add->footer(
      "Examples:\n"
      "  svc cost add --ticket T1001 --kind travel --amount 35.50\n"
      "  svc cost add --ticket T1001 --kind compensation --amount 200 --date 2026-11-20 --note \"goodwill\"");
  add->callback([a, &g] {
    Policy p = load_policy(g);
    CostEntry e;
    e.ticket = a->ticket;
    e.kind = a->kind;
    auto cents = parse_cents(a->amount);
    if (!cents || *cents < 0)
      throw UsageError(fmt::format("--amount '{}' is not an amount >= 0 with at most 2 decimals", a->amount));
    e.amount_cents = *cents;
    if (a->date.empty()) e.day = p.tz.local_day(svc::now());
    else if (auto d = parse_date(a->date)) e.day = *d;
    else throw UsageError(fmt::format("--date '{}': {}", a->date, date_problem(a->date)));
    e.note = a->note;
    e.at = svc::now();
    Store store = open_store(g);
    check_override(a->force);
    auto id = add_cost_entry(store, e, p.limits, a->force);
    if (!g.quiet)
      std::cout << fmt::format("recorded cost {}: {} {} on {} for {}\n", id, e.kind, format_cents(e.amount_cents),
                               format_date(e.day), e.ticket);
  });

  struct ListOptions {
    std::string ticket, period, format;
  };
  auto l = std::make_shared<ListOptions>();
  auto* list = sub.add_subcommand("list", "List the recorded cost entries");
  list->add_option("--ticket", l->ticket, "Only this ticket");
  list->add_option("--period", l->period, "Only entries dated in this month (YYYY-MM) or ISO week (YYYY-Www)");
  add_format(list, l->format);
  list->footer(
      "Examples:\n"
      "  svc cost list --ticket T1001\n"
      "  svc cost list --period 2026-11 --format json");
  list->callback([l, &g] {
    Policy p = load_policy(g);
    auto [first, last] = period_days(l->period, p);
    Format f = format_of(l->format);
    Store store = open_store(g);
    check_filter(store, FilterKind::Ticket, l->ticket, "--ticket");
    write_cost_entries(std::cout, f, list_cost_entries(store, l->ticket, first, last));
  });
}

}  // namespace svc::cli
