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

namespace svc {

// ---------------------------------------------------------------------------
// SlaStoreView: one pass over the tickets projection and its digests.

std::int32_t SlaStoreView::Data::intern(std::string_view s) {
  auto it = pool_index.find(s);
  if (it != pool_index.end()) return it->second;
  pool.emplace_back(s);
  auto id = std::int32_t(pool.size() - 1);
  pool_index.emplace(pool.back(), id);
  return id;
}

void SlaStoreView::Data::append(Data&& part) {
  std::vector<std::int32_t> remap(part.pool.size());
  for (std::size_t i = 0; i < remap.size(); ++i) remap[i] = intern(part.pool[i]);
  auto re = [&](std::int32_t v) { return v < 0 ? v : remap[std::size_t(v)]; };
  const auto name_base = std::uint32_t(names.size());
  const std::size_t row_base = rows.size();
  names += part.names;
  for (Ticket t : part.tickets) {
    t.name_off += name_base;
    t.type = re(t.type), t.urgency = re(t.urgency), t.channel = re(t.channel);
    t.region = re(t.region), t.outlet = re(t.outlet);
    t.customer = re(t.customer), t.product = re(t.product), t.serial = re(t.serial);
    t.begin += row_base, t.end += row_base;
    tickets.push_back(t);
  }
  rows.reserve(rows.size() + part.rows.size());
  for (Row r : part.rows) {
    r.engineer = re(r.engineer);
    rows.push_back(r);
  }
}

SlaStoreView::SlaStoreView(Store& store, Instant as_of, const std::string& ticket, bool unit_attributes)
    : as_of_(as_of), unit_attributes_(unit_attributes) {
  // One row per ticket of the projection: its id and its digest (lib/store/digest.hpp),
  // whose first created event holds the attributes rules match on. `+created_at`:
  // a sequential scan (of a rowid range), not the created_at index and a seek per row.
  std::string sql = "SELECT ticket, digest FROM tickets WHERE +created_at <= :as_of AND rowid BETWEEN :lo AND :hi";
  if (!ticket.empty()) sql += " AND ticket = :ticket";
  auto scan = [as_of, unit_attributes](sqlite3_stmt* st, Data& d) {
    int rc;
    DigestItem e;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      Ticket t;
      std::string_view name = column_text(st, 0);
      t.name_off = std::uint32_t(d.names.size());
      t.name_len = std::uint32_t(name.size());
      d.names.append(name);
      t.begin = d.rows.size();
      DigestCursor c(column_blob(st, 1));
      bool created = false;
      while (c.next(e)) {
        if (!e.counts(as_of)) continue;
        if (e.kind == EventKind::Created && !created) {  // the first in log order, as in the projection
          created = true;
          t.created = e.ts;
          t.type = d.intern(e.get(Field::Type)), t.urgency = d.intern(e.get(Field::Urgency));
          t.channel = d.intern(e.get(Field::Channel)), t.region = d.intern(e.get(Field::Region));
          t.outlet = d.intern(e.get(Field::Outlet));
          t.has_distance = parse_plain_decimal(e.get(Field::DistanceKm), t.distance);
          if (!t.has_distance) t.distance = 0;
          if (auto due = due_instant(e.get(Field::Due))) t.has_due = true, t.due = *due;
          if (unit_attributes) {
            t.customer = d.intern(e.get(Field::Customer)), t.product = d.intern(e.get(Field::Product));
            t.serial = d.intern(e.get(Field::Serial));
          }
        }
        d.rows.push_back({e.ts, e.kind, e.kind == EventKind::Fee && e.get(Field::Approved) == "no",
                          e.kind == EventKind::Dispatched ? d.intern(e.get(Field::Engineer)) : -1});
      }
      if (!created) {  // not created as of then (a projection row out of step): leave it out
        d.rows.resize(t.begin);
        continue;
      }
      t.end = d.rows.size();
      d.tickets.push_back(t);
    }
    if (rc != SQLITE_DONE) rethrow_sqlite(SQLite::Exception(sqlite3_db_handle(st), rc), "reading tickets");
  };
  const int parts = ticket.empty() ? analysis_threads() : 1;
  std::vector<Data> got(static_cast<std::size_t>(parts));
  if (ticket.empty())  // room for every event at once: the largest seq bounds their number
    d_.rows.reserve(std::size_t(std::max<std::int64_t>(
                        0, store.db().execAndGet("SELECT coalesce(max(seq), 0) FROM events").getInt64())) /
                        std::size_t(parts) + 1024);
  scan_tickets(
      store, sql, parts,
      [&](sqlite3_stmt* st) {
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":as_of"), as_of);
        if (!ticket.empty())
          sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":ticket"), ticket.data(), int(ticket.size()),
                            SQLITE_TRANSIENT);
      },
      [&](int k, sqlite3_stmt* st) { scan(st, k == 0 ? d_ : got[std::size_t(k)]); });
  for (std::size_t k = 1; k < got.size(); ++k) d_.append(std::move(got[k]));
}

