// svc parts receive, transfer, issue, consume, return, scrap, count and reverse:
// the movements of the parts ledger (docs/parts.md). Split from parts.cpp.
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

struct MoveOpts {
  Recording rec;
  std::string ticket, part, warehouse, from, to, reference, approved_by, reason, unit_cost, event, amount;
  std::int64_t qty = 0;
  bool old_part = false;
  LimitOverride force;  // --force --reason (docs/policy.md [limits], docs/parts.md)
};

CLI::Option* add_qty(CLI::App* c, MoveOpts& o) {
  return c->add_option("--qty", o.qty, "Quantity (>= 1)")->required()->check(whole_number(1, 100000));
}

// What a movement is about: TICKET (for the movements of a ticket), PART, --qty.
void add_item(CLI::App* c, MoveOpts& o, bool with_ticket) {
  if (with_ticket) add_ticket_arg(c, o.ticket);
  c->add_option("PART", o.part, "Part number")->required();
  add_qty(c, o);
}

}  // namespace

void setup_movements(CLI::App& parent, Globals& g) {
  {
    auto o = std::make_shared<MoveOpts>();
    auto* c = parent.add_subcommand("receive", "Register a receipt: parts arrive at a warehouse at a unit cost");
    add_item(c, *o, false);
    c->add_option("--unit-cost", o->unit_cost, "Actual purchase cost per unit, e.g. 12.35")->required();
    c->add_option("--receipt", o->reference, "Receipt (goods received note) number")->required();
    c->add_option("--warehouse", o->warehouse, "Receiving warehouse")->capture_default_str();
    o->warehouse = "central";
    add_force(c, o->force);
    add_recording(c, o->rec);
    c->footer("Example:\n  svc parts receive CAP-35UF --qty 50 --unit-cost 11.80 --receipt GRN-2026-1101");
    c->callback([&g, o] {
      ReceiveArgs a;
      a.part = o->part, a.warehouse = o->warehouse, a.receipt = o->reference, a.qty = o->qty;
      a.unit_cents = cents_option(o->unit_cost, "--unit-cost");
      a.force = o->force;
      check_override(a.force);
      record(g, o->rec, [&](PartsLedger& led, const Actor& who) { return std::vector{led.receive(a, who)}; });
    });
  }
  {
    auto o = std::make_shared<MoveOpts>();
    auto* c = parent.add_subcommand("transfer", "Move stock between central and an outlet (one transaction)");
    add_item(c, *o, false);
    c->add_option("--from", o->from, "Sending warehouse")->required();
    c->add_option("--to", o->to, "Receiving warehouse")->required();
    c->add_option("--reference", o->reference, "Transfer note number");
    add_force(c, o->force);
    add_recording(c, o->rec);
    c->footer("Examples:\n  svc parts transfer CAP-35UF --qty 10 --from central --to SH-01\n"
              "  svc parts transfer CAP-35UF --qty 2 --from SH-01 --to central --reference back-2026-11");
    c->callback([&g, o] {
      check_override(o->force);
      record(g, o->rec, [&](PartsLedger& led, const Actor& who) {
        auto [out, in] = led.transfer({o->part, o->from, o->to, o->reference, o->qty, o->force}, who);
        return std::vector{out, in};
      });
    });
  }
  {
    auto o = std::make_shared<MoveOpts>();
    auto* c = parent.add_subcommand("issue", "Issue parts to a ticket on a requisition");
    add_item(c, *o, true);
    c->add_option("--warehouse", o->warehouse, "Issuing warehouse")->required();
    c->add_option("--requisition", o->reference, "Requisition number");
    c->add_option("--approved-by", o->approved_by,
                  "Supervisor who approved the requisition (needed above parts.issue_approval_over)");
    add_force(c, o->force);
    add_recording(c, o->rec);
    c->footer("Example:\n  svc parts issue T1001 CAP-35UF --qty 1 --warehouse SH-01 --requisition RQ-778");
    c->callback([&g, o] {
      IssueArgs a;
      a.ticket = o->ticket, a.part = o->part, a.warehouse = o->warehouse, a.requisition = o->reference;
      a.approved_by = o->approved_by, a.qty = o->qty, a.force = o->force;
      check_override(a.force);
      record(g, o->rec, [&](PartsLedger& led, const Actor& who) { return std::vector{led.issue(a, who)}; });
    });
  }
  {
    auto o = std::make_shared<MoveOpts>();
    auto* c = parent.add_subcommand("consume", "Record that issued parts were fitted on a ticket (its part_used event)");
    add_item(c, *o, true);
    c->add_option("--event", o->event,
                  "Link this part_used event already in the store (imported, or from 'svc ticket complete --part') "
                  "instead of writing one");
    c->add_option("--note", o->reason, "Note on the part_used event written (not with --event)");
    add_force(c, o->force);
    add_recording(c, o->rec);
    c->footer("Examples:\n  svc parts consume T1001 CAP-35UF --qty 1\n"
              "  svc parts consume T1001 CAP-35UF --qty 1 --event ev-T1001-7\n\n"
              "Without --event it writes the ticket's part_used event (the engineer must be on site: ticket state "
              "on_site) and its consume movement in one transaction, at --at (default now). With --event the consume "
              "takes the time of that event; 'svc parts reconcile' links every such event at once.");
    c->callback([&g, o] {
      if (!o->event.empty() && !o->reason.empty())
        throw UsageError("--note is for the part_used event consume writes; with --event the event exists already");
      ConsumeArgs a;
      a.ticket = o->ticket, a.part = o->part, a.event_id = o->event, a.qty = o->qty, a.force = o->force;
      check_override(a.force);
      record(g, o->rec,
             [&](PartsLedger& led, const Actor& who) { return std::vector{led.consume(a, who, o->reason)}; });
    });
  }
  {
    auto* c = parent.add_subcommand("return", "Parts back from a ticket: unused (new) or the replaced old part (old)");
    c->require_subcommand(1);
    c->footer("Examples:\n  svc parts return new T1001 CAP-35UF --qty 1\n  svc parts return old T1001 CAP-35UF --qty 1");
    for (bool old : {false, true}) {
      auto o = std::make_shared<MoveOpts>();
      o->old_part = old;
      auto* r = c->add_subcommand(old ? "old" : "new", old ? "The replaced old part comes back from the ticket"
                                                            : "An issued part comes back unused");
      add_item(r, *o, true);
      r->add_option("--warehouse", o->warehouse,
                    old ? "Warehouse that takes the old part (default: the one that issued the part)"
                        : "Warehouse it goes back to (default: the one that issued it)");
      r->add_option("--reference", o->reference, "Return note number");
      add_force(r, o->force);
      add_recording(r, o->rec);
      r->footer(old ? "Example:\n  svc parts return old T1001 CAP-35UF --qty 1"
                    : "Example:\n  svc parts return new T1001 CAP-35UF --qty 1 --warehouse SH-01");
      r->callback([&g, o] {
        ReturnArgs a;
        a.ticket = o->ticket, a.part = o->part, a.warehouse = o->warehouse, a.qty = o->qty, a.old_part = o->old_part;
        a.reference = o->reference, a.force = o->force;
        check_override(a.force);
        record(g, o->rec, [&](PartsLedger& led, const Actor& who) { return std::vector{led.give_back(a, who)}; });
      });
    }
  }
  {
    auto o = std::make_shared<MoveOpts>();
    auto* c = parent.add_subcommand("scrap", "Write parts off (damaged, obsolete, or old parts not claimable)");
    add_item(c, *o, false);
    c->add_option("--warehouse", o->warehouse, "Warehouse")->required();
    auto* why = c->add_option("--reason", o->reason, "Why")->required();
    add_force(c, o->force, why);
    c->add_flag("--old", o->old_part, "Scrap from the old-parts book instead of serviceable stock");
    add_recording(c, o->rec);
    c->footer("Examples:\n  svc parts scrap CAP-35UF --qty 1 --warehouse central --reason 'damaged in transit'\n"
              "  svc parts scrap CAP-35UF --qty 3 --warehouse SH-01 --old --reason 'not claimable, burnt'");
    c->callback([&g, o] {
      ScrapArgs a;
      a.warehouse = o->warehouse, a.part = o->part, a.reason = o->reason, a.qty = o->qty, a.old_part = o->old_part;
      a.force = o->force, a.force.reason = o->reason;
      record(g, o->rec, [&](PartsLedger& led, const Actor& who) { return std::vector{led.scrap(a, who)}; });
    });
  }
  {
    auto o = std::make_shared<MoveOpts>();
    auto* c = parent.add_subcommand("count", "Apply a stock-take: counted quantities -> variances, one transaction");
    c->add_option("FILE", o->reference, "CSV with columns part,counted[,reason]")->required();
    c->add_option("--warehouse", o->warehouse, "Warehouse counted")->required();
    c->add_option("--reason", o->reason, "Reason for lines that give none");
    add_recording(c, o->rec);
    c->footer("Example:\n  svc parts count --warehouse SH-01 stocktake-2026-11.csv\n\n"
              "Only the parts listed are counted; a variance needs a reason (column or --reason).");
    c->callback([&g, o] {
      Policy p = load_policy(g);
      auto lines = read_count_sheet(o->reference);
      for (auto& l : lines)
        if (l.reason.empty()) l.reason = o->reason;
      Store s = open_store(g);
      PartsLedger led(s, p);
      auto vs = led.count(o->warehouse, lines, actor_of(o->rec, p), o->reference);
      Table t;
      t.headers = {"part", "system", "counted", "variance", "value", "reason", "movement"};
      t.align = {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Left, Align::Right};
      for (const auto& v : vs)
        t.add({v.part, std::to_string(v.system), std::to_string(v.counted), std::to_string(v.variance),
               format_cents(v.value_cents), v.variance ? v.reason : "",
               v.movement_id ? std::to_string(v.movement_id) : ""});
      emit_table(std::cout, format_of(o->rec.format), t);
    });
  }
}

