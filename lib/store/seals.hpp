// Tamper evidence for the records that decide money or compliance (docs/admin.md
// "Tamper evidence"): maintenance visits and readings, training sessions,
// attendances and results, site updates, parts movements, cost entries,
// outlet assessments, and the corrections of them. Each such table has its own
// chain of seals (schemas/018_corrections_seals.sql, table `seals`): when the
// one write path of a record inserts a row it calls seal_row(), which appends
//   digest = SHA-256 of the row's canonical content (the columns listed in
//            sealed_tables(), each as type, length and bytes),
//   chain  = SHA-256(previous chain hex ‖ digest hex), the first previous
//            value being 64 '0's,
// with the row's key ("col=value, …"). verify_seals() recomputes every
// digest and chain: a row edited, deleted or inserted outside svc (or a seal
// altered) is named by table and key.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store.hpp"

namespace svc {

struct SealedTable {
  int since;  // the schema version that sealed it (its rows stored before were sealed as of that upgrade)
  const char* name;
  std::vector<const char*> key;      // the columns that name a row
  std::vector<const char*> columns;  // every column sealed, in this order (the key included)
};
// Every sealed table, in the order verify checks them.
const std::vector<SealedTable>& sealed_tables();

// Appends the seal of the row `rowid` of `table` (a sealed table), inside the
// caller's transaction. InternalError for a table that is not sealed.
void seal_row(SQLite::Database& db, std::string_view table, std::int64_t rowid);

// Appends the seal of the row of `table` whose key (a one-column key) is
// `key`: for the write paths that replace or update a row by its key.
void seal_key(SQLite::Database& db, std::string_view table, const std::string& key);

// Seals every row that has no seal yet of the tables sealed by schema
// `version` (SealedTable::since), in rowid order: the post-migration step of
// that schema for the records stored before it ("sealed as of the upgrade":
// what they held then is what later checks compare with). The tables sealed
// by an earlier schema are left alone: a row inserted into them behind svc's
// back stays a finding. Returns the number of rows sealed. Runs inside the
// caller's transaction.
std::int64_t seal_unsealed_rows(Store& s, int version);

// One problem found by verify_seals.
struct SealFinding {
  std::string table, key;
  std::string problem;  // "edited" | "deleted" | "inserted" | "seal altered" | "table dropped"
  std::string reason;   // in words
};
struct SealCount {
  std::string table;
  std::int64_t rows = 0;  // rows whose seal matched
  std::string head;       // chain value of the table's last seal (64 '0's when none)
};
struct SealReport {
  std::vector<SealCount> tables;
  std::vector<SealFinding> findings;  // every problem, table by table
};
SealReport verify_seals(Store& s);

// The names of the tables stored (sqlite_master): verify names a dropped one.
std::set<std::string> stored_tables(SQLite::Database& db);

}  // namespace svc
