// The SLA audit (audit_sla): tickets read by SlaStoreView (audit.cpp), evaluated
// on worker threads in chunks, rendered by the writers of audit_sla_output.cpp.
#include "audit.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <sstream>

#include "digest.hpp"
#include "projection_scan.hpp"
#include "error.hpp"
#include "audit_internal.hpp"

namespace svc {

using namespace audit_detail;

namespace {

// What one worker needs of its own: the time zone and the calendar keep caches
// that are not safe to share between threads.
struct Worker {
  Policy policy;
  BusinessCalendar cal;
  std::vector<SlaEvent> scratch;
  explicit Worker(const Policy& p) : policy(p), cal(policy.calendar, policy.tz) {}
};

// The result of one chunk of tickets.
struct Chunk {
  std::string text;                                   // rendered JSON or CSV
  std::vector<std::vector<std::string>> rows;         // table rows
  std::vector<std::pair<Instant, std::size_t>> flagged;  // (overdue, ticket) with a breach or at risk
  SlaCounts counts;
};

// Runs produce(items[b..e), worker, chunk) over chunks of `items` on worker
// threads and hands the chunks to consume() in order, on the calling thread.
// Workers stay a bounded number of chunks ahead, so memory stays flat.
template <class Produce, class Consume>
void in_chunks(const std::vector<std::size_t>& items, const Policy& policy, Produce produce, Consume consume) {
  constexpr std::size_t kChunk = 1024;
  const std::size_t n = (items.size() + kChunk - 1) / kChunk;
  const int threads = analysis_threads();
  const std::size_t window = std::size_t(threads) * 4;
  std::vector<std::optional<Chunk>> done(n);
  std::mutex m;
  std::condition_variable cv;
  std::size_t next = 0, consumed = 0;
  std::exception_ptr error;
  std::deque<Worker> workers;  // not moved once built: the calendar refers into the policy
  for (int t = 0; t < threads; ++t) workers.emplace_back(policy);
  auto run = [&](Worker& w) {
    for (;;) {
      std::size_t k;
      {
        std::unique_lock lk(m);
        cv.wait(lk, [&] { return error || next >= n || next < consumed + window; });
        if (error || next >= n) return;
        k = next++;
      }
      Chunk c;
      try {
        const std::size_t b = k * kChunk, e = std::min(items.size(), b + kChunk);
        produce(items.data() + b, items.data() + e, w, c);
      } catch (...) {
        std::lock_guard lk(m);
        if (!error) error = std::current_exception();
        cv.notify_all();
        return;
      }
      std::lock_guard lk(m);
      done[k] = std::move(c);
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
        cv.wait(lk, [&] { return error || done[k].has_value(); });
        if (error) break;
        c = std::move(*done[k]);
        done[k].reset();
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

}  // namespace

SlaCounts audit_sla(Store& store, const Policy& policy, const SlaAuditOptions& o, std::ostream& out) {
  const TimeZone& tz = policy.tz;
  BusinessCalendar cal(policy.calendar, tz);
  SlaStoreView view(store, o.as_of, o.ticket,
                    std::any_of(policy.rules.begin(), policy.rules.end(),
                                [](const SlaRule& r) { return r.uses_unit_attributes(); }));
  SlaCounts counts;

  if (!o.ticket.empty() && view.size() == 0) {
    if (store.ticket_events(o.ticket).empty()) throw NoInputError(fmt::format("no ticket '{}' in the store", o.ticket));
    throw NoInputError(fmt::format("ticket '{}' was not created as of {}", o.ticket, format_rfc3339(o.as_of, tz)));
  }
  if (!o.ticket.empty() && o.format == Format::Table) {
    TicketSla t = view.evaluate(0, policy, cal, true);
    counts.add(t);
    counts.listed = 1;
    explain_sla(out, t, policy, o.as_of);
    return counts;
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

  // Renders one ticket into a chunk (JSON objects separated by commas: the
  // first one of the listing gets none).
  auto render = [&](const TicketSla& t, const TimeZone& wtz, Chunk& c, bool first_of_all) {
    ++c.counts.listed;
    switch (o.format) {
      case Format::Json:
        if (c.text.empty()) c.text.reserve(512 * 1024);  // a chunk of 1024 tickets: no regrowth
        if (!first_of_all) c.text += ',';
        append_sla_json(c.text, t, wtz);
        break;
      case Format::Csv: {
        auto row = sla_row(t, wtz, o.format);
        for (std::size_t k = 0; k < row.size(); ++k) {
          if (k) c.text += ',';
          c.text += csv_field(row[k]);
        }
        c.text += "\r\n";
        break;
      }
      default: c.rows.push_back(sla_row(t, wtz, o.format));
    }
  };
  auto take = [&](Chunk& c) {
    counts.add(c.counts);
    if (!c.text.empty()) out.write(c.text.data(), std::streamsize(c.text.size()));
    for (auto& r : c.rows) tab.add(std::move(r));
  };

  std::vector<std::size_t> selected;
  if (!o.ticket.empty()) {
    selected.push_back(0);
  } else {
    if (o.all) view.order_by_ticket_id();  // --all lists in ticket id order
    for (std::size_t i = 0; i < view.size(); ++i) selected.push_back(i);
    std::erase_if(selected, [&](std::size_t i) {
      return !o.filter.matches(view.created(i), view.outlet(i), view.region(i), tz);
    });
  }
  const std::size_t* first = selected.data();

  if (o.all || !o.ticket.empty()) {
    // every selected ticket, each evaluated once
    in_chunks(selected, policy,
              [&](const std::size_t* b, const std::size_t* e, Worker& w, Chunk& c) {
                for (const std::size_t* p = b; p != e; ++p) {
                  TicketSla t = view.evaluate(*p, w.policy, w.cal, w.scratch);
                  c.counts.add(t);
                  render(t, w.policy.tz, c, p == first);
                }
              },
              take);
  } else {
    // those with a breached or at-risk target, most overdue first, then by ticket id
    std::vector<std::pair<Instant, std::size_t>> flagged;
    in_chunks(selected, policy,
              [&](const std::size_t* b, const std::size_t* e, Worker& w, Chunk& c) {
                for (const std::size_t* p = b; p != e; ++p) {
                  TicketSla t = view.evaluate(*p, w.policy, w.cal, w.scratch);
                  c.counts.add(t);
                  if (listed(t)) c.flagged.emplace_back(t.max_overdue(), *p);
                }
              },
              [&](Chunk& c) {
                counts.add(c.counts);
                flagged.insert(flagged.end(), c.flagged.begin(), c.flagged.end());
              });
    std::sort(flagged.begin(), flagged.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return view.ticket(a.second) < view.ticket(b.second);
    });
    std::vector<std::size_t> order;
    for (auto& f : flagged) order.push_back(f.second);
    const std::size_t* first_listed = order.data();
    in_chunks(order, policy,
              [&](const std::size_t* b, const std::size_t* e, Worker& w, Chunk& c) {
                for (const std::size_t* p = b; p != e; ++p)
                  render(view.evaluate(*p, w.policy, w.cal, w.scratch), w.policy.tz, c, p == first_listed);
              },
              [&](Chunk& c) {  // counted in the first pass: only the output and the listed count
                counts.listed += c.counts.listed;
                c.counts = SlaCounts{};
                take(c);
              });
  }

  switch (o.format) {
    case Format::Json: out << "]}\n"; break;
    case Format::Csv: break;
    default:
      if (!tab.rows.empty()) write_table(out, tab);
      out << counts.line(o.as_of, tz) << "\n";
  }
  out.flush();
  return counts;
}

}  // namespace svc
