// Planned maintenance's parsing (lib/ops/maint.cpp): selectors and checklist
// items. Assets and plans, generation and due work, visits and the audit are
// in tests/ops/maint_{assets,generate,visits}_test.cpp and
// tests/reports/maint_audit_test.cpp.
#include "maint.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "maint_fixtures.hpp"

using namespace svc;
using namespace svc::maint_test;

TEST_CASE("selectors: kind, attributes, numeric comparisons, alternatives, absent attributes") {
  Asset v80{"V-80", "valve", "", "", "SH-01", std::nullopt, {{"dn", "80"}}, std::nullopt, ""};
  Asset v50{"V-50", "valve", "", "", "SH-01", std::nullopt, {{"dn", "50"}}, std::nullopt, ""};
  Asset st{"RS-01", "station", "", "", "SH-01", std::nullopt, {}, std::nullopt, ""};
  CHECK(matches(parse_selector("kind=valve, dn>=65"), v80));
  CHECK_FALSE(matches(parse_selector("kind=valve, dn>=65"), v50));
  CHECK(matches(parse_selector("kind=valve, dn<65"), v50));
  CHECK(matches(parse_selector("kind=station|valve_pit"), st));
  CHECK_FALSE(matches(parse_selector("kind!=station"), st));
  CHECK(matches(parse_selector("origin!=imported"), st));       // absent differs from every value
  CHECK_FALSE(matches(parse_selector("origin=imported"), st));  // absent matches no value
  CHECK_FALSE(matches(parse_selector("dn>=65"), st));
  CHECK(matches(parse_selector("dn=80.0"), v80));  // numbers compare as numbers
  CHECK(matches(parse_selector(""), st));
  CHECK_THROWS_AS(parse_selector("kind"), UsageError);
  CHECK_THROWS_AS(parse_selector("dn>=big"), UsageError);
  CHECK_THROWS_AS(parse_selector("=x"), UsageError);
}

TEST_CASE("checklist items: parsing and value validation") {
  auto n = parse_item("inlet_pressure:number:kPa:2..4");
  CHECK(n.unit == "kPa");
  CHECK(*n.min == 2);
  CHECK(*n.max == 4);
  CHECK(item_spec(n) == "inlet_pressure:number:kPa:2..4");
  CHECK(item_spec(parse_item("t:number:..10:optional")) == "t:number:..10:optional");
  CHECK_THROWS_AS(parse_item("x"), UsageError);
  CHECK_THROWS_AS(parse_item("x:colour"), UsageError);
  CHECK_THROWS_AS(parse_item("x:yesno:1..2"), UsageError);
  CHECK_THROWS_AS(parse_item("x:number:5..1"), UsageError);
  std::string why, finding;
  CHECK(*check_value(n, " 3.10 ", why, finding) == "3.1");
  CHECK(finding.empty());
  CHECK(*check_value(n, "1.5", why, finding) == "1.5");
  CHECK(finding == "1.5 kPa is below the minimum 2 kPa");
  check_value(n, "4.5", why, finding);
  CHECK(finding == "4.5 kPa is above the maximum 4 kPa");
  CHECK_FALSE(check_value(n, "3,1", why, finding));
  CHECK(why == "inlet_pressure: '3,1' is not a number");
  auto y = parse_item("leak_test:yesno");
  CHECK(*check_value(y, "是", why, finding) == "yes");
  CHECK(*check_value(y, "No", why, finding) == "no");
  CHECK(finding == "answered no");
  CHECK_FALSE(check_value(y, "maybe", why, finding));
}


TEST_CASE("a reading is read by the one decimal parser: no hex, exponent, inf or nan (issue 25)") {
  auto n = parse_item("inlet_pressure:number:kPa:2.0..4.0");
  std::string why, finding;
  for (const char* bad : {"0x3", "0X3", "3e0", "1e-1", "inf", "nan", "0x1p1", ".5e1", "1_000"}) {
    CAPTURE(bad);
    CHECK_FALSE(check_value(n, bad, why, finding));
    CHECK(why == fmt::format("inlet_pressure: '{}' is not a number", bad));
  }
  CHECK(*check_value(n, "+3", why, finding) == "3");
  CHECK(*check_value(n, "-0.5", why, finding) == "-0.5");
  // a text reading is free text: one line, no control characters
  auto t = parse_item("remarks:text:optional");
  CHECK(*check_value(t, "滤网已清洗", why, finding) == "滤网已清洗");
  CHECK_FALSE(check_value(t, "ok\x1b[2J", why, finding));
  CHECK(why == "remarks: must not hold control characters (\\x1B at byte 3): one line of plain text");
}
