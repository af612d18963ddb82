// Maintenance intervals and their exact date arithmetic (docs/maint.md):
// "2w", "10d", "monthly", "quarterly", "yearly", "every 3y", "every 6m",
// "spring+autumn" (the [maint] spring and autumn days of each year) and the
// one-off "after 8y in service" (the install date plus 8 years). Month steps
// are counted from the anchor, not chained, and clamp to the month's end:
// Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year), + 2 months = Mar 31.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy.hpp"
#include "timeutil.hpp"

namespace svc {

struct Interval {
  enum class Kind { Days, Months, SpringAutumn, AfterService };
  Kind kind = Kind::Days;
  int n = 0;         // Days: days per step; Months: months per step; AfterService: months after install
  std::string text;  // canonical form, e.g. "2w", "quarterly", "every 3y", "after 8y in service"
};

// Parses an interval; nullopt with `why` set when it is not one of the forms above.
std::optional<Interval> parse_interval(std::string_view s, std::string* why = nullptr);

// d plus `months` calendar months, clamped to the last day of the target month.
Day add_months(Day d, int months);

// The due dates of an interval in [from, to] (inclusive), ascending. Periodic
// intervals step from `anchor` (anchor itself is the first due date);
// spring+autumn gives the policy's two days of each year on or after `anchor`;
// after-in-service gives installed + n months (clamped) once, whatever the
// anchor, and nothing without an install date.
std::vector<Day> due_dates(const Interval& iv, Day anchor, std::optional<Day> installed, Day from, Day to,
                           const MaintPolicy& mp);

}  // namespace svc