TicketSla SlaStoreView::evaluate(std::size_t i, const Policy& policy, const BusinessCalendar& cal,
                                 bool explain) const {
  return evaluate(i, policy, cal, scratch_, explain);
}

TicketSla SlaStoreView::evaluate(std::size_t i, const Policy& policy, const BusinessCalendar& cal,
                                 std::vector<SlaEvent>& scratch, bool explain) const {
  const Ticket& t = d_.tickets[i];
  scratch.clear();
  for (std::size_t k = t.begin; k < t.end; ++k) scratch.push_back({d_.rows[k].ts, d_.rows[k].kind, str(d_.rows[k].engineer)});
  TicketFacts f;
  f.ticket = name(t);
  f.type = str(t.type), f.urgency = str(t.urgency), f.channel = str(t.channel);
  f.region = str(t.region), f.outlet = str(t.outlet);
  if (t.has_distance) f.distance_km = t.distance;
  if (t.has_due) f.due = t.due;
  if (!unit_attributes_ && std::any_of(policy.rules.begin(), policy.rules.end(),
                                       [](const SlaRule& r) { return r.uses_unit_attributes(); }))
    throw InternalError("SlaStoreView read without customer, product and serial, which the policy's rules need");
  f.customer = str(t.customer), f.product = str(t.product), f.serial = str(t.serial);
  return evaluate_sla(f, scratch, policy, cal, as_of_, explain);
}

bool SlaStoreView::integrity_candidate(std::size_t i) const {
  const Ticket& t = d_.tickets[i];
  Instant first_completed = std::numeric_limits<Instant>::max();
  for (std::size_t k = t.begin; k < t.end; ++k)
    if (d_.rows[k].kind == EventKind::Completed) {
      first_completed = d_.rows[k].ts;
      break;
    }
  for (std::size_t k = t.begin; k < t.end; ++k) {
    if (d_.rows[k].unapproved) return true;
    if (d_.rows[k].kind == EventKind::Signed && d_.rows[k].ts <= first_completed) return true;
  }
  return false;
}

void SlaStoreView::order_by_ticket_id() {
  // Lay the tickets and their rows out in id order, so that a listing in that
  // order reads memory front to back instead of jumping (a cache miss a ticket).
  // Sorted on the first 8 bytes as a big-endian integer, the rest only on ties.
  struct Key {
    std::uint64_t prefix;
    std::size_t idx;
  };
  std::vector<Key> order(d_.tickets.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    std::string_view n = ticket(i);
    std::uint64_t p = 0;
    for (std::size_t k = 0; k < 8; ++k) p = p << 8 | (k < n.size() ? static_cast<unsigned char>(n[k]) : 0u);
    order[i] = {p, i};
  }
  std::sort(order.begin(), order.end(), [&](const Key& a, const Key& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return ticket(a.idx) < ticket(b.idx);
  });
  std::vector<Ticket> tickets;
  std::vector<Row> rows;
  tickets.reserve(order.size());
  rows.reserve(d_.rows.size());
  for (const Key& key : order) {
    Ticket t = d_.tickets[key.idx];
    const std::size_t b = rows.size();
    rows.insert(rows.end(), d_.rows.begin() + std::ptrdiff_t(t.begin), d_.rows.begin() + std::ptrdiff_t(t.end));
    t.begin = b, t.end = rows.size();
    tickets.push_back(t);
  }
  d_.tickets.swap(tickets);
  d_.rows.swap(rows);
}

// ---------------------------------------------------------------------------

