#include "report_data.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <unordered_set>

#include "digest.hpp"
#include "integrity.hpp"
#include "projection_scan.hpp"
#include "sla.hpp"
#include "training.hpp"

namespace svc {

std::optional<ReportTicket> ticket_facts(const std::vector<Event>& events, const Policy& policy,
                                        const BusinessCalendar& cal, Instant as_of) {
  auto t = extract_facts(events, as_of);
  if (!t) return t;
  TicketSla sla = evaluate_ticket(events, policy, cal, as_of, false);
  t->status = sla.status;
  t->breached_targets = int(std::count_if(sla.targets.begin(), sla.targets.end(),
                                          [](const TargetResult& r) { return r.status == TargetStatus::Breached; }));
  t->findings = int(integrity_findings(events, as_of).size());
  return t;
}

// The serial column of each fact's projection row (nullopt: NULL), part by part.
using RowSerials = std::vector<std::vector<std::optional<std::string>>>;
void mark_repeats(Store& store, const Policy& policy, Instant as_of, Instant from, Instant until,
                  std::vector<std::vector<ReportTicket>>& parts, const RowSerials& serials);

FactSet load_facts(Store& store, const Policy& policy, Instant from, Instant to, Instant as_of) {
  Instant until = std::min(to, as_of + 1);
  if (until <= from) return {};
  // The projection's digests, in parallel parts (lib/store/projection_scan.hpp); each
  // part with its own copy of the policy (its time zone caches lookups).
  const int parts = analysis_threads();
  std::vector<std::vector<ReportTicket>> got(static_cast<std::size_t>(parts));
  RowSerials serials(static_cast<std::size_t>(parts));
  // room for the window's tickets (tickets_by_created covers the count): the
  // facts are not moved as a part grows
  std::size_t expected = 0;
  try {
    SQLite::Statement n(store.db(), "SELECT count(*) FROM tickets WHERE created_at >= ? AND created_at < ?");
    n.bind(1, static_cast<std::int64_t>(from));
    n.bind(2, static_cast<std::int64_t>(until));
    if (n.executeStep()) expected = std::size_t(n.getColumn(0).getInt64());
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading tickets");
  }
  for (auto& g : got) g.reserve(expected / std::size_t(parts) + expected / std::size_t(parts * 8) + 16);
  scan_tickets(
      store,
      "SELECT ticket, digest, serial FROM tickets WHERE +created_at >= :from AND +created_at < :until "
      "AND rowid BETWEEN :lo AND :hi",
      parts,
      [&](sqlite3_stmt* st) {
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":from"), from);
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":until"), until);
      },
      [&](int k, sqlite3_stmt* st) {
        const Policy pol = policy;
        BusinessCalendar cal(pol.calendar, pol.tz);
        std::vector<Event> evs;
        std::string ticket;
        auto& out = got[std::size_t(k)];
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
          ticket.assign(column_text(st, 0));
          decode_digest(column_blob(st, 1), ticket, as_of, evs);
          if (evs.empty()) continue;
          if (auto t = ticket_facts(evs, pol, cal, as_of)) {
            out.push_back(std::move(*t));
            serials[std::size_t(k)].push_back(sqlite3_column_type(st, 2) == SQLITE_NULL
                                                   ? std::nullopt
                                                   : std::optional<std::string>(column_text(st, 2)));
          }
        }
        if (rc != SQLITE_DONE) rethrow_sqlite(SQLite::Exception(sqlite3_db_handle(st), rc), "reading tickets");
      });
  mark_repeats(store, policy, as_of, from, until, got, serials);
  // the parts in rowid order: the same order on every run over the same store
  // (the reports themselves do not depend on it: they group and sort by key)
  return FactSet::of_parts(std::move(got));
}

void mark_repeats(Store& store, const Policy& policy, Instant as_of, Instant from, Instant until,
                  std::vector<std::vector<ReportTicket>>& parts, const RowSerials& serials) {
  // Only the units of the facts' repair tickets matter (mark_repeat_repairs
  // looks up nothing else): their serials, then every ticket of those units,
  // of any period.
  std::unordered_set<std::string_view> wanted;
  for (auto& part : parts)
    for (auto& t : part)
      if (t.type == "repair" && !t.serial.empty()) wanted.insert(t.serial);
  if (wanted.empty()) return;  // logs without serials read nothing more
  // every ticket of such a unit (keyed by its row's serial): its final
  // completion and whether it is cancelled, as of as_of (sla.md §3). The
  // facts already hold that for the tickets of their window, [from, until):
  const int threads = analysis_threads();
  std::vector<std::unordered_map<std::string, std::vector<UnitService>>> got(static_cast<std::size_t>(threads));
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (std::size_t i = 0; i < parts[p].size(); ++i) {
      const auto& serial = serials[p][i];
      if (!serial || !wanted.count(*serial)) continue;
      const ReportTicket& t = parts[p][i];
      got[0][*serial].push_back(
          {t.ticket, t.engineer, t.final_completion ? std::optional<Instant>(t.completed_at) : std::nullopt, t.cancelled});
    }
  // the others in one pass over the projection in parallel parts (a seek per
  // unit through tickets_by_serial reads the same rows in random order); a
  // digest is decoded only for a wanted unit. `+serial`: the rowid range, not
  // the serial index.
  scan_tickets(
      store,
      "SELECT ticket, serial, digest FROM tickets WHERE +serial IS NOT NULL "
      "AND NOT (created_at IS NOT NULL AND +created_at >= :from AND +created_at < :until) "
      "AND rowid BETWEEN :lo AND :hi",
      threads,
      [&](sqlite3_stmt* st) {
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":from"), from);
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":until"), until);
      },
      [&](int k, sqlite3_stmt* st) {
        auto& history = got[std::size_t(k)];
        std::vector<SlaEvent> evs;
        DigestItem e;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
          const std::string_view serial = column_text(st, 1);
          if (!wanted.count(serial)) continue;
          evs.clear();
          DigestCursor c(column_blob(st, 2));
          while (c.next(e))
            evs.push_back({e.ts, e.kind, e.kind == EventKind::Dispatched ? e.get(Field::Engineer) : std::string_view(),
                           e.voided_at});
          if (auto u = unit_service(column_text(st, 0), evs, as_of)) history[std::string(serial)].push_back(std::move(*u));
        }
        if (rc != SQLITE_DONE) rethrow_sqlite(SQLite::Exception(sqlite3_db_handle(st), rc), "reading the tickets of units");
      });
  // the parts merged (the order of a unit's tickets does not matter: the latest
  // completion wins, ties to the smaller ticket id)
  auto& history = got[0];
  for (std::size_t k = 1; k < got.size(); ++k)
    for (auto& [serial, services] : got[k]) {
      auto& to = history[serial];
      for (auto& u : services) to.push_back(std::move(u));
    }
  for (auto& part : parts) mark_repeat_repairs(part, history, policy.kpi.repeat_days);
}

