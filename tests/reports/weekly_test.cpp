#include "weekly.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "reports.hpp"
#include "weekly_fixtures.hpp"

using namespace svc;
using namespace svc::testing;

TEST_CASE("weekly report: regions, per day, previous week, breaches, open complaints, parts") {
  Period w = parse_period("2026-W47", shanghai());
  Period prev = previous_period(w, shanghai());
  std::map<std::string, std::optional<std::int64_t>> prices = {{"P-1", 1000}};
  auto r = weekly_report(week_tickets(), w, prev, at("2026-11-23 20:00"), "", shanghai(), prices, {});
  REQUIRE(r.regions.size() == 2);
  const auto& east = r.regions[0];
  CHECK(east.region == "华东");
  CHECK(east.kpis.tickets == 2);
  CHECK(east.per_day[0] == 1);
  CHECK(east.per_day[6] == 1);
  CHECK(*east.kpis.timeliness() == 0.5);
  CHECK(*east.previous.timeliness() == 1.0);
  CHECK(east.previous.tickets == 1);
  REQUIRE(east.top_outlets.size() == 1);
  CHECK(east.top_outlets[0].outlet == "SH-01");
  CHECK(east.top_outlets[0].breaches == 2);
  REQUIRE(east.open_complaints.size() == 1);
  CHECK(east.parts_cents == 3000);
  CHECK(east.satisfaction[1] == 1);
  CHECK(r.total.kpis.tickets == 3);
  CHECK(r.total.by_channel.at("") == 1);
  CHECK(east.fees_cents == 5000);
  CHECK(east.unapproved_fees_cents == 12000);
  CHECK(r.regions[1].unapproved_fees_cents == 0);
  CHECK(r.total.unapproved_fees_cents == 12000);

  auto only = weekly_report(week_tickets(), w, prev, at("2026-11-23 20:00"), "华北", shanghai(), prices, {});
  REQUIRE(only.regions.size() == 1);
  CHECK(only.total.kpis.tickets == 1);
  CHECK(only.total.previous.tickets == 0);
  auto none = weekly_report(week_tickets(), w, prev, at("2026-11-23 20:00"), "西南", shanghai(), prices, {});
  REQUIRE(none.regions.size() == 1);  // the asked-for region is listed even without tickets
  CHECK(none.regions[0].kpis.tickets == 0);
}

TEST_CASE("weekly JSON and CSV") {
  Period w = parse_period("2026-W47", shanghai());
  auto r = weekly_report(week_tickets(), w, previous_period(w, shanghai()), at("2026-11-23 20:00"), "", shanghai(), {}, {});
  std::ostringstream json, csv;
  Policy p = default_policy();
  write_weekly_report(json, Format::Json, r, p);
  CHECK(json.str().rfind("{\"week\":\"2026-W47\",\"from\":\"2026-11-16\",\"to\":\"2026-11-22\",\"previous_week\":"
                         "\"2026-W46\",\"as_of\":\"2026-11-23T20:00:00+08:00\",\"region\":null,\"regions\":[",
                         0) == 0);
  CHECK(json.str().find("\"change\":{\"tickets\":1,\"timeliness\":-0.5,") != std::string::npos);
  CHECK(json.str().find("\"per_day\":[1,0,0,0,0,0,1]") != std::string::npos);
  CHECK(json.str().find("\"by_channel\":{\"none\":1}") != std::string::npos);
  write_weekly_report(csv, Format::Csv, r, p);
  auto first = csv.str().substr(0, csv.str().find("\r\n"));
  CHECK(first.rfind("region,tickets,previous_tickets,type_repair,", 0) == 0);
  CHECK(first.find("channel_none") != std::string::npos);
  CHECK(csv.str().find("\r\nall,3,1,") != std::string::npos);
  const std::string tail = ",most_breaches,fees,unapproved_fees";
  REQUIRE(first.size() > tail.size());
  CHECK(first.substr(first.size() - tail.size()) == tail);
}

TEST_CASE("weekly: fees with approved = no apart from fees collected, in every format") {
  Period w = parse_period("2026-W47", shanghai());
  auto r = weekly_report(week_tickets(), w, previous_period(w, shanghai()), at("2026-11-23 20:00"), "", shanghai(), {}, {});
  Policy p = default_policy();
  std::ostringstream json, csv, table, html;
  write_weekly_report(json, Format::Json, r, p);
  CHECK(json.str().find("\"unpriced_parts\":3,\"fees\":50.00,\"unapproved_fees\":120.00}") != std::string::npos);
  write_weekly_report(csv, Format::Csv, r, p);
  CHECK(csv.str().find(",50.00,120.00\r\n") != std::string::npos);
  write_weekly_report(table, Format::Table, r, p);
  CHECK(table.str().find("unapproved_fees = fees recorded with approved = no") != std::string::npos);
  write_weekly_report(html, Format::Html, r, p);
  CHECK(html.str().find("<h2>收费</h2>") != std::string::npos);
  CHECK(html.str().find("<td class=\"n\">120.00</td>") != std::string::npos);
}

TEST_CASE("weekly headings follow [report] lang; a parts cost with unpriced parts says so") {
  Period w = parse_period("2026-W47", shanghai());
  auto r = weekly_report(week_tickets(), w, previous_period(w, shanghai()), at("2026-11-23 20:00"), "", shanghai(), {}, {});
  REQUIRE(r.regions[0].unpriced_parts == 3);
  Policy zh = default_policy();
  CHECK(zh.report.lang == "zh");
  Policy en = default_policy();
  en.report.lang = "en";
  std::ostringstream tz, te, hz, he;
  write_weekly_report(tz, Format::Table, r, zh);
  write_weekly_report(te, Format::Table, r, en);
  write_weekly_report(hz, Format::Html, r, zh);
  write_weekly_report(he, Format::Html, r, en);
  CHECK(tz.str().rfind("服务周报 2026-W47（2026-11-16 至 2026-11-22），对比 2026-W46，截至 2026-11-23T20:00:00+08:00", 0) == 0);
  CHECK(tz.str().find("未结投诉") != std::string::npos);
  CHECK(te.str().rfind("Weekly report 2026-W47", 0) == 0);
  CHECK(te.str().find("Open complaints") != std::string::npos);
  CHECK(hz.str().find("<h1>服务周报 2026-W47</h1>") != std::string::npos);
  CHECK(hz.str().find("<html lang=\"zh-CN\">") != std::string::npos);
  CHECK(he.str().find("<h1>Weekly service report 2026-W47</h1>") != std::string::npos);
  CHECK(he.str().find("<h2>Open complaints</h2>") != std::string::npos);
  CHECK(he.str().find("<html lang=\"en\">") != std::string::npos);
  // 华东 fitted 3 × P-1, which has no price: "3 unpriced", not 0.00
  CHECK(te.str().find("3 unpriced") != std::string::npos);
  CHECK(he.str().find(">3 unpriced</td>") != std::string::npos);
  CHECK(parts_cell(0, 0) == "0.00");
  CHECK(parts_cell(12000, 0) == "120.00");
  CHECK(parts_cell(12000, 2) == "120.00 + 2 unpriced");
  // CSV keeps the number and the count apart
  std::ostringstream csv;
  write_weekly_report(csv, Format::Csv, r, en);
  CHECK(csv.str().find("3 unpriced") == std::string::npos);
}
