#include "calendar.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <thread>

#include "error.hpp"

#include "sla_fixtures.hpp"

using namespace svc;
using svc::test::at;

namespace {
constexpr Instant H = 3600 * kMicrosPerSecond;
constexpr Instant M = 60 * kMicrosPerSecond;
}  // namespace

TEST_CASE("calendar: the worked example's 3bd from Friday 16:00") {
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  const auto& tz = p.tz;
  Instant fri = at("2026-11-06 16:00", tz);
  // Friday 1.5 h, Monday and Tuesday 8 h each, Wednesday 3.5 h and 3 h
  CHECK(cal.business_between(fri, at("2026-11-06 17:30", tz)) == 90 * M);
  CHECK(cal.business_between(fri, at("2026-11-09 08:30", tz)) == 90 * M);
  CHECK(cal.business_between(fri, at("2026-11-11 16:00", tz)) == 24 * H);
  CHECK(format_rfc3339(cal.add_business(fri, 24 * H), tz) == "2026-11-11T16:00:00+08:00");
  // the pause's business hours: Monday 10:00-12:00 and 13:00-14:00
  CHECK(cal.business_between(at("2026-11-09 10:00", tz), at("2026-11-09 14:00", tz)) == 3 * H);
}

TEST_CASE("calendar: working days, holidays and 调休 extra workdays") {
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  CHECK(cal.is_working_day(*parse_date("2026-11-06")));        // Friday
  CHECK_FALSE(cal.is_working_day(*parse_date("2026-11-07")));  // Saturday
  CHECK_FALSE(cal.is_working_day(*parse_date("2026-10-01")));  // national day, a Thursday
  CHECK(cal.is_working_day(*parse_date("2026-10-10")));        // 调休 Saturday
  CHECK(cal.is_working_day(*parse_date("2026-09-20")));        // 调休 Sunday before National Day
  CHECK_FALSE(cal.is_working_day(*parse_date("2026-09-27")));  // Mid-Autumn, a Sunday: not worked (v1 had it wrong)
  CHECK_FALSE(cal.is_working_day(*parse_date("2026-10-17")));  // an ordinary Saturday
}

TEST_CASE("calendar: time outside working hours does not count") {
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  const auto& tz = p.tz;
  // created on a Saturday: the clock starts Monday 08:30
  CHECK(format_rfc3339(cal.add_business(at("2026-11-07 10:00", tz), 1 * H), tz) == "2026-11-09T09:30:00+08:00");
  // created Friday evening
  CHECK(cal.business_between(at("2026-11-06 18:00", tz), at("2026-11-09 08:30", tz)) == 0);
  CHECK(format_rfc3339(cal.add_business(at("2026-11-06 18:00", tz), 2 * H), tz) == "2026-11-09T10:30:00+08:00");
  // created at lunch
  CHECK(format_rfc3339(cal.add_business(at("2026-11-09 12:30", tz), 30 * M), tz) == "2026-11-09T13:30:00+08:00");
  // before opening
  CHECK(cal.business_between(at("2026-11-09 06:00", tz), at("2026-11-09 09:00", tz)) == 30 * M);
}

TEST_CASE("calendar: add_business is the earliest instant; 0 is the start itself") {
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  const auto& tz = p.tz;
  // 3.5 h from 08:30 ends at 12:00, not at 13:00 when work resumes
  CHECK(format_rfc3339(cal.add_business(at("2026-11-09 08:30", tz), 210 * M), tz) == "2026-11-09T12:00:00+08:00");
  CHECK(format_rfc3339(cal.add_business(at("2026-11-09 08:30", tz), 210 * M + 1), tz) ==
        "2026-11-09T13:00:00.000001+08:00");
  Instant sat = at("2026-11-07 10:00", tz);
  CHECK(cal.add_business(sat, 0) == sat);
  // 8 h from a day's opening is its closing
  CHECK(format_rfc3339(cal.add_business(at("2026-11-10 08:30", tz), 8 * H), tz) == "2026-11-10T17:30:00+08:00");
  CHECK(cal.business_between(at("2026-11-10 12:00", tz), at("2026-11-10 08:00", tz)) == 0);  // b before a
}

