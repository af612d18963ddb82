#include "report_data.hpp"

#include <algorithm>

#include "integrity.hpp"
#include "sla.hpp"

namespace svc {

std::optional<ReportTicket> ticket_facts(const std::vector<Event>& events, const Policy& policy,
                                        const BusinessCalendar& cal, Instant as_of) {
  auto t = extract_facts(events, as_of);
  if (!t) return t;
  TicketSla sla = evaluate_ticket(events, policy, cal, as_of);
  t->status = sla.status;
  t->breached_targets = int(std::count_if(sla.targets.begin(), sla.targets.end(),
                                          [](const TargetResult& r) { return r.status == TargetStatus::Breached; }));
  t->findings = int(integrity_findings(events, as_of).size());
  return t;
}

std::vector<ReportTicket> load_facts(Store& store, const Policy& policy, Instant from, Instant to, Instant as_of) {
  BusinessCalendar cal(policy.calendar, policy.tz);
  std::vector<ReportTicket> out;
  Instant until = std::min(to, as_of + 1);
  if (until <= from) return out;
  store.for_each_ticket_digest(
      [&](std::vector<Event>& evs) {
        if (auto t = ticket_facts(evs, policy, cal, as_of)) out.push_back(std::move(*t));
      },
      as_of, "t.created_at >= CAST(?2 AS INTEGER) AND t.created_at < CAST(?3 AS INTEGER)",
      {std::to_string(from), std::to_string(until)});
  return out;
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

OutletReport outlet_report(Store& store, const Policy& policy, const Period& period, Instant as_of) {
  Period prev = previous_period(period, policy.tz);
  auto facts = load_facts(store, policy, std::min(prev.start, period.start), period.end, as_of);
  OutletReport r;
  r.period = period;
  r.as_of = as_of;
  r.outlets = assess_outlets(facts, period, prev, policy.kpi, policy.assessment);
  return r;
}

}  // namespace svc
