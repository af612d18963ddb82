#include "seals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "error.hpp"
#include "event.hpp"

namespace svc {

const std::vector<SealedTable>& sealed_tables() {
  // A column added to one of these tables later must be added here too, and the
  // table's rows sealed again by that migration's post-step.
  static const std::vector<SealedTable> all = {
      {18, "maint_visits", {"ticket"}, {"ticket", "at", "crew", "crew_size", "missing", "repair", "recorded_at"}},
      {18, "maint_results", {"ticket", "key"}, {"ticket", "key", "value", "finding"}},
      {18, "maint_revisits", {"ticket", "seq"},
       {"ticket", "seq", "at", "crew", "crew_size", "missing", "repair", "recorded_at"}},
      {18, "maint_revisit_results", {"ticket", "seq", "key"}, {"ticket", "seq", "key", "value", "finding"}},
      {18, "training_sessions", {"id"}, {"id", "plan", "day", "trainer", "added_at"}},
      {18, "training_attendees", {"session", "engineer"}, {"session", "engineer"}},
      {18, "training_results", {"id"}, {"id", "session", "engineer", "method", "score", "recorded_at"}},
      {18, "training_result_voids", {"result"}, {"result", "user", "reason", "at"}},
      {18, "site_updates", {"id"},
       {"id", "site", "customer", "day", "model", "qty", "version", "operator", "region", "recorded_at"}},
      {18, "site_update_voids", {"update_id"}, {"update_id", "user", "reason", "at"}},
      {18, "part_movements", {"id"},
       {"id", "ts", "kind", "warehouse", "part", "book", "qty", "unit_cents", "value_cents", "avg_cents", "reference",
        "user", "ticket", "event_id", "pair_id", "claim_id", "approved_by", "reason", "reverses"}},
      {18, "cost_entries", {"id"}, {"id", "ticket", "kind", "amount_cents", "day", "note", "at"}},
      {18, "assessments", {"id"}, {"id", "period", "revision", "at", "as_of", "reason", "outlets", "net_cents"}},
      {18, "assessment_outlets", {"assessment", "outlet"},
       {"assessment", "outlet", "region", "tickets", "credit", "technical", "service", "quality", "score", "grade",
        "meets_standard", "findings", "reward_cents", "penalty_cents", "net_cents", "actions", "corrections"}},
      // schema 022: who made each void, the claims, the generated maintenance
      // work, the imports (what wrote each event), and the master data that
      // money and compliance follow. Master data is updated by svc commands:
      // each update appends a new seal of the row, the last seal of a key is
      // the one the row must match.
      {22, "corrections", {"event_id"}, {"event_id", "user", "recorded_at"}},
      {22, "part_claims", {"id"},
       {"id", "opened_at", "warehouse", "part", "qty", "ticket", "supplier", "status", "claimed_cents",
        "accepted_cents", "submitted_at", "decided_at", "reference", "user", "reason"}},
      {22, "maint_work", {"ticket"}, {"ticket", "plan", "asset", "due", "generated_at"}},
      {22, "imports", {"id"}, {"id", "at", "source", "read", "added", "duplicate", "rejected"}},
      {22, "parts", {"part"}, {"part", "name", "spec", "unit", "supplier", "list_cents", "min_stock", "claimable"}},
      {22, "products", {"model"},
       {"model", "line", "name", "warranty_months", "skills", "key_parts", "key_part_months", "return_days",
        "exchange_days", "repairs_before_exchange", "repair_months"}},
      {22, "units", {"serial"},
       {"serial", "model", "customer", "address", "region", "purchased", "installed", "install_ticket"}},
      {22, "outlets", {"id"}, {"id", "name", "region", "city", "address", "phone", "active"}},
      {22, "engineers", {"id"}, {"id", "name", "outlet", "region", "skills", "level", "leader", "active"}},
  };
  return all;
}

namespace {

const SealedTable& table_of(std::string_view name) {
  for (const auto& t : sealed_tables())
    if (name == t.name) return t;
  throw InternalError(fmt::format("'{}' is not a sealed table", name));
}

std::string select_sql(const SealedTable& t) {
  std::string cols;
  for (const char* c : t.columns) cols += fmt::format("{}\"{}\"", cols.empty() ? "" : ", ", c);
  return fmt::format("SELECT {} FROM \"{}\"", cols, t.name);
}

// The canonical content of the current row of `st` (the columns of t, in order):
// per column a type letter, then for a value its byte length, ':' and its bytes.
std::string canonical_row(SQLite::Statement& st, const SealedTable& t) {
  std::string out;
  for (int i = 0; i < int(t.columns.size()); ++i) {
    auto c = st.getColumn(i);
    if (c.isNull()) {
      out += 'n';
      continue;
    }
    std::string v;
    char tag = 't';
    if (c.isInteger()) tag = 'i', v = std::to_string(c.getInt64());
    else if (c.isFloat()) tag = 'r', v = fmt::format("{}", c.getDouble());
    else if (c.isBlob()) tag = 'b', v.assign(static_cast<const char*>(c.getBlob()), size_t(c.getBytes()));
    else v = c.getString();
    out += fmt::format("{}{}:", tag, v.size());
    out += v;
  }
  return out;
}

std::string row_key(SQLite::Statement& st, const SealedTable& t) {
  std::string k;
  for (const char* kc : t.key) {
    auto it = std::find_if(t.columns.begin(), t.columns.end(), [&](const char* c) { return std::string_view(c) == kc; });
    auto c = st.getColumn(int(it - t.columns.begin()));
    k += fmt::format("{}{}={}", k.empty() ? "" : ", ", kc, c.isNull() ? std::string("NULL") : c.getString());
  }
  return k;
}

struct Head {
  std::int64_t seq = 0;
  std::string chain = std::string(64, '0');
};

Head head_of(SQLite::Database& db, const char* table) {
  Head h;
  SQLite::Statement q(db, "SELECT seq, chain FROM seals WHERE tbl = ? ORDER BY seq DESC LIMIT 1");
  q.bind(1, table);
  if (q.executeStep()) {
    h.seq = q.getColumn(0).getInt64();
    auto c = q.getColumn(1);
    h.chain = hex_of_blob(c.getBlob(), c.getBytes());
  }
  return h;
}

void append_seal(SQLite::Database& db, const SealedTable& t, Head& h, const std::string& key,
                 const std::string& digest) {
  std::string chain = chain_hash(h.chain, digest);
  SQLite::Statement ins(db, "INSERT INTO seals(tbl, seq, row_key, digest, chain) VALUES(?, ?, ?, ?, ?)");
  ins.bind(1, t.name);
  ins.bind(2, h.seq + 1);
  ins.bind(3, key);
  std::string d = blob_of_hex(digest), c = blob_of_hex(chain);
  ins.bind(4, d.data(), int(d.size()));
  ins.bind(5, c.data(), int(c.size()));
  ins.exec();
  ++h.seq;
  h.chain = std::move(chain);
}

}  // namespace

void seal_row(SQLite::Database& db, std::string_view table, std::int64_t rowid) {
  const SealedTable& t = table_of(table);
  SQLite::Statement q(db, select_sql(t) + " WHERE rowid = ?");
  q.bind(1, rowid);
  if (!q.executeStep()) throw InternalError(fmt::format("sealing {}: no row {}", t.name, rowid));
  Head h = head_of(db, t.name);
  append_seal(db, t, h, row_key(q, t), sha256_hex(canonical_row(q, t)));
}

void seal_key(SQLite::Database& db, std::string_view table, const std::string& key) {
  const SealedTable& t = table_of(table);
  if (t.key.size() != 1) throw InternalError(fmt::format("sealing {}: its key has {} columns", t.name, t.key.size()));
  SQLite::Statement q(db, fmt::format("SELECT rowid FROM \"{}\" WHERE \"{}\" = ?", t.name, t.key[0]));
  q.bind(1, key);
  if (!q.executeStep()) throw InternalError(fmt::format("sealing {}: no row {} = {}", t.name, t.key[0], key));
  seal_row(db, table, q.getColumn(0).getInt64());
}

std::int64_t seal_unsealed_rows(Store& s, int version) {
  std::int64_t n = 0;
  for (const auto& t : sealed_tables()) {
    if (t.since != version) continue;
    std::set<std::string> sealed;
    SQLite::Statement k(s.db(), "SELECT row_key FROM seals WHERE tbl = ?");
    k.bind(1, t.name);
    while (k.executeStep()) sealed.insert(k.getColumn(0).getString());
    Head h = head_of(s.db(), t.name);
    SQLite::Statement q(s.db(), select_sql(t) + " ORDER BY rowid");
    while (q.executeStep()) {
      std::string key = row_key(q, t);
      if (sealed.count(key)) continue;
      append_seal(s.db(), t, h, key, sha256_hex(canonical_row(q, t)));
      ++n;
    }
  }
  return n;
}

std::set<std::string> stored_tables(SQLite::Database& db) {
  std::set<std::string> out;
  SQLite::Statement q(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
  while (q.executeStep()) out.insert(q.getColumn(0).getString());
  return out;
}

SealReport verify_seals(Store& s) {
  SealReport rep;
  try {
    // A dropped table is tampering too (svc never drops one): named, not an error.
    const std::set<std::string> have = stored_tables(s.db());
    if (!have.count("seals")) {
      rep.findings.push_back({"seals", "", "table dropped",
                              "the table of seals is missing: no sealed record can be checked (svc never drops it)"});
      return rep;
    }
    for (const auto& t : sealed_tables()) {
      if (!have.count(t.name)) {
        SQLite::Statement n(s.db(), "SELECT count(*) FROM seals WHERE tbl = ?");
        n.bind(1, t.name);
        n.executeStep();
        rep.findings.push_back({t.name, "", "table dropped",
                                fmt::format("the table is missing; {} seal{} name{} rows of it (svc never drops it)",
                                            n.getColumn(0).getInt64(), n.getColumn(0).getInt64() == 1 ? "" : "s",
                                            n.getColumn(0).getInt64() == 1 ? "s" : "")});
        continue;
      }
      std::map<std::string, std::string> rows;  // key -> digest of the row as stored now
      SQLite::Statement q(s.db(), select_sql(t));
      while (q.executeStep()) rows[row_key(q, t)] = sha256_hex(canonical_row(q, t));
      std::map<std::string, std::pair<std::int64_t, std::string>> sealed;  // key -> (seq, digest) of its last seal
      SealCount count;
      count.table = t.name;
      count.head = std::string(64, '0');
      SQLite::Statement st(s.db(), "SELECT seq, row_key, digest, chain FROM seals WHERE tbl = ? ORDER BY seq");
      st.bind(1, t.name);
      std::int64_t expect_seq = 1;
      while (st.executeStep()) {
        std::int64_t seq = st.getColumn(0).getInt64();
        std::string key = st.getColumn(1).getString();
        auto dc = st.getColumn(2), cc = st.getColumn(3);
        std::string digest = hex_of_blob(dc.getBlob(), dc.getBytes());
        std::string chain = hex_of_blob(cc.getBlob(), cc.getBytes());
        if (seq != expect_seq)
          rep.findings.push_back({t.name, key, "seal altered",
                                  fmt::format("seals {} to {} of the table are missing", expect_seq, seq - 1)});
        else if (chain != chain_hash(count.head, digest))
          rep.findings.push_back({t.name, key, "seal altered",
                                  fmt::format("seal {} does not match its row's seal value and the seals before it",
                                              seq)});
        count.head = chain;
        expect_seq = seq + 1;
        sealed[key] = {seq, digest};
      }
      for (const auto& [key, sd] : sealed) {
        auto it = rows.find(key);
        if (it == rows.end())
          rep.findings.push_back({t.name, key, "deleted", "the row was sealed but is no longer stored"});
        else if (it->second != sd.second)
          rep.findings.push_back({t.name, key, "edited", "the row's content no longer matches its seal"});
        else
          ++count.rows;
      }
      for (const auto& [key, digest] : rows)
        if (!sealed.count(key))
          rep.findings.push_back({t.name, key, "inserted", "the row has no seal: it was not written by svc"});
      rep.tables.push_back(std::move(count));
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "verifying the seals");
  }
  return rep;
}

}  // namespace svc
