// The stock movements of the ledger: receive, transfer, issue, consume (and
// reconcile, which links part_used events to consumes), return, scrap.
#include "parts_internal.hpp"
#include "money.hpp"

#include <algorithm>

#include "error.hpp"
#include "guards.hpp"
#include "output.hpp"
#include "ticket.hpp"

namespace svc {

using namespace detail;

namespace {
std::string money(std::int64_t c) { return format_cents(c); }
}  // namespace

// ---- the ledger --------------------------------------------------------------------

Movement PartsLedger::receive(const ReceiveArgs& a, const Actor& who) {
  Movement m;
  s_.write([&] {
    auto& db = s_.db();
    check_qty(a.qty);
    if (a.unit_cents < 0) refuse("unit cost must be >= 0");
    m.reason = movement_limits(p_.limits, a.force, a.qty, a.unit_cents);
    if (a.receipt.empty()) refuse("a receipt number is required (--receipt)");
    require_part(db, a.part);
    require_warehouse(db, a.warehouse);
    m.ts = when(who);
    check_time_order(db, p_.tz, a.warehouse, a.part, m.ts);
    SQLite::Statement dup(db, "SELECT id FROM part_movements m WHERE kind = 'receive' AND reference = ? AND part = ? "
                              "AND reverses IS NULL AND NOT EXISTS (SELECT 1 FROM part_movements r WHERE r.reverses = m.id)");
    dup.bind(1, a.receipt);
    dup.bind(2, a.part);
    if (dup.executeStep())
      refuse(fmt::format("receipt '{}' is already registered for part {} (movement #{})", a.receipt, a.part,
                         dup.getColumn(0).getInt64()));
    const std::int64_t value = mul_cents(a.unit_cents, a.qty, "the receipt's value");
    std::int64_t avg = moving_average(global_new_qty(db, a.part), avg_of(db, a.part), a.qty, value);
    m.kind = MoveKind::Receive, m.warehouse = a.warehouse, m.part = a.part, m.book = "new";
    m.qty = a.qty, m.unit_cents = a.unit_cents, m.value_cents = value, m.avg_cents = avg;
    m.reference = a.receipt, m.user = who.user;
    insert(db, m);
    set_avg(db, a.part, avg, m.id);
  });
  return m;
}

std::pair<Movement, Movement> PartsLedger::transfer(const TransferArgs& a, const Actor& who) {
  Movement out, in;
  s_.write([&] {
    auto& db = s_.db();
    check_qty(a.qty);
    if (a.from == a.to) refuse(fmt::format("transfer from '{}' to itself", a.from));
    out.reason = in.reason = movement_limits(p_.limits, a.force, a.qty);
    if (a.from != "central" && a.to != "central")
      refuse(fmt::format("transfers go between central and an outlet (from '{}' to '{}'): send it via central",
                         a.from, a.to));
    require_part(db, a.part);
    require_warehouse(db, a.from);
    require_warehouse(db, a.to);
    Instant ts = when(who);
    check_time_order(db, p_.tz, a.from, a.part, ts);
    check_time_order(db, p_.tz, a.to, a.part, ts);
    need_stock(db, a.from, a.part, "new", a.qty);
    std::int64_t avg = avg_of(db, a.part);
    out.ts = in.ts = ts;
    out.kind = in.kind = MoveKind::Transfer;
    out.part = in.part = a.part;
    out.book = in.book = "new";
    out.unit_cents = in.unit_cents = out.avg_cents = in.avg_cents = avg;
    out.reference = in.reference = a.reference;
    out.user = in.user = who.user;
    out.warehouse = a.from, out.qty = -a.qty, out.value_cents = mul_cents(avg, -a.qty, "the transfer's value");
    insert(db, out);
    in.warehouse = a.to, in.qty = a.qty, in.value_cents = mul_cents(avg, a.qty, "the transfer's value"), in.pair_id = out.id;
    insert(db, in);
  });
  return {out, in};
}

Movement PartsLedger::issue(const IssueArgs& a, const Actor& who) {
  Movement m;
  s_.write([&] {
    auto& db = s_.db();
    check_qty(a.qty);
    check_ticket(a.ticket);
    m.reason = join_notes(require_open_ticket(s_, a.ticket, "svc parts issue", a.force),
                          movement_limits(p_.limits, a.force, a.qty));
    require_part(db, a.part);
    require_warehouse(db, a.warehouse);
    m.ts = when(who);
    check_time_order(db, p_.tz, a.warehouse, a.part, m.ts);
    need_stock(db, a.warehouse, a.part, "new", a.qty);
    std::int64_t avg = avg_of(db, a.part), value = a.qty * avg;
    if (value > p_.parts.approval_over_cents && a.approved_by.empty())
      refuse(fmt::format("issue of {} x {} is worth {}, above the approval threshold {} (parts.issue_approval_over): "
                         "a supervisor must approve it (--approved-by)",
                         a.qty, a.part, money(value), money(p_.parts.approval_over_cents)));
    m.kind = MoveKind::Issue, m.warehouse = a.warehouse, m.part = a.part, m.book = "new";
    m.qty = -a.qty, m.unit_cents = avg, m.value_cents = -value, m.avg_cents = avg;
    m.reference = a.requisition, m.user = who.user, m.ticket = a.ticket, m.approved_by = a.approved_by;
    insert(db, m);
  });
  return m;
}

Movement PartsLedger::consume_in_tx(const ConsumeArgs& a, const Actor& who) {
  auto& db = s_.db();
  check_qty(a.qty);
  check_ticket(a.ticket);
  if (a.event_id.empty()) refuse("a consume needs the ticket's part_used event");
  SQLite::Statement ev(db, "SELECT ticket, event, part, qty, ts FROM events WHERE id = ?");
  ev.bind(1, a.event_id);
  if (!ev.executeStep()) refuse(fmt::format("no event '{}' in the store", a.event_id));
  if (ev.getColumn(1).getString() != "part_used")
    refuse(fmt::format("event '{}' is a {} event, not part_used", a.event_id, ev.getColumn(1).getString()));
  if (text_of(ev, 0) != a.ticket || text_of(ev, 2) != a.part || opt_int(ev, 3).value_or(0) != a.qty)
    refuse(fmt::format("event '{}' records {} x {} on {}, not {} x {} on {}", a.event_id, opt_int(ev, 3).value_or(0),
                       text_of(ev, 2), text_of(ev, 0), a.qty, a.part, a.ticket));
  Instant ts = ev.getColumn(4).getInt64();
  require_part(db, a.part);
  SQLite::Statement dup(db, "SELECT id FROM part_movements WHERE event_id = ?");
  dup.bind(1, a.event_id);
  if (dup.executeStep()) {
    std::int64_t id = dup.getColumn(0).getInt64();
    SQLite::Statement rev(db, "SELECT id FROM part_movements WHERE reverses = ?");
    rev.bind(1, id);
    if (rev.executeStep())
      refuse(fmt::format("event '{}' is already recorded as consume movement #{}, reversed by #{}: the event stays "
                         "accounted for; record the fitting again as a new part_used (svc parts consume without "
                         "--event)", a.event_id, id, rev.getColumn(0).getInt64()));
    refuse(fmt::format("event '{}' is already recorded as consume movement #{}", a.event_id, id));
  }
  TicketPool pool = ticket_pool(db, a.ticket, a.part, ts);
  if (pool.outstanding() < a.qty)
    refuse(fmt::format("consume of {} x {} on ticket {} at {} does not match an issue: {} issued to the ticket by "
                       "then, {} fitted, {} returned unused",
                       a.qty, a.part, a.ticket, format_rfc3339(ts, p_.tz), pool.issued, pool.fitted, pool.returned));
  std::int64_t value = share_of(pool.outstanding_value(), pool.outstanding(), a.qty);
  Movement m;
  m.ts = ts, m.kind = MoveKind::Consume, m.warehouse = pool.issue_wh, m.part = a.part;
  m.qty = -a.qty, m.unit_cents = div_half_up(value, a.qty), m.value_cents = -value, m.avg_cents = avg_of(db, a.part);
  m.user = who.user, m.ticket = a.ticket, m.event_id = a.event_id, m.reason = a.reason;
  insert(db, m);
  return m;
}

Movement PartsLedger::consume(const ConsumeArgs& a, const Actor& who, const std::string& note) {
  Movement m;
  s_.write([&] {
    check_ticket(a.ticket);
    ConsumeArgs b = a;
    b.reason = join_notes(require_open_ticket(s_, a.ticket, "svc parts consume", a.force),
                          movement_limits(p_.limits, a.force, a.qty));
    if (!a.event_id.empty()) {
      m = consume_in_tx(b, who);
      return;
    }
    // No event yet: write the ticket's part_used event (through the importer,
    // like every ticket step) and its consume movement, one fact, one transaction.
    check_qty(a.qty);
    check_ticket(a.ticket);
    require_part(s_.db(), a.part);
    PartUsedRequest r;
    r.at = when(who), r.part = a.part, r.qty = a.qty, r.note = note, r.force = a.force;
    StepResult res = part_used_ticket(s_, p_, a.ticket, r);
    ConsumeArgs linked = b;
    linked.event_id = res.info;
    m = consume_in_tx(linked, who);
  });
  return m;
}

Movement PartsLedger::give_back(const ReturnArgs& a, const Actor& who) {
  Movement m;
  s_.write([&] {
    auto& db = s_.db();
    check_qty(a.qty);
    check_ticket(a.ticket);
    require_ticket(s_, a.ticket);  // exists; a closed ticket's parts still come back (docs/parts.md)
    m.reason = movement_limits(p_.limits, a.force, a.qty);
    require_part(db, a.part);
    m.ts = when(who);
    TicketPool pool = ticket_pool(db, a.ticket, a.part, m.ts);
    m.part = a.part, m.ticket = a.ticket, m.user = who.user, m.reference = a.reference;
    if (!a.old_part) {
      if (pool.outstanding() < a.qty)
        refuse(fmt::format("return of {} unused {} from ticket {}: only {} issued to it and not fitted or returned",
                           a.qty, a.part, a.ticket, std::max<std::int64_t>(pool.outstanding(), 0)));
      m.warehouse = a.warehouse.empty() ? pool.issue_wh : a.warehouse;
      require_warehouse(db, m.warehouse);
      check_time_order(db, p_.tz, m.warehouse, a.part, m.ts);
      std::int64_t value = share_of(pool.outstanding_value(), pool.outstanding(), a.qty);
      std::int64_t avg = moving_average(global_new_qty(db, a.part), avg_of(db, a.part), a.qty, value);
      m.kind = MoveKind::ReturnNew, m.book = "new", m.qty = a.qty, m.unit_cents = div_half_up(value, a.qty);
      m.value_cents = value, m.avg_cents = avg;
      insert(db, m);
      set_avg(db, a.part, avg, m.id);
    } else {
      std::int64_t due = pool.fitted - pool.old_back;
      if (due < a.qty)
        refuse(fmt::format("return of {} old {} from ticket {}: {} fitted on it, {} old already back", a.qty, a.part,
                           a.ticket, pool.fitted, pool.old_back));
      m.warehouse = a.warehouse.empty() ? pool.consume_wh : a.warehouse;
      require_warehouse(db, m.warehouse);
      check_time_order(db, p_.tz, m.warehouse, a.part, m.ts);
      m.kind = MoveKind::ReturnOld, m.book = "old", m.qty = a.qty, m.avg_cents = avg_of(db, a.part);
      insert(db, m);
    }
  });
  return m;
}

Movement PartsLedger::scrap(const ScrapArgs& a, const Actor& who) {
  Movement m;
  s_.write([&] {
    auto& db = s_.db();
    check_qty(a.qty);
    if (a.reason.empty()) refuse("a scrap needs a reason (--reason)");
    require_part(db, a.part);
    require_warehouse(db, a.warehouse);
    m.ts = when(who);
    std::string book = a.old_part ? "old" : "new";
    check_time_order(db, p_.tz, a.warehouse, a.part, m.ts);
    need_stock(db, a.warehouse, a.part, book, a.qty);
    std::int64_t avg = avg_of(db, a.part);
    m.kind = MoveKind::Scrap, m.warehouse = a.warehouse, m.part = a.part, m.book = book, m.qty = -a.qty;
    m.unit_cents = a.old_part ? 0 : avg, m.value_cents = a.old_part ? 0 : mul_cents(avg, -a.qty, "the scrap's value"), m.avg_cents = avg;
    m.user = who.user, m.reason = a.reason;
    if (auto forced = movement_limits(p_.limits, a.force, a.qty); !forced.empty()) m.reason = forced;
    insert(db, m);
  });
  return m;
}
// ---- reconcile ---------------------------------------------------------------------

ReconcileResult reconcile(Store& s, const Policy& p, const std::string& user, bool dry_run) {
  struct DryRun {};
  ReconcileResult res;
  PartsLedger led(s, p);
  try {
    s.write([&] {
      auto& db = s.db();
      struct Ev {
        std::string id, ticket, part;
        std::int64_t qty;
        Instant ts;
      };
      std::vector<Ev> evs;
      SQLite::Statement st(db,
                           "SELECT e.id, e.ticket, e.part, e.qty, e.ts FROM events e WHERE e.event = 'part_used' "
                           "AND NOT EXISTS (SELECT 1 FROM part_movements m WHERE m.event_id = e.id) "
                           "ORDER BY e.ts, e.seq");
      while (st.executeStep())
        evs.push_back({text_of(st, 0), text_of(st, 1), text_of(st, 2), opt_int(st, 3).value_or(0),
                       st.getColumn(4).getInt64()});
      for (const auto& e : evs) {
        try {
          res.linked.push_back(led.consume_in_tx({e.ticket, e.part, e.id, e.qty}, {e.ts, user}));
        } catch (const DataError& err) {
          res.unmatched.push_back({e.id, e.ticket, e.part, e.qty, e.ts, err.what()});
        } catch (const NotFound& err) {  // a part not in the catalogue, a ticket not created
          res.unmatched.push_back({e.id, e.ticket, e.part, e.qty, e.ts, err.what()});
        }
      }
      if (dry_run) throw DryRun{};
    });
  } catch (const DryRun&) {
  }
  return res;
}
}  // namespace svc
