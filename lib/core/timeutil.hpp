// Instants, civil dates, time zones and the timestamp formats of the service
// log (RFC 3339, or local "YYYY-MM-DD HH:MM[:SS]" in the policy's zone).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace date { class time_zone; }

namespace svc {

// An instant: microseconds since 1970-01-01T00:00:00Z.
using Instant = std::int64_t;
constexpr Instant kMicrosPerSecond = 1'000'000;
constexpr Instant kMicrosPerDay = 86'400 * kMicrosPerSecond;

// A civil date: days since 1970-01-01.
using Day = std::int32_t;

Day days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(Day z, int& y, unsigned& m, unsigned& d);
// ISO weekday: 0 = Monday … 6 = Sunday.
int weekday(Day d);
bool valid_civil(int y, unsigned m, unsigned d);
// "YYYY-MM-DD" strictly; nullopt when malformed or not a real date.
std::optional<Day> parse_date(std::string_view s);
// Why `s` is not a date, for messages: "no such date" when it has the shape
// YYYY-MM-DD but names no day (2026-02-30, 2026-13-01), else "expected a date
// YYYY-MM-DD"; "" when it is a date.
std::string date_problem(std::string_view s);
std::string format_date(Day d);

// An IANA time zone from the system's zoneinfo (via Howard Hinnant's date).
class TimeZone {
 public:
  // Throws DataError when the name is not a known zone.
  static TimeZone locate(std::string_view name);
  static bool exists(std::string_view name);
  // UTC, located once (for the stored RFC 3339 forms and SVC_NOW).
  static const TimeZone& utc();
  TimeZone() = default;

  const std::string& name() const { return name_; }
  // UTC offset in seconds in force at an instant.
  int offset_at(Instant t) const;
  // The local wall-clock time of an instant, as microseconds since the local epoch.
  std::int64_t to_local(Instant t) const { return t + Instant(offset_at(t)) * kMicrosPerSecond; }
  // The instant of a local wall-clock time (microseconds since the local epoch).
  // A time skipped by a DST change is read with the offset in force before
  // the change; a time that occurs twice is the earlier instant.
  Instant from_local(std::int64_t local_us) const;
  Day local_day(Instant t) const;
  // The instant at which local day d starts (its 00:00, or the first instant after a gap).
  Instant day_start(Day d) const { return from_local(std::int64_t(d) * kMicrosPerDay); }

 private:
  const date::time_zone* tz_ = nullptr;
  std::string name_;
  // cache of the last offset period looked up: [begin, end) in UTC µs
  mutable Instant cache_begin_ = 1, cache_end_ = 0;
  mutable int cache_offset_ = 0;
};

// Parses RFC 3339 ("2026-11-02T08:15:00+08:00", "…Z", fractional seconds) or
// local "YYYY-MM-DD HH:MM[:SS]" in `tz`. On failure returns nullopt and, when
// `why` is given, a short reason.
std::optional<Instant> parse_timestamp(std::string_view s, const TimeZone& tz, std::string* why = nullptr);

// For --as-of: a timestamp as above, or a date "YYYY-MM-DD" meaning the end of
// that local day (23:59:59). Throws UsageError when it does not parse.
Instant parse_as_of(std::string_view s, const TimeZone& tz);

// RFC 3339 in `tz`, with the fraction only when it is not zero:
// "2026-11-09T16:00:00+08:00".
std::string format_rfc3339(Instant t, const TimeZone& tz);
// The same, truncated to the whole second, for people (tables, HTML, messages):
// never shows a fraction.
std::string format_rfc3339_s(Instant t, const TimeZone& tz);
// RFC 3339 in UTC with "Z" (used for canonical event forms).
std::string format_utc(Instant t);
// "YYYY-MM-DD HH:MM" local, for tables.
std::string format_local_minutes(Instant t, const TimeZone& tz);

// Seconds as a JSON/CSV number: an integer when whole, else up to 6 decimals.
std::string format_seconds(Instant micros);

}  // namespace svc

namespace svc {
// The clock seam: "now" is $SVC_NOW (a timestamp, read in UTC unless it has an
// offset) when set, so tests and reproducible runs can fix it; else the system clock.
Instant now();
}  // namespace svc
