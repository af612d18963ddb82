#include "parts.hpp"
#include "seals.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>
#include <set>

#include "error.hpp"
#include "event.hpp"
#include "guards.hpp"
#include "ticket.hpp"
#include "output.hpp"
#include "small_csv.hpp"

namespace svc {

// ---- valuation arithmetic ----------------------------------------------------

std::int64_t div_half_up(std::int64_t num, std::int64_t den) {
  if (den <= 0) throw InternalError("div_half_up: denominator must be positive");
  bool neg = num < 0;
  std::int64_t a = neg ? -num : num;
  std::int64_t q = a / den, r = a % den;
  if (2 * r >= den) ++q;
  return neg ? -q : q;
}

std::int64_t moving_average(std::int64_t on_hand, std::int64_t avg, std::int64_t in_qty, std::int64_t in_value) {
  if (on_hand < 0) on_hand = 0;
  if (on_hand + in_qty <= 0) return avg;
  return div_half_up(on_hand * avg + in_value, on_hand + in_qty);
}

std::int64_t share_of(std::int64_t pool_value, std::int64_t pool_qty, std::int64_t qty) {
  if (pool_qty <= 0 || qty <= 0) return 0;
  if (qty >= pool_qty) return pool_value;
  return div_half_up(pool_value * qty, pool_qty);
}

std::int64_t reversal_average(std::int64_t on_hand, std::int64_t avg, std::int64_t qty, std::int64_t value,
                              std::int64_t avg_before) {
  if (on_hand < 0) on_hand = 0;
  if (on_hand + qty <= 0) return avg_before;
  return std::max<std::int64_t>(0, div_half_up(on_hand * avg + value, on_hand + qty));
}

// ---- helpers -------------------------------------------------------------------

namespace {

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

const char* kPartColumns = "part, name, spec, unit, supplier, list_cents, min_stock, claimable";

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

const char* kMoveColumns =
    "id, ts, kind, warehouse, part, book, qty, unit_cents, value_cents, avg_cents, reference, user, ticket, "
    "event_id, pair_id, claim_id, approved_by, reason, reverses";

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

// What a ticket holds of one part: issued to it (issues at or before
// `issued_by`), fitted (consume), given back unused (return-new) and old parts
// brought back (return-old); quantities positive, values in cents. A reversed
// movement and its reversal both count as if neither had been recorded.
struct TicketPool {
  std::int64_t issued = 0, issued_value = 0, fitted = 0, fitted_value = 0, returned = 0, returned_value = 0;
  std::int64_t old_back = 0;
  std::string issue_wh, consume_wh;  // warehouse of the latest issue / consume
  std::int64_t outstanding() const { return issued - fitted - returned; }
  std::int64_t outstanding_value() const { return issued_value - fitted_value - returned_value; }
};

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
      p.issued += -q, p.issued_value += -v, p.issue_wh = wh;
    } else if (k == "consume") {
      p.fitted += -q, p.fitted_value += -v, p.consume_wh = wh;
    } else if (k == "return-new") {
      p.returned += q, p.returned_value += v;
    } else if (k == "return-old") {
      p.old_back += q;
    }
  }
  return p;
}

std::string money(std::int64_t c) { return format_cents(c); }

}  // namespace

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

// ---- catalogue -------------------------------------------------------------------

bool valid_part_number(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == ' ' || s.back() == ' ') return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f || c == ',') return false;
  return true;
}

std::optional<bool> parse_yes_no(std::string_view s) {
  if (s == "yes" || s == "true" || s == "1" || s == "y") return true;
  if (s == "no" || s == "false" || s == "0" || s == "n") return false;
  return std::nullopt;
}

