#include "period.hpp"

#include <doctest/doctest.h>

#include "error.hpp"

using namespace svc;

namespace {
const TimeZone& sh() {
  static TimeZone tz = TimeZone::locate("Asia/Shanghai");
  return tz;
}
}  // namespace

TEST_CASE("months are whole local months") {
  Period p = parse_period("2026-11", sh());
  CHECK(p.kind == PeriodKind::Month);
  CHECK(p.label == "2026-11");
  CHECK(format_date(p.first) == "2026-11-01");
  CHECK(format_date(p.last) == "2026-11-30");
  CHECK(p.start == *parse_timestamp("2026-11-01T00:00:00+08:00", sh()));
  CHECK(p.end == *parse_timestamp("2026-12-01T00:00:00+08:00", sh()));
  CHECK(p.contains(*parse_timestamp("2026-11-30 23:59:59", sh())));
  CHECK_FALSE(p.contains(*parse_timestamp("2026-12-01 00:00", sh())));
  CHECK_FALSE(p.contains(*parse_timestamp("2026-10-31 23:59:59", sh())));
  CHECK(parse_period("2024-02", sh()).days() == 29);
  CHECK(parse_period("2026-02", sh()).days() == 28);
}

TEST_CASE("ISO weeks run Monday to Sunday; week 1 holds the first Thursday") {
  Period w = parse_period("2026-W47", sh());
  CHECK(w.kind == PeriodKind::Week);
  CHECK(format_date(w.first) == "2026-11-16");
  CHECK(format_date(w.last) == "2026-11-22");
  CHECK(format_date(parse_period("2026-W01", sh()).first) == "2025-12-29");
  CHECK(format_date(parse_period("2021-W01", sh()).first) == "2021-01-04");
  CHECK(format_date(parse_period("2020-W53", sh()).first) == "2020-12-28");  // 2020 has 53 weeks
  CHECK(parse_period("2026-w47", sh()).label == "2026-W47");
  int y, wk;
  iso_week(*parse_date("2027-01-01"), y, wk);  // a Friday: week 53 of 2026
  CHECK(y == 2026);
  CHECK(wk == 53);
}

TEST_CASE("previous period of the same kind") {
  CHECK(previous_period(parse_period("2026-11", sh()), sh()).label == "2026-10");
  CHECK(previous_period(parse_period("2026-01", sh()), sh()).label == "2025-12");
  CHECK(previous_period(parse_period("2026-W47", sh()), sh()).label == "2026-W46");
  CHECK(previous_period(parse_period("2026-W01", sh()), sh()).label == "2025-W52");
  CHECK(previous_period(parse_period("2021-W01", sh()), sh()).label == "2020-W53");
  Period r = date_range("2026-11-03", "2026-11-12", sh());  // 10 days
  CHECK(r.kind == PeriodKind::Range);
  CHECK(r.label == "2026-11-03/2026-11-12");
  Period pr = previous_period(r, sh());
  CHECK(pr.label == "2026-10-24/2026-11-02");
  CHECK(pr.end == r.start);
}

TEST_CASE("a --from/--to range that is exactly a month or a week is that month or week") {
  CHECK(date_range("2026-11-01", "2026-11-30", sh()).label == "2026-11");
  CHECK(date_range("2026-11-16", "2026-11-22", sh()).label == "2026-W47");
  CHECK(date_range("2026-11-17", "2026-11-23", sh()).kind == PeriodKind::Range);
  CHECK(date_range("2026-11-05", "2026-11-05", sh()).days() == 1);
}

TEST_CASE("bad periods are usage errors") {
  auto usage = [](auto fn) {
    try {
      fn();
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(usage([] { parse_period("2026-13", sh()); }).find("no such month") != std::string::npos);
  CHECK(usage([] { parse_period("2026-W54", sh()); }).find("has no week 54") != std::string::npos);
  CHECK(usage([] { parse_period("2026-W53", sh()); }) == "no error");
  CHECK(usage([] { parse_period("2025-W53", sh()); }).find("has no week 53") != std::string::npos);
  CHECK(usage([] { parse_period("2026-W00", sh()); }).find("has no week 0") != std::string::npos);
  CHECK(usage([] { date_range("2026-13-01", "2026-12-31", sh()); }) == "--from '2026-13-01': no such date");
  CHECK(usage([] { date_range("2026-02-01", "2026-02-30", sh()); }) == "--to '2026-02-30': no such date");
  CHECK(usage([] { date_range("2026-2-1", "2026-02-28", sh()); }) == "--from '2026-2-1': expected a date YYYY-MM-DD");
  CHECK(usage([] { parse_period("november", sh()); }).find("is not a period") != std::string::npos);
  CHECK(usage([] { parse_period("2026-11-01", sh()); }).find("is not a period") != std::string::npos);
  CHECK(usage([] { date_range("2026-11-31", "2026-12-01", sh()); }).find("--from '2026-11-31'") != std::string::npos);
  CHECK(usage([] { date_range("2026-11-10", "2026-11-09", sh()); }).find("is before --from") != std::string::npos);
  CHECK(usage([] { period_from_options("", "", "", sh()); }).find("a period is needed") != std::string::npos);
  CHECK(usage([] { period_from_options("2026-11", "2026-11-01", "", sh()); }).find("not both") != std::string::npos);
  CHECK(usage([] { period_from_options("", "2026-11-01", "", sh()); }).find("go together") != std::string::npos);
}

TEST_CASE("periods follow the zone's DST") {
  auto ny = TimeZone::locate("America/New_York");
  Period p = parse_period("2026-03", ny);  // DST starts 2026-03-08
  CHECK(p.start == *parse_timestamp("2026-03-01T00:00:00-05:00", ny));
  CHECK(p.end == *parse_timestamp("2026-04-01T00:00:00-04:00", ny));
}

TEST_CASE("week 53 and the turn of the year; ranges across months and years are inclusive local dates") {
  Period w53 = parse_period("2026-W53", sh());
  CHECK(format_date(w53.first) == "2026-12-28");
  CHECK(format_date(w53.last) == "2027-01-03");
  CHECK(previous_period(parse_period("2027-W01", sh()), sh()).label == "2026-W53");
  CHECK(previous_period(w53, sh()).label == "2026-W52");
  Period r = date_range("2026-12-30", "2027-01-02", sh());
  CHECK(r.kind == PeriodKind::Range);
  CHECK(r.days() == 4);
  CHECK(r.start == *parse_timestamp("2026-12-30T00:00:00+08:00", sh()));
  CHECK(r.end == *parse_timestamp("2027-01-03T00:00:00+08:00", sh()));
  CHECK(r.contains(*parse_timestamp("2027-01-02T15:59:59Z", sh())));  // 23:59:59 local on the last day
  CHECK_FALSE(r.contains(*parse_timestamp("2027-01-02T16:00:00Z", sh())));
  CHECK(r.contains(*parse_timestamp("2026-12-29T16:00:00Z", sh())));  // 00:00 local on the first day
  CHECK_FALSE(r.contains(*parse_timestamp("2026-12-29T15:59:59Z", sh())));
  // a range of one calendar month is that month, even February of a leap year
  CHECK(date_range("2028-02-01", "2028-02-29", sh()).label == "2028-02");
  CHECK(date_range("2028-02-01", "2028-02-28", sh()).kind == PeriodKind::Range);
}
