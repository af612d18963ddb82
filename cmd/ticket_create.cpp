// svc ticket create: open a ticket (受理), with its warranty check and quote.
// Split from ticket.cpp; see docs/tickets.md.
#include <fmt/format.h>
#include <fmt/ranges.h>

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

void setup_create(CLI::App& t, Globals& g) {
  struct Opts {
    CreateRequest r;
    std::string at, format;
    std::vector<std::string> parts;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("create", "Open a ticket (受理): prints its id; warranty and quote on stderr");
  sub->add_option("--id", o->r.ticket, "Ticket id (default: the next id from the policy's tickets.id_pattern)");
  sub->add_option("--type", o->r.type, "Service type: repair install maintenance consultation complaint return replacement")
      ->required();
  sub->add_option("--urgency", o->r.urgency, "urgent | normal (default normal)");
  sub->add_option("--channel", o->r.channel, "How the request came in: phone web app email letter onsite");
  sub->add_option("--outlet", o->r.outlet, "Service outlet responsible (must be in the master data, active)")->required();
  sub->add_option("--region", o->r.region, "Region (default: the outlet's region)");
  sub->add_option("--customer", o->r.customer, "Customer id");
  sub->add_option("--address", o->r.address, "Service address");
  sub->add_option("--distance", o->r.distance_km, "Customer's distance from the outlet in km");
  sub->add_option("--product", o->r.product, "Product model (its line and warranty come from the products table)");
  sub->add_option("--purchased", o->r.purchased, "Purchase date YYYY-MM-DD, for the warranty check");
  sub->add_option("--serial", o->r.serial,
                  "The unit's serial number (svc unit): its model, customer, region and purchase date fill the options "
                  "not given; the entitlement counts its earlier repairs");
  sub->add_option("--due", o->r.due,
                  "The ticket's own due time (a contract's or agency's promise), RFC 3339 or local 'YYYY-MM-DD HH:MM'; "
                  "a policy rule with a target of \"due\" measures against it");
  sub->add_option("--fault", o->r.fault, "The customer's fault description");
  sub->add_option("--part", o->parts, "A part expected to be needed, PART or PART:QTY, for the quote (repeatable)");
  add_force(sub, o->r.force);
  add_step_at(sub, o->at);
  sub->add_option("--format", o->format, "Output: id (just the id) or json (id, warranty, quote)")
      ->check(CLI::IsMember({"id", "json"}))
      ->default_val("id");
  sub->footer(
      "Examples:\n"
      "  svc ticket create --type repair --outlet SH-01 --channel phone --customer C-88 \\\n"
      "      --product KFR-35GW --purchased 2025-06-01 --distance 12 --fault '空调不制冷'\n"
      "  T=$(svc ticket create --type install --urgency urgent --outlet BJ-02 --quiet)\n"
      "  svc ticket create --type repair --outlet SH-01 --serial SN-0001 --fault 异响 --format json\n"
      "  svc ticket create --id T1001 --type repair --outlet SH-01 --at '2026-11-02 08:15'");
  sub->callback([&g, o] {
    check_choice(FilterKind::Type, o->r.type, "--type");
    check_choice(FilterKind::Urgency, o->r.urgency, "--urgency");
    check_choice(FilterKind::Channel, o->r.channel, "--channel");
    date_opt("--purchased", o->r.purchased);
    Policy p = load_policy(g);
    Store s = open_store(g);
    o->r.at = step_at(o->at, p);
    o->r.expected_parts = parts_of(o->parts);
    check_override(o->r.force);
    StepResult r = create_ticket(s, p, o->r);
    if (o->format == "json") {
      JsonWriter w(std::cout);
      w.begin_object();
      w.field("ticket", r.ticket);
      w.key("warranty").value(!r.warranty->known ? "unknown" : r.warranty->in_warranty ? "in" : "out");
      w.key("last_day");
      if (r.warranty->last_day) w.value(format_date(*r.warranty->last_day));
      else w.null();
      w.key("quote");
      if (r.quote) w.money(r.quote->total_cents);
      else w.null();
      w.key("serial");
      if (o->r.serial.empty()) w.null();
      else w.value(o->r.serial);
      w.key("entitlement");
      write_json(w, *r.entitlement);
      w.end_object();
      w.newline();
    } else {
      std::cout << r.ticket << "\n";
    }
    if (g.quiet) return;
    const auto& wc = *r.warranty;
    if (!wc.known)
      std::cerr << fmt::format("{}: warranty unknown (no purchase date): charged as out of warranty\n", r.ticket);
    else if (r.entitlement->covered() && !r.entitlement->whole_unit())  // a part's own warranty: never "out of warranty"
      std::cerr << fmt::format("{}: covered: {} (the unit's {} months ended {})\n", r.ticket,
                               cover_text(*r.entitlement), wc.months, format_date(*wc.last_day));
    else
      std::cerr << fmt::format("{}: {} ({} months, last day {})\n", r.ticket,
                               wc.in_warranty ? "in warranty (三包): free of charge" : "out of warranty", wc.months,
                               format_date(*wc.last_day));
    std::cerr << fmt::format("{}: entitlement: {}\n", r.ticket, entitlement_line(*r.entitlement));
    if (r.quote)
      std::cerr << fmt::format("{}: quote {} = labour {} h × {} = {} + parts {}{}{}\n", r.ticket,
                               format_cents(r.quote->total_cents), r.quote->labor_hours,
                               format_cents(p.warranty.labor_rate_cents), format_cents(r.quote->labor_cents),
                               format_cents(r.quote->parts_cents),
                               r.quote->unpriced.empty() ? "" : " (some parts have no list price)",
                               r.quote->covered.empty() ? "" : "; covered, free: " + fmt::format("{}", fmt::join(r.quote->covered, ", ")));
  });
}

}  // namespace svc::cli::ticket_detail
