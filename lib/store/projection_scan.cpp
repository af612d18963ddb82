#include "projection_scan.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

namespace svc {

int analysis_threads() {
  if (const char* e = std::getenv("SVC_THREADS"); e && *e) return std::clamp(std::atoi(e), 1, 64);
  return int(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

void ReadSnapshot::DbCloser::operator()(sqlite3* d) const { sqlite3_close_v2(d); }
void StmtCloser::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

namespace {

using Db = std::unique_ptr<sqlite3, ReadSnapshot::DbCloser>;
using Stmt = StmtPtr;

// A read-only connection without SQLite's per-call mutex (one thread uses
// it); ReadSnapshot sets its memory map and page cache.
Db open_reader(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) rethrow_sqlite(SQLite::Exception(raw, rc), "reading tickets");
  sqlite3_busy_timeout(raw, 10000);
  return db;
}

}  // namespace

StmtPtr prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &raw, nullptr);
  Stmt st(raw);
  if (rc != SQLITE_OK) rethrow_sqlite(SQLite::Exception(db, rc), "reading tickets");
  return st;
}

namespace {

std::string fmt_pragma(const char* name, std::int64_t v) { return "PRAGMA " + std::string(name) + " = " + std::to_string(v); }

std::int64_t int_of(sqlite3* db, const char* sql) {
  Stmt st = prepare(db, sql);
  int rc = sqlite3_step(st.get());
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) rethrow_sqlite(SQLite::Exception(db, rc), "reading tickets");
  return rc == SQLITE_ROW ? sqlite3_column_int64(st.get(), 0) : 0;
}

}  // namespace

std::string_view column_text(sqlite3_stmt* st, int col) {
  const unsigned char* p = sqlite3_column_text(st, col);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p), std::size_t(sqlite3_column_bytes(st, col)));
}

std::string_view column_blob(sqlite3_stmt* st, int col) {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(st, col));
  if (!p) return {};
  return std::string_view(p, std::size_t(sqlite3_column_bytes(st, col)));
}

ReadSnapshot::ReadSnapshot(Store& store, int connections, std::int64_t mmap_bytes, int cache_kib) {
  connections = std::clamp(connections, 1, 64);
  for (int attempt = 0;; ++attempt) {
    // Each connection opens its read transaction; the store's data_version,
    // read before and after, shows whether a writer committed in between (then
    // their snapshots could differ, and a ticket row moved by INSERT OR REPLACE
    // could be read twice or not at all).
    dbs_.clear();
    const std::int64_t before = store.db().execAndGet("PRAGMA data_version").getInt64();
    for (int k = 0; k < connections; ++k) {
      Db db = open_reader(store.path());
      sqlite3_exec(db.get(), fmt_pragma("mmap_size", mmap_bytes).c_str(), nullptr, nullptr, nullptr);
      if (cache_kib > 0) sqlite3_exec(db.get(), fmt_pragma("cache_size", -std::int64_t(cache_kib)).c_str(), nullptr, nullptr, nullptr);
      sqlite3_exec(db.get(), "BEGIN", nullptr, nullptr, nullptr);
      int_of(db.get(), "SELECT count(*) FROM sqlite_schema");  // starts the read transaction
      dbs_.push_back(std::move(db));
    }
    if (connections == 1 || store.db().execAndGet("PRAGMA data_version").getInt64() == before) return;
    if (attempt >= 20) connections = 1;  // writers keep committing: one connection is one snapshot
  }
}

ReadSnapshot::~ReadSnapshot() = default;

sqlite3* ReadSnapshot::db(int k) const { return dbs_[std::size_t(k)].get(); }

StmtPtr ReadSnapshot::prepare(int k, const std::string& sql) const { return svc::prepare(db(k), sql); }

std::vector<std::string> ticket_id_bounds(const ReadSnapshot& snap, std::size_t every) {
  std::vector<std::string> out;
  auto st = snap.prepare(0, "SELECT ticket FROM tickets ORDER BY ticket");
  std::size_t n = 0;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW)
    if (++n % every == 0) out.emplace_back(column_text(st.get(), 0));
  if (rc != SQLITE_DONE) rethrow_sqlite(SQLite::Exception(snap.db(0), rc), "reading tickets");
  return out;
}

void scan_tickets(Store& store, const std::string& select, int parts, const std::function<void(sqlite3_stmt*)>& bind,
                  const std::function<void(int part, sqlite3_stmt* st)>& read, std::int64_t min_span, int chunks) {
  // one connection first: small tables are read in one part
  std::int64_t lo = 0, hi = -1;
  {
    Db first = open_reader(store.path());
    lo = int_of(first.get(), "SELECT coalesce(min(rowid), 0) FROM tickets");
    hi = int_of(first.get(), "SELECT coalesce(max(rowid), -1) FROM tickets");
  }
  // rowids span the whole int64 range (a row may be given any rowid): the
  // range arithmetic is done in 128 bits, where hi - lo + 1 and its multiples
  // by a range number cannot overflow
  __extension__ typedef __int128 Wide;
  if (Wide(hi) - Wide(lo) < Wide(min_span)) parts = 1;
  ReadSnapshot snap(store, std::max(parts, 1));
  parts = snap.size();
  if (parts > 1) {  // the bounds again, in the snapshot (a commit may have come in between)
    lo = int_of(snap.db(0), "SELECT coalesce(min(rowid), 0) FROM tickets");
    hi = int_of(snap.db(0), "SELECT coalesce(max(rowid), -1) FROM tickets");
  }
  // the parts' ranges (chunks of them when asked: as many ranges, in rowid
  // order, taken in turn by the threads, each on its connection)
  const int ranges = parts == 1 ? 1 : std::max(parts, chunks);
  const Wide span = Wide(hi) - Wide(lo) + 1;  // 0 for an empty table (hi = -1, lo = 0)
  // the first rowid of range r: lo + span·r/ranges, in [lo, hi + 1]
  auto bound = [&](int r) { return Wide(lo) + span * r / ranges; };
  std::vector<StmtPtr> sts;
  for (int k = 0; k < parts; ++k) {
    sts.push_back(snap.prepare(k, select));
    bind(sts.back().get());
  }
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(ranges));
  std::atomic<int> next{0};
  auto run = [&](int k) {
    sqlite3_stmt* st = sts[std::size_t(k)].get();
    for (int r; (r = next.fetch_add(1)) < ranges;) {
      try {
        sqlite3_reset(st);
        // [bound(r), bound(r + 1) - 1]: disjoint ranges that cover [lo, hi];
        // an empty range (bound(r) = bound(r + 1)) binds lo > hi
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":lo"),
                           ranges == 1 ? INT64_MIN : std::int64_t(std::min(bound(r), Wide(INT64_MAX))));
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":hi"),
                           ranges == 1 ? INT64_MAX : std::int64_t(bound(r + 1) - 1));
        read(r, st);
      } catch (...) {
        errors[std::size_t(r)] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int k = 1; k < parts; ++k) pool.emplace_back(run, k);
  run(0);
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace svc
