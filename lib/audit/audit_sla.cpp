// The SLA audit (audit_sla): the tickets streamed from the projection in
// ranges of ticket ids, evaluated on worker threads, written in order by the
// writers of audit_sla_output.cpp. Memory stays flat whatever the store's size:
// nothing holds every ticket (docs/sla.md, "Speed").
#include "audit.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "audit_internal.hpp"
#include "error.hpp"
#include "projection_scan.hpp"

namespace svc {

using namespace audit_detail;

namespace {

constexpr std::size_t kChunk = 1024;  // tickets a worker reads and renders at once
// Each reader's page cache. The readers do not map the file (ReadSnapshot):
// mapped pages would stay resident, and a 10M-event store has 400 MB of tickets.
constexpr int kCacheKib = 16 * 1024;

// The tickets of one id range [:lo, :hi): a BLOB :hi sorts after every TEXT id
// (SQLite's order of types), so the last range is bound to one and has no end.
// `+created_at`: the range is walked in id order on the primary key (or on
// tickets_by_ticket_digest, which covers the query), not on tickets_by_created.
constexpr const char* kRangeSql =
    "SELECT ticket, digest FROM tickets WHERE ticket >= :lo AND ticket < :hi AND +created_at <= :as_of "
    "ORDER BY ticket";
constexpr const char* kOneSql = "SELECT ticket, digest FROM tickets WHERE ticket = :ticket AND +created_at <= :as_of";

// What one worker needs of its own: the time zone and the calendar keep caches
// that are not safe to share between threads; its connection's statements.
struct Worker {
  Policy policy;
  BusinessCalendar cal;
  TicketFacts facts;
  std::vector<SlaEvent> scratch;
  StmtPtr range, one;
  Worker(const Policy& p, const ReadSnapshot& snap, int k, Instant as_of)
      : policy(p), cal(policy.calendar, policy.tz), range(snap.prepare(k, kRangeSql)), one(snap.prepare(k, kOneSql)) {
    for (sqlite3_stmt* st : {range.get(), one.get()})
      sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":as_of"), as_of);
  }
};

// The result of one chunk of tickets.
struct Chunk {
  std::string text;                                       // rendered JSON or CSV
  std::optional<TableWidths> widths;                      // table: the columns' widths, when fitting
  std::vector<std::pair<Instant, std::string>> flagged;   // (overdue, ticket) with a breach or at risk
  SlaCounts counts;
};

void check_done(int rc, sqlite3_stmt* st) {
  if (rc != SQLITE_DONE) rethrow_sqlite(SQLite::Exception(sqlite3_db_handle(st), rc), "reading tickets");
}

