#include "policy.hpp"

#include <charconv>
#include <cmath>

namespace svc {

std::int64_t CalendarPolicy::day_seconds() const {
  std::int64_t s = 0;
  for (const auto& w : hours) s += std::int64_t(w.end_min - w.start_min) * 60;
  return s;
}

Day CalendarPolicy::last_covered_day() const {
  if (covers.empty()) return CoverageLog::kNone;
  return days_from_civil(*covers.rbegin(), 12, 31);
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
  const Day latest = cal.beyond->latest();
  if (latest == CoverageLog::kNone) return std::nullopt;
  int y;
  unsigned m, d;
  civil_from_days(latest, y, m, d);
  if (cal.covers.empty())
    return "the calendar covers no year: SLA business time up to " + format_date(latest) +
           " was counted with the workdays only, without public holidays or make-up workdays; include the official "
           "calendars ([calendar] include) or declare the years of your own lists ([calendar] covers), see "
           "docs/policy.md";
  const int next = *cal.covers.rbegin() + 1;
  std::string years = next == y ? std::to_string(y) : std::to_string(next) + "-" + std::to_string(y);
  return "the calendar covers " + describe_years(cal.covers) + "; SLA business time after " +
         format_date(cal.last_covered_day()) + " (here up to " + format_date(latest) +
         ") was counted with the workdays only, without public holidays or make-up workdays; include the official "
         "calendar" + (next == y ? "" : "s") + " of " + years + " in [calendar] include once published (docs/admin.md)";
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
  // Mainland China's official calendar of 2026 (State Council notice of
  // 2025-11-04; shared/spec/sla.md §1), the same as examples/calendars/cn-2026.toml.
  for (const char* d : {"2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17",
                        "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
                        "2026-04-04", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03",
                        "2026-05-04", "2026-05-05", "2026-06-19", "2026-06-20", "2026-06-21", "2026-09-25",
                        "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                        "2026-10-05", "2026-10-06", "2026-10-07"})
    p.calendar.holidays.insert(*parse_date(d));
  for (const char* d : {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"})
    p.calendar.extra_workdays.insert(*parse_date(d));
  p.calendar.covers = {2026};
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