namespace {
// Problems with one catalogue entry (empty = fine).
std::vector<std::string> part_problems(const Part& p) {
  std::vector<std::string> out;
  if (!valid_part_number(p.part))
    out.push_back(fmt::format("part number '{}' is not valid (1-64 characters, no commas, no control characters, "
                              "no leading or trailing space)", p.part));
  if (p.name.empty()) out.push_back("name is required");
  if (p.unit.empty()) out.push_back("unit must not be empty");
  if (p.list_cents && *p.list_cents < 0) out.push_back("list price must be >= 0");
  if (p.min_stock < 0) out.push_back("min stock must be >= 0");
  return out;
}

void write_part(SQLite::Database& db, const Part& p, bool replace) {
  SQLite::Statement st(db, replace ? "UPDATE parts SET name=?2, spec=?3, unit=?4, supplier=?5, list_cents=?6, "
                                     "min_stock=?7, claimable=?8 WHERE part=?1"
                                   : "INSERT INTO parts(part, name, spec, unit, supplier, list_cents, min_stock, "
                                     "claimable) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  st.bind(1, p.part);
  st.bind(2, p.name);
  bind_text(st, 3, p.spec);
  st.bind(4, p.unit);
  bind_text(st, 5, p.supplier);
  if (p.list_cents) st.bind(6, *p.list_cents);
  else st.bind(6);
  st.bind(7, p.min_stock);
  st.bind(8, p.claimable ? 1 : 0);
  st.exec();
}
}  // namespace

void add_part(Store& s, const Part& p) {
  auto probs = part_problems(p);
  if (!probs.empty()) refuse(fmt::format("part '{}': {}", p.part, fmt::join(probs, "; ")));
  s.write([&] {
    if (find_part_db(s.db(), p.part))
      refuse(fmt::format("part '{}' is already in the catalogue (change it with 'svc parts catalog update')", p.part));
    write_part(s.db(), p, false);
  });
}

void update_part(Store& s, const std::string& part, const PartUpdate& u) {
  s.write([&] {
    Part p = require_part(s.db(), part);
    if (u.name) p.name = *u.name;
    if (u.spec) p.spec = *u.spec;
    if (u.unit) p.unit = *u.unit;
    if (u.supplier) p.supplier = *u.supplier;
    if (u.list_cents) p.list_cents = *u.list_cents;
    if (u.min_stock) p.min_stock = *u.min_stock;
    if (u.claimable) p.claimable = *u.claimable;
    auto probs = part_problems(p);
    if (!probs.empty()) refuse(fmt::format("part '{}': {}", p.part, fmt::join(probs, "; ")));
    write_part(s.db(), p, true);
  });
}

std::optional<Part> find_part(Store& s, const std::string& part) {
  try {
    return find_part_db(s.db(), part);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the catalogue");
  }
}

std::vector<Part> list_parts(Store& s) {
  std::vector<Part> out;
  try {
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM parts ORDER BY part", kPartColumns));
    while (st.executeStep()) out.push_back(part_from_row(st));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the catalogue");
  }
  return out;
}

CatalogImport import_catalog(Store& s, const std::string& path) {
  CsvFile f = read_small_csv(path);
  static const std::vector<std::string> known = {"part", "name", "spec", "unit", "supplier", "list_price",
                                                 "min_stock", "claimable"};
  auto idx = map_columns(f, known, {"part", "name"});
  CatalogImport res;
  std::vector<std::string> problems;
  std::vector<std::pair<Part, bool>> todo;  // entry, exists
  std::map<std::string, int> seen;
  s.write([&] {
    for (const auto& r : f.records) {
      ++res.read;
      std::map<std::string, std::string> v;
      for (size_t c = 0; c < idx.size(); ++c)
        if (!r.fields[c].empty()) v[known[size_t(idx[c])]] = r.fields[c];
      auto bad = [&](const std::string& m) { problems.push_back(fmt::format("{}:{}: {}", path, r.line, m)); };
      if (!v.count("part")) { bad("part is required"); continue; }
      const std::string& id = v["part"];
      if (auto it = seen.find(id); it != seen.end()) {
        bad(fmt::format("part '{}' already given on line {}", id, it->second));
        continue;
      }
      seen[id] = r.line;
      auto existing = find_part_db(s.db(), id);
      Part p = existing ? *existing : Part{};
      p.part = id;
      if (v.count("name")) p.name = v["name"];
      if (v.count("spec")) p.spec = v["spec"];
      if (v.count("unit")) p.unit = v["unit"];
      if (v.count("supplier")) p.supplier = v["supplier"];
      bool ok = true;
      if (v.count("list_price")) {
        auto c = parse_cents(v["list_price"]);
        if (!c || *c < 0) bad(fmt::format("list_price must be an amount >= 0 with at most 2 decimals, got '{}'",
                                          v["list_price"])), ok = false;
        else p.list_cents = *c;
      }
      if (v.count("min_stock")) {
        const std::string& m = v["min_stock"];
        bool digits = !m.empty() && m.size() <= 9 && std::all_of(m.begin(), m.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (!digits) bad(fmt::format("min_stock must be a whole number >= 0, got '{}'", m)), ok = false;
        else p.min_stock = std::stoll(m);
      }
      if (v.count("claimable")) {
        auto b = parse_yes_no(v["claimable"]);
        if (!b) bad(fmt::format("claimable must be yes or no, got '{}'", v["claimable"])), ok = false;
        else p.claimable = *b;
      }
      for (auto& m : part_problems(p)) bad(m), ok = false;
      if (ok) todo.emplace_back(p, existing.has_value());
    }
    if (!problems.empty())
      throw DataError(fmt::format("'{}' has {} problem{}; nothing was imported", path, problems.size(),
                                  problems.size() == 1 ? "" : "s"),
                      problems);
    for (auto& [p, exists] : todo) {
      write_part(s.db(), p, exists);
      ++(exists ? res.updated : res.added);
    }
  });
  return res;
}

// ---- warehouses --------------------------------------------------------------------

void add_warehouse(Store& s, const std::string& id, const std::string& outlet) {
  if (!valid_ticket_id(id))
    refuse(fmt::format("warehouse id '{}' is not valid ([A-Za-z0-9._-], 1-64 characters)", id));
  s.write([&] {
    if (warehouse_exists(s.db(), id)) refuse(fmt::format("warehouse '{}' already exists", id));
    SQLite::Statement st(s.db(), "INSERT INTO warehouses(id, kind, outlet) VALUES (?, 'outlet', ?)");
    st.bind(1, id);
    st.bind(2, outlet.empty() ? id : outlet);
    st.exec();
  });
}

std::vector<Warehouse> list_warehouses(Store& s) {
  std::vector<Warehouse> out;
  try {
    SQLite::Statement st(s.db(), "SELECT id, kind, outlet FROM warehouses ORDER BY kind = 'outlet', id");
    while (st.executeStep()) out.push_back({text_of(st, 0), text_of(st, 1), text_of(st, 2)});
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading warehouses");
  }
  return out;
}

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
    std::int64_t avg = moving_average(global_new_qty(db, a.part), avg_of(db, a.part), a.qty, a.qty * a.unit_cents);
    m.kind = MoveKind::Receive, m.warehouse = a.warehouse, m.part = a.part, m.book = "new";
    m.qty = a.qty, m.unit_cents = a.unit_cents, m.value_cents = a.qty * a.unit_cents, m.avg_cents = avg;
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
    out.warehouse = a.from, out.qty = -a.qty, out.value_cents = -a.qty * avg;
    insert(db, out);
    in.warehouse = a.to, in.qty = a.qty, in.value_cents = a.qty * avg, in.pair_id = out.id;
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
    m.unit_cents = a.old_part ? 0 : avg, m.value_cents = a.old_part ? 0 : -a.qty * avg, m.avg_cents = avg;
    m.user = who.user, m.reason = a.reason;
    if (auto forced = movement_limits(p_.limits, a.force, a.qty); !forced.empty()) m.reason = forced;
    insert(db, m);
  });
  return m;
}