bool TicketFilter::matches(Instant created, std::string_view o, std::string_view r, const TimeZone& tz) const {
  if (!outlet.empty() && o != outlet) return false;
  if (!region.empty() && r != region) return false;
  if (from || to) {
    Day d = tz.local_day(created);
    if (from && d < *from) return false;
    if (to && d > *to) return false;
  }
  return true;
}

void SlaCounts::add(const TicketSla& t) {
  ++tickets;
  switch (t.status) {
    case TicketStatus::Late: ++late; break;
    case TicketStatus::OnTime: ++on_time; break;
    case TicketStatus::Open: ++open; break;
    case TicketStatus::Cancelled: ++cancelled; break;
    case TicketStatus::None: ++none; break;
  }
  if (t.any(TargetStatus::Breached)) ++breached;
  else if (t.at_risk()) ++at_risk;
}

void SlaCounts::add(const SlaCounts& o) {
  tickets += o.tickets, late += o.late, on_time += o.on_time, open += o.open, cancelled += o.cancelled;
  none += o.none, breached += o.breached, at_risk += o.at_risk, listed += o.listed;
}

std::string SlaCounts::line(Instant as_of, const TimeZone& tz) const {
  return fmt::format(
      "{} ticket{} as of {}: {} late, {} on time, {} open, {} cancelled, {} without a rule; {} with a breached "
      "target, {} at risk",
      tickets, tickets == 1 ? "" : "s", format_rfc3339_s(as_of, tz), late, on_time, open, cancelled, none, breached,
      at_risk);
}

std::string format_hm(Instant micros) {
  bool neg = micros < 0;
  if (neg) micros = -micros;
  Instant s = micros / kMicrosPerSecond;
  std::string out = s >= 3600 ? fmt::format("{}h{:02}m", s / 3600, s / 60 % 60) : fmt::format("{}m", s / 60);
  if (s % 60) out += fmt::format("{:02}s", s % 60);
  if (micros % kMicrosPerSecond) out = fmt::format("{}s", format_seconds(micros));
  return (neg ? "-" : "") + out;
}

namespace {

std::string target_cell(const TargetResult& t) {
  if (t.status == TargetStatus::Pending && t.at_risk) return "at_risk";
  return std::string(to_string(t.status));
}

std::optional<Instant> earliest_due(const TicketSla& t) {
  std::optional<Instant> d;
  for (const auto& x : t.targets)
    if (x.status == TargetStatus::Pending && x.due && (!d || *x.due < *d)) d = x.due;
  return d;
}

bool listed(const TicketSla& t) { return t.any(TargetStatus::Breached) || t.at_risk(); }

}  // namespace

namespace {

// A JSON string, as json_escape writes it, without allocating on the common
// path (well-formed UTF-8 with nothing to escape).
void append_json_string(std::string& out, std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) break;
      ++i;
      continue;
    }
    std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len || i + len > n) break;
    bool ok = true;
    for (std::size_t k = 1; k < len; ++k) ok = ok && (p[i + k] & 0xC0) == 0x80;
    if (c == 0xE0 && p[i + 1] < 0xA0) ok = false;   // overlong
    if (c == 0xED && p[i + 1] >= 0xA0) ok = false;  // surrogate
    if (c == 0xF0 && p[i + 1] < 0x90) ok = false;   // overlong
    if (c == 0xF4 && p[i + 1] >= 0x90) ok = false;  // beyond U+10FFFF
    if (!ok) break;
    i += len;
  }
  if (i == n) {
    out += '"';
    out.append(s);
    out += '"';
  } else {
    out += json_escape(s);
  }
}

void append_key(std::string& out, std::string_view k) {
  out += '"';
  out.append(k);
  out += "\":";
}

}  // namespace

