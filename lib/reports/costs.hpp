// Service costs: other cost entries of a ticket (travel, transport,
// compensation; schema 004, `svc cost add|list`) and the cost report
// (`svc report costs`): labour at the policy's quota rate, parts at catalogue
// price, fees collected and the other entries, per outlet, region or type.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <utility>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "kpi.hpp"
#include "money.hpp"
#include "limits.hpp"
#include "output.hpp"
#include "period.hpp"
#include "policy.hpp"
#include "store.hpp"

namespace svc {

constexpr std::array<std::string_view, 3> kCostKinds = {"travel", "transport", "compensation"};

struct CostEntry {
  std::int64_t id = 0;
  std::string ticket;
  std::string kind;             // travel | transport | compensation
  std::int64_t amount_cents = 0;
  Day day = 0;                  // local date the cost arose
  std::string note;
  Instant at = 0;               // when it was recorded
};

// Records one entry (one transaction) and returns its id. Throws UsageError for
// an unknown kind or a negative amount, NoInputError (did you mean) when the
// ticket is not in the store, DataError for an amount beyond [limits] amount
// unless forced (the forced marker is added to the note).
std::int64_t add_cost_entry(Store& store, CostEntry e, const Limits& limits, const LimitOverride& force = {});
// Entries of one ticket (ticket non-empty) and/or whose day falls in [first, last]; ordered by day, id.
std::vector<CostEntry> list_cost_entries(Store& store, const std::string& ticket, std::optional<Day> first,
                                         std::optional<Day> last);
void write_cost_entries(std::ostream& out, Format f, const std::vector<CostEntry>& entries);

struct CostRow {
  std::optional<std::string> key;
  std::int64_t tickets = 0;
  double labor_hours = 0;
  std::int64_t labor_cents = 0, parts_cents = 0, fees_cents = 0;  // fees: approved fees collected
  std::int64_t unapproved_fees_cents = 0;           // fees with approved = no: not revenue, an integrity finding
  std::int64_t unpriced_parts = 0;                  // part units with no catalogue price (counted at 0)
  std::array<std::int64_t, 3> other_cents{};        // by kCostKinds
  std::int64_t cost_cents() const {
    std::int64_t c = labor_cents;
    for (std::int64_t x : {parts_cents, other_cents[0], other_cents[1], other_cents[2]}) add_to(c, x, "a cost total");
    return c;
  }
  void add(const CostRow& r);
};

struct CostReport {
  Period period;
  Instant as_of = 0;
  GroupBy by = GroupBy::Outlet;
  std::vector<CostRow> rows;  // sorted by key
  CostRow total;
};

// What the parts ledger says a ticket's fitted parts cost: per (ticket, part),
// the quantity consumed and its value at the actual (moving-average purchase)
// cost, in cents.
struct Consumed {
  std::int64_t qty = 0, value_cents = 0;
};
using ConsumedParts = std::map<std::pair<std::string, std::string>, Consumed>;

// What the parts fitted on one ticket cost: at their actual cost as far as the
// ledger consumed them on that ticket, the rest at catalogue price; `unpriced`
// counts the units with neither.
struct PartsCost {
  std::int64_t cents = 0, unpriced = 0;
};
PartsCost fitted_parts_cost(const ReportTicket& t, const std::map<std::string, std::optional<std::int64_t>>& prices,
                            const ConsumedParts& consumed);

// The costs of the tickets created in the period (cancelled ones too: their
// costs were incurred). `prices`: catalogue prices; `other`: per ticket, the
// entries' sums by kind; `consumed`: the ledger's consume movements. A fitted
// part is costed at its actual cost as far as the ledger consumed it on the
// ticket, the rest at catalogue price (docs/reports.md, "costs").
CostReport cost_report(const FactSet& tickets, const Period& period, Instant as_of, GroupBy by,
                       std::int64_t labor_rate_cents,
                       const std::map<std::string, std::optional<std::int64_t>>& prices,
                       const std::map<std::string, std::array<std::int64_t, 3>>& other,
                       const ConsumedParts& consumed = {});
// The consume movements at or before as_of of the tickets created in [from, to).
ConsumedParts consumed_parts(Store& store, Instant from, Instant to, Instant as_of);
// The entries' sums by kind for each ticket created in [from, to).
std::map<std::string, std::array<std::int64_t, 3>> cost_entries_by_ticket(Store& store, Instant from, Instant to);
void write_cost_report(std::ostream& out, Format f, const CostReport& r, const Policy& p);

}  // namespace svc
