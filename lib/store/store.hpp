// The SQLite store: opening (WAL, busy timeout, foreign keys), migrations,
// transactions, and reading/writing event rows.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "error.hpp"
#include "event.hpp"

namespace svc {

struct StoreOptions {
  std::string path = "svc.db";
  int busy_timeout_ms = 10000;
  bool create = false;  // create the file (mode 0600) when it does not exist
  // Read and never change the file (svc audit verify, the check of a backup):
  // opened read-only, its journal mode and schema left as they are (an older
  // schema is refused, not migrated), any write refused (query_only), so that
  // a copy on read-only media verifies and keeps its bytes.
  bool read_only = false;
};

// --db, else $SVC_DB, else ./svc.db
std::string resolve_db_path(const std::string& cli_value);

class Store {
 public:
  // Opens (and, when allowed, creates) the store and migrates an older schema.
  // Throws StoreUnavailable (missing file, newer schema, not a database) or
  // StoreBusy (locked past the busy timeout).
  explicit Store(const StoreOptions& opts);

  SQLite::Database& db() { return *db_; }
  const std::string& path() const { return path_; }
  int schema_version();
  static int latest_schema_version();
  bool created() const { return created_; }

  // Runs fn inside one BEGIN IMMEDIATE transaction: committed when fn returns,
  // rolled back when it throws. SQLite errors are translated (busy → StoreBusy).
  // Called inside another write(), it runs in a savepoint of that transaction.
  void write(const std::function<void()>& fn);

  // Reads every event of one ticket in log order (ts, then seq).
  std::vector<Event> ticket_events(const std::string& ticket);
  // Streams the events of all tickets grouped by ticket, each group in log order.
  // `ticket_filter` is an optional SQL condition on the tickets table alias t
  // (e.g. "t.outlet = ?1") with its bound text parameters.
  void for_each_ticket(const std::function<void(std::vector<Event>&)>& fn,
                       const std::string& ticket_filter = "", const std::vector<std::string>& params = {});
  // The chain value of the last stored event ("000…0" for an empty log).
  std::string last_chain();
  // The identity seal of the last stored event ("000…0" for an empty log, or
  // when the last event has none).
  std::string last_seal();

 private:
  void migrate();
  void open_read_only(const StoreOptions& opts);
  std::unique_ptr<SQLite::Database> db_;
  std::string path_;
  bool created_ = false;
};

// Rethrows a SQLite exception as the svc error it means (busy → StoreBusy 75,
// corrupt/not a database/read-only → StoreUnavailable 69, else InternalError).
[[noreturn]] void rethrow_sqlite(const SQLite::Exception& e, const std::string& what);

// A stored event whose kind svc does not know (written behind svc's back):
// the store cannot be read as a log (69), and `svc audit verify` names it.
struct UnknownEventKind : StoreUnavailable {
  std::int64_t seq;
  std::string kind;
  UnknownEventKind(std::int64_t s, std::string k);
};

// The column list used by event_from_row, in order.
extern const char* const kEventSelectColumns;
Event event_from_row(SQLite::Statement& st);

std::string hex_of_blob(const void* data, int size);

// An event's identity seal (schema 022, events.seal): the chain value covers
// an event's content and position but not its id nor the import that wrote
// it, which voids, corrections and part movements refer to. The seal chains
// them: SHA-256(previous event's seal hex ‖ this event's chain hex ‖ "i",
// length of the id, ":", the id ‖ "i", length, ":", import_id in decimal, or
// "n" when it has none), the first previous seal being 64 '0's. Returned as hex.
std::string event_seal(std::string_view prev_seal, std::string_view chain_hex, std::string_view id,
                       std::optional<std::int64_t> import_id);
std::string blob_of_hex(const std::string& hex);

}  // namespace svc
