#include "store.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "error.hpp"
#include "migrations.hpp"
#include "projection.hpp"
#include "seals.hpp"

namespace svc {

std::string resolve_db_path(const std::string& cli_value) {
  if (!cli_value.empty()) return cli_value;
  if (const char* env = std::getenv("SVC_DB"); env && *env) return env;
  return "svc.db";
}

void rethrow_sqlite(const SQLite::Exception& e, const std::string& what) {
  int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    throw StoreBusy(fmt::format("{}: the store is busy (another svc holds the lock past the busy timeout); "
                                "try again later or raise --busy-timeout",
                                what));
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_CANTOPEN || code == SQLITE_READONLY ||
      code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_PERM)
    throw StoreUnavailable(fmt::format("{}: {}", what, e.what()));
  throw InternalError(fmt::format("{}: SQLite: {}", what, e.what()));
}

Store::Store(const StoreOptions& opts) : path_(opts.path) {
  struct stat sb;
  bool exists = ::stat(path_.c_str(), &sb) == 0;
  if (!exists) {
    if (!opts.create || opts.read_only)
      throw StoreUnavailable(fmt::format("no store at '{}' (create one with 'svc init --db {}', or set --db/SVC_DB)",
                                         path_, path_));
    int fd = ::open(path_.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST)
      throw StoreUnavailable(fmt::format("cannot create store '{}': {}", path_, std::strerror(errno)));
    if (fd >= 0) ::close(fd), created_ = true;
  } else if (S_ISDIR(sb.st_mode)) {
    throw StoreUnavailable(fmt::format("store path '{}' is a directory", path_));
  }
  // Opening a new or older store changes it (journal mode, migrations). Two
  // svc started together on the same new file both get here; some of these
  // steps (switching to WAL, reading a WAL that another connection is just
  // creating) answer SQLITE_BUSY at once without consulting the busy handler,
  // so the whole opening is retried until the busy timeout is spent.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(opts.busy_timeout_ms);
  for (int attempt = 0;; ++attempt) {
    try {
      if (opts.read_only) {
        open_read_only(opts);
        return;
      }
      // NOMUTEX: a Store is used by one thread at a time (analysis workers open connections of their own)
      db_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, opts.busy_timeout_ms);
      db_->exec("PRAGMA foreign_keys = ON");
      // WAL: readers never block the writer; synchronous=NORMAL is durable at
      // every checkpoint and never corrupts on a crash. The mode is persistent,
      // so it is only switched (an exclusive step) when the file is not in WAL yet.
      if (db_->execAndGet("PRAGMA journal_mode").getString() != "wal") db_->exec("PRAGMA journal_mode = WAL");
      db_->exec("PRAGMA synchronous = NORMAL");
      migrate();
      return;
    } catch (const SQLite::Exception& e) {
      int code = e.getErrorCode() & 0xff;
      bool busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;
      db_.reset();
      if (!busy || std::chrono::steady_clock::now() >= deadline) rethrow_sqlite(e, fmt::format("store '{}'", path_));
      std::this_thread::sleep_for(std::chrono::milliseconds(5 + 5 * std::min(attempt, 19)));
    }
  }
}

void Store::open_read_only(const StoreOptions& opts) {
  db_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READONLY | SQLITE_OPEN_NOMUTEX, opts.busy_timeout_ms);
  db_->exec("PRAGMA query_only = ON");
  int have = schema_version(), latest = latest_schema_version();
  if (have != latest)
    throw StoreUnavailable(fmt::format("store '{}' has schema version {}, this svc reads {}; it is opened read-only and "
                                       "not upgraded: {}",
                                       path_, have, latest,
                                       have > latest ? "upgrade svc"
                                                     : "open it once with a command that writes (e.g. svc admin "
                                                       "rebuild), or verify a copy"));
}

