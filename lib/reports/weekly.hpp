// The analysts' weekly regional report (svc report weekly): per region the
// volume by type and channel, the KPIs against their thresholds and against
// the previous ISO week, the outlets with most SLA breaches, open complaints
// and parts cost; as a table, CSV, JSON or one self-contained HTML file with
// inline SVG charts (no script, no network).
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "costs.hpp"
#include "kpi.hpp"
#include "output.hpp"
#include "period.hpp"
#include "policy.hpp"

namespace svc {

struct OutletBreaches {
  std::string outlet;
  std::int64_t breaches = 0;  // breached SLA targets on its tickets
  std::int64_t late = 0;      // tickets with status late
  std::int64_t tickets = 0;
};

struct OpenComplaint {
  std::string ticket, outlet;
  Instant created = 0, complained = 0;
  bool responsible = false;
  std::string note;
};

struct RegionWeek {
  std::string region;  // "all" for the total
  Kpis kpis, previous;
  std::map<std::string, std::int64_t> by_type, by_channel;  // channel "" when the ticket has none
  std::array<std::int64_t, 7> per_day{};                   // tickets created Monday..Sunday
  std::array<std::int64_t, 5> satisfaction{};              // last follow-up rated 1..5
  std::vector<OutletBreaches> top_outlets;                 // most breaches first, at most `top`, breaches > 0
  std::vector<OpenComplaint> open_complaints;              // tickets with a complaint, not closed
  std::int64_t parts_cents = 0, unpriced_parts = 0;
  std::int64_t fees_cents = 0, unapproved_fees_cents = 0;   // approved fees collected; fees with approved = no
};

struct WeeklyReport {
  Period week, previous;
  Instant as_of = 0;
  std::string region;              // --region filter, "" for all
  std::vector<RegionWeek> regions; // sorted by name
  RegionWeek total;
};

// `tickets` must cover both weeks. Regions listed: those with a ticket in
// scope this week, or just `region` when given.
WeeklyReport weekly_report(const FactSet& tickets, const Period& week, const Period& previous,
                           Instant as_of, const std::string& region, const TimeZone& tz,
                           const std::map<std::string, std::optional<std::int64_t>>& prices,
                           const ConsumedParts& consumed, int top = 5);

void write_weekly_report(std::ostream& out, Format f, const WeeklyReport& r, const Policy& p);

// The HTML page with its three SVG charts (volume per day, timeliness per
// region, satisfaction distribution). Every user-supplied string is escaped.
void write_weekly_html(std::ostream& out, const WeeklyReport& r, const Policy& p);
// The tick step of the HTML's count axis (tickets per day) up to `maxv` >= 1:
// 1, 2 or 5 × 10^k, the smallest with at most 5 intervals (html_report.cpp).
std::int64_t count_axis_step(std::int64_t maxv);

}  // namespace svc
