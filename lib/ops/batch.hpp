// What svc import and svc batch make of several input files (docs/import.md,
// docs/admin.md "Exit codes"): each file is its own transaction, so each file
// is either stored or failed, and the exit code says which of the three
// outcomes happened — every file stored (0), some stored and some failed (3,
// PartlyStored), none stored (65, or 66 when no file could be read) — so that
// 65 and 66 keep meaning "nothing changed". Also the batch's ticket count as
// of a time.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "importer.hpp"
#include "maint.hpp"
#include "store.hpp"
#include "timeutil.hpp"

namespace svc {

// Imports one file; a failure of the file as a whole (cannot read it: 66; a
// bad header or mapping: 65) becomes a failed result carrying that error
// instead of ending the run, so that the files after it are still imported.
// Other errors (usage, store busy or unusable, internal) are thrown.
ImportResult import_or_fail(Importer& imp, const std::string& path);

// "stored" (its records are in the store: new, already there, or rejected
// with --skip-bad) or "failed" (nothing of it was stored).
const char* file_status(const ImportResult& r);

// Throws the outcome of a run when a file failed: PartlyStored (3) when
// another file was stored; else, nothing stored, NotFound (66) when every
// file was unreadable, else DataError (65). A single failed file keeps its
// own error (message and problems). Returns when every file was stored.
void throw_import_outcome(const std::vector<ImportResult>& results);

// Tickets by state (the projection's states: open, paused, completed, closed,
// cancelled, in that order; states without tickets left out) as they were at
// `as_of`: tickets created by then, from their events up to then, with voids
// made after then not yet in force.
std::vector<std::pair<std::string, std::int64_t>> tickets_by_state(Store& s, Instant as_of);

// Maintenance tickets are written as of --as-of (svc maint generate, svc batch
// --maint-generate-until): DataError (65, nothing written) when it is in the future.
void refuse_future_generate(Instant as_of, const TimeZone& tz);

// The warnings of a maintenance generate run (svc maint generate, svc batch
// --maint-generate-until), without the "svc: " prefix: superseded tickets
// cancelled, inactive outlets skipped with their assets.
std::vector<std::string> generate_warnings(const GenerateResult& r, bool dry_run);

}  // namespace svc
