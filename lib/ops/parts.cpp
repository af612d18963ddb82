// The shared private helpers of the parts files (declared in
// parts_internal.hpp) and the movement kinds. The operations are in
// parts_catalog.cpp, parts_ledger.cpp, parts_count.cpp, parts_claims.cpp,
// parts_reversal.cpp, parts_listing.cpp and parts_valuation.cpp.
#include "parts_internal.hpp"
#include "money.hpp"
#include "seals.hpp"

#include "error.hpp"
#include "free_text.hpp"
#include "event.hpp"
#include "guards.hpp"
#include "output.hpp"
#include "ticket.hpp"

namespace svc {

// ---- helpers -------------------------------------------------------------------

namespace detail {

[[noreturn]] void refuse(const std::string& msg) { throw DataError(msg); }

Instant when(const Actor& a) { return a.ts ? a.ts : now(); }

void bind_text(SQLite::Statement& st, int i, const std::string& v) {
  if (v.empty()) st.bind(i);
  else st.bind(i, v);
}
void bind_id(SQLite::Statement& st, int i, std::int64_t v) {
  if (v == 0) st.bind(i);
  else st.bind(i, v);
}
std::string text_of(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}
std::optional<std::int64_t> opt_int(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

std::vector<std::string> all_ids(SQLite::Database& db, const char* sql) {
  std::vector<std::string> out;
  SQLite::Statement st(db, sql);
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string h = nearest(word, candidates);
  return h.empty() ? "" : fmt::format(" (did you mean '{}'?)", h);
}

Part part_from_row(SQLite::Statement& st) {
  Part p;
  p.part = text_of(st, 0);
  p.name = text_of(st, 1);
  p.spec = text_of(st, 2);
  p.unit = text_of(st, 3);
  p.supplier = text_of(st, 4);
  p.list_cents = opt_int(st, 5);
  p.min_stock = st.getColumn(6).getInt64();
  p.claimable = st.getColumn(7).getInt() != 0;
  return p;
}

std::optional<Part> find_part_db(SQLite::Database& db, const std::string& part) {
  SQLite::Statement st(db, fmt::format("SELECT {} FROM parts WHERE part = ?", kPartColumns));
  st.bind(1, part);
  if (st.executeStep()) return part_from_row(st);
  return std::nullopt;
}

Part require_part(SQLite::Database& db, const std::string& part) {
  if (auto p = find_part_db(db, part)) return *p;
  throw NotFound(fmt::format("unknown part '{}'{}; add it with 'svc parts catalog add'", part,
                             did_you_mean(part, all_ids(db, "SELECT part FROM parts"))));
}

bool warehouse_exists(SQLite::Database& db, const std::string& id) {
  SQLite::Statement st(db, "SELECT 1 FROM warehouses WHERE id = ?");
  st.bind(1, id);
  return st.executeStep();
}

// An outlet warehouse is created on first use when the id is an outlet.
void require_warehouse(SQLite::Database& db, const std::string& id) {
  if (id.empty()) refuse("no warehouse given");
  if (warehouse_exists(db, id)) return;
  SQLite::Statement st(db, "SELECT 1 FROM outlets WHERE id = ?");
  st.bind(1, id);
  if (st.executeStep()) {
    SQLite::Statement ins(db, "INSERT INTO warehouses(id, kind, outlet) VALUES (?, 'outlet', ?)");
    ins.bind(1, id);
    ins.bind(2, id);
    ins.exec();
    return;
  }
  throw NotFound(fmt::format("unknown warehouse '{}'{}; add it with 'svc parts warehouse add {}'", id,
                             did_you_mean(id, all_ids(db, "SELECT id FROM warehouses")), id));
}

void check_known_warehouse(SQLite::Database& db, const std::string& id) {
  if (!id.empty() && !warehouse_exists(db, id))
    refuse(fmt::format("unknown warehouse '{}'{}", id, did_you_mean(id, all_ids(db, "SELECT id FROM warehouses"))));
}

void check_qty(std::int64_t q) {
  if (q < 1) refuse(fmt::format("quantity must be a whole number >= 1, got {}", q));
  if (q > 1'000'000'000) refuse(fmt::format("quantity {} is not plausible", q));
}

void check_ticket(const std::string& t) {
  if (!valid_ticket_id(t)) refuse(fmt::format("ticket id '{}' is not valid ([A-Za-z0-9._-], 1-64 characters)", t));
}

std::int64_t book_qty(SQLite::Database& db, const std::string& wh, const std::string& part, const std::string& book) {
  SQLite::Statement st(db, "SELECT qty FROM part_stock WHERE warehouse = ? AND part = ? AND book = ?");
  st.bind(1, wh);
  st.bind(2, part);
  st.bind(3, book);
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

std::int64_t global_new_qty(SQLite::Database& db, const std::string& part) {
  SQLite::Statement st(db, "SELECT COALESCE(SUM(qty), 0) FROM part_stock WHERE part = ? AND book = 'new'");
  st.bind(1, part);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

std::int64_t avg_of(SQLite::Database& db, const std::string& part) {
  SQLite::Statement st(db, "SELECT avg_cents FROM part_valuation WHERE part = ?");
  st.bind(1, part);
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

void need_stock(SQLite::Database& db, const std::string& wh, const std::string& part, const std::string& book,
                std::int64_t qty) {
  std::int64_t have = book_qty(db, wh, part, book);
  if (have < qty)
    refuse(fmt::format("not enough stock in '{}': {} {} {} needed, the balance is {}", wh, qty, book, part, have));
}

// Stock movements of one part in one warehouse are kept in time order.
void check_time_order(SQLite::Database& db, const TimeZone& tz, const std::string& wh, const std::string& part,
                      Instant ts) {
  SQLite::Statement st(db,
                       "SELECT MAX(ts) FROM part_movements WHERE warehouse = ? AND part = ? AND book IS NOT NULL");
  st.bind(1, wh);
  st.bind(2, part);
  st.executeStep();
  if (st.getColumn(0).isNull()) return;
  Instant last = st.getColumn(0).getInt64();
  if (ts < last)
    refuse(fmt::format("{} is before the last movement of {} in '{}' ({}): the ledger is kept in time order",
                       format_rfc3339(ts, tz), part, wh, format_rfc3339(last, tz)));
}

void insert(SQLite::Database& db, Movement& m) {
  // free text of a movement: the rule of every command and of the importer (free_text.hpp)
  check_text("--reason", m.reason);
  check_text("--reference", m.reference);
  check_text("--user", m.user);
  SQLite::Statement st(db,
                       "INSERT INTO part_movements(ts, kind, warehouse, part, book, qty, unit_cents, value_cents, "
                       "avg_cents, reference, user, ticket, event_id, pair_id, claim_id, approved_by, reason, reverses) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, m.ts);
  st.bind(2, std::string(to_string(m.kind)));
  st.bind(3, m.warehouse);
  st.bind(4, m.part);
  bind_text(st, 5, m.book);
  st.bind(6, m.qty);
  st.bind(7, m.unit_cents);
  st.bind(8, m.value_cents);
  st.bind(9, m.avg_cents);
  bind_text(st, 10, m.reference);
  st.bind(11, m.user.empty() ? std::string("unknown") : m.user);
  bind_text(st, 12, m.ticket);
  bind_text(st, 13, m.event_id);
  bind_id(st, 14, m.pair_id);
  bind_id(st, 15, m.claim_id);
  bind_text(st, 16, m.approved_by);
  bind_text(st, 17, m.reason);
  bind_id(st, 18, m.reverses);
  st.exec();
  m.id = db.getLastInsertRowid();
  seal_row(db, "part_movements", m.id);
  if (m.user.empty()) m.user = "unknown";
  if (m.book.empty()) return;
  // UPDATE first: an INSERT of a negative row would trip the CHECK before the upsert.
  SQLite::Statement up(db, "UPDATE part_stock SET qty = qty + ? WHERE warehouse = ? AND part = ? AND book = ?");
  up.bind(1, m.qty);
  up.bind(2, m.warehouse);
  up.bind(3, m.part);
  up.bind(4, m.book);
  if (up.exec() == 0) {
    SQLite::Statement ins(db, "INSERT INTO part_stock(warehouse, part, book, qty) VALUES (?, ?, ?, ?)");
    ins.bind(1, m.warehouse);
    ins.bind(2, m.part);
    ins.bind(3, m.book);
    ins.bind(4, m.qty);
    ins.exec();
  }
}

void set_avg(SQLite::Database& db, const std::string& part, std::int64_t avg, std::int64_t movement) {
  SQLite::Statement st(db,
                       "INSERT INTO part_valuation(part, avg_cents, updated) VALUES (?, ?, ?) "
                       "ON CONFLICT(part) DO UPDATE SET avg_cents = excluded.avg_cents, updated = excluded.updated");
  st.bind(1, part);
  st.bind(2, avg);
  st.bind(3, movement);
  st.exec();
}

Movement movement_from_row(SQLite::Statement& st) {
  Movement m;
  m.id = st.getColumn(0).getInt64();
  m.ts = st.getColumn(1).getInt64();
  auto k = parse_move_kind(st.getColumn(2).getString());
  if (!k) throw StoreUnavailable(fmt::format("movement {} has unknown kind '{}'", m.id, st.getColumn(2).getString()));
  m.kind = *k;
  m.warehouse = text_of(st, 3);
  m.part = text_of(st, 4);
  m.book = text_of(st, 5);
  m.qty = st.getColumn(6).getInt64();
  m.unit_cents = st.getColumn(7).getInt64();
  m.value_cents = st.getColumn(8).getInt64();
  m.avg_cents = st.getColumn(9).getInt64();
  m.reference = text_of(st, 10);
  m.user = text_of(st, 11);
  m.ticket = text_of(st, 12);
  m.event_id = text_of(st, 13);
  m.pair_id = opt_int(st, 14).value_or(0);
  m.claim_id = opt_int(st, 15).value_or(0);
  m.approved_by = text_of(st, 16);
  m.reason = text_of(st, 17);
  m.reverses = opt_int(st, 18).value_or(0);
  return m;
}

TicketPool ticket_pool(SQLite::Database& db, const std::string& ticket, const std::string& part, Instant issued_by) {
  TicketPool p;
  SQLite::Statement st(db,
                       "SELECT kind, qty, value_cents, warehouse, ts FROM part_movements m WHERE ticket = ? AND part = ? "
                       "AND reverses IS NULL AND NOT EXISTS (SELECT 1 FROM part_movements r WHERE r.reverses = m.id) "
                       "ORDER BY id");
  st.bind(1, ticket);
  st.bind(2, part);
  while (st.executeStep()) {
    std::string k = st.getColumn(0).getString();
    std::int64_t q = st.getColumn(1).getInt64(), v = st.getColumn(2).getInt64();
    std::string wh = st.getColumn(3).getString();
    if (k == "issue") {
      if (st.getColumn(4).getInt64() > issued_by) continue;
      p.issued += -q, p.issued_value = sub_cents(p.issued_value, v, "the value issued"), p.issue_wh = wh;
    } else if (k == "consume") {
      p.fitted += -q, p.fitted_value = sub_cents(p.fitted_value, v, "the value fitted"), p.consume_wh = wh;
    } else if (k == "return-new") {
      p.returned += q, add_to(p.returned_value, v, "the value returned");
    } else if (k == "return-old") {
      p.old_back += q;
    }
  }
  return p;
}

// ---- claims rows --------------------------------------------------------------------

Claim claim_from_row(SQLite::Statement& st) {
  Claim c;
  c.id = st.getColumn(0).getInt64();
  c.opened_at = st.getColumn(1).getInt64();
  c.warehouse = text_of(st, 2);
  c.part = text_of(st, 3);
  c.ticket = text_of(st, 4);
  c.supplier = text_of(st, 5);
  c.status = text_of(st, 6);
  c.reference = text_of(st, 7);
  c.user = text_of(st, 8);
  c.reason = text_of(st, 9);
  c.qty = st.getColumn(10).getInt64();
  c.claimed_cents = opt_int(st, 11);
  c.accepted_cents = opt_int(st, 12);
  c.submitted_at = opt_int(st, 13);
  c.decided_at = opt_int(st, 14);
  return c;
}

std::optional<Claim> find_claim_db(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement st(db, fmt::format("SELECT {} FROM part_claims WHERE id = ?", kClaimColumns));
  st.bind(1, id);
  if (st.executeStep()) return claim_from_row(st);
  return std::nullopt;
}

Claim require_claim(SQLite::Database& db, std::int64_t id) {
  if (auto c = find_claim_db(db, id)) return *c;
  throw NotFound(fmt::format("no claim #{}", id));
}

}  // namespace detail

// ---- kinds ---------------------------------------------------------------------

namespace {
constexpr std::string_view kMoveKindNames[] = {"receive", "transfer",   "issue", "consume", "return-new",
                                               "return-old", "scrap", "count", "claim"};
}

std::string_view to_string(MoveKind k) { return kMoveKindNames[static_cast<int>(k)]; }

std::optional<MoveKind> parse_move_kind(std::string_view s) {
  for (int i = 0; i < 9; ++i)
    if (kMoveKindNames[i] == s) return static_cast<MoveKind>(i);
  return std::nullopt;
}
}  // namespace svc
