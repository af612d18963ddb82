// The importer's shared internals (lib/store/importer*.cpp): the hashing and
// per-record state of the hot path, the reader thread's types, and the
// declaration of Importer::Impl, whose members are defined by responsibility:
//   importer.cpp         the public API and the run loop of one file
//   importer_read.cpp    record conversion, the reader thread and its pipe,
//                        standard input's spool, ready-made events, the reject file
//   importer_write.cpp   storing: bulk-load decision, in-memory id table,
//                        insert and id conflicts, the writer loop, the projection
//   importer_checks.cpp  ticket-level rules and the void rules
// Not part of the API (importer.hpp).
#pragma once
#include <openssl/evp.h>
#include <sqlite3.h>

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "digest.hpp"
#include "error.hpp"
#include "importer.hpp"

namespace svc::importer_detail {

// ---------------------------------------------------------------------------
// Canonical text and hashing on the hot path. Byte for byte the same as
// format_utc / canonical_form / content_digest / chain_hash (tested).

constexpr std::uint32_t kNone = UINT32_MAX;

inline void to_hex(const unsigned char* in, size_t n, char* out) {
  constexpr const char* kHex = "0123456789abcdef";
  for (size_t i = 0; i < n; ++i) out[2 * i] = kHex[in[i] >> 4], out[2 * i + 1] = kHex[in[i] & 15];
}

class Sha256 {
 public:
  // The algorithm is fetched once: EVP_sha256() would be looked up again on
  // every EVP_DigestInit_ex (OpenSSL 3), a measurable cost per event.
  Sha256() : ctx_(EVP_MD_CTX_new()), md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)) {
    if (!ctx_ || !md_) throw InternalError("SHA-256: not available");
  }
  ~Sha256() {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void operator()(const void* p, size_t n, unsigned char out[32]) {
    unsigned len = 0;
    if (!EVP_DigestInit_ex(ctx_, md_, nullptr) || !EVP_DigestUpdate(ctx_, p, n) || !EVP_DigestFinal_ex(ctx_, out, &len))
      throw InternalError("SHA-256 failed");
  }

 private:
  EVP_MD_CTX* ctx_;
  EVP_MD* md_;
};

// The hash of an event id in the in-memory id table and the void checks.
inline std::uint64_t id_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

enum class St : std::uint8_t { New, DupStore, DupFile, Bad };

struct Item {
  Instant ts = 0;
  std::int64_t seq = 0;       // store position once inserted
  std::uint64_t line = 0;
  std::uint64_t frag = 0;          // New: where its digest fragment is in Impl::frags (lib/store/digest.hpp)
  std::uint64_t idh = 0;           // New: hash of its id (a voided event's ref is matched against it)
  std::uint32_t ticket = kNone;
  std::uint32_t dup_of = kNone;    // DupFile: the item it repeats
  EventKind kind = EventKind::Created;
  St st = St::Bad;
};

// The digest fragments of a file's new events, back to back in chunks of
// 1 MiB: a fragment never spans two chunks, and nothing is copied as the file
// grows (a single string doubling its capacity would hold three times the
// data at its peak).
class FragStore {
 public:
  void clear() { chunks_.clear(); }
  // Appends e's fragment; returns its position (chunk << 32 | offset).
  std::uint64_t append(const Event& e) {
    tmp_.clear();
    append_digest_fragment(tmp_, e);
    if (chunks_.empty() || chunks_.back().size() + tmp_.size() > kChunk) {
      chunks_.emplace_back();
      chunks_.back().reserve(std::max(kChunk, tmp_.size()));
    }
    std::string& c = chunks_.back();
    std::uint64_t at = (std::uint64_t(chunks_.size() - 1) << 32) | c.size();
    c += tmp_;
    return at;
  }
  void decode(std::uint64_t at, Event& e) const {
    const std::string& c = chunks_[at >> 32];
    decode_digest_fragment(c.data() + (at & 0xffffffffu), c.data() + c.size(), e);
  }

 private:
  static constexpr std::size_t kChunk = std::size_t(1) << 20;
  std::vector<std::string> chunks_;
  std::string tmp_;
};

struct TicketInfo {
  std::string id;
  std::uint64_t bad_created_line = 0;
};

// Thrown inside the file's transaction to roll it back (bad records).
struct Rollback {};

// ---------------------------------------------------------------------------
// Reading (importer_read.cpp)

// Record-level checks: RawRecord → Event (canonical values). Returns "" when
// good, else every problem joined by "; ". Runs on the reader thread.
std::string convert_record(const RawRecord& r, Event& e, const TimeZone& tz, bool& ticket_ok, bool& kind_ok);