namespace {

// Schema 022's post-step: every stored event gets its identity seal, in seq order.
void seal_events_as_of_upgrade(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT seq, id, chain, import_id FROM events ORDER BY seq");
  SQLite::Statement up(db, "UPDATE events SET seal = ? WHERE seq = ?");
  std::string prev(64, '0');
  while (q.executeStep()) {
    auto c = q.getColumn(2), imp = q.getColumn(3);
    std::optional<std::int64_t> import_id;
    if (!imp.isNull()) import_id = imp.getInt64();
    prev = event_seal(prev, hex_of_blob(c.getBlob(), c.getBytes()), q.getColumn(1).getString(), import_id);
    std::string blob = blob_of_hex(prev);
    up.bind(1, blob.data(), int(blob.size()));
    up.bind(2, q.getColumn(0).getInt64());
    up.exec();
    up.reset();
  }
}

}  // namespace

int Store::latest_schema_version() { return migrations().empty() ? 0 : migrations().back().version; }

int Store::schema_version() { return db_->execAndGet("PRAGMA user_version").getInt(); }

void Store::migrate() {
  int have = schema_version();
  int latest = latest_schema_version();
  if (have > latest)
    throw StoreUnavailable(fmt::format("store '{}' has schema version {}, newer than this svc understands ({}); "
                                       "upgrade svc",
                                       path_, have, latest));
  if (have == latest) return;
  // 020 rebuilds the events table, which part_movements references: SQLite's
  // procedure for that is foreign keys off (a pragma that only works outside a
  // transaction) and PRAGMA foreign_key_check before committing.
  struct ForeignKeysBack {
    SQLite::Database& db;
    ~ForeignKeysBack() {
      try {
        db.exec("PRAGMA foreign_keys = ON");
      } catch (...) {
      }
    }
  } fk_back{*db_};
  if (have < 20) db_->exec("PRAGMA foreign_keys = OFF");
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  have = schema_version();  // another process may have migrated while we waited
  const int before = have;
  for (const auto& m : migrations()) {
    if (m.version <= have) continue;
    db_->exec(m.sql);
    db_->exec(fmt::format("PRAGMA user_version = {}", m.version));
  }
  // 012 added the ticket digest, derived data that SQL cannot compute, and 013
  // changed its format (voided_at): a store that had tickets before gets its
  // projection rebuilt, in the same transaction as the migration.
  if (before > 0 && before < 13 && latest >= 13) rebuild_projection(*this);
  // 018 seals the records that decide money or compliance: the rows stored
  // before it get their seals here (lib/store/seals.hpp), in the same transaction.
  if (before < 18 && latest >= 18) seal_unsealed_rows(*this, 18);
  // 022 seals the events' ids and imports, and more tables: the rows stored
  // before it are sealed as they stand at the upgrade.
  if (before < 22 && latest >= 22) {
    seal_events_as_of_upgrade(*db_);
    seal_unsealed_rows(*this, 22);
  }
  {
    SQLite::Statement fk(*db_, "PRAGMA foreign_key_check");
    if (fk.executeStep())
      throw StoreUnavailable(fmt::format("store '{}': migrating to schema {} would break a reference of table {} "
                                         "(row {}); nothing was changed",
                                         path_, latest, fk.getColumn(0).getString(), fk.getColumn(1).getInt64()));
  }
  tx.commit();
}

void Store::write(const std::function<void()>& fn) {
  try {
    if (!sqlite3_get_autocommit(db_->getHandle())) {
      // Called inside an open write (e.g. svc ticket appending its events through the
      // importer while it records its own tables): a savepoint, so that the whole
      // step commits or rolls back as one transaction.
      db_->exec("SAVEPOINT svc_nested_write");
      try {
        fn();
      } catch (...) {
        db_->exec("ROLLBACK TO svc_nested_write");
        db_->exec("RELEASE svc_nested_write");
        throw;
      }
      db_->exec("RELEASE svc_nested_write");
      return;
    }
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    fn();
    tx.commit();
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, fmt::format("store '{}'", path_));
  }
}

const char* const kEventSelectColumns =
    "seq, id, ts, ticket, event, type, urgency, channel, region, outlet, customer, product, purchased, "
    "distance_km, engineer, satisfaction, responsible, part, qty, amount, approved, labor_hours, note, serial, ref, due";

UnknownEventKind::UnknownEventKind(std::int64_t s, std::string k)
    : StoreUnavailable(fmt::format("event {} has unknown kind '{}' (not written by svc: run svc audit verify)", s, k)),
      seq(s),
      kind(std::move(k)) {}

