// The weekly report as HTML (lib/reports/html_report.cpp): escaping, the three
// SVG charts and their axes.
#include <doctest/doctest.h>

#include <sstream>

#include "reports.hpp"
#include "weekly.hpp"
#include "weekly_fixtures.hpp"

using namespace svc;
using namespace svc::testing;

TEST_CASE("weekly HTML escapes every user string and has three charts, no script") {
  Period w = parse_period("2026-W47", shanghai());
  auto r = weekly_report(week_tickets(), w, previous_period(w, shanghai()), at("2026-11-23 20:00"), "", shanghai(), {}, {});
  std::ostringstream out;
  write_weekly_report(out, Format::Html, r, default_policy());
  std::string html = out.str();
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("SH-&lt;b&gt;") != std::string::npos);
  CHECK(html.find("SH-<b>") == std::string::npos);
  size_t svgs = 0;
  for (size_t i = html.find("<svg"); i != std::string::npos; i = html.find("<svg", i + 1)) ++svgs;
  CHECK(svgs == 3);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
}

TEST_CASE("the count axis has integer ticks at their true positions") {
  CHECK(count_axis_step(1) == 1);
  CHECK(count_axis_step(5) == 1);
  CHECK(count_axis_step(6) == 2);
  CHECK(count_axis_step(7) == 2);
  CHECK(count_axis_step(10) == 2);
  CHECK(count_axis_step(11) == 5);
  CHECK(count_axis_step(26) == 10);
  CHECK(count_axis_step(1000) == 200);
  for (std::int64_t m = 1; m <= 5000; ++m) {
    auto s = count_axis_step(m);
    auto top = (m + s - 1) / s * s;
    CHECK(top / s <= 5);  // at most 5 intervals
    CHECK(top >= m);
  }
  // in the HTML: 2 tickets at most a day (B on Sunday, A on Monday = 1 each) → ticks 0 and 1 on a 1-ticket axis
  Period w = parse_period("2026-W47", shanghai());
  auto r = weekly_report(week_tickets(), w, previous_period(w, shanghai()), at("2026-11-23 20:00"), "", shanghai(), {}, {});
  std::ostringstream out;
  write_weekly_report(out, Format::Html, r, default_policy());
  const std::string html = out.str();
  // plot from y = 20 to 260: 0 at the bottom, 1 at the top, nothing in between and no fraction
  CHECK(html.find("y=\"264.0\" text-anchor=\"end\">0</text>") != std::string::npos);
  CHECK(html.find("y=\"24.0\" text-anchor=\"end\">1</text>") != std::string::npos);
  CHECK(html.find("text-anchor=\"end\">0.") == std::string::npos);
}

TEST_CASE("weekly HTML charts: timeliness bars coloured against the threshold, the satisfaction distribution") {
  Period w = parse_period("2026-W47", shanghai());
  auto r = weekly_report(week_tickets(), w, previous_period(w, shanghai()), at("2026-11-23 20:00"), "", shanghai(), {}, {});
  Policy p = default_policy();
  p.kpi.timeliness = 0.9;
  std::ostringstream out;
  write_weekly_html(out, r, p);
  const std::string html = out.str();
  // 华东: A late, B on time = 50 %, below 90 %: red; 华北: C on time = 100 %: green
  CHECK(html.find("fill=\"#e15759\"><title>华东: 50.0%</title>") != std::string::npos);
  CHECK(html.find("fill=\"#59a14f\"><title>华北: 100.0%</title>") != std::string::npos);
  CHECK(html.find(">threshold 90%</text>") != std::string::npos);
  // one follow-up call, rated 2
  CHECK(html.find("<title>rated 2: 1</title>") != std::string::npos);
  CHECK(html.find("<title>rated 5: 0</title>") != std::string::npos);
  CHECK(html.find(">1 follow-up call(s)</text>") != std::string::npos);
  // volume: one bar per region and day with a ticket, titled with the day
  CHECK(html.find("<title>华东 2026-11-16: 1</title>") != std::string::npos);
  CHECK(html.find("<title>华北 2026-11-18: 1</title>") != std::string::npos);
  p.kpi.timeliness = 0.5;  // at the threshold: green
  std::ostringstream at_threshold;
  write_weekly_html(at_threshold, r, p);
  CHECK(at_threshold.str().find("fill=\"#59a14f\"><title>华东: 50.0%</title>") != std::string::npos);
}