TEST_CASE("calendar: across the national-day holiday") {
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  const auto& tz = p.tz;
  // Wednesday 2026-09-30 16:00: 1.5 h that day, then nothing until Thursday 10-08
  Instant wed = at("2026-09-30 16:00", tz);
  CHECK(cal.business_between(wed, at("2026-10-08 08:30", tz)) == 90 * M);
  CHECK(format_rfc3339(cal.add_business(wed, 8 * H), tz) == "2026-10-08T16:00:00+08:00");
  // a 调休 Saturday counts a full day
  CHECK(cal.business_between(at("2026-10-10 00:00", tz), at("2026-10-11 00:00", tz)) == 8 * H);
  CHECK(cal.business_between(at("2026-10-17 00:00", tz), at("2026-10-18 00:00", tz)) == 0);
  // Friday 10-09 17:00 + 1 h lands on the 调休 Saturday
  CHECK(format_rfc3339(cal.add_business(at("2026-10-09 17:00", tz), 1 * H), tz) == "2026-10-10T09:00:00+08:00");
}

TEST_CASE("calendar: DST in Europe/Berlin (2026-03-29 and 2026-10-25)") {
  Policy p = default_policy();
  p.timezone = "Europe/Berlin";
  p.tz = TimeZone::locate(p.timezone);
  p.calendar.holidays.clear();
  p.calendar.extra_workdays.clear();
  const auto& tz = p.tz;
  {
    BusinessCalendar cal(p.calendar, tz);
    // standard hours across the weekend of each change: Friday 17:00 to Monday 09:30 is 1.5 h
    CHECK(cal.business_between(at("2026-03-27 17:00", tz), at("2026-03-30 09:30", tz)) == 90 * M);
    CHECK(cal.business_between(at("2026-10-23 17:00", tz), at("2026-10-26 09:30", tz)) == 90 * M);
    CHECK(format_rfc3339(cal.add_business(at("2026-03-27 17:00", tz), 90 * M), tz) == "2026-03-30T09:30:00+02:00");
    CHECK(format_rfc3339(cal.add_business(at("2026-10-23 17:00", tz), 90 * M), tz) == "2026-10-26T09:30:00+01:00");
  }
  {
    // every day a working day, one span 01:00-04:00 that the change falls into
    CalendarPolicy c = p.calendar;
    c.workdays = {true, true, true, true, true, true, true};
    c.hours = {{60, 240}};
    BusinessCalendar cal(c, tz);
    auto day = [&](const char* d) {
      return cal.business_between(at((std::string(d) + " 00:00").c_str(), tz), tz.day_start(*parse_date(d) + 1));
    };
    CHECK(day("2026-03-28") == 3 * H);
    CHECK(day("2026-03-29") == 2 * H);  // 02:00-03:00 does not exist
    CHECK(day("2026-10-25") == 4 * H);  // 02:00-03:00 happens twice
    CHECK(day("2026-10-26") == 3 * H);
    CHECK(format_rfc3339(cal.add_business(at("2026-03-29 00:00", tz), 90 * M), tz) == "2026-03-29T03:30:00+02:00");
    CHECK(format_rfc3339(cal.add_business(at("2026-10-25 00:00", tz), 90 * M), tz) == "2026-10-25T02:30:00+02:00");
    CHECK(format_rfc3339(cal.add_business(at("2026-10-25 00:00", tz), 150 * M), tz) == "2026-10-25T02:30:00+01:00");
  }
}

