// svc parts claim, claims, stock, ledger and reconcile: supplier claims and the
// views of the stock and the ledger (docs/parts.md). Split from parts.cpp.
#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <memory>

#include "app.hpp"
#include "error.hpp"
#include "parts.hpp"
#include "parts_common.hpp"

namespace svc::cli::parts_detail {

namespace {

Table claims_table(const std::vector<Claim>& cs, const Policy& p, Format f) {
  Table t;
  t.headers = {"claim", "opened", "status", "warehouse", "part", "qty", "ticket", "supplier", "claimed", "accepted",
               "submitted", "decided", "reference", "user", "reason"};
  t.align = {Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Left,
             Align::Left,  Align::Right, Align::Right};
  auto opt_money = [](const std::optional<std::int64_t>& c) { return c ? format_cents(*c) : std::string(); };
  auto opt_time = [&](const std::optional<Instant>& t) { return t ? when_text(*t, p, f) : std::string(); };
  for (const auto& c : cs)
    t.add({std::to_string(c.id), when_text(c.opened_at, p, f), c.status, c.warehouse, c.part, std::to_string(c.qty),
           c.ticket, c.supplier, opt_money(c.claimed_cents), opt_money(c.accepted_cents), opt_time(c.submitted_at),
           opt_time(c.decided_at), c.reference, c.user, c.reason});
  return t;
}

}  // namespace

void setup_claims(CLI::App& parent, Globals& g) {
  auto* cl = parent.add_subcommand("claim", "Claim old parts back from the supplier: open, submit, accept, reject");
  cl->require_subcommand(1);
  cl->footer("Examples:\n  svc parts claim open CAP-35UF --qty 3 --warehouse central --amount 35.40\n"
             "  svc parts claim submit 1\n  svc parts claim accept 1 --amount 35.40\n"
             "  svc parts claim reject 2 --reason 'outside warranty'");
  struct O {
    Recording rec;
    std::string part, warehouse, ticket, supplier, amount, reference, reason;
    std::int64_t qty = 0, id = 0;
    LimitOverride force;
  };
  auto show = [&g](std::int64_t id, const Policy& p, const std::string& format) {
    Store s = open_store(g);
    auto c = find_claim(s, id);
    Format f = format_of(format);
    emit_table(std::cout, f, claims_table(c ? std::vector<Claim>{*c} : std::vector<Claim>{}, p, f));
  };
  {
    auto o = std::make_shared<O>();
    auto* c = cl->add_subcommand("open", "Open a claim for old parts held in a warehouse");
    c->add_option("PART", o->part, "Part number (claimable in the catalogue)")->required();
    c->add_option("--qty", o->qty, "Old parts claimed")->required()->check(whole_number(1, 100000));
    c->add_option("--warehouse", o->warehouse, "Warehouse holding the old parts")->required();
    c->add_option("--ticket", o->ticket, "Ticket the old parts came from");
    c->add_option("--supplier", o->supplier, "Supplier (default: the catalogue's)");
    c->add_option("--amount", o->amount, "Amount claimed");
    c->add_option("--reference", o->reference, "Claim reference");
    add_force(c, o->force);
    add_recording(c, o->rec);
    c->footer("Example:\n  svc parts claim open CAP-35UF --qty 3 --warehouse central --amount 35.40");
    c->callback([&g, o, show] {
      Policy p = load_policy(g);
      ClaimOpenArgs a;
      a.part = o->part, a.warehouse = o->warehouse, a.ticket = o->ticket, a.supplier = o->supplier;
      a.reference = o->reference, a.qty = o->qty, a.force = o->force;
      check_override(a.force);
      if (!o->amount.empty()) a.claimed_cents = cents_option(o->amount, "--amount");
      std::int64_t id;
      {
        Store s = open_store(g);
        id = PartsLedger(s, p).open_claim(a, actor_of(o->rec, p));
      }
      show(id, p, o->rec.format);
    });
  }
  {
    auto o = std::make_shared<O>();
    auto* c = cl->add_subcommand("submit", "Send the old parts of an open claim to the supplier");
    c->add_option("CLAIM", o->id, "Claim number")->required();
    c->add_option("--reference", o->reference, "Shipping or claim reference");
    add_recording(c, o->rec);
    c->footer("Example:\n  svc parts claim submit 1 --reference RMA-5521");
    c->callback([&g, o] {
      record(g, o->rec, [&](PartsLedger& led, const Actor& who) {
        return std::vector{led.submit_claim(o->id, o->reference, who)};
      });
    });
  }
  for (bool accept : {true, false}) {
    auto o = std::make_shared<O>();
    auto* c = cl->add_subcommand(accept ? "accept" : "reject",
                                 accept ? "The supplier accepted a submitted claim" : "The supplier rejected a submitted claim");
    c->add_option("CLAIM", o->id, "Claim number")->required();
    if (accept) c->add_option("--amount", o->amount, "Amount the supplier accepted (default: the amount claimed)");
    auto* r = c->add_option("--reason", o->reason, accept ? "Note" : "The supplier's reason");
    if (!accept) r->required();
    if (accept) add_force(c, o->force, r);
    add_recording(c, o->rec);
    c->footer(accept ? "Example:\n  svc parts claim accept 1 --amount 35.40"
                     : "Example:\n  svc parts claim reject 2 --reason 'damage by misuse'");
    c->callback([&g, o, accept, show] {
      Policy p = load_policy(g);
      std::optional<std::int64_t> amount;
      if (!o->amount.empty()) amount = cents_option(o->amount, "--amount");
      {
        Store s = open_store(g);
        LimitOverride force = o->force;
        force.reason = o->reason;
        check_override(force);
        PartsLedger(s, p).decide_claim(o->id, accept, amount, o->reason, actor_of(o->rec, p), force);
      }
      show(o->id, p, o->rec.format);
    });
  }

  auto lo = std::make_shared<O>();
  auto* list = parent.add_subcommand("claims", "List supplier claims");
  list->add_option("--status", lo->reason, "Only claims in this state")
      ->check(CLI::IsMember({"open", "submitted", "accepted", "rejected"}));
  add_format(list, lo->rec.format);
  list->footer("Examples:\n  svc parts claims\n  svc parts claims --status submitted --format csv");
  list->callback([&g, lo] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    Format f = format_of(lo->rec.format);
    emit_table(std::cout, f, claims_table(claims(s, lo->reason), p, f));
  });
}