// ---- corrections ---------------------------------------------------------------

void setup_reverse(CLI::App& parent, Globals& g) {
  auto o = std::make_shared<MoveOpts>();
  auto id = std::make_shared<std::string>();
  auto* c = parent.add_subcommand("reverse", "Correct the ledger: post the opposite of a recorded movement");
  c->add_option("MOVEMENT", *id, "Movement number (the id column of 'svc parts ledger'; '#42' or '42')")->required();
  c->add_option("--reason", o->reason, "Why it is reversed")->required();
  // --at/--user/--format spelled out here rather than add_recording(): a
  // reversal is itself the correction, whatever guards the recording commands get
  c->add_option("--at", o->rec.at,
                "When it is reversed (RFC 3339 or local 'YYYY-MM-DD HH:MM[:SS]'); default now. Not in the future, not "
                "before the movement or the part's last movement in that warehouse");
  c->add_option("--user", o->rec.user, "Who reverses it (default $SVC_USER, else $USER)");
  add_format(c, o->rec.format);
  c->footer("Examples:\n  svc parts reverse 42 --reason 'receipt entered twice'\n"
            "  svc parts reverse 57 --reason 'issued to the wrong ticket' --user lin.wei\n\n"
            "Recorded movements are never changed: the reversal has the same kind, the opposite quantity and value, "
            "and names the movement it reverses. A transfer is reversed whole; a reversal cannot be reversed, nor a "
            "movement twice. See docs/parts.md, 'Correcting the ledger'.");
  c->callback([&g, o, id] {
    std::string digits = !id->empty() && (*id)[0] == '#' ? id->substr(1) : *id;
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos)
      throw UsageError(fmt::format("MOVEMENT '{}' is not a movement number (e.g. 42 or #42)", *id));
    std::int64_t n = std::stoll(digits);
    record(g, o->rec, [&](PartsLedger& led, const Actor& who) { return led.reverse(n, o->reason, who); });
  });
}

}  // namespace svc::cli::parts_detail
