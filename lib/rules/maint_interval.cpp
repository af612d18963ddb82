#include "maint_interval.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace svc {

namespace {

std::string lower_trim(std::string_view s) {
  std::string out;
  for (char c : s) out += char(std::tolower((unsigned char)c));
  auto a = out.find_first_not_of(' '), b = out.find_last_not_of(' ');
  if (a == std::string::npos) return "";
  out = out.substr(a, b - a + 1);
  std::string squeezed;  // single spaces
  for (char c : out)
    if (!(c == ' ' && !squeezed.empty() && squeezed.back() == ' ')) squeezed += c;
  return squeezed;
}

// "3y", "6m", "2w", "10d": count and unit; count 1..1000.
bool count_unit(std::string_view s, int& n, char& unit) {
  if (s.size() < 2) return false;
  unit = s.back();
  std::string_view digits = s.substr(0, s.size() - 1);
  if (digits.size() > 4) return false;
  n = 0;
  for (char c : digits) {
    if (!std::isdigit((unsigned char)c)) return false;
    n = n * 10 + (c - '0');
  }
  return n >= 1 && n <= 1000 && (unit == 'd' || unit == 'w' || unit == 'm' || unit == 'y');
}

Interval make(Interval::Kind k, int n, std::string text) {
  Interval iv;
  iv.kind = k;
  iv.n = n;
  iv.text = std::move(text);
  return iv;
}

std::optional<Interval> periodic(int n, char unit) {
  switch (unit) {
    case 'd': return make(Interval::Kind::Days, n, fmt::format("{}d", n));
    case 'w': return make(Interval::Kind::Days, n * 7, fmt::format("{}w", n));
    case 'm':
      if (n == 1) return make(Interval::Kind::Months, 1, "monthly");
      if (n == 3) return make(Interval::Kind::Months, 3, "quarterly");
      return make(Interval::Kind::Months, n, fmt::format("every {}m", n));
    case 'y':
      if (n == 1) return make(Interval::Kind::Months, 12, "yearly");
      return make(Interval::Kind::Months, n * 12, fmt::format("every {}y", n));
  }
  return std::nullopt;
}

}  // namespace

std::optional<Interval> parse_interval(std::string_view raw, std::string* why) {
  std::string s = lower_trim(raw);
  int n = 0;
  char unit = 0;
  if (s == "weekly") return periodic(1, 'w');
  if (s == "monthly") return periodic(1, 'm');
  if (s == "quarterly") return periodic(3, 'm');
  if (s == "yearly" || s == "annually") return periodic(1, 'y');
  if (s == "spring+autumn") return make(Interval::Kind::SpringAutumn, 0, "spring+autumn");
  if (count_unit(s, n, unit) && (unit == 'd' || unit == 'w')) return periodic(n, unit);
  if (s.rfind("every ", 0) == 0 && count_unit(s.substr(6), n, unit)) return periodic(n, unit);
  const std::string tail = " in service";
  if (s.rfind("after ", 0) == 0 && s.size() > 6 + tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0) {
    std::string mid = s.substr(6, s.size() - 6 - tail.size());
    if (count_unit(mid, n, unit) && (unit == 'y' || unit == 'm'))
      return make(Interval::Kind::AfterService, unit == 'y' ? n * 12 : n, fmt::format("after {}{} in service", n, unit));
  }
  if (why)
    *why = fmt::format("'{}' is not an interval: use Nd, Nw, weekly, monthly, quarterly, yearly, every Nm, every Ny, "
                       "spring+autumn or after Ny in service",
                       std::string(raw));
  return std::nullopt;
}

Day add_months(Day d, int months) {
  int y;
  unsigned m, day;
  civil_from_days(d, y, m, day);
  int total = y * 12 + int(m) - 1 + months;
  int ny = total >= 0 ? total / 12 : (total - 11) / 12;
  unsigned nm = unsigned(total - ny * 12) + 1;
  unsigned nd = day;
  while (nd > 28 && !valid_civil(ny, nm, nd)) --nd;
  return days_from_civil(ny, nm, nd);
}

std::vector<Day> due_dates(const Interval& iv, Day anchor, std::optional<Day> installed, Day from, Day to,
                           const MaintPolicy& mp) {
  std::vector<Day> out;
  if (to < from) return out;
  switch (iv.kind) {
    case Interval::Kind::Days: {
      Day first = anchor;
      if (from > anchor) first = anchor + ((from - anchor + iv.n - 1) / iv.n) * iv.n;
      for (Day d = first; d <= to; d += iv.n) out.push_back(d);
      break;
    }
    case Interval::Kind::Months: {
      // Skip ahead close to `from` without chaining the clamp.
      int k = 0;
      if (from > anchor) k = std::max(0, int((from - anchor) / 31) / iv.n - 1);
      for (;; ++k) {
        Day d = add_months(anchor, k * iv.n);
        if (d > to) break;
        if (d >= from) out.push_back(d);
      }
      break;
    }
    case Interval::Kind::SpringAutumn: {
      int y0, y1;
      unsigned m, dd;
      civil_from_days(std::max(from, anchor), y0, m, dd);
      civil_from_days(to, y1, m, dd);
      for (int y = y0; y <= y1; ++y)
        for (auto [mm, day] : {std::pair{mp.spring_month, mp.spring_day}, std::pair{mp.autumn_month, mp.autumn_day}}) {
          Day d = days_from_civil(y, unsigned(mm), unsigned(day));
          if (d >= anchor && d >= from && d <= to) out.push_back(d);
        }
      break;
    }
    case Interval::Kind::AfterService: {
      if (!installed) break;
      Day d = add_months(*installed, iv.n);
      if (d >= from && d <= to) out.push_back(d);
      break;
    }
  }
  return out;
}

}  // namespace svc