std::vector<CountVariance> PartsLedger::count(const std::string& warehouse, const std::vector<CountLine>& lines,
                                              const Actor& who, const std::string& sheet_name) {
  std::vector<CountVariance> out;
  s_.write([&] {
    auto& db = s_.db();
    require_warehouse(db, warehouse);
    Instant ts = when(who);
    std::vector<std::string> problems;
    auto parts = all_ids(db, "SELECT part FROM parts");
    for (const auto& l : lines) {
      auto bad = [&](const std::string& m) { problems.push_back(fmt::format("{}:{}: {}", sheet_name, l.line, m)); };
      if (!find_part_db(db, l.part)) {
        bad(fmt::format("unknown part '{}'{}", l.part, did_you_mean(l.part, parts)));
        continue;
      }
      CountVariance v;
      v.part = l.part, v.counted = l.counted, v.reason = l.reason;
      v.system = book_qty(db, warehouse, l.part, "new");
      v.variance = v.counted - v.system;
      if (v.variance != 0 && v.reason.empty()) {
        bad(fmt::format("{}: counted {}, the books say {}: a variance needs a reason", l.part, v.counted, v.system));
        continue;
      }
      if (v.variance != 0) {
        try {
          check_time_order(db, p_.tz, warehouse, l.part, ts);
        } catch (const DataError& e) {
          bad(e.what());
          continue;
        }
      }
      out.push_back(v);
    }
    if (!problems.empty())
      throw DataError(fmt::format("stock-take '{}' has {} problem{}; nothing was applied", sheet_name,
                                  problems.size(), problems.size() == 1 ? "" : "s"),
                      problems);
    for (auto& v : out) {
      if (v.variance == 0) continue;
      Movement m;
      std::int64_t avg = avg_of(db, v.part);
      m.ts = ts, m.kind = MoveKind::Count, m.warehouse = warehouse, m.part = v.part, m.book = "new";
      m.qty = v.variance, m.unit_cents = avg, m.value_cents = v.variance * avg, m.avg_cents = avg;
      m.reference = sheet_name, m.user = who.user, m.reason = v.reason;
      insert(db, m);
      v.value_cents = m.value_cents, v.movement_id = m.id;
    }
  });
  return out;
}

