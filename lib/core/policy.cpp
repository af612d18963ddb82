#include "policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace svc {

std::int64_t CalendarPolicy::day_seconds() const {
  std::int64_t s = 0;
  for (const auto& w : hours) s += std::int64_t(w.end_min - w.start_min) * 60;
  return s;
}

Day CalendarPolicy::first_covered_day() const {
  if (covers.empty()) return CoverageLog::kNone;
  return days_from_civil(*covers.begin(), 1, 1);
}

Day CalendarPolicy::last_covered_day() const {
  if (covers.empty()) return CoverageLog::kNone;
  return days_from_civil(*covers.rbegin(), 12, 31);
}

namespace {
int year_of(Day d) {
  int y;
  unsigned m, dd;
  civil_from_days(d, y, m, dd);
  return y;
}
}  // namespace

void CoverageLog::note(Day d) {
  Day cur = latest_.load(std::memory_order_relaxed);
  while (d > cur && !latest_.compare_exchange_weak(cur, d, std::memory_order_relaxed)) {
  }
  cur = earliest_.load(std::memory_order_relaxed);
  while (d < cur && !earliest_.compare_exchange_weak(cur, d, std::memory_order_relaxed)) {
  }
  const int y = std::clamp(year_of(d), 0, kMaxYear);
  auto& word = years_[std::size_t(y / 64)];
  const std::uint64_t bit = std::uint64_t(1) << (y % 64);
  if (!(word.load(std::memory_order_relaxed) & bit)) word.fetch_or(bit, std::memory_order_relaxed);
}

std::set<int> CoverageLog::years() const {
  std::set<int> out;
  for (std::size_t w = 0; w < years_.size(); ++w) {
    const std::uint64_t bits = years_[w].load(std::memory_order_relaxed);
    for (int b = 0; b < 64; ++b)
      if (bits & (std::uint64_t(1) << b)) out.insert(int(w) * 64 + b);
  }
  return out;
}

std::string describe_years(const std::set<int>& years) {
  if (years.empty()) return "no year";
  std::string out;
  for (auto it = years.begin(); it != years.end();) {
    int first = *it, last = first;
    for (++it; it != years.end() && *it == last + 1; ++it) last = *it;
    if (!out.empty()) out += ", ";
    out += first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
  }
  return out;
}

std::optional<std::string> coverage_warning(const CalendarPolicy& cal) {
  if (!cal.beyond) return std::nullopt;
  const Day latest = cal.beyond->latest(), earliest = cal.beyond->earliest();
  if (latest == CoverageLog::kNone) return std::nullopt;
  const std::string workdays_only =
      " was counted with the workdays only, without public holidays or make-up workdays";
  if (cal.covers.empty())
    return "the calendar covers no year: SLA business time " +
           (earliest == latest ? "on " + format_date(latest) : "from " + format_date(earliest) + " up to " + format_date(latest)) +
           workdays_only +
           "; include the official calendars ([calendar] include) or declare the years of your own lists "
           "([calendar] covers), see docs/policy.md";
  const std::set<int> years = cal.beyond->years();
  const int first = *cal.covers.begin(), last = *cal.covers.rbegin();
  std::set<int> before, gaps, after;
  for (int y : years) (y < first ? before : y > last ? after : gaps).insert(y);
  std::vector<std::string> where;
  if (!before.empty())
    where.push_back("before " + format_date(cal.first_covered_day()) + " (here from " + format_date(earliest) + ")");
  if (!gaps.empty()) where.push_back("in " + describe_years(gaps));
  if (!after.empty())
    where.push_back("after " + format_date(cal.last_covered_day()) + " (here up to " + format_date(latest) + ")");
  std::string text;
  for (std::size_t i = 0; i < where.size(); ++i)
    text += (i == 0 ? "" : i + 1 == where.size() ? " and " : ", ") + where[i];
  const bool one = years.size() == 1;
  const std::string named = describe_years(years);
  std::string out = "the calendar covers " + describe_years(cal.covers) + "; SLA business time " + text +
                    workdays_only + ": " + named + (one ? " is" : " are") + " not covered; include the official calendar" +
                    (one ? "" : "s") + " of " + named + " in [calendar] include";
  if (before.empty() && gaps.empty()) return out + " once published (docs/admin.md)";
  return out + ", or declare the years your own lists give completely ([calendar] covers) (docs/policy.md)";
}