Event event_from_row(SQLite::Statement& st) {
  Event e;
  e.seq = st.getColumn(0).getInt64();
  e.id = st.getColumn(1).getString();
  e.ts = st.getColumn(2).getInt64();
  e.ticket = st.getColumn(3).getString();
  auto k = parse_event_kind(st.getColumn(4).getString());
  if (!k) throw UnknownEventKind(e.seq, st.getColumn(4).getString());
  e.kind = *k;
  for (int i = 0; i < kFieldCount; ++i) {
    auto c = st.getColumn(5 + i);
    if (!c.isNull()) e.f[i] = c.getString();
  }
  return e;
}

std::vector<Event> Store::ticket_events(const std::string& ticket) {
  std::vector<Event> out;
  try {
    SQLite::Statement st(*db_, fmt::format("SELECT {} FROM events WHERE ticket = ? ORDER BY ts, seq", kEventSelectColumns));
    st.bind(1, ticket);
    while (st.executeStep()) out.push_back(event_from_row(st));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading events");
  }
  resolve_voids(out);
  return out;
}

void Store::for_each_ticket(const std::function<void(std::vector<Event>&)>& fn, const std::string& ticket_filter,
                            const std::vector<std::string>& params) {
  try {
    std::string sql;
    if (ticket_filter.empty())
      sql = fmt::format("SELECT {} FROM events ORDER BY ticket, ts, seq", kEventSelectColumns);
    else
      sql = fmt::format(
          "SELECT {} FROM events WHERE ticket IN (SELECT t.ticket FROM tickets t WHERE {}) ORDER BY ticket, ts, seq",
          kEventSelectColumns, ticket_filter);
    SQLite::Statement st(*db_, sql);
    for (size_t i = 0; i < params.size(); ++i) st.bind(int(i + 1), params[i]);
    std::vector<Event> group;
    while (st.executeStep()) {
      Event e = event_from_row(st);
      if (!group.empty() && group.front().ticket != e.ticket) {
        resolve_voids(group);
        fn(group);
        group.clear();
      }
      group.push_back(std::move(e));
    }
    if (!group.empty()) {
      resolve_voids(group);
      fn(group);
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading events");
  }
}

std::string hex_of_blob(const void* data, int size) {
  static const char* hex = "0123456789abcdef";
  const auto* p = static_cast<const unsigned char*>(data);
  std::string out(size_t(size) * 2, '0');
  for (int i = 0; i < size; ++i) out[2 * i] = hex[p[i] >> 4], out[2 * i + 1] = hex[p[i] & 15];
  return out;
}

std::string blob_of_hex(const std::string& hex) {
  std::string out(hex.size() / 2, '\0');
  auto v = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (size_t i = 0; i < out.size(); ++i) out[i] = char(v(hex[2 * i]) << 4 | v(hex[2 * i + 1]));
  return out;
}

std::string event_seal(std::string_view prev_seal, std::string_view chain_hex, std::string_view id,
                       std::optional<std::int64_t> import_id) {
  std::string buf;
  buf.reserve(160 + id.size());
  buf.append(prev_seal).append(chain_hex);
  buf += fmt::format("i{}:", id.size());
  buf.append(id);
  if (import_id) {
    std::string n = std::to_string(*import_id);
    buf += fmt::format("i{}:{}", n.size(), n);
  } else {
    buf += 'n';
  }
  return sha256_hex(buf);
}

std::string Store::last_seal() {
  try {
    SQLite::Statement st(*db_, "SELECT seal FROM events ORDER BY seq DESC LIMIT 1");
    if (st.executeStep()) {
      auto c = st.getColumn(0);
      if (c.getBytes() == 32) return hex_of_blob(c.getBlob(), c.getBytes());
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the seals of the events");
  }
  return std::string(64, '0');
}

std::string Store::last_chain() {
  try {
    SQLite::Statement st(*db_, "SELECT chain FROM events ORDER BY seq DESC LIMIT 1");
    if (st.executeStep()) {
      auto c = st.getColumn(0);
      return hex_of_blob(c.getBlob(), c.getBytes());
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the chain");
  }
  return std::string(64, '0');
}

}  // namespace svc
