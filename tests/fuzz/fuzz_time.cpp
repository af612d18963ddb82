// Fuzz target: the timestamp, date, --as-of, duration and strftime-like
// (mapping) parsers. A timestamp that parses must print and parse back to the
// same instant; a duration that parses is never negative.
#include <cstdint>
#include <string>
#include <string_view>

#include "error.hpp"
#include "fuzz_util.hpp"
#include "mapping.hpp"
#include "policy.hpp"
#include "timeutil.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const svc::TimeZone zones[] = {svc::TimeZone::locate("Asia/Shanghai"),
                                        svc::TimeZone::locate("America/New_York"), svc::TimeZone::locate("UTC")};
  std::string_view s(reinterpret_cast<const char*>(data), size);
  for (const auto& tz : zones) {
    std::string why;
    if (auto t = svc::parse_timestamp(s, tz, &why)) {
      std::string text = svc::format_rfc3339(*t, tz);
      auto back = svc::parse_timestamp(text, tz);
      FUZZ_CHECK(back && *back == *t);
      FUZZ_CHECK(svc::format_utc(*t).size() >= 20);
    } else {
      FUZZ_CHECK(!why.empty());
    }
    try {
      (void)svc::parse_as_of(s, tz);
    } catch (const svc::UsageError&) {
    }
  }
  if (auto d = svc::parse_date(s)) FUZZ_CHECK(svc::format_date(*d) == s);
  if (auto d = svc::parse_duration(s, 8 * 3600)) FUZZ_CHECK(d->micros >= 0);
  // "FORMAT\nVALUE": the mapping rules' timestamp patterns
  if (auto nl = s.find('\n'); nl != std::string_view::npos) {
    std::string fmt(s.substr(0, nl)), why;
    (void)svc::parse_with_format(s.substr(nl + 1), fmt, zones[1], why);
  }
  return 0;
}