namespace {
// The length in seconds of a well-formed duration (any size), or nullopt.
std::optional<double> duration_seconds(std::string_view s, std::int64_t day_seconds, Clock& clock) {
  size_t i = 0;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
  if (i == 0 || i == s.size()) return std::nullopt;
  double n = 0;
  auto r = std::from_chars(s.data(), s.data() + i, n);
  if (r.ec != std::errc() || r.ptr != s.data() + i || !std::isfinite(n) || n < 0) return std::nullopt;
  std::string_view unit = s.substr(i);
  if (unit == "m") return clock = Clock::Calendar, n * 60;
  if (unit == "h") return clock = Clock::Calendar, n * 3600;
  if (unit == "bh") return clock = Clock::Business, n * 3600;
  if (unit == "bd") return clock = Clock::Business, n * double(day_seconds);
  return std::nullopt;
}
}  // namespace

std::optional<Duration> parse_duration(std::string_view s, std::int64_t day_seconds) {
  Duration d;
  auto secs = duration_seconds(s, day_seconds, d.clock);
  if (!secs || *secs * 1e6 > double(kMaxDurationMicros)) return std::nullopt;
  d.text = std::string(s);
  d.micros = static_cast<Instant>(std::llround(*secs * 1e6));
  return d;
}

bool duration_too_long(std::string_view s, std::int64_t day_seconds) {
  Clock c;
  auto secs = duration_seconds(s, day_seconds, c);
  return secs && *secs * 1e6 > double(kMaxDurationMicros);
}

bool SlaRule::uses_due() const {
  for (const auto& t : targets)
    if (t && t->from_due) return true;
  return false;
}

std::string_view to_string(Target t) {
  switch (t) {
    case Target::Response: return "response";
    case Target::Arrival: return "arrival";
    case Target::Resolution: return "resolution";
    case Target::Followup: return "followup";
  }
  return "?";
}

Policy default_policy() {
  Policy p;
  p.tz = TimeZone::locate(p.timezone);
  // Mainland China's official calendars of 2025 (State Council notice of
  // 2024-11-12) and 2026 (notice of 2025-11-04; docs/sla.md §1, v3), the
  // same as examples/calendars/cn-2025.toml and cn-2026.toml together.
  for (const char* d : {"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01",
                        "2025-02-02", "2025-02-03", "2025-02-04", "2025-04-04", "2025-04-05", "2025-04-06",
                        "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-31",
                        "2025-06-01", "2025-06-02", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04",
                        "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08",
                        "2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17",
                        "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
                        "2026-04-04", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03",
                        "2026-05-04", "2026-05-05", "2026-06-19", "2026-06-20", "2026-06-21", "2026-09-25",
                        "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                        "2026-10-05", "2026-10-06", "2026-10-07"})
    p.calendar.holidays.insert(*parse_date(d));
  for (const char* d : {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
                        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"})
    p.calendar.extra_workdays.insert(*parse_date(d));
  p.calendar.covers = {2025, 2026};
  const auto ds = p.calendar.day_seconds();
  auto dur = [&](const char* s) { return parse_duration(s, ds); };
  SlaRule remote{"remote", {}, {dur("12h"), std::nullopt, dur("5bd"), dur("24h")}};
  remote.when.distance_km_over = 100;
  SlaRule urgent{"urgent", {}, {dur("1h"), dur("1h"), dur("24h"), dur("24h")}};
  urgent.when.urgency = {"urgent"};
  SlaRule consultation{"consultation", {}, {dur("24h"), std::nullopt, dur("3bd"), std::nullopt}};
  consultation.when.type = {"consultation", "complaint"};
  SlaRule standard{"standard", {}, {dur("24h"), dur("24h"), dur("3bd"), dur("24h")}};
  p.rules = {remote, urgent, consultation, standard};
  // complaints (docs/complaints.md): a first reply within a working day, a
  // resolution within five, the follow-up call within 24 hours of it
  p.complaints.first_reply = *dur("8bh");
  p.complaints.resolution = *dur("5bd");
  p.complaints.follow_up = *dur("24h");
  p.complaints.categories = {{"attitude", {"服务态度", std::nullopt, std::nullopt}},
                             {"timeliness", {"服务时效", std::nullopt, std::nullopt}},
                             {"repair_quality", {"维修质量", std::nullopt, std::nullopt}},
                             {"charges", {"收费", std::nullopt, std::nullopt}},
                             {"parts", {"配件", std::nullopt, std::nullopt}}};
  return p;
}

}  // namespace svc
