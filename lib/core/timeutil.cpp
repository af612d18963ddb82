#include "timeutil.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include "error.hpp"

namespace svc {

// Howard Hinnant's civil-date algorithms.
Day days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(Day z0, int& y, unsigned& m, unsigned& d) {
  int z = z0 + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += (m <= 2);
}

int weekday(Day d) {
  // 1970-01-01 was a Thursday (ISO 3, i.e. index 3 with Monday = 0)
  int w = (d + 3) % 7;
  return w < 0 ? w + 7 : w;
}

bool valid_civil(int y, unsigned m, unsigned d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  unsigned lim = mdays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) lim = 29;
  return d <= lim;
}

namespace {
bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}
}  // namespace

std::optional<Day> parse_date(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
  if (!valid_civil(y, unsigned(m), unsigned(d))) return std::nullopt;
  return days_from_civil(y, unsigned(m), unsigned(d));
}

std::string date_problem(std::string_view s) {
  if (parse_date(s)) return "";
  int y, m, d;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && digits(s, 0, 4, y) && digits(s, 5, 2, m) && digits(s, 8, 2, d))
    return "no such date";
  return "expected a date YYYY-MM-DD";
}

std::string format_date(Day day) {
  int y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

TimeZone TimeZone::locate(std::string_view name) {
  TimeZone z;
  try {
    z.tz_ = date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    throw DataError(fmt::format("unknown time zone '{}' (expected an IANA name such as Asia/Shanghai)", name));
  }
  z.name_ = std::string(name);
  return z;
}

bool TimeZone::exists(std::string_view name) {
  try {
    date::locate_zone(std::string(name));
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

int TimeZone::offset_at(Instant t) const {
  if (!tz_) return 0;
  if (t >= cache_begin_ && t < cache_end_) return cache_offset_;
  using namespace std::chrono;
  auto st = sys_time<microseconds>(microseconds(t));
  auto info = tz_->get_info(st);
  cache_offset_ = static_cast<int>(info.offset.count());
  cache_begin_ = duration_cast<microseconds>(info.begin.time_since_epoch()).count();
  cache_end_ = duration_cast<microseconds>(info.end.time_since_epoch()).count();
  return cache_offset_;
}

Instant TimeZone::from_local(std::int64_t local_us) const {
  if (!tz_) return local_us;
  // Fast path: the offset of the cached period maps it back into the period.
  if (cache_begin_ < cache_end_) {
    Instant guess = local_us - Instant(cache_offset_) * kMicrosPerSecond;
    // only trust it well inside the period (no ambiguity possible there)
    if (guess >= cache_begin_ + kMicrosPerDay && guess < cache_end_ - kMicrosPerDay) return guess;
  }
  using namespace std::chrono;
  auto lt = date::local_time<microseconds>(microseconds(local_us));
  auto info = tz_->get_info(lt);
  Instant result;
  switch (info.result) {
    case date::local_info::unique:
      result = local_us - Instant(info.first.offset.count()) * kMicrosPerSecond;
      break;
    case date::local_info::nonexistent:
      // read with the offset in force before the change
      result = local_us - Instant(info.first.offset.count()) * kMicrosPerSecond;
      break;
    default:  // ambiguous: the earlier instant uses the earlier (first) offset
      result = local_us - Instant(info.first.offset.count()) * kMicrosPerSecond;
      break;
  }
  offset_at(result);  // refresh the cache around the result
  return result;
}

Day TimeZone::local_day(Instant t) const {
  std::int64_t l = to_local(t);
  std::int64_t d = l / kMicrosPerDay;
  if (l % kMicrosPerDay < 0) --d;
  return static_cast<Day>(d);
}

std::optional<Instant> parse_timestamp(std::string_view s, const TimeZone& tz, std::string* why) {
  auto fail = [&](const char* reason) -> std::optional<Instant> {
    if (why) *why = reason;
    return std::nullopt;
  };
  // trim surrounding blanks
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  int y, mo, d, h, mi, sec = 0;
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' || s[13] != ':')
    return fail("expected RFC 3339 or 'YYYY-MM-DD HH:MM[:SS]'");
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) ||
      !digits(s, 14, 2, mi))
    return fail("expected RFC 3339 or 'YYYY-MM-DD HH:MM[:SS]'");
  char sep = s[10];
  if (sep != 'T' && sep != 't' && sep != ' ') return fail("expected 'T' or a space between date and time");
  if (!valid_civil(y, unsigned(mo), unsigned(d))) return fail("no such date");
  if (h > 23 || mi > 59) return fail("time of day out of range");
  size_t pos = 16;
  std::int64_t frac_us = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, sec)) return fail("bad seconds");
    if (sec > 59) return fail("seconds out of range");
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      size_t start = pos;
      std::int64_t scale = 100000;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        frac_us += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) return fail("empty fractional seconds");
    }
  }
  Day day = days_from_civil(y, unsigned(mo), unsigned(d));
  std::int64_t local_us =
      (std::int64_t(day) * 86400 + h * 3600 + mi * 60 + sec) * kMicrosPerSecond + frac_us;
  // Every stored instant prints back as a 4-digit year in UTC and in any zone:
  // an offset must not carry it past 0001-01-01 or 9999-12-31 (plus a day of margin).
  auto in_range = [&](Instant t) -> std::optional<Instant> {
    static const Instant lo = Instant(days_from_civil(1, 1, 2)) * kMicrosPerDay;
    static const Instant hi = Instant(days_from_civil(9999, 12, 31)) * kMicrosPerDay;
    if (t < lo || t >= hi) return fail("out of range (0001-01-02 to 9999-12-30 UTC)");
    return t;
  };
  if (pos == s.size()) {
    if (sep != ' ' && sep != 'T' && sep != 't') return fail("bad separator");
    return in_range(tz.from_local(local_us));
  }
  char z = s[pos];
  if ((z == 'Z' || z == 'z') && pos + 1 == s.size()) return in_range(local_us);
  if (z == '+' || z == '-') {
    int oh, om;
    if (s.size() != pos + 6 || s[pos + 3] != ':' || !digits(s, pos + 1, 2, oh) || !digits(s, pos + 4, 2, om))
      return fail("bad UTC offset (expected ±HH:MM)");
    if (oh > 23 || om > 59) return fail("UTC offset out of range");
    std::int64_t off = (oh * 3600 + om * 60) * kMicrosPerSecond;
    return in_range(z == '+' ? local_us - off : local_us + off);
  }
  return fail("unexpected text after the time");
}

