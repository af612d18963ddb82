// Times in an export's own form (parse_with_format, [source] ts_format) and
// open_mapped. The rules file: mapping_rules.cpp; value maps and conditions:
// mapping_values.cpp; the row→events engine: mapping_source.cpp; --check:
// mapping_check.cpp.
#include "mapping.hpp"

#include <fmt/format.h>

#include "mapping_internal.hpp"

namespace svc {

using namespace mapping_detail;

namespace {

const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

}  // namespace

namespace mapping_detail {

Pattern compile_pattern(const std::string& text, bool fold_case, std::string& error) {
  re2::RE2::Options o;
  o.set_log_errors(false);  // the refusal is ours to word (FILE:LINE), not RE2's log line
  o.set_max_mem(kPatternMaxMem);
  o.set_case_sensitive(!fold_case);
  auto re = std::make_shared<const re2::RE2>(text, o);
  if (re->ok()) return re;
  error = re->error_code() == re2::RE2::ErrorPatternTooLarge
              ? fmt::format("too large: its program needs more than {} MiB", kPatternMaxMem >> 20)
              : re->error() + " (the syntax is RE2's: no backreferences or lookaround)";
  return nullptr;
}

}  // namespace mapping_detail

std::optional<Instant> parse_with_format(std::string_view s, const std::string& format, const TimeZone& tz,
                                         std::string& why) {
  s = std::string_view(s.data(), s.size());
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (format == "rfc3339" || format.empty()) {
    if (auto t = parse_timestamp(s, tz, &why)) return t;
    return std::nullopt;
  }
  int y = -1, mo = -1, d = -1, h = 0, mi = 0, sec = 0, ampm = -1;
  bool h12 = false, have_offset = false;
  std::int64_t frac = 0, offset = 0;
  size_t i = 0;
  auto fail = [&](std::string m) -> std::optional<Instant> {
    why = fmt::format("does not match the format '{}' ({})", format, m);
    return std::nullopt;
  };
  auto num = [&](int maxd, int& out) {
    size_t st = i;
    int v = 0;
    while (i < s.size() && i - st < size_t(maxd) && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    if (i == st) return false;
    out = v;
    return true;
  };
  for (size_t f = 0; f < format.size(); ++f) {
    char c = format[f];
    if (c == ' ') {
      if (i >= s.size() || s[i] != ' ') return fail("expected a space");
      while (i < s.size() && s[i] == ' ') ++i;
      continue;
    }
    if (c != '%' || f + 1 == format.size()) {
      if (i >= s.size() || s[i] != c) return fail(fmt::format("expected '{}'", c));
      ++i;
      continue;
    }
    char k = format[++f];
    bool ok = true;
    switch (k) {
      case 'Y': {
        size_t st = i;
        ok = num(4, y) && i - st == 4;
        break;
      }
      case 'm': ok = num(2, mo); break;
      case 'd': ok = num(2, d); break;
      case 'H': ok = num(2, h); break;
      case 'I': ok = num(2, h), h12 = true; break;
      case 'M': ok = num(2, mi); break;
      case 'S': ok = num(2, sec); break;
      case 'f': {
        std::int64_t scale = 100000;
        size_t st = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') frac += (s[i++] - '0') * scale, scale /= 10;
        ok = i > st;
        break;
      }
      case 'p': {
        if (i + 2 > s.size()) return fail("expected AM or PM");
        char a = char(std::tolower(static_cast<unsigned char>(s[i])));
        char b = char(std::tolower(static_cast<unsigned char>(s[i + 1])));
        if (b != 'm' || (a != 'a' && a != 'p')) return fail("expected AM or PM");
        ampm = a == 'p';
        i += 2;
        break;
      }
      case 'b': {
        if (i + 3 > s.size()) return fail("expected a month name");
        std::string m;
        for (int q = 0; q < 3; ++q) m += char(std::tolower(static_cast<unsigned char>(s[i + q])));
        mo = -1;
        for (int q = 0; q < 12; ++q)
          if (m == kMonths[q]) mo = q + 1;
        if (mo < 0) return fail("expected a month name");
        i += 3;
        while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;  // "September"
        break;
      }
      case 'z': {
        if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
          ++i;
          have_offset = true;
          break;
        }
        if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return fail("expected a UTC offset");
        int sign = s[i] == '-' ? -1 : 1, oh, om = 0;
        ++i;
        size_t st = i;
        if (!num(2, oh) || i - st != 2) return fail("expected a UTC offset");
        if (i < s.size() && s[i] == ':') ++i;
        st = i;
        if (!num(2, om) || i - st != 2) return fail("expected a UTC offset");
        if (oh > 23 || om > 59) return fail("UTC offset out of range");
        offset = sign * (oh * 3600 + om * 60) * kMicrosPerSecond;
        have_offset = true;
        break;
      }
      case '%':
        if (i >= s.size() || s[i] != '%') return fail("expected '%'");
        ++i;
        break;
      default: return fail(fmt::format("unknown directive %{}", k));
    }
    if (!ok) return fail(fmt::format("bad %{}", k));
  }
  if (i != s.size()) return fail("unexpected text at the end");
  if (y < 0 || mo < 0 || d < 0) return fail("the format needs %Y, %m or %b, and %d");
  if (h12) {
    if (h < 1 || h > 12 || ampm < 0) return fail("12-hour time needs 1-12 and AM/PM");
    h = h % 12 + (ampm ? 12 : 0);
  }
  if (!valid_civil(y, unsigned(mo), unsigned(d))) return fail("no such date");
  if (h > 23 || mi > 59 || sec > 59) return fail("time of day out of range");
  std::int64_t local = (std::int64_t(days_from_civil(y, unsigned(mo), unsigned(d))) * 86400 + h * 3600 + mi * 60 + sec) *
                           kMicrosPerSecond + frac;
  if (have_offset) return local - offset;
  return tz.from_local(local);
}

std::unique_ptr<RecordSource> open_mapped(const std::string& path, std::shared_ptr<const MapRules> rules,
                                          const std::string& display, const TimeZone& policy_tz) {
  return std::make_unique<MappedSource>(path, std::move(rules), display.empty() ? path : display, policy_tz);
}

}  // namespace svc