TEST_CASE("calendar: additivity and inverse on random instants") {
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  std::mt19937_64 rng(42);
  const Instant lo = at("2026-01-01 00:00", p.tz), span = 400 * kMicrosPerDay;
  for (int i = 0; i < 2000; ++i) {
    Instant a = lo + Instant(rng() % std::uint64_t(span)), b = lo + Instant(rng() % std::uint64_t(span));
    if (a > b) std::swap(a, b);
    Instant m = a + (b - a) / 3;
    REQUIRE(cal.business_between(a, b) == cal.business_between(a, m) + cal.business_between(m, b));
    Instant x = cal.business_between(a, b);
    Instant t = cal.add_business(a, x);
    REQUIRE(t <= b);
    REQUIRE(cal.business_between(a, t) == x);
    if (x > 0) REQUIRE(cal.business_between(a, t - 1) < x);  // earliest
  }
}

TEST_CASE("calendar: long ranges are fast and agree with day-by-day sums") {
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  const auto& tz = p.tz;
  Instant a = at("2020-01-01 00:00", tz), b = at("2035-01-01 00:00", tz);
  Instant sum = 0;
  for (Day d = tz.local_day(a); d < tz.local_day(b); ++d)
    sum += cal.business_between(tz.day_start(d), tz.day_start(d + 1));
  CHECK(cal.business_between(a, b) == sum);
  auto t0 = std::chrono::steady_clock::now();
  std::uint64_t acc = 0;  // 200k sums of ~15 years in µs would overflow a signed 64-bit
  for (int i = 0; i < 200000; ++i) acc += std::uint64_t(cal.business_between(a + i * M, b - i * M));
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(acc > 0);
  CHECK(secs < 1.0);  // 200k 15-year ranges: O(1) each once the days are cached
  CHECK(cal.add_business(a, sum) <= b);
}

TEST_CASE("calendar: a calendar with no working time never reaches an amount") {
  CalendarPolicy c;
  c.workdays = {false, false, false, false, false, false, false};
  c.extra_workdays = {*parse_date("2026-11-07")};
  auto tz = TimeZone::locate("Asia/Shanghai");
  BusinessCalendar cal(c, tz);
  Instant from = at("2026-11-01 00:00", tz);
  CHECK(cal.business_between(from, at("2026-12-01 00:00", tz)) == 8 * H);
  CHECK(format_rfc3339(cal.add_business(from, 8 * H), tz) == "2026-11-07T17:30:00+08:00");
  CHECK(cal.add_business(from, 8 * H + 1) == BusinessCalendar::kNever);
}

