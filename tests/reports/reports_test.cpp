#include "reports.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "report_fixtures.hpp"

using namespace svc;
using namespace svc::testing;

TEST_CASE("report sla JSON: the spec's keys in order, null for absent rates") {
  Policy p = default_policy();
  Period nov = parse_period("2026-11", shanghai());
  auto a = facts("A", TicketStatus::OnTime);
  a.followed_up = true, a.satisfaction = 5, a.final_completion = true, a.response = 9 * 1800 * kMicrosPerSecond;
  auto b = facts("B", TicketStatus::Open);
  b.region = "华北";
  auto r = kpi_report({a, b}, nov, GroupBy::Region, at("2026-11-23 20:00"));
  std::ostringstream out;
  write_sla_report(out, Format::Json, r, p);
  CHECK(out.str() ==
        "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"as_of\":\"2026-11-23T20:00:00+08:00\",\"groups\":["
        "{\"key\":\"华东\",\"tickets\":1,\"on_time\":1,\"late\":0,\"open\":0,\"timeliness\":1.0,\"followed_up\":1,"
        "\"satisfied\":1,\"satisfaction\":1.0,\"complaints\":0,\"complaint_rate\":0.0,\"first_time_fix\":1.0,\"repairs_with_serial\":0,\"repeat_repairs\":0,\"repeat_repair_rate\":null,"
        "\"response_p50_h\":4.5,\"response_p90_h\":4.5,\"timeliness_ok\":true,\"satisfaction_ok\":true,"
        "\"complaint_rate_ok\":true},"
        "{\"key\":\"华北\",\"tickets\":1,\"on_time\":0,\"late\":0,\"open\":1,\"timeliness\":null,\"followed_up\":0,"
        "\"satisfied\":0,\"satisfaction\":null,\"complaints\":0,\"complaint_rate\":0.0,\"first_time_fix\":null,\"repairs_with_serial\":0,\"repeat_repairs\":0,\"repeat_repair_rate\":null,"
        "\"response_p50_h\":null,\"response_p90_h\":null,\"timeliness_ok\":null,\"satisfaction_ok\":null,"
        "\"complaint_rate_ok\":true}],"
        "\"total\":{\"key\":\"all\",\"tickets\":2,\"on_time\":1,\"late\":0,\"open\":1,\"timeliness\":1.0,"
        "\"followed_up\":1,\"satisfied\":1,\"satisfaction\":1.0,\"complaints\":0,\"complaint_rate\":0.0,"
        "\"first_time_fix\":1.0,\"repairs_with_serial\":0,\"repeat_repairs\":0,\"repeat_repair_rate\":null,\"response_p50_h\":4.5,\"response_p90_h\":4.5,\"timeliness_ok\":true,"
        "\"satisfaction_ok\":true,\"complaint_rate_ok\":true}}\n");
}

TEST_CASE("report sla table and CSV mark thresholds") {
  Policy p = default_policy();
  Period nov = parse_period("2026-11", shanghai());
  auto a = facts("A", TicketStatus::Late);
  auto r = kpi_report({a}, nov, GroupBy::None, at("2026-11-23 20:00"));
  std::ostringstream t, c;
  write_sla_report(t, Format::Table, r, p);
  CHECK(t.str().find("0.0% ✗") != std::string::npos);
  CHECK(t.str().find("all") != std::string::npos);
  write_sla_report(c, Format::Csv, r, p);
  CHECK(c.str().find("all,1,0,1,0,0.0,0,0,,0,0.0,,0,0,,,,false,,true\r\n") != std::string::npos);
}

TEST_CASE("report outlets JSON: spec fields, money with 2 decimals, insufficient outlets") {
  Policy p = default_policy();
  OutletReport r;
  r.period = parse_period("2026-11", shanghai());
  Kpis k;
  k.tickets = 3, k.on_time = 3, k.non_complaint = 3;
  r.outlets.push_back(assess("SH-<01>", "华东", k, p.kpi, p.assessment, false));
  std::ostringstream out;
  write_outlet_report(out, Format::Json, r, p);
  CHECK(out.str() ==
        "{\"period\":\"2026-11\",\"outlets\":[{\"outlet\":\"SH-<01>\",\"region\":\"华东\",\"tickets\":3,"
        "\"credit\":100.0,\"technical\":null,\"service\":100.0,\"quality\":0.0,\"score\":null,"
        "\"grade\":\"insufficient\",\"meets_standard\":true,\"findings\":0,\"corrections\":null,\"reward\":0.00,\"penalty\":0.00,"
        "\"net\":0.00,\"actions\":[],\"timeliness_ok\":true,\"satisfaction_ok\":null,\"complaint_rate_ok\":true}]}\n");
  std::ostringstream html;
  write_outlet_report(html, Format::Html, r, p);
  CHECK(html.str().find("SH-&lt;01&gt;") != std::string::npos);
  CHECK(html.str().find("SH-<01>") == std::string::npos);
}
