#include "policy.hpp"

#include <doctest/doctest.h>

using namespace svc;

namespace {
constexpr std::int64_t kDay = 8 * 3600;  // the default business day: 8 h
constexpr Instant kMin = 60 * kMicrosPerSecond, kHour = 60 * kMin;
}  // namespace

TEST_CASE("durations: units and clocks") {
  auto d = parse_duration("30m", kDay);
  REQUIRE(d);
  CHECK(d->micros == 30 * kMin);
  CHECK(d->clock == Clock::Calendar);
  CHECK(d->text == "30m");
  CHECK(parse_duration("24h", kDay)->micros == 24 * kHour);
  CHECK(parse_duration("24h", kDay)->clock == Clock::Calendar);
  CHECK(parse_duration("4bh", kDay)->micros == 4 * kHour);
  CHECK(parse_duration("4bh", kDay)->clock == Clock::Business);
  CHECK(parse_duration("3bd", kDay)->micros == 24 * kHour);  // 3 business days = 24 business hours
  CHECK(parse_duration("3bd", kDay)->clock == Clock::Business);
  CHECK(parse_duration("1bd", 9 * 3600)->micros == 9 * kHour);  // bd follows the calendar's day length
  CHECK(parse_duration("1.5h", kDay)->micros == 90 * kMin);
  CHECK(parse_duration("0.5bd", kDay)->micros == 4 * kHour);
  CHECK(parse_duration("0m", kDay)->micros == 0);
  CHECK(parse_duration("90m", kDay)->micros == parse_duration("1.5h", kDay)->micros);
}

TEST_CASE("durations: rejected forms") {
  for (const char* bad : {"3x", "", "h", "24", "24 h", "-1h", "+1h", "1..5h", "1e3h", "24H", "3d", "2w", "h24",
                          "1hh", "bd", "1.h5"})
    CHECK_MESSAGE(!parse_duration(bad, kDay), bad);
}

TEST_CASE("the business day is the sum of the working spans") {
  CalendarPolicy c;
  CHECK(c.day_seconds() == kDay);
  c.hours = {{9 * 60, 12 * 60}, {13 * 60, 18 * 60}};
  CHECK(c.day_seconds() == 8 * 3600);
  c.hours = {{0, 24 * 60}};
  CHECK(c.day_seconds() == 86400);
}

TEST_CASE("target names") {
  CHECK(to_string(Target::Response) == "response");
  CHECK(to_string(Target::Arrival) == "arrival");
  CHECK(to_string(Target::Resolution) == "resolution");
  CHECK(to_string(Target::Followup) == "followup");
  CHECK(kTargets.size() == 4);
  CHECK(kTargets[2] == Target::Resolution);
}
