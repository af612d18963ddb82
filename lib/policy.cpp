#include "policy.hpp"

#include <charconv>
#include <cmath>

namespace svc {

std::int64_t CalendarPolicy::day_seconds() const {
  std::int64_t s = 0;
  for (const auto& w : hours) s += std::int64_t(w.end_min - w.start_min) * 60;
  return s;
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
  for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"})
    p.calendar.holidays.insert(*parse_date(d));
  for (const char* d : {"2026-09-27", "2026-10-10"}) p.calendar.extra_workdays.insert(*parse_date(d));
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
  return p;
}

}  // namespace svc
