// Corrections by reversal (docs/parts.md "Correcting the ledger").
#include "parts_internal.hpp"
#include "money.hpp"

#include <algorithm>
#include <limits>

#include "error.hpp"
#include "free_text.hpp"

namespace svc {

using namespace detail;

// ---- reversals -----------------------------------------------------------------------

namespace {

std::optional<Movement> find_movement(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement st(db, fmt::format("SELECT {} FROM part_movements WHERE id = ?", kMoveColumns));
  st.bind(1, id);
  if (st.executeStep()) return movement_from_row(st);
  return std::nullopt;
}

std::int64_t reversal_of(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement st(db, "SELECT id FROM part_movements WHERE reverses = ?");
  st.bind(1, id);
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

// The part's moving average recorded just before movement `id` (0 when it is
// the part's first movement).
std::int64_t avg_before(SQLite::Database& db, const std::string& part, std::int64_t id) {
  SQLite::Statement st(db, "SELECT avg_cents FROM part_movements WHERE part = ? AND id < ? ORDER BY id DESC LIMIT 1");
  st.bind(1, part);
  st.bind(2, id);
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

// The opposite of `o` recorded at `ts`: same kind, warehouse, part, book,
// ticket, reference and claim; opposite quantity and value.
Movement opposite(const Movement& o, Instant ts, const std::string& reason, const std::string& user) {
  Movement m;
  m.ts = ts, m.kind = o.kind, m.warehouse = o.warehouse, m.part = o.part, m.book = o.book;
  m.qty = -o.qty, m.unit_cents = o.unit_cents, m.value_cents = -o.value_cents;
  m.reference = o.reference, m.ticket = o.ticket, m.claim_id = o.claim_id;
  m.user = user, m.reason = reason, m.reverses = o.id;
  return m;
}

// Checks a stock change of one book by the reversal `m` (time order, never negative).
void check_stock_reversal(SQLite::Database& db, const TimeZone& tz, const Movement& m, const Movement& o) {
  check_time_order(db, tz, m.warehouse, m.part, m.ts);
  if (m.qty >= 0) return;
  std::int64_t have = book_qty(db, m.warehouse, m.part, m.book);
  if (have < -m.qty)
    refuse(fmt::format("reversing {} #{} takes {} {} {} out of '{}', the balance is {}: the parts have moved on "
                       "since (reverse or record those movements first)",
                       to_string(o.kind), o.id, -m.qty, m.book, m.part, m.warehouse, have));
}

std::vector<Movement> reverse_in_tx(SQLite::Database& db, const TimeZone& tz, std::int64_t id,
                                    const std::string& reason, const Actor& who) {
  auto found = find_movement(db, id);
  if (!found) {
    SQLite::Statement last(db, "SELECT MAX(id) FROM part_movements");
    last.executeStep();
    throw NoInputError(last.getColumn(0).isNull()
                           ? fmt::format("no movement #{}: the parts ledger is empty", id)
                           : fmt::format("no movement #{} in the parts ledger (movements are numbered 1 to {}; "
                                         "see 'svc parts ledger --part P')",
                                         id, last.getColumn(0).getInt64()));
  }
  const Movement o = *found;
  if (o.reverses)
    refuse(fmt::format("movement #{} is the reversal of #{}: a reversal cannot be reversed (record the movement "
                       "again instead)", o.id, o.reverses));
  if (std::int64_t r = reversal_of(db, o.id))
    refuse(fmt::format("movement #{} was already reversed by #{}", o.id, r));
  if (reason.empty()) refuse(fmt::format("reversing movement #{} needs a reason (--reason)", o.id));
  check_reason("--reason", reason);
  Instant ts = when(who);
  if (ts < o.ts)
    refuse(fmt::format("{} is before movement #{} ({}): a reversal comes after what it reverses",
                       format_rfc3339(ts, tz), o.id, format_rfc3339(o.ts, tz)));
  const std::string user = who.user.empty() ? std::string("unknown") : who.user;
  std::vector<Movement> out;

  switch (o.kind) {
    case MoveKind::Transfer: {
      // Both halves: the incoming one (o, or the row that names o) first.
      Movement in = o, away = o;
      if (o.pair_id) {
        away = find_movement(db, o.pair_id).value();
      } else {
        SQLite::Statement st(db, fmt::format("SELECT {} FROM part_movements WHERE pair_id = ?", kMoveColumns));
        st.bind(1, o.id);
        if (!st.executeStep()) throw InternalError(fmt::format("transfer #{} has no incoming half", o.id));
        in = movement_from_row(st);
      }
      if (std::int64_t r = reversal_of(db, in.id == o.id ? away.id : in.id))
        refuse(fmt::format("transfer #{} was already reversed by #{}", o.id, r));
      std::int64_t avg = avg_of(db, o.part);
      Movement back_out = opposite(in, ts, reason, user), back_in = opposite(away, ts, reason, user);
      back_out.unit_cents = back_in.unit_cents = back_out.avg_cents = back_in.avg_cents = avg;
      back_out.value_cents = mul_cents(avg, back_out.qty, "the reversal's value");
      back_in.value_cents = mul_cents(avg, back_in.qty, "the reversal's value");
      check_stock_reversal(db, tz, back_out, in);
      check_time_order(db, tz, back_in.warehouse, back_in.part, ts);
      insert(db, back_out);
      back_in.pair_id = back_out.id;
      insert(db, back_in);
      out = {back_out, back_in};
      break;
    }
    case MoveKind::Claim: {
      auto c = find_claim_db(db, o.claim_id);
      if (!c || c->status != "rejected")
        refuse(fmt::format("claim movement #{} sent the old parts of claim #{} ({}): only the movement of a rejected "
                           "claim can be reversed (the supplier sent the parts back)",
                           o.id, o.claim_id, c ? c->status : std::string("unknown")));
      Movement m = opposite(o, ts, reason, user);
      m.avg_cents = avg_of(db, o.part);
      check_stock_reversal(db, tz, m, o);
      insert(db, m);
      out = {m};
      break;
    }
    case MoveKind::Consume: {
      TicketPool pool = ticket_pool(db, o.ticket, o.part, std::numeric_limits<Instant>::max());
      if (pool.fitted + o.qty < pool.old_back)
        refuse(fmt::format("consume #{} fitted {} x {} on ticket {}, and {} old part(s) came back from the {} fitted: "
                           "reverse the return-old movement first",
                           o.id, -o.qty, o.part, o.ticket, pool.old_back, pool.fitted));
      Movement m = opposite(o, ts, reason, user);
      m.avg_cents = avg_of(db, o.part);
      insert(db, m);
      out = {m};
      break;
    }
    case MoveKind::Issue: {
      TicketPool pool = ticket_pool(db, o.ticket, o.part, std::numeric_limits<Instant>::max());
      if (pool.outstanding() < -o.qty)
        refuse(fmt::format("issue #{} gave {} x {} to ticket {}, of which {} are still out (issued {}, fitted {}, "
                           "returned {}): reverse the consume or return movements first",
                           o.id, -o.qty, o.part, o.ticket, std::max<std::int64_t>(pool.outstanding(), 0), pool.issued,
                           pool.fitted, pool.returned));
      [[fallthrough]];
    }
    case MoveKind::Receive:
    case MoveKind::ReturnNew:
    case MoveKind::ReturnOld:
    case MoveKind::Scrap:
    case MoveKind::Count: {
      Movement m = opposite(o, ts, reason, user);
      check_stock_reversal(db, tz, m, o);
      if (o.kind == MoveKind::ReturnOld) {
        SQLite::Statement res(db, "SELECT COALESCE(SUM(qty), 0) FROM part_claims WHERE warehouse = ? AND part = ? "
                                  "AND status = 'open'");
        res.bind(1, o.warehouse);
        res.bind(2, o.part);
        res.executeStep();
        std::int64_t reserved = res.getColumn(0).getInt64(), have = book_qty(db, o.warehouse, o.part, "old");
        if (have - reserved < o.qty)
          refuse(fmt::format("reversing return-old #{} takes {} old {} out of '{}', which holds {} of which {} are in "
                             "open claims", o.id, o.qty, o.part, o.warehouse, have, reserved));
      }
      if (m.book == "new") {
        m.avg_cents = reversal_average(global_new_qty(db, o.part), avg_of(db, o.part), m.qty, m.value_cents,
                                       avg_before(db, o.part, o.id));
        insert(db, m);
        set_avg(db, o.part, m.avg_cents, m.id);
      } else {
        m.avg_cents = avg_of(db, o.part);
        insert(db, m);
      }
      out = {m};
      break;
    }
  }
  return out;
}

}  // namespace

std::vector<Movement> PartsLedger::reverse(std::int64_t id, const std::string& reason, const Actor& who) {
  std::vector<Movement> out;
  s_.write([&] { out = reverse_in_tx(s_.db(), p_.tz, id, reason, who); });
  return out;
}

std::vector<Movement> reverse_consumption_for_event(Store& s, const std::string& event_id, const std::string& reason,
                                                    const std::string& user, Instant at) {
  std::vector<Movement> out;
  s.write([&] {
    auto& db = s.db();
    SQLite::Statement st(db, "SELECT id FROM part_movements WHERE event_id = ? AND kind = 'consume'");
    st.bind(1, event_id);
    if (!st.executeStep()) return;
    std::int64_t id = st.getColumn(0).getInt64();
    if (reversal_of(db, id)) return;
    out = reverse_in_tx(db, TimeZone(), id, reason, Actor{at ? at : now(), user});
  });
  return out;
}
}  // namespace svc