std::vector<CountLine> read_count_sheet(const std::string& path) {
  CsvFile f = read_small_csv(path);
  static const std::vector<std::string> known = {"part", "counted", "reason"};
  auto idx = map_columns(f, known, {"part", "counted"});
  std::vector<CountLine> out;
  std::vector<std::string> problems;
  std::map<std::string, int> seen;
  for (const auto& r : f.records) {
    CountLine l;
    l.line = r.line;
    std::string counted;
    for (size_t c = 0; c < idx.size(); ++c) {
      const std::string& v = r.fields[c];
      switch (idx[c]) {
        case 0: l.part = v; break;
        case 1: counted = v; break;
        default: l.reason = v;
      }
    }
    auto bad = [&](const std::string& m) { problems.push_back(fmt::format("{}:{}: {}", path, r.line, m)); };
    if (l.part.empty()) { bad("part is required"); continue; }
    bool digits = !counted.empty() && counted.size() <= 9 &&
                  std::all_of(counted.begin(), counted.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!digits) { bad(fmt::format("counted must be a whole number >= 0, got '{}'", counted)); continue; }
    l.counted = std::stoll(counted);
    if (auto it = seen.find(l.part); it != seen.end()) {
      bad(fmt::format("part '{}' already counted on line {}", l.part, it->second));
      continue;
    }
    seen[l.part] = r.line;
    out.push_back(std::move(l));
  }
  if (!problems.empty())
    throw DataError(fmt::format("'{}' has {} problem{}; nothing was applied", path, problems.size(),
                                problems.size() == 1 ? "" : "s"),
                    problems);
  return out;
}

