// The import engine (docs/format.md): validates records, stores
// new events exactly once with their tamper-evidence chain, and updates the
// tickets projection — one transaction per file, all or nothing unless
// skip_bad. Used by `svc import`, `svc batch`, and by every command that
// appends events one by one (append_events).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "event.hpp"
#include "log_source.hpp"
#include "policy.hpp"
#include "store.hpp"

namespace svc {

struct MapRules;  // mapping.hpp

struct ImportProgress {
  std::uint64_t records = 0;
  std::uint64_t bytes_done = 0, bytes_total = 0;  // bytes_total 0 = unknown (a pipe)
  double seconds = 0;
};

struct ImportOptions {
  std::string format;            // input format "csv" | "jsonl"; "" = from the file's extension
  bool skip_bad = false;         // store the good records, skip (and reject) the bad ones
  std::string reject_path;       // with skip_bad: bad records go there, as they came in plus `reason`
  std::size_t max_errors = 100;  // problems kept for reporting, over the whole run
  std::shared_ptr<const MapRules> map;  // read other systems' exports through these rules
  std::function<void(const ImportProgress&)> progress;  // called now and then while reading
  // svc ticket void: the caller reverses the parts ledger's consumption of a
  // voided part_used in the same transaction. Otherwise a void of a consumed
  // part_used is bad (a log cannot say who reversed the ledger, and why).
  bool caller_reverses_ledger = false;
};

struct ImportResult {
  std::string source;  // file name as given, "-" for standard input
  std::uint64_t read = 0, added = 0, duplicate = 0, rejected = 0;
  std::vector<std::pair<std::string, std::uint64_t>> skipped;  // --map [[skip]] rules: reason → rows
  // Nothing of this file was stored: all or nothing and bad records were found,
  // or (error_code set) the file as a whole could not be read or used.
  bool failed = false;
  int error_code = 0;  // a file-level failure (import_or_fail): 65 bad header/mapping, 66 cannot read
  std::string error;   // its message ("cannot read 'x.csv': …"); "" for bad records
  std::uint64_t problem_count = 0;    // every problem found
  std::vector<std::string> problems;  // "FILE:LINE: message", in line order, within max_errors
};

class Importer {
 public:
  Importer(Store& store, const Policy& policy, ImportOptions opts = {});
  ~Importer();
  Importer(const Importer&) = delete;
  Importer& operator=(const Importer&) = delete;

  // Imports one file ("-" = standard input) in one transaction. Bad records
  // do not throw: they are in the result (failed, or rejected with skip_bad).
  // Throws NoInputError (missing file), DataError (bad header or mapping),
  // UsageError (unknown format), StoreBusy/StoreUnavailable.
  ImportResult import_file(const std::string& path);
  // Imports ready-made events (e.g. from `svc ticket`), validated like a file
  // whose line N is events[N-1].
  ImportResult import_events(const std::vector<Event>& events, const std::string& source);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Validates `events` against the store and appends the new ones, updating the
// projection, in one transaction. Throws DataError listing every problem
// ("SOURCE:N: message" for events[N-1]) and stores nothing when one is bad.
ImportResult append_events(Store& store, const Policy& policy, std::vector<Event> events, const std::string& source,
                           ImportOptions opts = {});


}  // namespace svc
