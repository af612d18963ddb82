#include "importer.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "digest.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "mapping.hpp"
#include "output.hpp"
#include "projection.hpp"

namespace svc {

// ---------------------------------------------------------------------------
// Canonical text and hashing on the hot path. Byte for byte the same as
// format_utc / canonical_form / content_digest / chain_hash (tested).


namespace {

constexpr std::uint32_t kNone = UINT32_MAX;
constexpr const char* kHex = "0123456789abcdef";

void to_hex(const unsigned char* in, size_t n, char* out) {
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
  void operator()(const void* p, size_t n, unsigned char out[32]) {
    unsigned len = 0;
    if (!EVP_DigestInit_ex(ctx_, md_, nullptr) || !EVP_DigestUpdate(ctx_, p, n) || !EVP_DigestFinal_ex(ctx_, out, &len))
      throw InternalError("SHA-256 failed");
  }

 private:
  EVP_MD_CTX* ctx_;
  EVP_MD* md_;
};


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

// Writes rejected records: as they came in, plus a `reason` column.
class RejectWriter {
 public:
  explicit RejectWriter(std::string path) : path_(std::move(path)) {
    out_.open(path_, std::ios::binary | std::ios::trunc);
    if (!out_) throw NoInputError(fmt::format("cannot write the reject file '{}': {}", path_, std::strerror(errno)));
    std::string f = format_from_extension(path_);
    if (!f.empty()) format_ = f;
  }
  void write(const RecordSource& src, const std::string& reason) {
    if (format_.empty()) format_ = src.format() == "jsonl" ? "jsonl" : "csv";
    if (format_ == "jsonl") return write_json(src, reason);
    if (!started_) {
      auto cols = src.columns();
      if (cols.empty()) cols = column_names();
      for (auto& c : cols)
        if (c != kReasonColumn) header_.push_back(c);
      auto h = header_;
      h.emplace_back(kReasonColumn);
      write_csv_row(out_, h);
      started_ = true;
    }
    std::vector<std::string> row(header_.size());
    std::string extra;
    for (auto& [k, v] : src.original()) {
      if (k == kReasonColumn) continue;
      auto it = std::find(header_.begin(), header_.end(), k);
      if (it != header_.end()) row[size_t(it - header_.begin())] = v;
      else if (!v.empty()) extra += fmt::format("; {} was '{}'", k, v);
    }
    row.push_back(reason + extra);
    write_csv_row(out_, row);
    check();
  }
  void flush() {
    out_.flush();
    check();
  }

