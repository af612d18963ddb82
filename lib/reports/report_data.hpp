// Reading what the reports need from the store: the facts of the tickets
// created in a window, evaluated by the SLA engine and the integrity checks as
// of an instant, and the parts catalogue prices.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "kpi.hpp"
#include "store.hpp"

namespace svc {

// The facts of one ticket (events in log order) as of as_of: extract_facts plus
// the SLA status, breached targets and integrity findings. nullopt when the
// ticket has no created event at or before as_of.
std::optional<ReportTicket> ticket_facts(const std::vector<Event>& events, const Policy& policy,
                                        const BusinessCalendar& cal, Instant as_of);

// The facts of every ticket whose created event falls in [from, to) and at or
// before as_of, in ticket id order. Uses the tickets projection to find them.
FactSet load_facts(Store& store, const Policy& policy, Instant from, Instant to, Instant as_of);

// load_facts in the same one pass over the projection, and, when void_window
// and voids are given, *voids becomes voids_by_outlet(store, void_window, as_of)
// (the outlet assessment's two reads in one).
FactSet load_facts_and_voids(Store& store, const Policy& policy, Instant from, Instant to, Instant as_of,
                             const std::optional<std::pair<Instant, Instant>>& void_window,
                             std::map<std::string, std::int64_t>* voids);

// The `voided` events with ts at or before as_of of the tickets whose
// projection row was created in [from, to), counted per the row's outlet
// (NULL counts as ""): the corrections column of the outlet assessment.
std::map<std::string, std::int64_t> voids_by_outlet(Store& store, Instant from, Instant to, Instant as_of);

// Catalogue prices of parts (parts.list_cents); a part with no price maps to nullopt.
std::map<std::string, std::optional<std::int64_t>> part_prices(Store& store);

}  // namespace svc

#include "assessment.hpp"
#include "reports.hpp"

namespace svc {

// The KPI report of a period (svc report sla).
KpiReport sla_report(Store& store, const Policy& policy, const Period& period, GroupBy by, Instant as_of);
// The outlet assessment of a period, with the previous period of the same kind
// evaluated too for the rectification rule (svc report outlets, svc audit outlets).
OutletReport outlet_report(Store& store, const Policy& policy, const Period& period, Instant as_of);

// One repeat repair (返修, sla.md §3): a repair ticket of the period and the
// earlier ticket of the same unit whose final completion it followed within
// [kpi] repeat_days (the latest such completion).
struct RepeatRow {
  std::string serial, product, outlet, region, ticket, earlier;
  std::optional<std::string> engineer, earlier_engineer;  // last dispatched of each; nullopt: none
  Instant created = 0, earlier_completed = 0;
};
// svc report repeats: the repeat repairs among the period's tickets (created
// in it, not cancelled), in created order.
std::vector<RepeatRow> repeat_report(Store& store, const Policy& policy, const Period& period, Instant as_of);

}  // namespace svc
