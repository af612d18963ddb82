#include "timeutil.hpp"

#include <doctest/doctest.h>

#include "error.hpp"

using namespace svc;

TEST_CASE("civil dates round-trip and validate") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(format_date(*parse_date("2024-02-29")) == "2024-02-29");
  CHECK_FALSE(parse_date("2026-02-29"));
  CHECK_FALSE(parse_date("2026-02-30"));
  CHECK_FALSE(parse_date("0000-01-01"));
  CHECK_FALSE(parse_date("2026-1-01"));
  CHECK(weekday(*parse_date("2026-11-06")) == 4);  // Friday
  CHECK(weekday(*parse_date("2026-11-09")) == 0);  // Monday
}

TEST_CASE("timestamps: RFC 3339 and local forms") {
  auto sh = TimeZone::locate("Asia/Shanghai");
  auto t = parse_timestamp("2026-11-02T08:15:00+08:00", sh);
  REQUIRE(t);
  CHECK(*parse_timestamp("2026-11-02 08:15", sh) == *t);
  CHECK(*parse_timestamp("2026-11-02 08:15:00", sh) == *t);
  CHECK(*parse_timestamp("2026-11-02T00:15:00Z", sh) == *t);
  CHECK(*parse_timestamp("2026-11-02T00:15:00.5Z", sh) == *t + 500000);
  CHECK(format_rfc3339(*t, sh) == "2026-11-02T08:15:00+08:00");
  CHECK(format_utc(*t) == "2026-11-02T00:15:00Z");
  std::string why;
  CHECK_FALSE(parse_timestamp("2026-11-02T08:15:00+25:00", sh, &why));
  CHECK(why == "UTC offset out of range");
  CHECK_FALSE(parse_timestamp("2026-02-30 08:00", sh, &why));
  CHECK(why == "no such date");
  CHECK_FALSE(parse_timestamp("0000-01-01 08:00", sh));
  CHECK_FALSE(parse_timestamp("2026-11-02 24:00", sh));
  CHECK_FALSE(parse_timestamp("yesterday", sh));
  CHECK_FALSE(parse_timestamp("2026-11-02T08:15:00+0800", sh));
}

TEST_CASE("local times across DST changes (Europe/Berlin)") {
  auto be = TimeZone::locate("Europe/Berlin");
  // 2026-03-29 02:30 does not exist: read with the offset before (+01:00)
  CHECK(format_utc(*parse_timestamp("2026-03-29 02:30", be)) == "2026-03-29T01:30:00Z");
  // 2026-10-25 02:30 occurs twice: the earlier instant (+02:00)
  CHECK(format_utc(*parse_timestamp("2026-10-25 02:30", be)) == "2026-10-25T00:30:00Z");
  CHECK(format_rfc3339(*parse_timestamp("2026-07-01 12:00", be), be) == "2026-07-01T12:00:00+02:00");
  CHECK(format_rfc3339(*parse_timestamp("2026-12-01 12:00", be), be) == "2026-12-01T12:00:00+01:00");
}

TEST_CASE("as-of accepts a date as the end of that day") {
  auto sh = TimeZone::locate("Asia/Shanghai");
  CHECK(format_rfc3339(parse_as_of("2026-11-30", sh), sh) == "2026-11-30T23:59:59+08:00");
  CHECK_THROWS_AS(parse_as_of("soon", sh), UsageError);
}

TEST_CASE("unknown zone is a data error") { CHECK_THROWS_AS(TimeZone::locate("Mars/Olympus"), DataError); }

TEST_CASE("seconds formatting") {
  CHECK(format_seconds(234000 * kMicrosPerSecond) == "234000");
  CHECK(format_seconds(1500000) == "1.5");
}

TEST_CASE("UTC and offset formatting, fractions and negative instants") {
  auto sh = TimeZone::locate("Asia/Shanghai");
  CHECK(format_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(format_utc(-1) == "1969-12-31T23:59:59.999999Z");
  CHECK(format_utc(1793578500123000) == "2026-11-02T00:15:00.123Z");
  CHECK(format_utc(1793578500000001) == "2026-11-02T00:15:00.000001Z");
  CHECK(format_rfc3339(1793578500000000, sh) == "2026-11-02T08:15:00+08:00");
  auto ny = TimeZone::locate("America/New_York");
  CHECK(format_rfc3339(1793578500000000, ny) == "2026-11-01T19:15:00-05:00");
}

TEST_CASE("date_problem: a date that does not exist says so") {
  CHECK(date_problem("2026-02-28") == "");
  CHECK(date_problem("2026-02-30") == "no such date");
  CHECK(date_problem("2026-13-01") == "no such date");
  CHECK(date_problem("2026-00-10") == "no such date");
  CHECK(date_problem("2026-11-9") == "expected a date YYYY-MM-DD");
  CHECK(date_problem("30.11.2026") == "expected a date YYYY-MM-DD");
  CHECK(date_problem("") == "expected a date YYYY-MM-DD");
  auto tz = TimeZone::locate("Asia/Shanghai");
  try {
    parse_as_of("2026-02-30", tz);
    FAIL("2026-02-30 parsed");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()) == "--as-of '2026-02-30': no such date");
  }
  try {
    parse_as_of("2026-02-30 10:00", tz);
    FAIL("2026-02-30 10:00 parsed");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()) == "--as-of '2026-02-30 10:00': no such date");
  }
}

TEST_CASE("TimeZone::utc is one located UTC zone: no offset, local forms read as UTC") {
  const TimeZone& a = TimeZone::utc();
  CHECK(&a == &TimeZone::utc());
  CHECK(a.name() == "UTC");
  CHECK(a.offset_at(*parse_timestamp("2026-07-01T12:00:00Z", a)) == 0);
  CHECK(format_utc(*parse_timestamp("2026-07-01 08:30", a)) == "2026-07-01T08:30:00Z");
}