// Writes rejected records: as they came in, plus a `reason` column.
class RejectWriter {
 public:
  explicit RejectWriter(std::string path);
  void write(const RecordSource& src, const std::string& reason);
  void flush();

 private:
  void write_json(const RecordSource& src, const std::string& reason);
  void check();
  std::string path_;
  std::ofstream out_;
  std::string format_;
  bool started_ = false;
  std::vector<std::string> header_;
};

// A RecordSource over ready-made events (svc ticket and friends).
class EventSource : public RecordSource {
 public:
  EventSource(const std::vector<Event>& evs, std::string name) : evs_(evs), name_(std::move(name)) {}
  const std::string& name() const override { return name_; }
  bool next(RawRecord& r) override;
  std::vector<std::pair<std::string, std::string>> original() const override;
  std::vector<std::string> columns() const override;
  std::string format() const override { return "events"; }
  std::uint64_t bytes_done() const override { return i_; }
  std::uint64_t bytes_total() const override { return evs_.size(); }

 private:
  const std::vector<Event>& evs_;
  std::string name_;
  size_t i_ = 0;
  std::string ts_;
};

// Standard input, copied to a temporary file so that it can be read twice.
class Spool {
 public:
  Spool();
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// One record as the reader thread hands it to the writer.
struct Parsed {
  Event e;
  std::string err;
  std::uint64_t line = 0;
  bool ticket_ok = false, kind_ok = false;
  bool skipped = false;  // a known bad record (second pass of --skip-bad): already written to the reject file
  char digest[64];
};

struct Batch {
  std::vector<Parsed> recs;
  size_t n = 0;
  std::uint64_t bytes_done = 0, bytes_total = 0;
  bool last = false;
  std::exception_ptr error;
};

// A bounded queue of batches between the reader and the writer thread, with
// recycled batches (no allocation per record once warm).
class Pipe {
 public:
  std::unique_ptr<Batch> take_free();  // nullptr once stopped
  void put_full(std::unique_ptr<Batch> b);
  std::unique_ptr<Batch> take_full();
  void put_free(std::unique_ptr<Batch> b);
  void stop();
  static constexpr size_t kBatchSize = 1024;

 private:
  static constexpr int kBatches = 8;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> free_;
  int made_ = 0;
  bool stop_ = false;
};

// The bad records of the first pass (--skip-bad): ordinal → (line, message).
using KnownBad = std::unordered_map<std::uint32_t, std::pair<std::uint64_t, std::string>>;

// The reader thread: parse, check each record on its own, compute its digest;
// skips (and rejects) the known bad records of a second pass.
void read_records(RecordSource& src, const TimeZone& tz0, const KnownBad* known_bad, RejectWriter* reject,
                  Pipe& pipe);

// ---------------------------------------------------------------------------
// Writing (importer_write.cpp)

// Bulk load into an empty store, or when the file is at least 1 MB and the
// store holds at most twice the events the file's size suggests.
bool bulk_worth_it(std::int64_t stored, std::uint64_t file_bytes);

// ---------------------------------------------------------------------------
// Ticket-level checks (importer_checks.cpp)

// One event of a ticket, stored or new, as the ticket-level rules see it.
struct Entry {
  Instant ts;
  std::int64_t seq;
  EventKind kind;
  std::uint32_t item;  // kNone: stored before this file
  std::uint64_t idh = 0, refh = 0;  // hashes of its id and (voided) of its ref
};

}  // namespace svc::importer_detail

namespace svc {

struct Importer::Impl {
  using Item = importer_detail::Item;
  using St = importer_detail::St;
  using Entry = importer_detail::Entry;
  using KnownBad = importer_detail::KnownBad;

  Store& store;
  const Policy& policy;
  ImportOptions opts;
  TimeZone tz;
  std::unique_ptr<importer_detail::RejectWriter> reject;
  std::size_t error_budget;
  importer_detail::Sha256 sha;