TEST_CASE("calendar: the default calendar is the official 2025 and 2026 ones together") {
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  auto working = [&](const char* d) { return cal.is_working_day(*parse_date(d)); };
  // Mid-Autumn 09-25 (Fri) .. 09-27 (Sun) off; 09-20 (Sun) worked
  CHECK_FALSE(working("2026-09-25"));
  CHECK_FALSE(working("2026-09-26"));
  CHECK_FALSE(working("2026-09-27"));
  CHECK(working("2026-09-20"));
  // National Day 10-01 .. 10-07 off, 10-10 (Sat) worked, 10-08 (Thu) back to work
  for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06",
                        "2026-10-07"})
    CHECK_FALSE(working(d));
  CHECK(working("2026-10-08"));
  CHECK(working("2026-10-10"));
  // New Year, Spring Festival, Labour Day and their make-up days
  CHECK_FALSE(working("2026-01-01"));
  CHECK_FALSE(working("2026-01-02"));
  CHECK(working("2026-01-04"));
  CHECK(working("2026-02-14"));
  CHECK_FALSE(working("2026-02-23"));
  CHECK(working("2026-02-28"));
  CHECK_FALSE(working("2026-05-05"));
  CHECK(working("2026-05-09"));
  CHECK_FALSE(working("2026-06-19"));
  CHECK_FALSE(working("2026-04-06"));

  // a 3bd ticket created on the last working day before a holiday
  const auto& tz = p.tz;
  CHECK(format_rfc3339(cal.add_business(at("2026-09-24 16:00", tz), 24 * H), tz) == "2026-09-30T16:00:00+08:00");
  CHECK(format_rfc3339(cal.add_business(at("2026-09-30 16:00", tz), 24 * H), tz) == "2026-10-10T16:00:00+08:00");

  CalendarYear y = calendar_year(p.calendar, 2026);
  CHECK(y.covered);
  CHECK(y.days.size() == 365);
  CHECK(y.holidays == 33);
  CHECK(y.holidays_on_workdays == 19);
  CHECK(y.makeup_workdays == 6);
  CHECK(y.working_days == 261 - 19 + 6);
  CHECK(y.days_off == 365 - y.working_days);
  CHECK(calendar_year(p.calendar, 2027).covered == false);

  // 2025 (v3): Spring Festival 01-28 .. 02-04 off, 01-26 (Sun) and 02-08 (Sat) worked;
  // National Day and Mid-Autumn 10-01 .. 10-08 off, 09-28 (Sun) and 10-11 (Sat) worked
  CHECK_FALSE(working("2025-01-01"));
  CHECK(working("2025-01-26"));
  CHECK(working("2025-01-27"));
  for (const char* d : {"2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03", "2025-02-04"})
    CHECK_FALSE(working(d));
  CHECK(working("2025-02-05"));
  CHECK(working("2025-02-08"));
  CHECK(working("2025-04-27"));
  CHECK_FALSE(working("2025-05-05"));
  CHECK_FALSE(working("2025-06-02"));
  CHECK(working("2025-09-28"));
  CHECK_FALSE(working("2025-10-08"));
  CHECK(working("2025-10-11"));
  CalendarYear y25 = calendar_year(p.calendar, 2025);
  CHECK(y25.covered);
  CHECK(y25.holidays == 28);
  CHECK(y25.holidays_on_workdays == 18);
  CHECK(y25.makeup_workdays == 5);
  CHECK(y25.working_days == 261 - 18 + 5);  // 2025 has 261 weekdays: 248, as the notice gives
  CHECK(calendar_year(p.calendar, 2024).covered == false);
}

TEST_CASE("calendar: issue 34, a ticket opened 2025-01-27 09:00 is due after the Spring Festival, no warning") {
  Policy p = default_policy();
  BusinessCalendar cal(p.calendar, p.tz);
  const auto& tz = p.tz;
  // by hand: Monday 01-27 09:00-12:00 and 13:00-17:30 = 7.5 h; 01-28 .. 02-04 off (Spring Festival);
  // Wednesday 02-05 and Thursday 02-06 8 h each (23.5 h); Friday 02-07 08:30-09:00 the last 0.5 h
  const Instant created = at("2025-01-27 09:00", tz);
  CHECK(format_rfc3339(cal.add_business(created, 24 * H), tz) == "2025-02-07T09:00:00+08:00");
  CHECK(cal.business_between(created, at("2025-02-05 08:30", tz)) == 7 * H + 30 * M);
  CHECK(p.calendar.beyond->latest() == CoverageLog::kNone);
  CHECK_FALSE(coverage_warning(p.calendar));
}