 private:
  void write_json(const RecordSource& src, const std::string& reason) {
    nlohmann::ordered_json o;
    std::string raw = src.raw_line();
    bool parsed = false;
    if (!raw.empty()) {
      o = nlohmann::ordered_json::parse(raw, nullptr, false);
      parsed = !o.is_discarded() && o.is_object();
    }
    if (!parsed) {
      o = nlohmann::ordered_json::object();
      if (!raw.empty() && src.format() == "jsonl") o["record"] = raw;
      else
        for (auto& [k, v] : src.original())
          if (!v.empty() && k != kReasonColumn) o[k] = v;
    }
    o.erase(std::string(kReasonColumn));
    o[std::string(kReasonColumn)] = reason;
    out_ << o.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    check();
  }
  void check() {
    if (!out_) throw InternalError(fmt::format("cannot write the reject file '{}'", path_));
  }
  std::string path_;
  std::ofstream out_;
  std::string format_;
  bool started_ = false;
  std::vector<std::string> header_;
};

struct Rollback {};

// A RecordSource over ready-made events (svc ticket and friends).
class EventSource : public RecordSource {
 public:
  EventSource(const std::vector<Event>& evs, std::string name) : evs_(evs), name_(std::move(name)) {}
  const std::string& name() const override { return name_; }
  bool next(RawRecord& r) override {
    if (i_ >= evs_.size()) return false;
    const Event& e = evs_[i_++];
    ts_ = format_utc(e.ts);
    r.line = i_;
    r.error.clear();
    r.col.fill(std::string_view());
    r.col[kColId] = e.id;
    r.col[kColTs] = ts_;
    r.col[kColTicket] = e.ticket;
    r.col[kColEvent] = to_string(e.kind);
    for (int f = 0; f < kFieldCount; ++f) r.col[4 + f] = e.f[f];
    return true;
  }
  std::vector<std::pair<std::string, std::string>> original() const override {
    std::vector<std::pair<std::string, std::string>> out;
    if (i_ == 0) return out;
    const Event& e = evs_[i_ - 1];
    out = {{"id", e.id}, {"ts", format_utc(e.ts)}, {"ticket", e.ticket}, {"event", std::string(to_string(e.kind))}};
    for (int f = 0; f < kFieldCount; ++f) out.emplace_back(std::string(to_string(Field(f))), e.f[f]);
    return out;
  }
  std::vector<std::string> columns() const override { return column_names(); }
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
  Spool() {
    const char* dir = std::getenv("TMPDIR");
    path_ = fmt::format("{}/svc-import-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = ::mkstemp(path_.data());
    if (fd < 0) throw InternalError(fmt::format("cannot create a temporary file for standard input: {}", std::strerror(errno)));
    char buf[1 << 16];
    for (;;) {
      ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw NoInputError(fmt::format("cannot read standard input: {}", std::strerror(errno)));
      if (n == 0) break;
      for (ssize_t w = 0; w < n;) {
        ssize_t k = ::write(fd, buf + w, size_t(n - w));
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
          ::close(fd);
          throw InternalError(fmt::format("cannot spool standard input: {}", std::strerror(errno)));
        }
        w += k;
      }
    }
    ::close(fd);
  }
  ~Spool() { ::unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

// Record-level checks: RawRecord → Event (canonical values). Returns "" when
// good, else every problem joined by "; ". Runs on the reader thread.
std::string convert_record(const RawRecord& r, Event& e, const TimeZone& tz, bool& ticket_ok, bool& kind_ok) {
  std::string err;
  auto add = [&](const std::string& m) {
    if (!err.empty()) err += "; ";
    err += m;
  };
  ticket_ok = kind_ok = false;
  bool ts_ok = false;
  std::string_view id = r.col[kColId];
  e.id.assign(id);
  if (!id.empty() && !valid_event_id(id)) add(fmt::format("bad id '{}': 1-64 characters, no control characters", id));
  std::string_view tkt = r.col[kColTicket];
  if (tkt.empty()) add("missing ticket");
  else if (!valid_ticket_id(tkt)) add(fmt::format("bad ticket '{}': must match [A-Za-z0-9._-]{{1,64}}", tkt));
  else ticket_ok = true;
  e.ticket.assign(tkt);
  std::string_view ts = r.col[kColTs];
  if (ts.empty()) add("missing ts");
  else {
    std::string why;
    if (auto t = parse_timestamp(ts, tz, &why)) e.ts = *t, ts_ok = true;
    else add(fmt::format("bad ts '{}': {}", ts, why));
  }
  std::string_view ev = r.col[kColEvent];
  if (ev.empty()) add("missing event");
  else if (auto k = parse_event_kind(ev)) e.kind = *k, kind_ok = true;
  else {
    std::string hint = nearest(std::string(ev), event_kind_names());
    add(fmt::format("unknown event '{}'{}", ev, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  }
  for (int i = 0; i < kFieldCount; ++i) {
    std::string_view v = r.col[4 + i];
    if (v.empty()) {
      e.f[i].clear();
      continue;
    }
    Field f = static_cast<Field>(i);
    if (f == Field::Due) {  // a timestamp like ts, local forms in the policy's zone
      std::string why;
      if (auto t = parse_timestamp(v, tz, &why)) e.f[i] = format_utc(*t);
      else {
        e.f[i].clear();
        add(fmt::format("bad due '{}': {}", v, why));
      }
      continue;
    }
    switch (f) {  // free text: no canonical form to compute
      case Field::Region: case Field::Outlet: case Field::Customer: case Field::Product:
      case Field::Engineer: case Field::Part: case Field::Note:
        e.f[i].assign(v);
        continue;
      default: break;
    }
    std::string why;
    if (auto c = canonical_value(f, v, why)) e.f[i] = std::move(*c);
    else {
      e.f[i].clear();
      add(why);
    }
  }
  if (kind_ok && ts_ok && e.has(Field::Due))
    if (std::string m = due_problem(e); !m.empty()) add(m);
  if (kind_ok) {
    std::string missing;
    for (Field f : required_fields(e.kind))
      if (r.col[col_of(f)].empty()) missing += (missing.empty() ? "" : ", ") + std::string(to_string(f));
    if (!missing.empty()) add(fmt::format("missing {} (required for {})", missing, to_string(e.kind)));
  }
  return err;
}

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
  std::unique_ptr<Batch> take_free() {
    std::unique_lock<std::mutex> l(m_);
    cv_.wait(l, [&] { return stop_ || !free_.empty() || made_ < kBatches; });
    if (stop_) return nullptr;
    if (!free_.empty()) {
      auto b = std::move(free_.back());
      free_.pop_back();
      return b;
    }
    ++made_;
    auto b = std::make_unique<Batch>();
    b->recs.resize(kBatchSize);
    return b;
  }
  void put_full(std::unique_ptr<Batch> b) {
    std::lock_guard<std::mutex> l(m_);
    full_.push_back(std::move(b));
    cv_.notify_all();
  }
  std::unique_ptr<Batch> take_full() {
    std::unique_lock<std::mutex> l(m_);
    cv_.wait(l, [&] { return !full_.empty(); });
    auto b = std::move(full_.front());
    full_.pop_front();
    return b;
  }
  void put_free(std::unique_ptr<Batch> b) {
    std::lock_guard<std::mutex> l(m_);
    free_.push_back(std::move(b));
    cv_.notify_all();
  }
  void stop() {
    std::lock_guard<std::mutex> l(m_);
    stop_ = true;
    cv_.notify_all();
  }
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

// ---------------------------------------------------------------------------

struct Importer::Impl {
  Store& store;
  const Policy& policy;
  ImportOptions opts;
  TimeZone tz;
  std::unique_ptr<RejectWriter> reject;
  std::size_t error_budget;
  Sha256 sha;

  // per file
  std::deque<Item> items;  // a deque: no copy of the whole as it grows
  std::vector<TicketInfo> tickets;
  struct SvHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::uint32_t, SvHash, std::equal_to<>> ticket_ix;
  // The digest fragments of the new events (kind and attributes, see
  // lib/store/digest.hpp), back to back: what the projection of a new ticket is
  // computed from, without reading the events back.
  FragStore frags;
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
  std::int64_t import_id = 0;
  std::string source_name;
  sqlite3_stmt* ins = nullptr;

  Impl(Store& s, const Policy& p, ImportOptions o) : store(s), policy(p), opts(std::move(o)), tz(p.tz) {
    error_budget = opts.max_errors;
    if (opts.skip_bad && !opts.reject_path.empty()) reject = std::make_unique<RejectWriter>(opts.reject_path);
  }
  ~Impl() {
    if (ins) sqlite3_finalize(ins);
  }

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

  // Bulk load into an empty store, or when the file is at least 1 MB and the
  // store holds at most twice the events the file's size suggests: then
  // building each index once over everything costs less than inserting into
  // it event by event.
  static bool bulk_worth_it(std::int64_t stored, std::uint64_t file_bytes) {
    if (stored == 0) return true;
    const std::uint64_t est = file_bytes / 100;  // records of a log are 60-100 bytes
    return est >= 10000 && std::uint64_t(stored) <= 2 * est && stored < (std::int64_t(1) << 31);
  }

  void begin_file(std::uint64_t file_bytes) {
    SQLite::Database& db = store.db();
    before_max = db.execAndGet("SELECT coalesce(max(seq), 0) FROM events").getInt64();
    fresh = before_max == 0;
    import_id = db.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM imports").getInt64();
    prev_chain = store.last_chain();
    db.exec("PRAGMA cache_size = -32768");  // 32 MiB: the indexes of a large import stay in memory
    index_sqls.clear();
    id_slots.clear();
    id_used = 0;
    stored_ids.clear();
    stored_seq.clear();
    by_seq = nullptr;
    by_seq_st.reset();
    bulk = top_level && bulk_worth_it(before_max, file_bytes);
    if (bulk) {
      // Every index of the events table (events_by_id, events_by_ticket,
      // events_voided), dropped now and created again before the commit.
      std::vector<std::string> names;
      SQLite::Statement q(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' "
                              "AND sql IS NOT NULL ORDER BY rowid");
      while (q.executeStep()) names.push_back(q.getColumn(0).getString()), index_sqls.push_back(q.getColumn(1).getString());
      q.reset();
      // An index SQLite made for a constraint (a store before schema 020) cannot be dropped: no bulk load then.
      bulk = db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND "
                           "sql IS NULL").getInt() == 0 &&
             !index_sqls.empty();
      if (!bulk) index_sqls.clear();
      if (bulk && !fresh) {  // the stored ids, read from their index (in key order) before it goes
        stored_ids.reserve(std::size_t(before_max));
        stored_seq.reserve(std::size_t(before_max));
        SQLite::Statement ids(db, "SELECT id, seq FROM events INDEXED BY events_by_id");
        while (ids.executeStep()) {
          const char* t = ids.getColumn(0).getText();
          stored_ids.push_back(id_hash(std::string_view(t, std::size_t(ids.getColumn(0).getBytes()))));
          stored_seq.push_back(std::uint32_t(ids.getColumn(1).getInt64()));
        }
        // room for the stored ids and the file's (estimated) at half load
        std::size_t slots = std::size_t(1) << 16;
        while (slots < 2 * (stored_ids.size() + file_bytes / 70)) slots *= 2;
        id_slots.assign(slots, kNone);
        for (std::uint32_t v = 0; v < stored_ids.size(); ++v) id_table_add(v);
      }
      for (const auto& n : bulk ? names : std::vector<std::string>{}) db.exec(fmt::format("DROP INDEX \"{}\"", n));
      // no index to keep in memory while the rows go in: a smaller cache (the sorter of CREATE INDEX spills to temp files)
      if (bulk) db.exec("PRAGMA cache_size = -16384");
    }
    if (ins) sqlite3_finalize(ins), ins = nullptr;
    std::string sql =
        "INSERT INTO events(id, ts, ticket, event, type, urgency, channel, region, outlet, customer, product, "
        "purchased, distance_km, engineer, satisfaction, responsible, part, qty, amount, approved, labor_hours, note, "
        "serial, ref, due, chain, import_id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    if (!bulk) sql += " ON CONFLICT(id) DO NOTHING";
    if (sqlite3_prepare_v3(db.getHandle(), sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &ins, nullptr) != SQLITE_OK)
      throw InternalError(fmt::format("preparing the insert: {}", sqlite3_errmsg(db.getHandle())));
  }

  void reset_file(const std::string& name) {
    items.clear();
    tickets.clear();
    ticket_ix.clear();
    frags.clear();
    bad_msg.clear();
    problems.clear();
    seq_item.clear();
    void_ref.clear();
    source_name = name;
  }

  // Bulk load: the in-memory id table (linear probing over id hashes).
  std::uint64_t slot_hash(std::uint32_t v) const {
    return v < stored_ids.size() ? stored_ids[v] : items[v - stored_ids.size()].idh;
  }
  std::int64_t slot_seq(std::uint32_t v) const {
    return v < stored_ids.size() ? std::int64_t(stored_seq[v]) : items[v - stored_ids.size()].seq;
  }
  void id_table_add(std::uint32_t v) {
    if ((id_used + 1) * 2 > id_slots.size()) {
      std::vector<std::uint32_t> old = std::move(id_slots);
      id_slots.assign(std::max<std::size_t>(std::size_t(1) << 16, old.size() * 2), kNone);
      for (std::uint32_t x : old)
        if (x != kNone) id_slot_put(x);
    }
    id_slot_put(v);
    ++id_used;
  }
  void id_slot_put(std::uint32_t v) {
    const std::size_t m = id_slots.size() - 1;
    std::size_t i = slot_hash(v) & m;
    while (id_slots[i] != kNone) i = (i + 1) & m;
    id_slots[i] = v;
  }
  // The event this file already stored under e's id, read back by seq; false when none.
  bool id_table_find(const Event& e, std::uint64_t h, Event& old) {
    if (id_slots.empty()) return false;
    const std::size_t m = id_slots.size() - 1;
    for (std::size_t i = h & m; id_slots[i] != kNone; i = (i + 1) & m) {
      if (slot_hash(id_slots[i]) != h) continue;
      const std::int64_t seq = slot_seq(id_slots[i]);
      if (!by_seq) {
        by_seq_st = std::make_unique<SQLite::Statement>(
            store.db(), fmt::format("SELECT {} FROM events WHERE seq = ?", kEventSelectColumns));
        by_seq = by_seq_st.get();
      }
      by_seq->bind(1, seq);
      if (!by_seq->executeStep()) throw InternalError(fmt::format("event {} is not found", seq));
      Event got = event_from_row(*by_seq);
      by_seq->reset();
      if (got.id == e.id) {
        old = std::move(got);
        return true;
      }
    }
    return false;
  }

  // Stores one good event; returns its status.
  St insert(Event& e, Item& it, std::uint32_t o, const std::string& digest_hex) {
    sqlite3* h = store.db().getHandle();
    if (bulk) {
      it.idh = id_hash(e.id);
      Event old;
      if (id_table_find(e, it.idh, old)) return conflict(old, it, o, e, digest_hex);
    }
    // chain over the previous chain value and this digest
    unsigned char chain[32];
    char buf[128];
    std::memcpy(buf, prev_chain.data(), 64);
    std::memcpy(buf + 64, digest_hex.data(), 64);
    sha(buf, 128, chain);
    auto text = [&](int i, const std::string& v) {
      if (v.empty()) sqlite3_bind_null(ins, i);
      else sqlite3_bind_text(ins, i, v.data(), int(v.size()), SQLITE_STATIC);
    };
    sqlite3_bind_text(ins, 1, e.id.data(), int(e.id.size()), SQLITE_STATIC);
    sqlite3_bind_int64(ins, 2, e.ts);
    sqlite3_bind_text(ins, 3, e.ticket.data(), int(e.ticket.size()), SQLITE_STATIC);
    auto kind = to_string(e.kind);
    sqlite3_bind_text(ins, 4, kind.data(), int(kind.size()), SQLITE_STATIC);
    for (int i = 0; i < kFieldCount; ++i) {
      Field f = static_cast<Field>(i);
      if ((f == Field::Satisfaction || f == Field::Qty) && !e.f[i].empty())
        sqlite3_bind_int64(ins, 5 + i, std::stoll(e.f[i]));
      else text(5 + i, e.f[i]);
    }
    sqlite3_bind_blob(ins, 5 + kFieldCount, chain, 32, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 6 + kFieldCount, import_id);
    int rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    if (rc != SQLITE_DONE) throw SQLite::Exception(h, rc);
    if (sqlite3_changes(h) == 1) {
      it.seq = sqlite3_last_insert_rowid(h);
      if (std::uint64_t(it.seq - before_max - 1) == seq_item.size()) seq_item.push_back(o);
      char hex[64];
      to_hex(chain, 32, hex);
      prev_chain.assign(hex, 64);
      if (bulk) id_table_add(std::uint32_t(stored_ids.size()) + o);
      return St::New;
    }
    // the id is taken: by the same event (a duplicate) or by another one
    SQLite::Statement q(store.db(), fmt::format("SELECT {} FROM events WHERE id = ?", kEventSelectColumns));
    q.bind(1, e.id);
    if (!q.executeStep()) throw InternalError(fmt::format("event id '{}' conflicts but is not found", e.id));
    Event old = event_from_row(q);
    return conflict(old, it, o, e, digest_hex);
  }

  // e's id is taken by `old`: a duplicate when the content is the same, else a bad record.
  St conflict(const Event& old, Item& it, std::uint32_t o, const Event& e, const std::string& digest_hex) {
    bool same = content_digest(old) == digest_hex;
    if (old.seq > before_max) {
      std::uint32_t orig = std::uint32_t(old.seq - before_max - 1) < seq_item.size()
                               ? seq_item[size_t(old.seq - before_max - 1)]
                               : kNone;
      if (same) {
        it.dup_of = orig;
        return St::DupFile;
      }
      mark_bad(o, fmt::format("id '{}' was used at line {} for a different event", e.id,
                              orig == kNone ? 0 : items[orig].line));
      return St::Bad;
    }
    if (same) return St::DupStore;
    mark_bad(o, fmt::format("id '{}' is already in the store with different content (stored: {} {} at {})", e.id,
                            old.ticket, to_string(old.kind), format_rfc3339(old.ts, tz)));
    return St::Bad;
  }

  using KnownBad = std::unordered_map<std::uint32_t, std::pair<std::uint64_t, std::string>>;

  // Reader thread: parse, check each record on its own, compute its digest.
  static void reader(RecordSource& src, const TimeZone& tz0, const KnownBad* known_bad, RejectWriter* reject,
                     Pipe& pipe) {
    TimeZone tz = tz0;  // its own offset cache
    Sha256 sha;
    RawRecord r;
    std::string canon;
    unsigned char dig[32];
    std::uint32_t ordinal = 0;
    std::uint64_t last_line_rejected = 0;
    bool more = true;
    while (more) {
      auto b = pipe.take_free();
      if (!b) return;  // the writer stopped
      b->n = 0;
      b->error = nullptr;
      try {
        while (b->n < Pipe::kBatchSize && (more = src.next(r))) {
          Parsed& p = b->recs[b->n++];
          p.line = r.line;
          p.skipped = false;
          std::uint32_t o = ordinal++;
          if (known_bad) {
            if (auto f = known_bad->find(o); f != known_bad->end()) {
              p.skipped = true;
              if (reject && r.line != last_line_rejected) reject->write(src, f->second.second);
              last_line_rejected = r.line;
              continue;
            }
          }
          p.err = r.error;
          p.ticket_ok = p.kind_ok = false;
          if (p.err.empty()) {
            p.err = convert_record(r, p.e, tz, p.ticket_ok, p.kind_ok);
            if (!p.err.empty()) p.err = src.explain(p.err);  // --map: name the source column and value
          }
          if (!p.err.empty()) continue;
          canonical_form_into(p.e, canon);
          sha(canon.data(), canon.size(), dig);
          to_hex(dig, 32, p.digest);
          if (p.e.id.empty()) p.e.id.assign(p.digest, 32);
        }
      } catch (...) {
        b->error = std::current_exception();
        more = false;
      }
      b->bytes_done = src.bytes_done();
      b->bytes_total = src.bytes_total();
      b->last = !more;
      pipe.put_full(std::move(b));
    }
  }

  void read_all(RecordSource& src, const KnownBad* known_bad, ImportResult& res) {
    Pipe pipe;
    std::thread th(reader, std::ref(src), std::cref(tz), known_bad, reject.get(), std::ref(pipe));
    struct Join {  // stop and join the reader however this ends
      Pipe& p;
      std::thread& t;
      ~Join() {
        p.stop();
        t.join();
      }
    } join{pipe, th};
    std::string digest_hex(64, '0');
    auto t0 = std::chrono::steady_clock::now();
    std::uint64_t next_progress = 1 << 14;
    for (bool last = false; !last;) {
      auto b = pipe.take_full();
      if (b->error) std::rethrow_exception(b->error);
      last = b->last;
      for (size_t k = 0; k < b->n; ++k) {
        Parsed& p = b->recs[k];
        std::uint32_t o = std::uint32_t(items.size());
        items.emplace_back();
        Item& it = items.back();
        it.line = p.line;
        ++res.read;
        if (p.skipped) {
          it.st = St::Bad;
          ++res.rejected;
          continue;
        }
        if (p.ticket_ok) it.ticket = intern_ticket(p.e.ticket);
        if (p.kind_ok) it.kind = p.e.kind;
        if (p.err.empty()) if (auto v = limit_violation(p.e, policy.limits)) p.err = std::move(*v);  // [limits]
        if (!p.err.empty()) {
          if (p.kind_ok && p.e.kind == EventKind::Created && it.ticket != kNone &&
              !tickets[it.ticket].bad_created_line)
            tickets[it.ticket].bad_created_line = p.line;
          mark_bad(o, std::move(p.err));
          p.err.clear();
          continue;
        }
        Event& e = p.e;
        it.ts = e.ts;
        digest_hex.assign(p.digest, 64);
        it.st = insert(e, it, o, digest_hex);
        if (it.st != St::New) continue;
        if (!bulk) it.idh = id_hash(e.id);
        if (e.kind == EventKind::Voided) void_ref.emplace(o, e.get(Field::Ref));
        it.frag = frags.append(e);
      }
      if (opts.progress && (res.read >= next_progress || last)) {
        next_progress = res.read + (1 << 14);
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        opts.progress({res.read, b->bytes_done, b->bytes_total, s});
      }
      pipe.put_free(std::move(b));
    }
  }

  struct Entry {
    Instant ts;
    std::int64_t seq;
    EventKind kind;
    std::uint32_t item;  // kNone: stored before this file
    std::uint64_t idh = 0, refh = 0;  // hashes of its id and (voided) of its ref
  };

  static std::uint64_t id_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

  // Ticket-level rules over the new events of each ticket and its stored ones.
  // Returns the tickets (indices) that got new events, grouped with their items.
  void check_tickets(std::vector<std::uint32_t>& order, std::vector<std::uint32_t>& start,
                     std::vector<std::uint8_t>& has_stored) {
    // group the new items by ticket (counting sort, keeps file order)
    start.assign(tickets.size() + 1, 0);
    for (const Item& it : items)
      if (it.st == St::New) ++start[it.ticket + 1];
    for (size_t t = 0; t < tickets.size(); ++t) start[t + 1] += start[t];
    order.assign(start.back(), 0);
    {
      std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
      for (std::uint32_t o = 0; o < items.size(); ++o)
        if (items[o].st == St::New) order[fill[items[o].ticket]++] = o;
    }
    has_stored.assign(tickets.size(), 0);
    std::unique_ptr<SQLite::Statement> q;
    if (!fresh)
      q = std::make_unique<SQLite::Statement>(store.db(),
                                              "SELECT seq, ts, event, id, ref FROM events WHERE ticket = ? AND seq <= ?");
    std::vector<Entry> es;
    for (std::uint32_t t = 0; t < tickets.size(); ++t) {
      if (start[t] == start[t + 1]) continue;
      es.clear();
      if (q) {
        q->bind(1, tickets[t].id);
        q->bind(2, static_cast<std::int64_t>(before_max));
        while (q->executeStep()) {
          auto k = parse_event_kind(q->getColumn(2).getString());
          if (!k) continue;
          Entry en{q->getColumn(1).getInt64(), q->getColumn(0).getInt64(), *k, kNone};
          en.idh = id_hash(q->getColumn(3).getText());
          if (*k == EventKind::Voided) en.refh = id_hash(q->getColumn(4).getText());
          es.push_back(en);
        }
        q->reset();
        has_stored[t] = !es.empty();
      }
      for (std::uint32_t i = start[t]; i < start[t + 1]; ++i) {
        const Item& it = items[order[i]];
        Entry en{it.ts, it.seq, it.kind, order[i]};
        en.idh = it.idh;
        if (it.kind == EventKind::Voided) en.refh = id_hash(void_ref.at(order[i]));
        es.push_back(en);
      }
      std::sort(es.begin(), es.end(), [](const Entry& a, const Entry& b) {
        return a.ts != b.ts ? a.ts < b.ts : a.seq < b.seq;
      });
      check_ticket(t, es);
    }
  }

  std::string when(Instant t) const { return format_rfc3339(t, tz); }

  void check_ticket(std::uint32_t t, std::vector<Entry>& es) {
    const std::string& id = tickets[t].id;
    std::vector<const Entry*> created;
    for (const Entry& e : es)
      if (e.kind == EventKind::Created) created.push_back(&e);
    if (created.size() != 1) {
      std::string msg;
      if (created.empty()) {
        msg = tickets[t].bad_created_line
                  ? fmt::format("ticket {} has no valid created event (the created at line {} is bad)", id,
                                tickets[t].bad_created_line)
                  : fmt::format("ticket {} has no created event (in this input or in the store)", id);
        if (!tickets[t].bad_created_line && opts.map && !es.empty())  // an export starting mid-history
          msg += fmt::format("; its first event is '{}': [snapshot] open_on_first_row = true in the --map rules "
                             "opens a ticket on its first row (docs/mapping.md)",
                             to_string(es.front().kind));
      } else {
        std::string where;
        for (const Entry* c : created)
          where += (where.empty() ? "" : ", ") +
                   (c->item == kNone ? fmt::format("one stored at {}", when(c->ts))
                                     : fmt::format("line {}", items[c->item].line));
        msg = fmt::format("ticket {} has {} created events ({})", id, created.size(), where);
      }
      for (const Entry& e : es)
        if (e.item != kNone) mark_bad(e.item, msg);
      return;
    }
    Instant created_ts = created[0]->ts;
    std::vector<bool> out(es.size(), false);
    for (size_t i = 0; i < es.size(); ++i)
      if (es[i].item != kNone && es[i].ts < created_ts) {
        mark_bad(es[i].item, fmt::format("ts {} is before the ticket's created at {}", when(es[i].ts), when(created_ts)));
        out[i] = true;
      }
    // voids (spec "Validation"): each names an event of this ticket that is not
    // a created or voided event, not already voided, and not later than itself
    std::vector<std::uint32_t> target(es.size(), kNone);  // voided entry → the entry it withdraws
    std::vector<std::uint32_t> voided_by(es.size(), kNone);
    check_voids(id, es, out, target, voided_by);
    // paused/resumed alternate, in log order, among the events not voided
    for (bool again = true; again;) {
      again = false;
      bool paused = false;
      Instant since = 0;
      for (size_t i = 0; i < es.size() && !again; ++i) {
        if (out[i] || voided_by[i] != kNone) continue;
        const Entry& e = es[i];
        if (e.kind != EventKind::Paused && e.kind != EventKind::Resumed) continue;
        bool bad = e.kind == EventKind::Paused ? paused : !paused;
        if (!bad) {
          paused = e.kind == EventKind::Paused;
          since = e.ts;
          continue;
        }
        if (e.item != kNone) {
          mark_bad(e.item, e.kind == EventKind::Paused
                               ? fmt::format("paused while already paused (since {})", when(since))
                               : std::string("resumed while not paused"));
          out[i] = true;
          continue;
        }
        // a stored event became inconsistent: blame a new void of a pause or
        // resume, else the latest new pause/resume before it
        for (size_t j = 0; j < es.size() && !again; ++j) {
          if (out[j] || es[j].item == kNone || target[j] == kNone) continue;
          const Entry& w = es[target[j]];
          if (w.kind != EventKind::Paused && w.kind != EventKind::Resumed) continue;
          mark_bad(es[j].item, fmt::format("voiding the {} at {} leaves the {} at {} unmatched (to withdraw a "
                                           "pause, void both its paused and its resumed)",
                                           to_string(w.kind), when(w.ts), to_string(e.kind), when(e.ts)));
          out[j] = true;
          voided_by[target[j]] = kNone;
          again = true;
        }
        for (size_t j = i; !again && j-- > 0;)
          if (!out[j] && es[j].item != kNone && voided_by[j] == kNone &&
              (es[j].kind == EventKind::Paused || es[j].kind == EventKind::Resumed)) {
            mark_bad(es[j].item, fmt::format("{} conflicts with the stored {} at {}", to_string(es[j].kind),
                                             to_string(e.kind), when(e.ts)));
            out[j] = true;
            again = true;
            break;
          }
      }
    }
  }

  // The void rules of one ticket's events (log order). Stored voids were
  // checked when they came; the new ones are checked in file order, so that
  // of two voids of one event the later record is the bad one.
  void check_voids(const std::string& ticket, const std::vector<Entry>& es, std::vector<bool>& out,
                   std::vector<std::uint32_t>& target, std::vector<std::uint32_t>& voided_by) {
    std::vector<std::uint32_t> voids;
    for (std::uint32_t i = 0; i < es.size(); ++i)
      if (es[i].kind == EventKind::Voided && !out[i]) voids.push_back(i);
    if (voids.empty()) return;
    std::unordered_map<std::uint64_t, std::uint32_t> by_id;
    for (std::uint32_t i = 0; i < es.size(); ++i) by_id.emplace(es[i].idh, i);
    std::stable_sort(voids.begin(), voids.end(), [&](std::uint32_t a, std::uint32_t b) {
      const Entry &x = es[a], &y = es[b];
      if ((x.item == kNone) != (y.item == kNone)) return x.item == kNone;
      return x.item == kNone ? x.seq < y.seq : x.item < y.item;
    });
    for (std::uint32_t v : voids) {
      const Entry& e = es[v];
      auto f = by_id.find(e.refh);
      if (e.item == kNone) {  // stored: valid when it was stored
        if (f != by_id.end()) target[v] = f->second, voided_by[f->second] = v;
        continue;
      }
      const std::string& ref = void_ref.at(e.item);
      std::string why;
      if (f == by_id.end()) {
        why = fmt::format("ref '{}' is not an event of ticket {} (in this input or in the store)", ref, ticket);
      } else {
        const Entry& t = es[f->second];
        std::string what = t.item == kNone ? fmt::format("the stored {} at {}", to_string(t.kind), when(t.ts))
                                           : fmt::format("the {} at line {}", to_string(t.kind), items[t.item].line);
        if (out[f->second])
          why = fmt::format("ref '{}' names {}, which is itself bad", ref, what);
        else if (t.kind == EventKind::Created)
          why = fmt::format("ref '{}' names the ticket's created event, which cannot be voided (cancel the ticket "
                            "instead)", ref);
        else if (t.kind == EventKind::Voided)
          why = fmt::format("ref '{}' names a voided event: a correction cannot be voided", ref);
        else if (voided_by[f->second] != kNone) {
          const Entry& by = es[voided_by[f->second]];
          why = fmt::format("ref '{}' names {}, which is already voided ({})", ref, what,
                            by.item == kNone ? fmt::format("stored, at {}", when(by.ts))
                                             : fmt::format("at line {}", items[by.item].line));
        } else if (e.ts < t.ts)
          why = fmt::format("ts {} is earlier than that of the event it voids ({} at {})", when(e.ts),
                            to_string(t.kind), when(t.ts));
      }
      if (!why.empty()) {
        mark_bad(e.item, why);
        out[v] = true;
        continue;
      }
      target[v] = f->second;
      voided_by[f->second] = v;
    }
  }

  void project(std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& start,
               const std::vector<std::uint8_t>& has_stored) {
    TicketWriter w(store);
    std::vector<Event> evs;
    for (std::uint32_t t = 0; t < tickets.size(); ++t) {
      if (start[t] == start[t + 1]) continue;
      bool voids = false;
      for (std::uint32_t i = start[t]; i < start[t + 1] && !voids; ++i)
        voids = items[order[i]].kind == EventKind::Voided;
      if (has_stored[t]) {
        w.put(ticket_row(tickets[t].id, store.ticket_events(tickets[t].id)));
        continue;
      }
      evs.clear();
      // log order: ts, then seq (the items of a ticket are in file order = seq order)
      std::stable_sort(order.begin() + start[t], order.begin() + start[t + 1],
                       [&](std::uint32_t a, std::uint32_t b) { return items[a].ts < items[b].ts; });
      for (std::uint32_t i = start[t]; i < start[t + 1]; ++i) {
        const Item& it = items[order[i]];
        evs.emplace_back();
        Event& e = evs.back();
        frags.decode(it.frag, e);
        e.ts = it.ts;
        e.seq = it.seq;
      }
      // voided_at as resolve_voids() sets it, matching ids by the hashes the
      // void checks matched them by (check_voids): no need to read the ids back
      if (voids)
        for (std::uint32_t v = start[t]; v < start[t + 1]; ++v) {
          const Item& vi = items[order[v]];
          if (vi.kind != EventKind::Voided) continue;
          auto r = void_ref.find(order[v]);
          if (r == void_ref.end() || r->second.empty()) continue;
          const std::uint64_t h = id_hash(r->second);
          for (std::uint32_t i = start[t]; i < start[t + 1]; ++i) {
            const Item& ei = items[order[i]];
            if (i == v || ei.idh != h || ei.kind == EventKind::Created || ei.kind == EventKind::Voided) continue;
            Event& e = evs[i - start[t]];
            e.voided_at = std::min(e.voided_at, vi.ts);
          }
        }
      w.put(ticket_row(tickets[t].id, evs));
    }
  }

  // A file without a single record is refused (docs/import.md, "Empty files"):
  // an export that failed half-way often leaves an empty file or a lone
  // header, and cron must notice that instead of importing nothing with exit 0.
  [[noreturn]] static void throw_no_records(const RecordSource& src) {
    const std::string& n = src.name();
    std::string why;
    if (src.format() == "jsonl")
      why = "no records: the file is empty or holds only blank lines";
    else if (src.columns().empty())
      why = "empty file: expected a header row and at least one record";
    else
      why = "no records: the file has a header row but nothing after it";
    throw DataError(fmt::format("{}: nothing to import, nothing stored", n), {fmt::format("{}:1: {}", n, why)});
  }

  ImportResult run(const std::function<std::unique_ptr<RecordSource>()>& open, const std::string& name) {
    ImportResult res;
    res.source = name;
    KnownBad known_bad;
    top_level = sqlite3_get_autocommit(store.db().getHandle()) != 0;
    for (int attempt = 0;; ++attempt) {
      auto src = open();
      reset_file(name);
      res = ImportResult{};
      res.source = name;
      bool redo = false;
      try {
        store.write([&] {
          begin_file(src->bytes_total());
          read_all(*src, attempt ? &known_bad : nullptr, res);
          // the indexes of a bulk load, built once in key order (the ticket
          // checks and the projection read stored events by ticket)
          for (const auto& sql : index_sqls) store.db().exec(sql);
          index_sqls.clear();
          stored_ids = {};
          stored_seq = {};
          id_slots = {};
          res.skipped = src->skipped();
          if (res.read == 0 && res.skipped.empty() && src->format() != "events") throw_no_records(*src);
          std::vector<std::uint32_t> order, start;
          std::vector<std::uint8_t> has_stored;
          check_tickets(order, start, has_stored);
          // an in-file duplicate of a bad record is bad with it
          for (std::uint32_t o = 0; o < items.size(); ++o)
            if (items[o].st == St::DupFile && items[o].dup_of != kNone && items[items[o].dup_of].st == St::Bad)
              mark_bad(o, bad_msg[items[o].dup_of]);
          if (!bad_msg.empty()) {
            if (!opts.skip_bad || attempt >= 3) {
              res.failed = true;
              res.rejected = bad_msg.size();  // the bad records found (nothing of the file is stored)
              throw Rollback{};
            }
            for (auto& [o, m] : bad_msg) known_bad.emplace(o, std::make_pair(items[o].line, m));
            redo = true;
            throw Rollback{};
          }
          for (const Item& it : items) {
            if (it.st == St::New) ++res.added;
            else if (it.st == St::DupFile || it.st == St::DupStore) ++res.duplicate;
          }
          project(order, start, has_stored);
          if (res.added > 0) {
            SQLite::Statement q(store.db(),
                                "INSERT INTO imports(id, at, source, read, added, duplicate, rejected) "
                                "VALUES(?,?,?,?,?,?,?)");
            q.bind(1, static_cast<std::int64_t>(import_id));
            q.bind(2, static_cast<std::int64_t>(svc::now()));
            q.bind(3, name);
            q.bind(4, static_cast<std::int64_t>(res.read));
            q.bind(5, static_cast<std::int64_t>(res.added));
            q.bind(6, static_cast<std::int64_t>(res.duplicate));
            q.bind(7, static_cast<std::int64_t>(res.rejected));
            q.exec();
          }
        });
      } catch (const Rollback&) {
      }
      if (ins) sqlite3_finalize(ins), ins = nullptr;
      by_seq = nullptr;
      by_seq_st.reset();
      if (redo) continue;
      break;
    }
    if (res.failed) res.added = res.duplicate = 0;
    if (!res.failed) {  // skipped records: report them from the first pass
      problems.clear();
      std::vector<std::uint32_t> os;
      for (auto& [o, lm] : known_bad) os.push_back(o);
      std::sort(os.begin(), os.end());
      for (auto o : os) problems.push_back(known_bad[o]);
    }
    std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    res.problem_count = problems.size();
    for (auto& [line, msg] : problems) {
      if (error_budget == 0) break;
      res.problems.push_back(fmt::format("{}:{}: {}", name, line, msg));
      --error_budget;
    }
    if (reject) reject->flush();
    return res;
  }
};

Importer::Importer(Store& store, const Policy& policy, ImportOptions opts)
    : impl_(std::make_unique<Impl>(store, policy, std::move(opts))) {}
Importer::~Importer() = default;

ImportResult Importer::import_file(const std::string& path) {
  const ImportOptions& o = impl_->opts;
  std::unique_ptr<Spool> spool;
  std::string real = path;
  if (path == "-" && o.skip_bad) {  // may need a second pass
    spool = std::make_unique<Spool>();
    real = spool->path();
  }
  std::string fmt_name = o.format;
  if (!o.map && fmt_name.empty() && path == "-")
    throw UsageError("reading standard input needs --format csv or --format jsonl");
  if (!o.map && fmt_name.empty() && format_from_extension(path).empty())
    throw UsageError(fmt::format("cannot tell the format of '{}' from its name: use --format csv or --format jsonl", path));
  auto open = [&]() -> std::unique_ptr<RecordSource> {
    if (o.map) return open_mapped(real, o.map, path, impl_->tz);
    return open_log(real, fmt_name.empty() ? format_from_extension(path) : fmt_name, path);
  };
  return impl_->run(open, path);
}

ImportResult Importer::import_events(const std::vector<Event>& events, const std::string& source) {
  return impl_->run([&] { return std::make_unique<EventSource>(events, source); }, source);
}

ImportResult append_events(Store& store, const Policy& policy, std::vector<Event> events, const std::string& source) {
  Importer imp(store, policy);
  ImportResult r = imp.import_events(events, source);
  if (r.failed)
    throw DataError(fmt::format("{}: {} problem{}, nothing stored", source, r.problem_count,
                                r.problem_count == 1 ? "" : "s"),
                    r.problems);
  return r;
}

}  // namespace svc