void append_sla_json(std::string& out, const TicketSla& t, const TimeZone& tz) {
  out += '{';
  append_key(out, "ticket");
  append_json_string(out, t.ticket);
  out += ',';
  append_key(out, "outlet");
  append_json_string(out, t.outlet);
  out += ',';
  append_key(out, "region");
  append_json_string(out, t.region);
  out += ',';
  append_key(out, "rule");
  if (t.rule_index < 0) out += "null";
  else append_json_string(out, t.rule);
  out += ',';
  append_key(out, "status");
  append_json_string(out, to_string(t.status));
  out += ',';
  append_key(out, "targets");
  out += '{';
  bool first = true;
  for (const auto& x : t.targets) {
    if (!first) out += ',';
    first = false;
    append_key(out, to_string(x.target));
    out += "{\"status\":";
    append_json_string(out, to_string(x.status));
    auto num = [&](std::string_view k, Instant v) {
      out += ',';
      append_key(out, k);
      out += format_seconds(v);
    };
    switch (x.status) {
      case TargetStatus::Met:
        num("elapsed_s", x.elapsed);
        num("target_s", x.limit.micros);
        break;
      case TargetStatus::Breached:
        num("elapsed_s", x.elapsed);
        num("target_s", x.limit.micros);
        num("overdue_s", x.overdue);
        break;
      case TargetStatus::Pending:
        out += x.at_risk ? ",\"at_risk\":true" : ",\"at_risk\":false";
        num("elapsed_s", x.elapsed);
        num("target_s", x.limit.micros);
        out += ",\"due\":";
        if (x.due) append_json_string(out, format_rfc3339(*x.due, tz));
        else out += "null";
        break;
      case TargetStatus::NotApplicable:
        num("target_s", x.limit.micros);
        break;
    }
    out += '}';
  }
  out += "}}";
}

void write_sla_json(JsonWriter& w, const TicketSla& t, const TimeZone& tz) {
  std::string buf;
  append_sla_json(buf, t, tz);
  w.raw(buf);
}

std::vector<std::string> sla_columns(Format f) {
  if (f == Format::Table)
    return {"TICKET", "OUTLET", "REGION", "RULE", "STATUS", "RESPONSE", "ARRIVAL", "RESOLUTION", "FOLLOWUP", "OVERDUE", "DUE"};
  return {"ticket", "outlet", "region", "rule", "status", "response", "arrival", "resolution", "followup",
          "overdue_s", "due"};
}

std::vector<std::string> sla_row(const TicketSla& t, const TimeZone& tz, Format f) {
  const bool table = f == Format::Table;
  std::vector<std::string> row = {t.ticket, t.outlet, t.region, t.rule, std::string(to_string(t.status))};
  for (Target tg : kTargets) {
    auto it = std::find_if(t.targets.begin(), t.targets.end(), [tg](const TargetResult& x) { return x.target == tg; });
    row.push_back(it == t.targets.end() ? (table ? "-" : "") : target_cell(*it));
  }
  const bool breach = t.any(TargetStatus::Breached);
  if (table) row.push_back(breach ? format_hm(t.max_overdue()) : "");
  else row.push_back(breach ? format_seconds(t.max_overdue()) : "");
  auto due = earliest_due(t);
  row.push_back(!due ? "" : table ? format_local_minutes(*due, tz) : format_rfc3339(*due, tz));
  return row;
}

void explain_sla(std::ostream& out, const TicketSla& t, const Policy& policy, Instant as_of) {
  const TimeZone& tz = policy.tz;
  out << fmt::format("ticket {} as of {}\n", t.ticket, format_rfc3339_s(as_of, tz));
  if (!t.created) {
    out << "  not created as of then: no SLA\n";
    return;
  }
  out << fmt::format("  created   {}  {}, {}{}, {} / {}\n", format_local_minutes(*t.created, tz), t.type, t.urgency,
                     t.channel.empty() ? "" : ", " + t.channel, t.region, t.outlet);
  if (t.ticket_due) out << fmt::format("  due       {}  (the ticket's own due time)\n", format_local_minutes(*t.ticket_due, tz));
  // Why the rule: each rule before it and why it did not hold, then the one that did.
  TicketFacts f;
  f.ticket = t.ticket, f.type = t.type, f.urgency = t.urgency, f.channel = t.channel;
  f.region = t.region, f.outlet = t.outlet;
  f.customer = t.customer, f.product = t.product, f.serial = t.serial;
  f.distance_km = t.distance_km;
  f.due = t.ticket_due;
  for (int i = 0; i < (t.rule_index < 0 ? int(policy.rules.size()) : t.rule_index); ++i) {
    const auto& r = policy.rules[std::size_t(i)];
    out << fmt::format("  rule      {} does not apply: {}\n", r.name, rule_mismatch(r, f));
  }
  if (t.rule_index < 0) {
    out << "  rule      none: no rule matches, so the ticket has no targets\n";
  } else {
    out << fmt::format("  rule      {} applies: {}\n", t.rule, t.rule_reason);
  }
  for (const auto& p : t.pauses)
    out << fmt::format("  paused    {} - {}\n", format_local_minutes(p.from, tz),
                       p.to ? format_local_minutes(*p.to, tz) : "still paused");
  if (!t.engineer.empty()) out << fmt::format("  engineer  {}\n", t.engineer);
  std::string state = t.cancelled ? "cancelled" : t.closed ? "closed" : t.paused ? "paused" : "open";
  out << fmt::format("  ticket    {}; SLA status {}\n\n", state, to_string(t.status));
  if (t.targets.empty()) return;
  Table tab;
  tab.headers = {"TARGET", "LIMIT", "CLOCK", "START", "STOP", "MEASURED TO", "ELAPSED", "DUE", "STATUS"};
  tab.align = {Align::Left, Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Left, Align::Left};
  for (const auto& x : t.targets) {
    const bool measured = x.status != TargetStatus::NotApplicable;
    std::string status(to_string(x.status));
    if (x.status == TargetStatus::Breached) status += " by " + format_hm(x.overdue);
    if (x.status == TargetStatus::Pending && x.at_risk) status += " (at risk)";
    std::string due = x.status != TargetStatus::Pending ? "" : x.due ? format_local_minutes(*x.due, tz) : "none while paused";
    tab.add({std::string(to_string(x.target)), x.limit.text, x.limit.clock == Clock::Calendar ? "calendar" : "business",
             x.start ? format_local_minutes(*x.start, tz) : "not started", x.stop ? format_local_minutes(*x.stop, tz) : "-",
             measured ? format_local_minutes(x.clock_end, tz) : "-", measured ? format_hm(x.elapsed) : "-", due, status});
  }
  write_table(out, tab);
}

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