TEST_CASE("calendar: business time before the covered years warns too, naming the uncovered year") {
  Policy p = default_policy();  // covers 2025-2026
  BusinessCalendar cal(p.calendar, p.tz);
  const auto& tz = p.tz;
  // a ticket of 2024: 2024-03-01 (Friday) 16:00 + 3bd, on the workdays only
  CHECK(format_rfc3339(cal.add_business(at("2024-03-01 16:00", tz), 24 * H), tz) == "2024-03-06T16:00:00+08:00");
  CHECK(p.calendar.beyond->earliest() == *parse_date("2024-03-01"));
  CHECK(p.calendar.beyond->latest() == *parse_date("2024-03-06"));
  CHECK(p.calendar.beyond->years() == std::set<int>{2024});
  auto w = coverage_warning(p.calendar);
  REQUIRE(w);
  CHECK(*w == "the calendar covers 2025-2026; SLA business time before 2025-01-01 (here from 2024-03-01) was counted "
              "with the workdays only, without public holidays or make-up workdays: 2024 is not covered; include the "
              "official calendar of 2024 in [calendar] include, or declare the years your own lists give completely "
              "([calendar] covers) (docs/policy.md)");
  // an elapsed time from 2024 up to 2025 notes 2024 (to its last day), not the covered 2025
  cal.business_between(at("2024-12-30 09:00", tz), at("2025-01-02 12:00", tz));
  CHECK(p.calendar.beyond->latest() == *parse_date("2024-12-31"));
  // and one past the end as well: both sides in one warning
  cal.business_between(at("2026-12-31 09:00", tz), at("2027-01-04 12:00", tz));
  CHECK(p.calendar.beyond->years() == std::set<int>{2024, 2027});
  CHECK(*coverage_warning(p.calendar) ==
        "the calendar covers 2025-2026; SLA business time before 2025-01-01 (here from 2024-03-01) and after "
        "2026-12-31 (here up to 2027-01-04) was counted with the workdays only, without public holidays or make-up "
        "workdays: 2024, 2027 are not covered; include the official calendars of 2024, 2027 in [calendar] include, "
        "or declare the years your own lists give completely ([calendar] covers) (docs/policy.md)");

  // a year between covered ones is not covered either
  CalendarPolicy gap = p.calendar;
  gap.beyond = std::make_shared<CoverageLog>();
  gap.covers = {2024, 2026};
  BusinessCalendar cg(gap, tz);
  cg.business_between(at("2024-12-30 09:00", tz), at("2026-01-05 09:00", tz));
  CHECK(gap.beyond->years() == std::set<int>{2025});
  CHECK(gap.beyond->earliest() == *parse_date("2025-01-01"));
  CHECK(gap.beyond->latest() == *parse_date("2025-12-31"));
  CHECK(coverage_warning(gap)->find("SLA business time in 2025 was counted") != std::string::npos);

  // a policy that declares 2024 with covers is taken at its word
  CalendarPolicy declared = p.calendar;
  declared.beyond = std::make_shared<CoverageLog>();
  declared.covers = {2024, 2025, 2026};
  BusinessCalendar cd(declared, tz);
  cd.add_business(at("2024-03-01 16:00", tz), 24 * H);
  CHECK_FALSE(coverage_warning(declared));
}

TEST_CASE("calendar show: a year that is not covered is said plainly") {
  Policy p = default_policy();
  CHECK_FALSE(uncovered_year_warning(calendar_year(p.calendar, 2025), p.calendar));
  CHECK_FALSE(uncovered_year_warning(calendar_year(p.calendar, 2026), p.calendar));
  auto w = uncovered_year_warning(calendar_year(p.calendar, 2024), p.calendar);
  REQUIRE(w);
  CHECK(*w == "the calendar does not cover 2024 (it covers 2025-2026): its public holidays and make-up workdays are "
              "not known, so every workdays day of 2024 is shown as worked, and SLA business time counted in 2024 "
              "warns; include the official calendar of 2024 in [calendar] include, or declare the years your own "
              "lists give completely ([calendar] covers) (docs/policy.md)");
  CHECK(calendar_year_summary(calendar_year(p.calendar, 2024)).find("NOT covered") != std::string::npos);
}