  // per file
  std::deque<Item> items;  // a deque: no copy of the whole as it grows
  std::vector<importer_detail::TicketInfo> tickets;
  struct SvHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::uint32_t, SvHash, std::equal_to<>> ticket_ix;
  // The digest fragments of the new events (kind and attributes, see
  // lib/store/digest.hpp), back to back: what the projection of a new ticket is
  // computed from, without reading the events back.
  importer_detail::FragStore frags;
  std::unordered_map<std::uint32_t, std::string> bad_msg;  // item → message
  std::unordered_map<std::uint32_t, std::string> void_ref;  // New voided item → the id it names
  std::vector<std::pair<std::uint64_t, std::string>> problems;
  std::vector<std::uint32_t> seq_item;  // item of each seq stored by this file (from before_max + 1)
  std::int64_t before_max = 0;  // largest seq before this file
  bool fresh = false;
  // Bulk load (a large file into a new or small store, in a transaction of
  // its own; docs/import.md "Speed"): the indexes of the events table are
  // dropped at the start and built once, in key order, after the rows are in
  // (same SQL, so the same schema); ids are checked against an in-memory
  // table of the stored ids and the file's instead of events_by_id.
  bool bulk = false;
  bool top_level = true;  // not inside another command's transaction
  std::vector<std::string> index_sqls;  // the dropped indexes' CREATE statements, in creation order
  // open addressing over id hashes: slot v < stored_ids.size() is a stored
  // event, else the item v - stored_ids.size() that this file stored
  std::vector<std::uint32_t> id_slots;
  std::size_t id_used = 0;
  std::vector<std::uint64_t> stored_ids;  // id hashes of the stored events
  std::vector<std::uint32_t> stored_seq;  // and their seq (a bulk load needs seq < 2^32)
  SQLite::Statement* by_seq = nullptr;  // reads a stored event back by seq (bulk: an id seen twice)
  std::unique_ptr<SQLite::Statement> by_seq_st;
  std::string prev_chain;
  std::string prev_seal;  // identity seal of the last stored event (events.seal, store.hpp event_seal)
  std::int64_t import_id = 0;
  std::string source_name;
  sqlite3_stmt* ins = nullptr;

  Impl(Store& s, const Policy& p, ImportOptions o);
  ~Impl();

  // importer.cpp: the run loop
  ImportResult run(const std::function<std::unique_ptr<RecordSource>()>& open, const std::string& name);
  void reset_file(const std::string& name);
  [[noreturn]] static void throw_no_records(const RecordSource& src);

  // importer_write.cpp: storing
  void begin_file(std::uint64_t file_bytes);
  void read_all(RecordSource& src, const KnownBad* known_bad, ImportResult& res);
  St insert(Event& e, Item& it, std::uint32_t o, const std::string& digest_hex);
  St conflict(const Event& old, Item& it, std::uint32_t o, const Event& e, const std::string& digest_hex);
  void id_table_add(std::uint32_t v);
  bool id_table_find(const Event& e, std::uint64_t h, Event& old);
  void project(std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& start,
               const std::vector<std::uint8_t>& has_stored);

  // importer_checks.cpp: ticket-level rules
  void check_tickets(std::vector<std::uint32_t>& order, std::vector<std::uint32_t>& start,
                     std::vector<std::uint8_t>& has_stored);
  void check_ticket(std::uint32_t t, std::vector<Entry>& es);
  void check_voids(const std::string& ticket, const std::vector<Entry>& es, std::vector<bool>& out,
                   std::vector<std::uint32_t>& target, std::vector<std::uint32_t>& voided_by);
  std::int64_t consumed_by_ledger(const std::string& event_id);

  // Small and called per event (or per probe): inline here, as they were in one file.
  std::uint32_t intern_ticket(std::string_view id) {
    if (auto f = ticket_ix.find(id); f != ticket_ix.end()) return f->second;
    std::uint32_t ix = std::uint32_t(tickets.size());
    ticket_ix.emplace(std::string(id), ix);
    tickets.emplace_back();
    tickets.back().id = std::string(id);
    return ix;
  }
  void mark_bad(std::uint32_t o, std::string msg) {
    Item& it = items[o];
    it.st = St::Bad;
    problems.emplace_back(it.line, msg);
    bad_msg[o] = std::move(msg);
  }
  // Bulk load: the in-memory id table (linear probing over id hashes).
  std::uint64_t slot_hash(std::uint32_t v) const {
    return v < stored_ids.size() ? stored_ids[v] : items[v - stored_ids.size()].idh;
  }
  std::int64_t slot_seq(std::uint32_t v) const {
    return v < stored_ids.size() ? std::int64_t(stored_seq[v]) : items[v - stored_ids.size()].seq;
  }
  void id_slot_put(std::uint32_t v) {
    const std::size_t m = id_slots.size() - 1;
    std::size_t i = slot_hash(v) & m;
    while (id_slots[i] != importer_detail::kNone) i = (i + 1) & m;
    id_slots[i] = v;
  }
  std::string when(Instant t) const { return format_rfc3339(t, tz); }
};

}  // namespace svc
