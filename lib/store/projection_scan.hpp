// Parallel reads of the tickets projection (one row per ticket, with its
// digest): what makes the SLA audit and the reports cost about one pass over
// 100k+ short rows, spread over the cores (docs/sla.md, "Speed").
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace svc {

// Threads for the analyses: $SVC_THREADS (1-64), else the cores, at most 4.
int analysis_threads();

// Runs `select`, a SELECT on the tickets table whose WHERE clause includes
// "rowid BETWEEN :lo AND :hi", on up to `parts` read-only connections at once,
// each over one contiguous rowid range, all reading the same snapshot of the
// store (when a writer commits while they start, they start again). Tables
// whose rowids span fewer than min_span are read in one part. bind(st) binds the caller's parameters;
// read(part, st) steps st to its end on that part's thread. Parts are numbered
// in rowid order. The first exception of any part is rethrown.
// chunks > parts: the rowid span is cut into that many ranges instead, numbered
// in rowid order and taken in turn by the `parts` threads (read(range, st) on
// the taking thread's connection, st reset and rebound for each): the threads
// stay busy when the rows a reader works on gather in part of the span.
void scan_tickets(Store& store, const std::string& select, int parts, const std::function<void(sqlite3_stmt*)>& bind,
                  const std::function<void(int part, sqlite3_stmt* st)>& read, std::int64_t min_span = 20000,
                  int chunks = 0);

struct StmtCloser {
  void operator()(sqlite3_stmt* s) const;
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtCloser>;
// Prepares `sql` on `db`; SQLite errors are rethrown as svc errors.
StmtPtr prepare(sqlite3* db, const std::string& sql);

// Read-only connections to the store that all read one snapshot of it (each
// opens its read transaction, and no writer committed in between; after 20
// tries against busy writers, one connection), for readers on several threads:
// one thread uses one connection at a time. `mmap_bytes`: PRAGMA mmap_size —
// mapped reads are the fastest for a scan, but every page read stays in the
// process's resident memory, so readers that must stay small whatever the
// store's size pass 0 and a page cache of `cache_kib` KiB (0: SQLite's default).
class ReadSnapshot {
 public:
  ReadSnapshot(Store& store, int connections, std::int64_t mmap_bytes = std::int64_t(1) << 30, int cache_kib = 0);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  int size() const { return int(dbs_.size()); }
  sqlite3* db(int k) const;
  StmtPtr prepare(int k, const std::string& sql) const;

  struct DbCloser {
    void operator()(sqlite3* d) const;
  };

 private:
  std::vector<std::unique_ptr<sqlite3, DbCloser>> dbs_;
};

// Every `every`-th ticket id of the tickets table in id (byte) order, read on
// connection 0 of `snap` (the covering primary-key index, no table row): the
// bounds of ranges of about `every` tickets each.
std::vector<std::string> ticket_id_bounds(const ReadSnapshot& snap, std::size_t every);

// Column `col` of the current row as text / as blob bytes, viewed in place
// (valid until the next step); "" for NULL.
std::string_view column_text(sqlite3_stmt* st, int col);
std::string_view column_blob(sqlite3_stmt* st, int col);

}  // namespace svc