// ---------------------------------------------------------------------------

std::int64_t audit_integrity(Store& store, const Policy& policy, const IntegrityOptions& o, std::ostream& out) {
  const TimeZone& tz = policy.tz;
  // One lean pass over the store picks the tickets that could have a finding;
  // integrity_findings decides on their full events.
  std::vector<Finding> all;
  SlaStoreView view(store, o.as_of);
  for (std::size_t i = 0; i < view.size(); ++i) {
    if (!o.filter.matches(view.created(i), view.outlet(i), view.region(i), tz)) continue;
    if (!view.integrity_candidate(i)) continue;
    for (auto& f : integrity_findings(store.ticket_events(std::string(view.ticket(i))), o.as_of))
      all.push_back(std::move(f));
  }
  std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    if (a.ts != b.ts) return a.ts < b.ts;
    return a.ticket < b.ticket;
  });
  if (o.format == Format::Json) {
    JsonWriter w(out);
    w.begin_object();
    w.field("as_of", format_rfc3339(o.as_of, tz));
    w.key("findings").begin_array();
    for (const auto& f : all) {
      w.begin_object();
      w.field("ticket", f.ticket).field("check", to_string(f.check)).field("event", f.event_id);
      w.field("kind", to_string(f.kind)).field("ts", format_rfc3339(f.ts, tz)).field("outlet", f.outlet);
      w.key("engineer");
      if (f.engineer.empty()) w.null();
      else w.value(f.engineer);
      w.field("detail", f.detail);
      w.end_object();
    }
    w.end_array().end_object();
    w.newline();
  } else {
    Table t;
    const bool csv = o.format == Format::Csv;
    t.headers = csv ? std::vector<std::string>{"ticket", "check", "event", "kind", "ts", "outlet", "engineer", "detail"}
                    : std::vector<std::string>{"TICKET", "CHECK", "EVENT", "KIND", "TIME", "OUTLET", "ENGINEER", "DETAIL"};
    for (const auto& f : all)
      t.add({f.ticket, std::string(to_string(f.check)), f.event_id, std::string(to_string(f.kind)),
             csv ? format_rfc3339(f.ts, tz) : format_local_minutes(f.ts, tz), f.outlet,
             f.engineer.empty() && !csv ? "-" : f.engineer, f.detail});
    if (csv) {
      write_csv(out, t);
    } else {
      if (!t.rows.empty()) write_table(out, t);
      out << fmt::format("{} finding{} as of {}\n", all.size(), all.size() == 1 ? "" : "s", format_rfc3339_s(o.as_of, tz));
    }
  }
  return std::int64_t(all.size());
}

}  // namespace svc