TEST_CASE("calendar: kinds of days in calendar_year") {
  CalendarPolicy c;
  c.holidays = {*parse_date("2027-01-01"), *parse_date("2027-01-02")};  // Fri, Sat
  c.extra_workdays = {*parse_date("2027-01-09"), *parse_date("2027-01-04")};  // Sat; Mon (already a workday)
  c.covers = {2027};
  CalendarYear y = calendar_year(c, 2027);
  auto kind = [&](const char* d) { return y.days[std::size_t(*parse_date(d) - *parse_date("2027-01-01"))].kind; };
  CHECK(kind("2027-01-01") == DayKind::Holiday);
  CHECK(kind("2027-01-02") == DayKind::Holiday);
  CHECK(kind("2027-01-03") == DayKind::Weekend);
  CHECK(kind("2027-01-04") == DayKind::Workday);
  CHECK(kind("2027-01-09") == DayKind::MakeupWorkday);
  CHECK(y.holidays == 2);
  CHECK(y.holidays_on_workdays == 1);
  CHECK(y.makeup_workdays == 1);
  CHECK(y.working_days == 261 - 1 + 1);  // 2027 has 261 weekdays
  Table t = calendar_year_table(y, false);
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0] == std::vector<std::string>{"2027-01-01", "Fri", "no", "holiday"});
  CHECK(t.rows[2] == std::vector<std::string>{"2027-01-09", "Sat", "yes", "makeup_workday"});
  CHECK(calendar_year_table(y, true).rows.size() == 365);
  CHECK_THROWS_AS(calendar_year(c, 0), UsageError);
}

TEST_CASE("calendar: computations past the covered years are noted once, at their latest day") {
  Policy p = default_policy();  // covers 2025-2026
  const auto& tz = p.tz;
  {
    BusinessCalendar cal(p.calendar, p.tz);
    // inside 2026: nothing noted, even when the cached window runs into 2027
    cal.add_business(at("2026-12-28 09:00", tz), 8 * H);
    cal.business_between(at("2026-12-01 09:00", tz), at("2027-01-01 00:00", tz));
    CHECK(p.calendar.beyond->latest() == CoverageLog::kNone);
    CHECK_FALSE(coverage_warning(p.calendar));
    // the ticket: 2026-12-31 16:00 + 3bd counts 2027-01-01 as a working day
    CHECK(format_rfc3339(cal.add_business(at("2026-12-31 16:00", tz), 24 * H), tz) == "2027-01-05T16:00:00+08:00");
    CHECK(p.calendar.beyond->latest() == *parse_date("2027-01-05"));
  }
  // a copy of the policy (e.g. a worker's) shares the log; the latest day wins
  Policy copy = p;
  BusinessCalendar other(copy.calendar, copy.tz);
  other.business_between(at("2026-12-31 09:00", tz), at("2027-01-03 12:00", tz));
  CHECK(p.calendar.beyond->latest() == *parse_date("2027-01-05"));
  other.business_between(at("2027-02-01 09:00", tz), at("2028-01-03 12:00", tz));
  auto w = coverage_warning(p.calendar);
  REQUIRE(w);
  CHECK(*w == "the calendar covers 2025-2026; SLA business time after 2026-12-31 (here up to 2028-01-03) was counted "
              "with the workdays only, without public holidays or make-up workdays: 2027-2028 are not covered; "
              "include the official calendars of 2027-2028 in [calendar] include once published (docs/admin.md)");

  // parallel notes from many threads keep the maximum
  Policy q = default_policy();
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&q, k] {
      BusinessCalendar c(q.calendar, q.tz);
      for (int i = 0; i < 200; ++i)
        c.business_between(at("2026-12-01 09:00", q.tz), at("2027-01-01 09:00", q.tz) + Instant(k * 200 + i) * 24 * H);
    });
  for (auto& t : threads) t.join();
  CHECK(q.calendar.beyond->latest() == *parse_date("2027-01-01") + 799);

  // a calendar that covers no year notes every day
  CalendarPolicy none;
  BusinessCalendar cn(none, tz);
  cn.business_between(at("2026-12-01 09:00", tz), at("2026-12-02 09:00", tz));
  REQUIRE(coverage_warning(none));
  CHECK(coverage_warning(none)->rfind("the calendar covers no year: SLA business time from 2026-12-01 up to 2026-12-02",
                                      0) == 0);
  CHECK(describe_years({2024, 2025, 2026, 2028}) == "2024-2026, 2028");
}