Instant parse_as_of(std::string_view s, const TimeZone& tz) {
  if (auto day = parse_date(s)) return tz.from_local((std::int64_t(*day) * 86400 + 86399) * kMicrosPerSecond);
  std::string why;
  if (auto t = parse_timestamp(s, tz, &why)) return *t;
  if (s.size() == 10 && date_problem(s) == "no such date") why = "no such date";
  throw UsageError(fmt::format("--as-of '{}': {}", s, why));
}

// RFC 3339 with a fixed offset; "Z" when utc_z. Hand-rolled: it is on the
// import hot path (canonical forms of every event).
static std::string format_with_offset(Instant t, int offset_s, bool utc_z) {
  // RFC 3339 offsets are whole minutes: a zone's historical offset with seconds
  // (local mean time, e.g. +08:05:43 in Shanghai before 1901) is rounded, and
  // the local time printed with the rounded offset, so the text is the instant.
  offset_s = int((offset_s + (offset_s >= 0 ? 30 : -30)) / 60 * 60);
  std::int64_t l = t + std::int64_t(offset_s) * kMicrosPerSecond;
  std::int64_t day = l / kMicrosPerDay, rem = l % kMicrosPerDay;
  if (rem < 0) rem += kMicrosPerDay, --day;
  int y;
  unsigned m, d;
  civil_from_days(static_cast<Day>(day), y, m, d);
  if (y < 0 || y > 9999) y = y < 0 ? 0 : 9999;  // out of the format's range; never produced by parse_timestamp
  std::int64_t secs = rem / kMicrosPerSecond, us = rem % kMicrosPerSecond;
  char b[40];
  auto two = [](char* p, unsigned v) { p[0] = char('0' + v / 10), p[1] = char('0' + v % 10); };
  b[0] = char('0' + y / 1000), b[1] = char('0' + y / 100 % 10), b[2] = char('0' + y / 10 % 10), b[3] = char('0' + y % 10);
  b[4] = '-', b[7] = '-', b[10] = 'T', b[13] = ':', b[16] = ':';
  two(b + 5, m);
  two(b + 8, d);
  two(b + 11, unsigned(secs / 3600));
  two(b + 14, unsigned(secs / 60 % 60));
  two(b + 17, unsigned(secs % 60));
  size_t n = 19;
  if (us) {
    b[n++] = '.';
    char f[6];
    for (int i = 5; i >= 0; --i) f[i] = char('0' + us % 10), us /= 10;
    int len = 6;
    while (f[len - 1] == '0') --len;
    for (int i = 0; i < len; ++i) b[n++] = f[i];
  }
  if (utc_z) {
    b[n++] = 'Z';
  } else {
    int a = offset_s < 0 ? -offset_s : offset_s;
    b[n++] = offset_s < 0 ? '-' : '+';
    two(b + n, unsigned(a / 3600));
    b[n + 2] = ':';
    two(b + n + 3, unsigned(a / 60 % 60));
    n += 5;
  }
  return std::string(b, n);
}

std::string format_rfc3339(Instant t, const TimeZone& tz) { return format_with_offset(t, tz.offset_at(t), false); }

std::string format_rfc3339_s(Instant t, const TimeZone& tz) {
  Instant r = t % kMicrosPerSecond;
  if (r < 0) r += kMicrosPerSecond;
  return format_rfc3339(t - r, tz);
}

std::string format_utc(Instant t) { return format_with_offset(t, 0, true); }

std::string format_local_minutes(Instant t, const TimeZone& tz) {
  std::string s = format_rfc3339(t, tz);
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

std::string format_seconds(Instant micros) {
  if (micros % kMicrosPerSecond == 0) return std::to_string(micros / kMicrosPerSecond);
  std::string s = fmt::format("{:.6f}", double(micros) / 1e6);
  while (s.back() == '0') s.pop_back();
  return s;
}

}  // namespace svc

#include <chrono>
#include <cstdlib>

namespace svc {
const TimeZone& TimeZone::utc() {
  static const TimeZone z = TimeZone::locate("UTC");
  return z;
}

Instant now() {
  if (const char* fixed = std::getenv("SVC_NOW"); fixed && *fixed) {
    std::string why;
    if (auto t = parse_timestamp(fixed, TimeZone::utc(), &why)) return *t;
    throw UsageError(std::string("SVC_NOW: ") + why);
  }
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace svc
