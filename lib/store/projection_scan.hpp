// Parallel reads of the tickets projection (one row per ticket, with its
// digest): what makes the SLA audit and the reports cost about one pass over
// 100k+ short rows, spread over the cores (docs/sla.md, "Speed").
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "store.hpp"

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
void scan_tickets(Store& store, const std::string& select, int parts, const std::function<void(sqlite3_stmt*)>& bind,
                  const std::function<void(int part, sqlite3_stmt* st)>& read, std::int64_t min_span = 20000);

// Column `col` of the current row as text / as blob bytes, viewed in place
// (valid until the next step); "" for NULL.
std::string_view column_text(sqlite3_stmt* st, int col);
std::string_view column_blob(sqlite3_stmt* st, int col);

}  // namespace svc
