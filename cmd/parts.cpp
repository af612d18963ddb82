// svc parts: the spare-parts catalogue, warehouses, movement ledger, stock,
// stock-takes and supplier claims (docs/parts.md). Options only; the work is
// in lib/ops/parts*.cpp (lib/ops/parts.hpp).
#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <memory>

#include "app.hpp"
#include "error.hpp"
#include "parts.hpp"

namespace svc::cli {

namespace {

struct Recording {
  std::string at;      // --at
  std::string user;    // --user
  std::string format;  // --format
};

void add_recording(CLI::App* app, Recording& r) {
  app->add_option("--at", r.at,
                  "When it happened (RFC 3339 or local 'YYYY-MM-DD HH:MM[:SS]'); default now. Not in the future, "
                  "not before the part's last movement in that warehouse");
  app->add_option("--user", r.user, "Who records it (default $SVC_USER, else $USER)");
  add_format(app, r.format);
}

Actor actor_of(const Recording& r, const Policy& p) {
  Actor a;
  a.user = user_or_env(r.user);
  Instant n = now();
  if (r.at.empty()) {
    a.ts = n;
  } else {
    std::string why;
    auto t = parse_timestamp(r.at, p.tz, &why);
    if (!t) throw UsageError(fmt::format("--at '{}' is not a timestamp{}", r.at, why.empty() ? "" : ": " + why));
    if (*t > n) throw UsageError(fmt::format("--at '{}' is in the future", r.at));
    a.ts = *t;
  }
  return a;
}

std::int64_t cents_option(const std::string& v, const char* name) {
  auto c = parse_cents(v);
  if (!c || *c < 0)
    throw UsageError(fmt::format("{} '{}' must be an amount >= 0 with at most 2 decimals", name, v));
  return *c;
}

std::string when_text(Instant t, const Policy& p, Format f) {
  return f == Format::Table ? format_local_minutes(t, p.tz) : format_rfc3339(t, p.tz);
}

Table movements_table(const std::vector<LedgerRow>& rows, const Policy& p, Format f, bool with_balance) {
  Table t;
  t.headers = {"id", "time", "kind", "warehouse", "part", "book", "qty"};
  if (with_balance) t.headers.push_back("balance");
  for (const char* h : {"unit_cost", "value", "avg_cost", "reference", "ticket", "event", "claim", "user",
                        "approved_by", "reason", "reverses"})
    t.headers.push_back(h);
  if (with_balance) t.headers.push_back("reversed_by");
  t.align = {Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right};
  if (with_balance) t.align.push_back(Align::Right);
  for (int i = 0; i < 3; ++i) t.align.push_back(Align::Right);
  for (const auto& lr : rows) {
    const Movement& m = lr.m;
    std::vector<std::string> r = {std::to_string(m.id), when_text(m.ts, p, f), std::string(to_string(m.kind)),
                                  m.warehouse, m.part, m.book, std::to_string(m.qty)};
    if (with_balance) r.push_back(std::to_string(lr.balance));
    for (auto& v : {format_cents(m.unit_cents), format_cents(m.value_cents), format_cents(m.avg_cents), m.reference,
                    m.ticket, m.event_id, m.claim_id ? std::to_string(m.claim_id) : std::string(), m.user,
                    m.approved_by, m.reason, m.reverses ? std::to_string(m.reverses) : std::string()})
      r.push_back(v);
    if (with_balance) r.push_back(lr.reversed_by ? std::to_string(lr.reversed_by) : std::string());
    t.add(std::move(r));
  }
  return t;
}

void print_movements(const std::vector<Movement>& ms, const Policy& p, const std::string& format) {
  std::vector<LedgerRow> rows;
  for (const auto& m : ms) rows.push_back({m, 0});
  Format f = format_of(format);
  emit_table(std::cout, f, movements_table(rows, p, f, false));
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

// ---- catalog ------------------------------------------------------------------

struct PartOpts {
  std::string part, name, spec, unit, supplier, list_price, min_stock, claimable, format;
};

void add_part_options(CLI::App* c, PartOpts& o) {
  c->add_option("PART", o.part, "Part number")->required();
  c->add_option("--name", o.name, "Name");
  c->add_option("--spec", o.spec, "Specification");
  c->add_option("--unit", o.unit, "Unit of measure (default pc)");
  c->add_option("--supplier", o.supplier, "Supplier");
  c->add_option("--list-price", o.list_price, "List price, e.g. 35.50");
  c->add_option("--min-stock", o.min_stock, "Minimum stock per warehouse");
  c->add_option("--claimable", o.claimable, "yes: old parts can be claimed back from the supplier")
      ->check(CLI::IsMember({"yes", "no"}));
}

std::int64_t min_stock_option(const std::string& v) {
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError(fmt::format("--min-stock '{}' must be a whole number >= 0", v));
  return std::stoll(v);
}

void setup_catalog(CLI::App& parent, Globals& g) {
  auto* cat = parent.add_subcommand("catalog", "The parts catalogue: add, update, list, show, import");
  cat->require_subcommand(1);
  cat->footer("Examples:\n  svc parts catalog add CAP-35UF --name '电容 35µF' --unit pc --list-price 12.00 --claimable yes\n"
              "  svc parts catalog import parts.csv\n  svc parts catalog list --format csv");

  auto o = std::make_shared<PartOpts>();
  auto* add = cat->add_subcommand("add", "Add a part to the catalogue");
  add_part_options(add, *o);
  add->footer("Example:\n  svc parts catalog add CAP-35UF --name 'Run capacitor' --spec '35µF 450V' --supplier Acme "
              "--list-price 12.00 --min-stock 20 --claimable yes");
  add->callback([&g, o] {
    if (o->name.empty()) throw UsageError("--name is required");
    Part p;
    p.part = o->part, p.name = o->name, p.spec = o->spec, p.supplier = o->supplier;
    if (!o->unit.empty()) p.unit = o->unit;
    if (!o->list_price.empty()) p.list_cents = cents_option(o->list_price, "--list-price");
    if (!o->min_stock.empty()) p.min_stock = min_stock_option(o->min_stock);
    if (!o->claimable.empty()) p.claimable = o->claimable == "yes";
    Store s = open_store(g);
    add_part(s, p);
    if (!g.quiet) std::cerr << fmt::format("svc: added part {}\n", p.part);
  });

  auto u = std::make_shared<PartOpts>();
  auto* upd = cat->add_subcommand("update", "Change catalogue fields of a part (only those given)");
  add_part_options(upd, *u);
  upd->footer("Example:\n  svc parts catalog update CAP-35UF --min-stock 30 --list-price 13.50");
  upd->callback([&g, u, upd] {
    PartUpdate pu;
    if (upd->count("--name")) pu.name = u->name;
    if (upd->count("--spec")) pu.spec = u->spec;
    if (upd->count("--unit")) pu.unit = u->unit;
    if (upd->count("--supplier")) pu.supplier = u->supplier;
    if (upd->count("--list-price")) pu.list_cents = cents_option(u->list_price, "--list-price");
    if (upd->count("--min-stock")) pu.min_stock = min_stock_option(u->min_stock);
    if (upd->count("--claimable")) pu.claimable = u->claimable == "yes";
    Store s = open_store(g);
    update_part(s, u->part, pu);
  });

  auto lf = std::make_shared<std::string>();
  auto* list = cat->add_subcommand("list", "List the catalogue");
  add_format(list, *lf);
  list->footer("Examples:\n  svc parts catalog list\n  svc parts catalog list --format json");
  list->callback([&g, lf] {
    Store s = open_store(g);
    Table t;
    t.headers = {"part", "name", "spec", "unit", "supplier", "list_price", "min_stock", "claimable"};
    t.align = {Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Right};
    for (const auto& p : list_parts(s))
      t.add({p.part, p.name, p.spec, p.unit, p.supplier, p.list_cents ? format_cents(*p.list_cents) : "",
             std::to_string(p.min_stock), yes_no(p.claimable)});
    emit_table(std::cout, format_of(*lf), t);
  });

  auto so = std::make_shared<PartOpts>();
  auto* show = cat->add_subcommand("show", "Show one part: catalogue fields, average cost, stock");
  show->add_option("PART", so->part, "Part number")->required();
  add_format(show, so->format);
  show->footer("Example:\n  svc parts catalog show CAP-35UF");
  show->callback([&g, so] {
    Store s = open_store(g);
    auto p = find_part(s, so->part);
    if (!p) {
      std::vector<std::string> ids;
      for (auto& x : list_parts(s)) ids.push_back(x.part);
      std::string h = nearest(so->part, ids);
      throw NotFound(fmt::format("unknown part '{}'{}", so->part, h.empty() ? "" : " (did you mean '" + h + "'?)"));
    }
    std::int64_t qty = 0, old = 0, avg = 0;
    for (const auto& r : stock(s, "", false))
      if (r.part == p->part) qty += r.qty, old += r.old_qty, avg = r.avg_cents;
    // one row for csv/json; field per line for the table
    Table row;
    row.headers = {"part", "name", "spec", "unit", "supplier", "list_price", "min_stock", "claimable", "avg_cost",
                   "stock", "old_parts", "stock_value"};
    row.add({p->part, p->name, p->spec, p->unit, p->supplier, p->list_cents ? format_cents(*p->list_cents) : "",
             std::to_string(p->min_stock), yes_no(p->claimable), format_cents(avg), std::to_string(qty),
             std::to_string(old), format_cents(qty * avg)});
    Table t = row;
    if (format_of(so->format) == Format::Table) {
      t = Table{};
      t.headers = {"field", "value"};
      for (size_t i = 0; i < row.headers.size(); ++i) t.add({row.headers[i], row.rows[0][i]});
    }
    emit_table(std::cout, format_of(so->format), t);
  });

  auto file = std::make_shared<std::string>();
  auto* imp = cat->add_subcommand("import", "Add or update parts from a CSV file, all or nothing");
  imp->add_option("FILE", *file, "CSV with columns part,name[,spec,unit,supplier,list_price,min_stock,claimable]")
      ->required();
  imp->footer("Example:\n  svc parts catalog import parts.csv\n\nA bad line is reported as FILE:LINE and nothing is "
              "imported (exit 65).");
  imp->callback([&g, file] {
    Store s = open_store(g);
    auto r = import_catalog(s, *file);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {}: {} read, {} added, {} updated\n", *file, r.read, r.added, r.updated);
  });
}

// ---- warehouses ---------------------------------------------------------------

void setup_warehouse(CLI::App& parent, Globals& g) {
  auto* wh = parent.add_subcommand("warehouse", "Warehouses: central and one per outlet");
  wh->require_subcommand(1);
  wh->footer("Examples:\n  svc parts warehouse add SH-01\n  svc parts warehouse list");
  struct O {
    std::string id, outlet, format;
  };
  auto o = std::make_shared<O>();
  auto* add = wh->add_subcommand("add", "Add an outlet warehouse (an outlet's warehouse is also added on first use)");
  add->add_option("ID", o->id, "Warehouse id, normally the outlet id")->required();
  add->add_option("--outlet", o->outlet, "The outlet it belongs to (default: ID)");
  add->footer("Example:\n  svc parts warehouse add SH-01");
  add->callback([&g, o] {
    Store s = open_store(g);
    add_warehouse(s, o->id, o->outlet);
  });
  auto* list = wh->add_subcommand("list", "List warehouses");
  add_format(list, o->format);
  list->footer("Example:\n  svc parts warehouse list --format csv");
  list->callback([&g, o] {
    Store s = open_store(g);
    Table t;
    t.headers = {"warehouse", "kind", "outlet"};
    for (const auto& w : list_warehouses(s)) t.add({w.id, w.kind, w.outlet});
    emit_table(std::cout, format_of(o->format), t);
  });
}

// ---- movements ----------------------------------------------------------------

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

// Opens the policy, the store and the ledger, records through `fn` and prints
// the movements it made in --format.
void record(Globals& g, const Recording& rec,
            const std::function<std::vector<Movement>(PartsLedger&, const Actor&)>& fn) {
  Policy p = load_policy(g);
  Store s = open_store(g);
  PartsLedger led(s, p);
  print_movements(fn(led, actor_of(rec, p)), p, rec.format);
}

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

// ---- claims -------------------------------------------------------------------

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

}  // namespace

void setup_parts(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  svc parts catalog import parts.csv\n"
      "  svc parts receive CAP-35UF --qty 50 --unit-cost 11.80 --receipt GRN-1101\n"
      "  svc parts transfer CAP-35UF --qty 10 --from central --to SH-01\n"
      "  svc parts issue T1001 CAP-35UF --qty 1 --warehouse SH-01 --requisition RQ-778\n"
      "  svc parts stock --below-min\n"
      "  svc parts reverse 42 --reason 'receipt entered twice'\n"
      "  svc audit parts --fail-on any\n"
      "\nSee docs/parts.md.");
  setup_catalog(sub, g);
  setup_warehouse(sub, g);
  setup_movements(sub, g);
  setup_reverse(sub, g);
  setup_claims(sub, g);
  setup_views(sub, g);
}

}  // namespace svc::cli