std::map<std::string, std::int64_t> voids_by_outlet(Store& store, Instant from, Instant to, Instant as_of) {
  // Each ticket's digest holds its `voided` events with their ts: one pass
  // over the projection instead of a join of every void in the events table
  // (a seek per void) with the tickets.
  const int threads = analysis_threads();
  std::vector<std::map<std::string, std::int64_t>> got(static_cast<std::size_t>(threads));
  scan_tickets(
      store,
      "SELECT outlet, digest FROM tickets WHERE +created_at >= :from AND +created_at < :to "
      "AND rowid BETWEEN :lo AND :hi",
      threads,
      [&](sqlite3_stmt* st) {
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":from"), from);
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":to"), to);
      },
      [&](int k, sqlite3_stmt* st) {
        auto& out = got[std::size_t(k)];
        DigestItem e;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
          std::int64_t n = 0;
          DigestCursor c(column_blob(st, 1));
          while (c.next(e)) n += e.kind == EventKind::Voided && e.ts <= as_of;
          if (n) out[std::string(column_text(st, 0))] += n;
        }
        if (rc != SQLITE_DONE) rethrow_sqlite(SQLite::Exception(sqlite3_db_handle(st), rc), "counting corrections");
      });
  for (std::size_t k = 1; k < got.size(); ++k)
    for (auto& [outlet, n] : got[k]) got[0][outlet] += n;
  return std::move(got[0]);
}

std::map<std::string, std::optional<std::int64_t>> part_prices(Store& store) {
  std::map<std::string, std::optional<std::int64_t>> out;
  try {
    SQLite::Statement st(store.db(), "SELECT part, list_cents FROM parts");
    while (st.executeStep()) {
      auto c = st.getColumn(1);
      out[st.getColumn(0).getString()] = c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the parts catalogue");
  }
  return out;
}

}  // namespace svc

namespace svc {

KpiReport sla_report(Store& store, const Policy& policy, const Period& period, GroupBy by, Instant as_of) {
  auto facts = load_facts(store, policy, period.start, period.end, as_of);
  return kpi_report(facts, period, by, as_of);
}

std::vector<RepeatRow> repeat_report(Store& store, const Policy& policy, const Period& period, Instant as_of) {
  std::vector<RepeatRow> out;
  for (const ReportTicket& t : load_facts(store, policy, period.start, period.end, as_of)) {
    if (!in_scope(t, period) || !t.repeat_repair) continue;
    RepeatRow r;
    r.serial = t.serial, r.product = t.product, r.outlet = t.outlet, r.region = t.region;
    r.ticket = t.ticket, r.earlier = t.repeat_of;
    r.engineer = t.engineer, r.earlier_engineer = t.repeat_prev_engineer;
    r.created = t.created, r.earlier_completed = t.repeat_prev_completed;
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const RepeatRow& a, const RepeatRow& b) {
    return a.created != b.created ? a.created < b.created : a.ticket < b.ticket;
  });
  return out;
}

OutletReport outlet_report(Store& store, const Policy& policy, const Period& period, Instant as_of) {
  Period prev = previous_period(period, policy.tz);
  auto facts = load_facts(store, policy, std::min(prev.start, period.start), period.end, as_of);
  OutletReport r;
  r.period = period;
  r.as_of = as_of;
  // [training] assessment_share > 0: the outlets' training scores feed the
  // technical dimension (docs/training.md); off, no training table is read.
  OutletTraining training;
  if (policy.training.assessment_share > 0) {
    training.share = policy.training.assessment_share;
    auto attendances = training_archive(store, policy, std::nullopt);
    const Day as_of_day = policy.tz.local_day(as_of);
    auto scores = [&](const Period& p) {  // sessions of the year of p's last day, up to it (and to the as-of date)
      int y;
      unsigned m, d;
      civil_from_days(p.last, y, m, d);
      return outlet_training_scores(attendances, days_from_civil(y, 1, 1), std::min(p.last, as_of_day));
    };
    training.period = scores(period);
    training.previous = scores(prev);
  }
  r.outlets = assess_outlets(facts, period, prev, policy.kpi, policy.assessment, training);
  // each outlet's corrections: voids (ts at or before as_of) on its tickets of the period
  std::map<std::string, std::int64_t> corrections = voids_by_outlet(store, period.start, period.end, as_of);
  for (auto& o : r.outlets) o.corrections = corrections.count(o.outlet) ? corrections[o.outlet] : 0;
  return r;
}

}  // namespace svc
