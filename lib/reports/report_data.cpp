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

namespace {

// The `voided` events in a ticket's digest with ts at or before as_of.
std::int64_t voids_in(std::string_view digest, Instant as_of) {
  std::int64_t n = 0;
  DigestItem e;
  DigestCursor c(digest);
  while (c.next(e)) n += e.kind == EventKind::Voided && e.ts <= as_of;
  return n;
}

// What one range of the scan of load_facts_and_voids gathers (its facts aside).
struct FactPart {
  std::vector<std::optional<std::string>> serials;  // each fact's row serial (nullopt: NULL)
  // the tickets with a serial outside the window: their row serial and service
  std::vector<std::pair<std::string, UnitService>> others;
  std::map<std::string, std::int64_t> voids;  // voids per row outlet (when counted)
};

// Sets repeat_repair on the facts (sla.md §3): the units of their repair
// tickets, with every ticket of such a unit (keyed by its row's serial): the
// facts' own (the window's) and the others of the scan.
void mark_repeats(const Policy& policy, std::vector<std::vector<ReportTicket>>& facts, std::vector<FactPart>& parts) {
  // Only the units of the facts' repair tickets matter (mark_repeat_repairs
  // looks up nothing else).
  std::unordered_set<std::string_view> wanted;
  for (auto& part : facts)
    for (auto& t : part)
      if (t.type == "repair" && !t.serial.empty()) wanted.insert(t.serial);
  if (wanted.empty()) return;  // logs without serials need no history
  std::unordered_map<std::string, std::vector<UnitService>> history;
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (std::size_t i = 0; i < facts[p].size(); ++i) {
      const auto& serial = parts[p].serials[i];
      if (!serial || !wanted.count(*serial)) continue;
      const ReportTicket& t = facts[p][i];
      history[*serial].push_back(
          {t.ticket, t.engineer, t.final_completion ? std::optional<Instant>(t.completed_at) : std::nullopt, t.cancelled});
    }
  // (the order of a unit's tickets does not matter: the latest completion
  // wins, ties to the smaller ticket id)
  for (auto& part : parts)
    for (auto& [serial, u] : part.others)
      if (wanted.count(serial)) history[serial].push_back(std::move(u));
  mark_repeat_repairs(facts, history, policy.kpi.repeat_days);
}

}  // namespace

