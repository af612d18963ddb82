// SlaStoreView: the store as the audits read it (one pass over the tickets
// projection). The SLA audit: audit_sla.cpp, its writers audit_sla_output.cpp;
// the integrity audit: audit_integrity.cpp.
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

std::optional<Instant> audit_detail::lean_ticket(std::string_view ticket, std::string_view digest, Instant as_of, bool unit_attributes,
                               TicketFacts& f, std::vector<SlaEvent>& evs) {
  f = TicketFacts{};
  f.ticket = ticket;
  evs.clear();
  std::optional<Instant> created;
  DigestCursor c(digest);
  DigestItem e;
  while (c.next(e)) {
    if (!e.counts(as_of)) continue;
    if (e.kind == EventKind::Created && !created) {  // the first in log order, as in the projection
      created = e.ts;
      f.type = e.get(Field::Type), f.urgency = e.get(Field::Urgency), f.channel = e.get(Field::Channel);
      f.region = e.get(Field::Region), f.outlet = e.get(Field::Outlet);
      double km = 0;
      if (parse_plain_decimal(e.get(Field::DistanceKm), km)) f.distance_km = km;
      f.due = due_instant(e.get(Field::Due));
      if (unit_attributes) f.customer = e.get(Field::Customer), f.product = e.get(Field::Product), f.serial = e.get(Field::Serial);
    }
    evs.push_back({e.ts, e.kind, e.kind == EventKind::Dispatched ? e.get(Field::Engineer) : std::string_view()});
  }
  return created;
}

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
  if (!unit_attributes_ && policy.rules_use_unit_attributes())
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

}  // namespace svc
