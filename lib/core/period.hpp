// Report periods: a month "2026-11", an ISO week "2026-W47", or an inclusive
// range of local dates (--from/--to), turned into [start, end) instants in the
// policy's time zone, and the previous period of the same kind.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "timeutil.hpp"

namespace svc {

enum class PeriodKind { Month, Week, Range };

struct Period {
  PeriodKind kind = PeriodKind::Range;
  std::string label;     // "2026-11", "2026-W47", or "2026-11-03/2026-11-20" for a range
  Day first = 0;         // first local date, inclusive
  Day last = 0;          // last local date, inclusive
  Instant start = 0;     // start of `first` in the zone
  Instant end = 0;       // start of the day after `last` (exclusive)
  bool contains(Instant t) const { return t >= start && t < end; }
  int days() const { return last - first + 1; }
};

// A month "YYYY-MM" or an ISO week "YYYY-Www" (weeks run Monday to Sunday;
// week 1 holds the year's first Thursday). Throws UsageError when malformed.
Period parse_period(std::string_view s, const TimeZone& tz);
// --from D --to D, inclusive local dates. A range covering exactly one calendar
// month or one ISO week is that month or week. Throws UsageError when a date is
// malformed or `to` is before `from`.
Period date_range(std::string_view from, std::string_view to, const TimeZone& tz);
// The month before, the ISO week before, or for any other range the range of
// the same number of days that ends the day before it starts.
Period previous_period(const Period& p, const TimeZone& tz);

// Either --period or --from and --to (exactly one form); UsageError otherwise.
Period period_from_options(const std::string& period, const std::string& from, const std::string& to,
                           const TimeZone& tz);

// ISO week of a date: year and week number 1..53.
void iso_week(Day d, int& year, int& week);
// The Monday of ISO week `week` of ISO year `year`; nullopt when the year has no such week.
std::optional<Day> iso_week_monday(int year, int week);

}  // namespace svc