// ---- views --------------------------------------------------------------------

void setup_views(CLI::App& parent, Globals& g) {
  struct O {
    std::string warehouse, part, format;
    bool below = false, dry_run = false;
  };
  {
    auto o = std::make_shared<O>();
    auto* c = parent.add_subcommand("stock", "Stock on hand per warehouse and part, at moving-average cost");
    c->add_option("--warehouse", o->warehouse, "Only this warehouse");
    c->add_flag("--below-min", o->below, "Only parts below their minimum stock");
    add_format(c, o->format);
    c->footer("Examples:\n  svc parts stock\n  svc parts stock --warehouse SH-01 --below-min --format csv");
    c->callback([&g, o] {
      Store s = open_store(g);
      check_filter(s, FilterKind::Warehouse, o->warehouse, "--warehouse");
      Table t;
      t.headers = {"warehouse", "part", "name", "unit", "qty", "min_stock", "below_min", "old_parts", "avg_cost",
                   "value"};
      t.align = {Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Right,
                 Align::Left, Align::Right, Align::Right, Align::Right};
      for (const auto& r : stock(s, o->warehouse, o->below))
        t.add({r.warehouse, r.part, r.name, r.unit, std::to_string(r.qty), std::to_string(r.min_stock),
               yes_no(r.below_min), std::to_string(r.old_qty), format_cents(r.avg_cents), format_cents(r.value_cents)});
      emit_table(std::cout, format_of(o->format), t);
    });
  }
  {
    auto o = std::make_shared<O>();
    auto* c = parent.add_subcommand("ledger", "The movements of one part, with running balances");
    c->add_option("--part", o->part, "Part number")->required();
    c->add_option("--warehouse", o->warehouse, "Only this warehouse");
    add_format(c, o->format);
    c->footer("Examples:\n  svc parts ledger --part CAP-35UF\n  svc parts ledger --part CAP-35UF --warehouse SH-01 "
              "--format json");
    c->callback([&g, o] {
      Policy p = load_policy(g);
      Store s = open_store(g);
      check_filter(s, FilterKind::Part, o->part, "--part");
      check_filter(s, FilterKind::Warehouse, o->warehouse, "--warehouse");
      Format f = format_of(o->format);
      emit_table(std::cout, f, movements_table(ledger(s, o->part, o->warehouse), p, f, true));
    });
  }
  {
    auto o = std::make_shared<O>();
    auto* c = parent.add_subcommand("reconcile",
                                    "Link imported part_used events to the issues of their tickets (consume movements)");
    c->add_flag("--dry-run", o->dry_run, "Show what would be linked, change nothing");
    add_format(c, o->format);
    c->footer("Examples:\n  svc parts reconcile\n  svc parts reconcile --dry-run --format json\n\n"
              "Events that match no issue are listed as unmatched and stay unlinked ('svc audit parts' reports them).");
    c->callback([&g, o] {
      Policy p = load_policy(g);
      Store s = open_store(g);
      auto r = reconcile(s, p, user_or_env(), o->dry_run);
      Format f = format_of(o->format);
      Table t;
      t.headers = {"event", "time", "ticket", "part", "qty", "result", "movement", "value", "detail"};
      t.align = {Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Left, Align::Right,
                 Align::Right};
      for (const auto& m : r.linked)
        t.add({m.event_id, when_text(m.ts, p, f), m.ticket, m.part, std::to_string(-m.qty),
               o->dry_run ? "would link" : "linked", o->dry_run ? "" : std::to_string(m.id),
               format_cents(-m.value_cents), ""});
      for (const auto& u : r.unmatched)
        t.add({u.event_id, when_text(u.ts, p, f), u.ticket, u.part, std::to_string(u.qty), "unmatched", "", "",
               u.reason});
      emit_table(std::cout, f, t);
      if (!g.quiet)
        std::cerr << fmt::format("svc: {} {}, {} unmatched\n", r.linked.size(), o->dry_run ? "to link" : "linked",
                                 r.unmatched.size());
    });
  }
}


}  // namespace svc::cli::parts_detail