FactSet load_facts_and_voids(Store& store, const Policy& policy, Instant from, Instant to, Instant as_of,
                             const std::optional<std::pair<Instant, Instant>>& void_window,
                             std::map<std::string, std::int64_t>* voids) {
  Instant until = std::min(to, as_of + 1);
  if (until <= from) {
    if (void_window && voids) *voids = voids_by_outlet(store, void_window->first, void_window->second, as_of);
    return {};
  }
  const bool count_voids = void_window && voids;
  const Instant vfrom = count_voids ? void_window->first : 0, vto = count_voids ? void_window->second : 0;
  // One pass over the projection on parallel threads (lib/store/projection_scan.hpp),
  // each range with its own copy of the policy (its time zone caches lookups):
  // the digests of the tickets created in the window [from, until) become
  // facts; of the others with a serial, only what the repeat-repair rule needs
  // of them (unit_service), kept for the units the facts turn out to want (a
  // second pass reading only those would read every row again); and, for the
  // outlet assessment, the voids of the tickets created in the void window.
  // The rowid span is read in 8 ranges a thread, taken in turn: a month's
  // tickets lie together in rowid order (rows are in the order tickets were
  // last written), and halves of the span would leave one thread idle.
  const int threads = analysis_threads(), ranges = threads * 8;
  std::vector<std::vector<ReportTicket>> facts(static_cast<std::size_t>(ranges));
  std::vector<FactPart> got(static_cast<std::size_t>(ranges));
  // room for the window's tickets (tickets_by_created covers the count), at
  // most a range's rows (reserved address space is only touched as facts come):
  // the facts are not moved as a range's facts grow
  std::size_t expected = 0, rows = 0;
  try {
    SQLite::Statement n(store.db(), "SELECT count(*) FROM tickets WHERE created_at >= ? AND created_at < ?");
    n.bind(1, static_cast<std::int64_t>(from));
    n.bind(2, static_cast<std::int64_t>(until));
    if (n.executeStep()) expected = std::size_t(n.getColumn(0).getInt64());
    SQLite::Statement span(store.db(), "SELECT coalesce(max(rowid) - min(rowid) + 1, 0) FROM tickets");
    if (span.executeStep()) rows = std::size_t(span.getColumn(0).getInt64());
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading tickets");
  }
  for (auto& f : facts) f.reserve(std::min(expected, rows / std::size_t(ranges) + 16));
  scan_tickets(
      store, "SELECT ticket, digest, serial, created_at, outlet FROM tickets WHERE rowid BETWEEN :lo AND :hi", threads,
      [](sqlite3_stmt*) {},
      [&](int k, sqlite3_stmt* st) {
        const Policy pol = policy;
        BusinessCalendar cal(pol.calendar, pol.tz);
        std::vector<Event> evs;
        std::vector<SlaEvent> lean;
        DigestItem item;
        std::string ticket;
        auto& out = got[std::size_t(k)];
        auto& out_facts = facts[std::size_t(k)];
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
          const bool has_created = sqlite3_column_type(st, 3) != SQLITE_NULL;
          const Instant created = has_created ? sqlite3_column_int64(st, 3) : 0;
          const std::string_view blob = column_blob(st, 1);
          if (count_voids && has_created && created >= vfrom && created < vto)
            if (std::int64_t n = voids_in(blob, as_of)) out.voids[std::string(column_text(st, 4))] += n;
          if (has_created && created >= from && created < until) {
            ticket.assign(column_text(st, 0));
            decode_digest(blob, ticket, as_of, evs);
            if (evs.empty()) continue;
            if (auto t = ticket_facts(evs, pol, cal, as_of)) {
              out_facts.push_back(std::move(*t));
              out.serials.push_back(sqlite3_column_type(st, 2) == SQLITE_NULL
                                        ? std::nullopt
                                        : std::optional<std::string>(column_text(st, 2)));
            }
          } else if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
            lean.clear();
            DigestCursor c(blob);
            while (c.next(item))
              lean.push_back({item.ts, item.kind,
                              item.kind == EventKind::Dispatched ? item.get(Field::Engineer) : std::string_view(),
                              item.voided_at});
            if (auto u = unit_service(column_text(st, 0), lean, as_of))
              out.others.emplace_back(std::string(column_text(st, 2)), std::move(*u));
          }
        }
        if (rc != SQLITE_DONE) rethrow_sqlite(SQLite::Exception(sqlite3_db_handle(st), rc), "reading tickets");
      },
      20000, ranges);
  mark_repeats(policy, facts, got);
  if (count_voids) {
    voids->clear();
    for (auto& g : got)
      for (auto& [outlet, n] : g.voids) (*voids)[outlet] += n;
  }
  // the parts in rowid order: the same order on every run over the same store
  // (the reports themselves do not depend on it: they group and sort by key)
  return FactSet::of_parts(std::move(facts));
}

FactSet load_facts(Store& store, const Policy& policy, Instant from, Instant to, Instant as_of) {
  return load_facts_and_voids(store, policy, from, to, as_of, std::nullopt, nullptr);
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
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
          if (std::int64_t n = voids_in(column_blob(st, 1), as_of)) out[std::string(column_text(st, 0))] += n;
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
  // the facts of both periods and the corrections column in one pass
  std::map<std::string, std::int64_t> corrections;
  auto facts = load_facts_and_voids(store, policy, std::min(prev.start, period.start), period.end, as_of,
                                    std::make_pair(period.start, period.end), &corrections);
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
  for (auto& o : r.outlets) o.corrections = corrections.count(o.outlet) ? corrections[o.outlet] : 0;
  return r;
}

}  // namespace svc
