// Interval arithmetic of planned maintenance (lib/rules/maint_interval.cpp): month
// ends, leap years, spring/autumn windows, "after N years in service".
#include "maint_interval.hpp"

#include <doctest/doctest.h>

using namespace svc;

namespace {
Day D(const char* s) { return *parse_date(s); }
std::vector<std::string> fmt(const std::vector<Day>& v) {
  std::vector<std::string> out;
  for (Day d : v) out.push_back(format_date(d));
  return out;
}
Interval iv(const char* s) {
  auto i = parse_interval(s);
  REQUIRE(i);
  return *i;
}
const MaintPolicy mp;
}  // namespace

TEST_CASE("parse_interval: the forms and their canonical text; bad ones say why") {
  CHECK(iv("2w").kind == Interval::Kind::Days);
  CHECK(iv("2w").n == 14);
  CHECK(iv("10d").n == 10);
  CHECK(iv("Monthly").text == "monthly");
  CHECK(iv("quarterly").n == 3);
  CHECK(iv("every 3m").text == "quarterly");
  CHECK(iv("yearly").n == 12);
  CHECK(iv("every 1y").text == "yearly");
  CHECK(iv("every  3y").text == "every 3y");
  CHECK(iv("every 3y").n == 36);
  CHECK(iv("spring+autumn").kind == Interval::Kind::SpringAutumn);
  CHECK(iv("after 8y in service").kind == Interval::Kind::AfterService);
  CHECK(iv("after 8y in service").n == 96);
  CHECK(iv("after 18m in service").n == 18);
  std::string why;
  for (const char* bad : {"", "2x", "0w", "every", "every 3", "after 8y", "after 8w in service", "spring", "-2w", "99999d"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_interval(bad, &why));
  }
  CHECK(why.find("is not an interval") != std::string::npos);
}

TEST_CASE("add_months clamps to the month's end, counting from the anchor; leap years") {
  CHECK(format_date(add_months(D("2026-01-31"), 1)) == "2026-02-28");
  CHECK(format_date(add_months(D("2028-01-31"), 1)) == "2028-02-29");
  CHECK(format_date(add_months(D("2026-01-31"), 2)) == "2026-03-31");
  CHECK(format_date(add_months(D("2026-03-31"), 1)) == "2026-04-30");
  CHECK(format_date(add_months(D("2028-02-29"), 12)) == "2029-02-28");
  CHECK(format_date(add_months(D("2028-02-29"), 48)) == "2032-02-29");
  CHECK(format_date(add_months(D("2026-11-15"), 2)) == "2027-01-15");
  CHECK(format_date(add_months(D("2026-01-15"), -1)) == "2025-12-15");
}

TEST_CASE("monthly from Jan 31 does not drift: Feb 28, Mar 31, Apr 30") {
  auto v = due_dates(iv("monthly"), D("2026-01-31"), std::nullopt, D("2026-01-01"), D("2026-05-31"), mp);
  CHECK(fmt(v) == std::vector<std::string>{"2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"});
  // a window that starts late gives the same dates as the full enumeration
  auto late = due_dates(iv("monthly"), D("2026-01-31"), std::nullopt, D("2029-02-01"), D("2029-03-31"), mp);
  CHECK(fmt(late) == std::vector<std::string>{"2029-02-28", "2029-03-31"});
  auto leap = due_dates(iv("monthly"), D("2026-01-31"), std::nullopt, D("2028-02-01"), D("2028-02-29"), mp);
  CHECK(fmt(leap) == std::vector<std::string>{"2028-02-29"});
}

TEST_CASE("2w steps exactly 14 days from the anchor, also across the year end and a window start") {
  auto v = due_dates(iv("2w"), D("2026-12-14"), std::nullopt, D("2026-12-20"), D("2027-01-31"), mp);
  CHECK(fmt(v) == std::vector<std::string>{"2026-12-28", "2027-01-11", "2027-01-25"});
  CHECK(due_dates(iv("2w"), D("2026-12-14"), std::nullopt, D("2026-12-01"), D("2026-12-13"), mp).empty());
}

TEST_CASE("quarterly, yearly and every 3y from a leap day") {
  auto q = due_dates(iv("quarterly"), D("2026-11-30"), std::nullopt, D("2026-01-01"), D("2027-12-31"), mp);
  CHECK(fmt(q) == std::vector<std::string>{"2026-11-30", "2027-02-28", "2027-05-30", "2027-08-30", "2027-11-30"});
  auto y = due_dates(iv("yearly"), D("2028-02-29"), std::nullopt, D("2028-01-01"), D("2033-01-01"), mp);
  CHECK(fmt(y) == std::vector<std::string>{"2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"});
  auto e = due_dates(iv("every 3y"), D("2026-06-01"), std::nullopt, D("2026-01-01"), D("2035-12-31"), mp);
  CHECK(fmt(e) == std::vector<std::string>{"2026-06-01", "2029-06-01", "2032-06-01", "2035-06-01"});
}

TEST_CASE("spring+autumn: the policy's two days each year, none before the anchor") {
  auto v = due_dates(iv("spring+autumn"), D("2026-05-01"), std::nullopt, D("2026-01-01"), D("2027-12-31"), mp);
  CHECK(fmt(v) == std::vector<std::string>{"2026-10-01", "2027-04-01", "2027-10-01"});
  MaintPolicy other;
  other.spring_month = 3, other.spring_day = 15, other.autumn_month = 9, other.autumn_day = 30;
  auto w = due_dates(iv("spring+autumn"), D("2026-01-01"), std::nullopt, D("2026-03-15"), D("2026-09-29"), other);
  CHECK(fmt(w) == std::vector<std::string>{"2026-03-15"});
}

TEST_CASE("after N years in service: once, at install + N years, clamped on a leap day; nothing without an install date") {
  auto v = due_dates(iv("after 8y in service"), D("2026-01-01"), D("2018-05-01"), D("2000-01-01"), D("2040-01-01"), mp);
  CHECK(fmt(v) == std::vector<std::string>{"2026-05-01"});
  auto leap = due_dates(iv("after 5y in service"), D("2026-01-01"), D("2024-02-29"), D("2000-01-01"), D("2040-01-01"), mp);
  CHECK(fmt(leap) == std::vector<std::string>{"2029-02-28"});
  CHECK(due_dates(iv("after 8y in service"), D("2026-01-01"), std::nullopt, D("2000-01-01"), D("2040-01-01"), mp).empty());
  CHECK(due_dates(iv("after 8y in service"), D("2026-01-01"), D("2018-05-01"), D("2000-01-01"), D("2026-04-30"), mp).empty());
}
