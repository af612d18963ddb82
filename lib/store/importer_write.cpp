// The importer's writing side (Importer::Impl, importer_internal.hpp): the
// bulk-load decision and its in-memory id table, the insert of each good
// event with its chain, id conflicts (duplicates or reused ids), the writer
// loop that takes the reader thread's records, and the projection of the
// file's tickets.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>

#include "error.hpp"
#include "importer_internal.hpp"
#include "limits.hpp"
#include "projection.hpp"

namespace svc {

using namespace importer_detail;

// Bulk load into an empty store, or when the file is at least 1 MB and the
// store holds at most twice the events the file's size suggests: then
// building each index once over everything costs less than inserting into
// it event by event.
bool importer_detail::bulk_worth_it(std::int64_t stored, std::uint64_t file_bytes) {
  if (stored == 0) return true;
  const std::uint64_t est = file_bytes / 100;  // records of a log are 60-100 bytes
  return est >= 10000 && std::uint64_t(stored) <= 2 * est && stored < (std::int64_t(1) << 31);
}

void Importer::Impl::begin_file(std::uint64_t file_bytes) {
  SQLite::Database& db = store.db();
  before_max = db.execAndGet("SELECT coalesce(max(seq), 0) FROM events").getInt64();
  fresh = before_max == 0;
  import_id = db.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM imports").getInt64();
  prev_chain = store.last_chain();
  prev_seal = store.last_seal();
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
    // events_voided, events_complaints), dropped now and created again before the commit.
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
      "serial, ref, due, chain, import_id, seal) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  if (!bulk) sql += " ON CONFLICT(id) DO NOTHING";
  if (sqlite3_prepare_v3(db.getHandle(), sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &ins, nullptr) != SQLITE_OK)
    throw InternalError(fmt::format("preparing the insert: {}", sqlite3_errmsg(db.getHandle())));
}

// ---------------------------------------------------------------------------
// Bulk load: the in-memory id table (linear probing over id hashes; slot_hash,
// slot_seq and id_slot_put are inline in importer_internal.hpp).

void Importer::Impl::id_table_add(std::uint32_t v) {
  if ((id_used + 1) * 2 > id_slots.size()) {
    std::vector<std::uint32_t> old = std::move(id_slots);
    id_slots.assign(std::max<std::size_t>(std::size_t(1) << 16, old.size() * 2), kNone);
    for (std::uint32_t x : old)
      if (x != kNone) id_slot_put(x);
  }
  id_slot_put(v);
  ++id_used;
}

// The event this file already stored under e's id, read back by seq; false when none.
bool Importer::Impl::id_table_find(const Event& e, std::uint64_t h, Event& old) {
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

// ---------------------------------------------------------------------------
// Storing

// Stores one good event; returns its status.
Importer::Impl::St Importer::Impl::insert(Event& e, Item& it, std::uint32_t o, const std::string& digest_hex) {
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
  char chain_hex[64];
  to_hex(chain, 32, chain_hex);
  const std::string seal_hex = event_seal(prev_seal, std::string_view(chain_hex, 64), e.id, import_id);
  const std::string seal = blob_of_hex(seal_hex);
  sqlite3_bind_blob(ins, 7 + kFieldCount, seal.data(), 32, SQLITE_STATIC);
  int rc = sqlite3_step(ins);
  sqlite3_reset(ins);
  if (rc != SQLITE_DONE) throw SQLite::Exception(h, rc);
  if (sqlite3_changes(h) == 1) {
    it.seq = sqlite3_last_insert_rowid(h);
    if (std::uint64_t(it.seq - before_max - 1) == seq_item.size()) seq_item.push_back(o);
    prev_chain.assign(chain_hex, 64);
    prev_seal = seal_hex;
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
Importer::Impl::St Importer::Impl::conflict(const Event& old, Item& it, std::uint32_t o, const Event& e,
                                            const std::string& digest_hex) {
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

// The writer loop (this thread): takes the reader thread's batches, stores
// each good record, keeps what the ticket checks and the projection need.
void Importer::Impl::read_all(RecordSource& src, const KnownBad* known_bad, ImportResult& res) {
  Pipe pipe;
  std::thread th(read_records, std::ref(src), std::cref(tz), known_bad, reject.get(), std::ref(pipe));
  struct Join {  // stop and join the reader however this ends
    Pipe& p;
    std::thread& t;
    ~Join() {
      p.stop();
      t.join();
    }
  } join{pipe, th};
  std::string digest_hex(64, '0');
  const Instant now_at_start = svc::now();
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
      if (p.err.empty()) p.err = date_problem(p.e, policy.limits, tz, now_at_start);  // future ts, purchase dates
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

// ---------------------------------------------------------------------------
// The projection of the file's tickets

void Importer::Impl::project(std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& start,
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

}  // namespace svc