// ---- claims ------------------------------------------------------------------------

namespace {
const char* kClaimColumns =
    "id, opened_at, warehouse, part, ticket, supplier, status, reference, user, reason, qty, claimed_cents, "
    "accepted_cents, submitted_at, decided_at";

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
}  // namespace

std::int64_t PartsLedger::open_claim(const ClaimOpenArgs& a, const Actor& who) {
  std::int64_t id = 0;
  s_.write([&] {
    auto& db = s_.db();
    check_qty(a.qty);
    Part p = require_part(db, a.part);
    if (!p.claimable)
      refuse(fmt::format("part {} is not claimable (catalogue); mark it with 'svc parts catalog update {} "
                         "--claimable yes'", a.part, a.part));
    require_warehouse(db, a.warehouse);
    if (!a.ticket.empty()) check_ticket(a.ticket), require_ticket(s_, a.ticket);  // exists (closed is normal)
    if (a.claimed_cents && *a.claimed_cents < 0) refuse("the claimed amount must be >= 0");
    std::string forced = movement_limits(p_.limits, a.force, a.qty, std::nullopt, a.claimed_cents);
    SQLite::Statement res(db, "SELECT COALESCE(SUM(qty), 0) FROM part_claims WHERE warehouse = ? AND part = ? "
                              "AND status = 'open'");
    res.bind(1, a.warehouse);
    res.bind(2, a.part);
    res.executeStep();
    std::int64_t reserved = res.getColumn(0).getInt64();
    std::int64_t have = book_qty(db, a.warehouse, a.part, "old");
    if (have - reserved < a.qty)
      refuse(fmt::format("not enough old parts: {} old {} claimed, '{}' holds {} of which {} are in open claims",
                         a.qty, a.part, a.warehouse, have, reserved));
    SQLite::Statement st(db, "INSERT INTO part_claims(opened_at, warehouse, part, qty, ticket, supplier, status, "
                             "claimed_cents, reference, user, reason) VALUES (?,?,?,?,?,?,'open',?,?,?,?)");
    st.bind(1, when(who));
    st.bind(2, a.warehouse);
    st.bind(3, a.part);
    st.bind(4, a.qty);
    bind_text(st, 5, a.ticket);
    bind_text(st, 6, a.supplier.empty() ? p.supplier : a.supplier);
    if (a.claimed_cents) st.bind(7, *a.claimed_cents);
    else st.bind(7);
    bind_text(st, 8, a.reference);
    st.bind(9, who.user.empty() ? std::string("unknown") : who.user);
    bind_text(st, 10, forced);
    st.exec();
    id = db.getLastInsertRowid();
  });
  return id;
}

Movement PartsLedger::submit_claim(std::int64_t id, const std::string& reference, const Actor& who) {
  Movement m;
  s_.write([&] {
    auto& db = s_.db();
    Claim c = require_claim(db, id);
    if (c.status != "open") refuse(fmt::format("claim #{} is {}: only an open claim can be submitted", id, c.status));
    m.ts = when(who);
    if (m.ts < c.opened_at) refuse(fmt::format("claim #{} cannot be submitted before it was opened", id));
    check_time_order(db, p_.tz, c.warehouse, c.part, m.ts);
    need_stock(db, c.warehouse, c.part, "old", c.qty);
    m.kind = MoveKind::Claim, m.warehouse = c.warehouse, m.part = c.part, m.book = "old", m.qty = -c.qty;
    m.avg_cents = avg_of(db, c.part), m.user = who.user, m.ticket = c.ticket, m.claim_id = id;
    m.reference = reference.empty() ? c.reference : reference;
    insert(db, m);
    SQLite::Statement up(db, "UPDATE part_claims SET status = 'submitted', submitted_at = ?, reference = ? WHERE id = ?");
    up.bind(1, m.ts);
    bind_text(up, 2, m.reference);
    up.bind(3, id);
    up.exec();
  });
  return m;
}