// Runs produce(k, worker, chunk) for k in [0, n) on the workers' threads and
// hands the chunks to consume() in order, on the calling thread. Workers stay a
// bounded number of chunks ahead, so memory stays flat.
template <class Produce, class Consume>
void in_chunks(std::size_t n, std::deque<Worker>& workers, Produce produce, Consume consume) {
  const std::size_t window = workers.size() * 4;
  std::deque<std::optional<Chunk>> done;  // chunks [consumed, consumed + done.size())
  std::mutex m;
  std::condition_variable cv;
  std::size_t next = 0, consumed = 0;
  std::exception_ptr error;
  auto run = [&](Worker& w) {
    for (;;) {
      std::size_t k;
      {
        std::unique_lock lk(m);
        cv.wait(lk, [&] { return error || next >= n || next < consumed + window; });
        if (error || next >= n) return;
        k = next++;
        while (done.size() <= k - consumed) done.emplace_back();
      }
      Chunk c;
      try {
        produce(k, w, c);
      } catch (...) {
        std::lock_guard lk(m);
        if (!error) error = std::current_exception();
        cv.notify_all();
        return;
      }
      std::lock_guard lk(m);
      done[k - consumed] = std::move(c);
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (auto& w : workers) pool.emplace_back(run, std::ref(w));
  try {
    for (std::size_t k = 0; k < n; ++k) {
      Chunk c;
      {
        std::unique_lock lk(m);
        cv.wait(lk, [&] { return error || (!done.empty() && done.front().has_value()); });
        if (error) break;
        c = std::move(*done.front());
        done.pop_front();
        consumed = k + 1;
        cv.notify_all();
      }
      consume(c);
    }
  } catch (...) {
    std::lock_guard lk(m);
    if (!error) error = std::current_exception();
    cv.notify_all();
  }
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// Binds range k of `bounds` (ranges: [ "", b0 ), [b0, b1), ... [b_last, end)).
void bind_range(sqlite3_stmt* st, const std::vector<std::string>& bounds, std::size_t k) {
  static const char kNone = 0;
  const int lo = sqlite3_bind_parameter_index(st, ":lo"), hi = sqlite3_bind_parameter_index(st, ":hi");
  if (k == 0) sqlite3_bind_text(st, lo, "", 0, SQLITE_STATIC);
  else sqlite3_bind_text(st, lo, bounds[k - 1].data(), int(bounds[k - 1].size()), SQLITE_STATIC);
  if (k < bounds.size()) sqlite3_bind_text(st, hi, bounds[k].data(), int(bounds[k].size()), SQLITE_STATIC);
  else sqlite3_bind_blob(st, hi, &kNone, 0, SQLITE_STATIC);
}

}  // namespace

SlaCounts audit_sla(Store& store, const Policy& policy, const SlaAuditOptions& o, std::ostream& out) {
  const TimeZone& tz = policy.tz;
  const bool unit_attributes = policy.rules_use_unit_attributes();
  const bool one = !o.ticket.empty();
  ReadSnapshot snap(store, one ? 1 : analysis_threads(), 0, kCacheKib);
  std::deque<Worker> workers;  // not moved once built: the calendar refers into the policy
  for (int k = 0; k < snap.size(); ++k) workers.emplace_back(policy, snap, k, o.as_of);
  SlaCounts counts;

  // Evaluates ticket `name` (read by w.one); false when it is not in the snapshot as of then.
  auto evaluate_one = [&](Worker& w, std::string_view name, bool explain, TicketSla& t) {
    sqlite3_stmt* st = w.one.get();
    sqlite3_reset(st);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":ticket"), name.data(), int(name.size()), SQLITE_STATIC);
    int rc = sqlite3_step(st);
    bool found = false;
    if (rc == SQLITE_ROW && lean_ticket(column_text(st, 0), column_blob(st, 1), o.as_of, unit_attributes, w.facts, w.scratch)) {
      t = evaluate_sla(w.facts, w.scratch, w.policy, w.cal, o.as_of, explain);
      found = true;
    }
    if (rc == SQLITE_ROW) rc = sqlite3_step(st);
    check_done(rc, st);
    sqlite3_reset(st);
    return found;
  };

  // --ticket: that one ticket, explained in a table, else one row of the listing
  std::optional<TicketSla> single;
  if (one) {
    const bool explain = o.format == Format::Table;
    TicketSla t;
    if (!evaluate_one(workers[0], o.ticket, explain, t)) {
      if (store.ticket_events(o.ticket).empty()) throw NoInputError(fmt::format("no ticket '{}' in the store", o.ticket));
      throw NoInputError(fmt::format("ticket '{}' was not created as of {}", o.ticket, format_rfc3339(o.as_of, tz)));
    }
    if (explain) {
      counts.add(t);
      counts.listed = 1;
      explain_sla(out, t, policy, o.as_of);
      return counts;
    }
    single = std::move(t);
  }

  // Header.
  std::string head;
  Table tab;
  switch (o.format) {
    case Format::Json:
      head += "{\"as_of\":";
      append_json_string(head, format_rfc3339(o.as_of, tz));
      head += ",\"tickets\":[";
      break;
    case Format::Csv: {
      std::ostringstream h;
      write_csv_row(h, sla_columns(o.format));
      head += h.str();
      break;
    }
    default:
      tab.headers = sla_columns(o.format);
      tab.align.assign(tab.headers.size(), Align::Left);
      tab.align[9] = Align::Right;
  }
  out.write(head.data(), std::streamsize(head.size()));

  // A table is written in two passes over its tickets, so that no listing is
  // held whole: the first fits the column widths, the second writes the lines.
  const bool table = o.format == Format::Table;
  bool fitting = table;
  TableWidths widths(tab.headers);

  // Renders one ticket into a chunk; every JSON object gets a comma before it,
  // and the first one written drops it.
  auto render = [&](const TicketSla& t, const TimeZone& wtz, Chunk& c) {
    ++c.counts.listed;
    switch (o.format) {
      case Format::Json:
        if (c.text.empty()) c.text.reserve(512 * 1024);  // a chunk of 1024 tickets: no regrowth
        c.text += ',';
        append_sla_json(c.text, t, wtz);
        break;
      case Format::Csv: {
        auto row = sla_row(t, wtz, o.format);
        for (std::size_t k = 0; k < row.size(); ++k) {
          if (k) c.text += ',';
          c.text += csv_cell(row[k]);
        }
        c.text += "\r\n";
        break;
      }
      default:
        if (fitting) {
          if (!c.widths) c.widths.emplace(tab.headers);
          c.widths->fit(sla_row(t, wtz, o.format));
        } else {
          c.text += table_line(sla_row(t, wtz, o.format), widths, tab.align);
        }
    }
  };
  bool written = false;
  auto take = [&](Chunk& c) {
    counts.add(c.counts);
    if (!c.text.empty()) {
      const std::size_t skip = o.format == Format::Json && !written ? 1 : 0;
      out.write(c.text.data() + skip, std::streamsize(c.text.size() - skip));
      written = true;
    }
    if (c.widths) widths.fit(*c.widths);
  };
  // After the fitting pass: the table's head, when it has rows; then the lines.
  auto begin_lines = [&](std::int64_t rows) {
    if (!table) return false;
    if (rows > 0) out << table_head(tab, widths);
    fitting = false;
    return rows > 0;
  };

  if (one) {
    Chunk c;
    c.counts.add(*single);
    render(*single, tz, c);
    take(c);
  } else {
    // Every ticket, a range of ids at a time: selected, evaluated once, then
    // written (--all, in ticket id order) or remembered when flagged.
    const std::vector<std::string> bounds = ticket_id_bounds(snap, kChunk);
    std::vector<std::pair<Instant, std::string>> flagged;
    auto each_range = [&](std::size_t k, Worker& w, Chunk& c) {
      sqlite3_stmt* st = w.range.get();
      sqlite3_reset(st);
      bind_range(st, bounds, k);
      int rc;
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        auto created = lean_ticket(column_text(st, 0), column_blob(st, 1), o.as_of, unit_attributes, w.facts, w.scratch);
        if (!created) continue;  // not created as of then (a projection row out of step): left out
        if (!o.filter.matches(*created, w.facts.outlet, w.facts.region, w.policy.tz)) continue;
        TicketSla t = evaluate_sla(w.facts, w.scratch, w.policy, w.cal, o.as_of, false);
        c.counts.add(t);
        if (o.all) render(t, w.policy.tz, c);
        else if (listed(t)) c.flagged.emplace_back(t.max_overdue(), t.ticket);
      }
      check_done(rc, st);
      sqlite3_reset(st);
    };
    in_chunks(bounds.size() + 1, workers, each_range, [&](Chunk& c) {
      take(c);
      for (auto& f : c.flagged) flagged.push_back(std::move(f));
    });
    if (o.all && begin_lines(counts.listed))  // the lines of the table: the ranges again, counted once already
      in_chunks(bounds.size() + 1, workers, each_range, [&](Chunk& c) {
        c.counts = SlaCounts{};
        take(c);
      });
    if (!o.all) {
      // those with a breached or at-risk target, most overdue first, then by ticket id
      std::sort(flagged.begin(), flagged.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first > b.first;
        return a.second < b.second;
      });
      auto each_flagged = [&](std::size_t k, Worker& w, Chunk& c) {
        for (std::size_t i = k * kChunk; i < std::min(flagged.size(), (k + 1) * kChunk); ++i) {
          TicketSla t;
          if (!evaluate_one(w, flagged[i].second, false, t))
            throw InternalError(fmt::format("ticket '{}' left the snapshot of the store", flagged[i].second));
          render(t, w.policy.tz, c);
        }
      };
      const std::size_t chunks = (flagged.size() + kChunk - 1) / kChunk;
      in_chunks(chunks, workers, each_flagged, [&](Chunk& c) {  // counted in the first pass: only the output and the listed count
        counts.listed += c.counts.listed;
        c.counts = SlaCounts{};
        take(c);
      });
      if (begin_lines(counts.listed))
        in_chunks(chunks, workers, each_flagged, [&](Chunk& c) {
          c.counts = SlaCounts{};
          take(c);
        });
    }
  }

  switch (o.format) {
    case Format::Json: out << "]}\n"; break;
    case Format::Csv: break;
    default:
      out << counts.line(o.as_of, tz) << "\n";
  }
  out.flush();
  return counts;
}

}  // namespace svc
