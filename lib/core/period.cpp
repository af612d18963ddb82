#include "period.hpp"

#include <fmt/format.h>

#include "error.hpp"

namespace svc {

namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Day days_in_month_last(int y, unsigned m) {
  unsigned ny = m == 12 ? unsigned(y + 1) : unsigned(y);
  unsigned nm = m == 12 ? 1 : m + 1;
  return days_from_civil(int(ny), nm, 1) - 1;
}

Period make(PeriodKind kind, std::string label, Day first, Day last, const TimeZone& tz) {
  Period p;
  p.kind = kind;
  p.label = std::move(label);
  p.first = first;
  p.last = last;
  p.start = tz.day_start(first);
  p.end = tz.day_start(last + 1);
  return p;
}

Period month(int y, unsigned m, const TimeZone& tz) {
  return make(PeriodKind::Month, fmt::format("{:04}-{:02}", y, m), days_from_civil(y, m, 1), days_in_month_last(y, m),
              tz);
}

Period week(int y, int w, Day monday, const TimeZone& tz) {
  return make(PeriodKind::Week, fmt::format("{:04}-W{:02}", y, w), monday, monday + 6, tz);
}

const char* kPeriodHelp = "a month YYYY-MM (2026-11) or an ISO week YYYY-Www (2026-W47)";

}  // namespace

void iso_week(Day d, int& year, int& week) {
  // The ISO year is the year of the Thursday of d's week.
  Day thursday = d - weekday(d) + 3;
  unsigned m, dd;
  civil_from_days(thursday, year, m, dd);
  Day jan1 = days_from_civil(year, 1, 1);
  week = (thursday - jan1) / 7 + 1;
}

std::optional<Day> iso_week_monday(int year, int week) {
  if (week < 1 || week > 53) return std::nullopt;
  Day jan4 = days_from_civil(year, 1, 4);  // always in week 1
  Day monday = jan4 - weekday(jan4) + (week - 1) * 7;
  int y, w;
  iso_week(monday, y, w);
  if (y != year || w != week) return std::nullopt;
  return monday;
}

Period parse_period(std::string_view s, const TimeZone& tz) {
  if (s.size() == 7 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2))) {
    int y = to_int(s.substr(0, 4));
    int m = to_int(s.substr(5, 2));
    if (y >= 1 && m >= 1 && m <= 12) return month(y, unsigned(m), tz);
    throw UsageError(fmt::format("--period '{}': no such month (expected {})", s, kPeriodHelp));
  }
  if (s.size() == 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w') && digits(s.substr(0, 4)) &&
      digits(s.substr(6, 2))) {
    int y = to_int(s.substr(0, 4));
    int w = to_int(s.substr(6, 2));
    auto monday = y >= 1 ? iso_week_monday(y, w) : std::nullopt;
    if (!monday)
      throw UsageError(fmt::format("--period '{}': ISO year {} has no week {} (expected {})", s, y, w, kPeriodHelp));
    return week(y, w, *monday, tz);
  }
  throw UsageError(fmt::format("--period '{}' is not a period (expected {})", s, kPeriodHelp));
}

Period date_range(std::string_view from, std::string_view to, const TimeZone& tz) {
  auto a = parse_date(from);
  if (!a) throw UsageError(fmt::format("--from '{}': {}", from, date_problem(from)));
  auto b = parse_date(to);
  if (!b) throw UsageError(fmt::format("--to '{}': {}", to, date_problem(to)));
  if (*b < *a) throw UsageError(fmt::format("--to {} is before --from {}", to, from));
  int y;
  unsigned m, d;
  civil_from_days(*a, y, m, d);
  if (d == 1 && *b == days_in_month_last(y, m)) return month(y, m, tz);
  if (weekday(*a) == 0 && *b == *a + 6) {
    int wy, w;
    iso_week(*a, wy, w);
    return week(wy, w, *a, tz);
  }
  return make(PeriodKind::Range, fmt::format("{}/{}", format_date(*a), format_date(*b)), *a, *b, tz);
}

Period previous_period(const Period& p, const TimeZone& tz) {
  switch (p.kind) {
    case PeriodKind::Month: {
      int y;
      unsigned m, d;
      civil_from_days(p.first - 1, y, m, d);
      return month(y, m, tz);
    }
    case PeriodKind::Week: {
      int y, w;
      iso_week(p.first - 7, y, w);
      return week(y, w, p.first - 7, tz);
    }
    case PeriodKind::Range: break;
  }
  Day last = p.first - 1, first = p.first - p.days();
  return make(PeriodKind::Range, fmt::format("{}/{}", format_date(first), format_date(last)), first, last, tz);
}

Period period_from_options(const std::string& period, const std::string& from, const std::string& to,
                           const TimeZone& tz) {
  if (!period.empty()) {
    if (!from.empty() || !to.empty()) throw UsageError("give either --period or --from/--to, not both");
    return parse_period(period, tz);
  }
  if (from.empty() && to.empty()) throw UsageError("a period is needed: --period 2026-11, --period 2026-W47, or --from D --to D");
  if (from.empty() || to.empty()) throw UsageError("--from and --to go together");
  return date_range(from, to, tz);
}

}  // namespace svc