void PartsLedger::decide_claim(std::int64_t id, bool accepted, std::optional<std::int64_t> amount_cents,
                               const std::string& reason, const Actor& who, const LimitOverride& force) {
  s_.write([&] {
    auto& db = s_.db();
    Claim c = require_claim(db, id);
    if (c.status != "submitted")
      refuse(fmt::format("claim #{} is {}: only a submitted claim can be {}", id, c.status,
                         accepted ? "accepted" : "rejected"));
    Instant ts = when(who);
    if (c.submitted_at && ts < *c.submitted_at)
      refuse(fmt::format("claim #{} cannot be decided before it was submitted", id));
    std::optional<std::int64_t> amount;
    std::string forced;  // --force --reason past [limits] amount
    if (accepted) {
      amount = amount_cents ? amount_cents : c.claimed_cents;
      if (!amount) refuse(fmt::format("claim #{}: give the amount the supplier accepted (--amount)", id));
      if (*amount < 0) refuse("the accepted amount must be >= 0");
      if (auto h = amount_hit(*amount, p_.limits)) forced = enforce_limits({*h}, force);
    } else if (reason.empty()) {
      refuse(fmt::format("claim #{}: give the supplier's reason for the rejection (--reason)", id));
    }
    SQLite::Statement up(db, "UPDATE part_claims SET status = ?, decided_at = ?, accepted_cents = ?, "
                             "reason = COALESCE(?, reason) WHERE id = ?");
    up.bind(1, std::string(accepted ? "accepted" : "rejected"));
    up.bind(2, ts);
    if (amount) up.bind(3, *amount);
    else up.bind(3);
    bind_text(up, 4, forced.empty() ? reason : forced);  // the forced marker holds the reason
    up.bind(5, id);
    up.exec();
  });
}

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
      back_out.value_cents = back_out.qty * avg, back_in.value_cents = back_in.qty * avg;
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

// ---- listings ----------------------------------------------------------------------

std::vector<StockRow> stock(Store& s, const std::string& warehouse, bool below_min_only) {
  std::vector<StockRow> out;
  try {
    auto& db = s.db();
    check_known_warehouse(db, warehouse);
    SQLite::Statement st(
        db,
        "SELECT w.id, p.part, p.name, p.unit, p.min_stock, "
        "  COALESCE((SELECT qty FROM part_stock s WHERE s.warehouse = w.id AND s.part = p.part AND s.book = 'new'), 0), "
        "  COALESCE((SELECT qty FROM part_stock s WHERE s.warehouse = w.id AND s.part = p.part AND s.book = 'old'), 0), "
        "  COALESCE(v.avg_cents, 0) "
        "FROM warehouses w JOIN parts p LEFT JOIN part_valuation v ON v.part = p.part "
        "WHERE (w.kind = 'central' OR EXISTS (SELECT 1 FROM part_stock s WHERE s.warehouse = w.id AND s.part = p.part)) "
        "  AND (?1 = '' OR w.id = ?1) "
        "ORDER BY w.kind = 'outlet', w.id, p.part");
    st.bind(1, warehouse);
    while (st.executeStep()) {
      StockRow r;
      r.warehouse = text_of(st, 0), r.part = text_of(st, 1), r.name = text_of(st, 2), r.unit = text_of(st, 3);
      r.min_stock = st.getColumn(4).getInt64();
      r.qty = st.getColumn(5).getInt64();
      r.old_qty = st.getColumn(6).getInt64();
      r.avg_cents = st.getColumn(7).getInt64();
      r.value_cents = r.qty * r.avg_cents;
      r.below_min = r.qty < r.min_stock;
      if (below_min_only && !r.below_min) continue;
      out.push_back(std::move(r));
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading stock");
  }
  return out;
}

std::vector<LedgerRow> ledger(Store& s, const std::string& part, const std::string& warehouse) {
  std::vector<LedgerRow> out;
  try {
    auto& db = s.db();
    require_part(db, part);
    check_known_warehouse(db, warehouse);
    std::map<std::pair<std::string, std::string>, std::int64_t> bal;
    SQLite::Statement st(db, fmt::format("SELECT {} FROM part_movements WHERE part = ? ORDER BY id", kMoveColumns));
    st.bind(1, part);
    std::map<std::int64_t, size_t> at;  // movement id -> its row in out
    while (st.executeStep()) {
      LedgerRow r{movement_from_row(st), 0};
      std::string book = r.m.book.empty() ? "new" : r.m.book;
      auto& b = bal[{r.m.warehouse, book}];
      if (!r.m.book.empty()) b += r.m.qty;
      r.balance = b;
      if (auto it = at.find(r.m.reverses); r.m.reverses && it != at.end()) out[it->second].reversed_by = r.m.id;
      if (warehouse.empty() || r.m.warehouse == warehouse) {
        at[r.m.id] = out.size();
        out.push_back(std::move(r));
      }
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the ledger");
  }
  return out;
}

std::vector<Claim> claims(Store& s, const std::string& status) {
  static const std::vector<std::string> statuses = {"open", "submitted", "accepted", "rejected"};
  if (!status.empty() && std::find(statuses.begin(), statuses.end(), status) == statuses.end())
    throw UsageError(fmt::format("unknown claim status '{}' (open, submitted, accepted, rejected)", status));
  std::vector<Claim> out;
  try {
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM part_claims WHERE (?1 = '' OR status = ?1) ORDER BY id",
                                             kClaimColumns));
    st.bind(1, status);
    while (st.executeStep()) out.push_back(claim_from_row(st));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading claims");
  }
  return out;
}

std::optional<Claim> find_claim(Store& s, std::int64_t id) {
  try {
    return find_claim_db(s.db(), id);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading claims");
  }
}

// ---- costs -------------------------------------------------------------------------

std::map<std::string, std::int64_t> parts_cost_by_ticket(Store& s, const std::string& ticket_filter,
                                                         const std::vector<std::string>& params) {
  std::map<std::string, std::int64_t> out;
  try {
    std::string in = ticket_filter.empty()
                         ? std::string()
                         : fmt::format(" AND ticket IN (SELECT t.ticket FROM tickets t WHERE {})", ticket_filter);
    auto bind_all = [&](SQLite::Statement& st) {
      for (size_t i = 0; i < params.size(); ++i) st.bind(int(i + 1), params[i]);
    };
    SQLite::Statement mv(s.db(), fmt::format("SELECT ticket, -SUM(value_cents) FROM part_movements "
                                             "WHERE kind = 'consume'{} GROUP BY ticket", in));
    bind_all(mv);
    while (mv.executeStep()) out[mv.getColumn(0).getString()] += mv.getColumn(1).getInt64();
    SQLite::Statement ev(s.db(),
                         fmt::format("SELECT e.ticket, COALESCE(e.qty, 0) * COALESCE(v.avg_cents, p.list_cents, 0) "
                                     "FROM (SELECT * FROM events WHERE event = 'part_used'{}) e "
                                     "LEFT JOIN part_valuation v ON v.part = e.part "
                                     "LEFT JOIN parts p ON p.part = e.part "
                                     "WHERE NOT EXISTS (SELECT 1 FROM part_movements m WHERE m.event_id = e.id)",
                                     in));
    bind_all(ev);
    while (ev.executeStep()) out[ev.getColumn(0).getString()] += ev.getColumn(1).getInt64();
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading parts cost");
  }
  return out;
}

std::int64_t parts_cost_cents(Store& s, const std::string& ticket_filter, const std::vector<std::string>& params) {
  std::int64_t sum = 0;
  for (const auto& [t, c] : parts_cost_by_ticket(s, ticket_filter, params)) sum += c;
  return sum;
}

}  // namespace svc
