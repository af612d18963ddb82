#include "engineers.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "report_fixtures.hpp"

using namespace svc;
using namespace svc::testing;

namespace {
Kpis k(std::int64_t n, std::int64_t on_time, std::int64_t late, std::int64_t done, std::int64_t ftf,
       std::int64_t fu, std::int64_t sat) {
  Kpis x;
  x.tickets = n, x.on_time = on_time, x.late = late, x.completed = done, x.first_time = ftf, x.followed_up = fu,
  x.satisfied = sat;
  return x;
}
}  // namespace

TEST_CASE("engineer grades: highest grade whose every threshold is met") {
  EngineerPolicy p;
  CHECK(engineer_grade(k(20, 19, 1, 20, 19, 20, 19), p) == Grade::Excellent);  // 0.95 each: on the thresholds
  CHECK(engineer_grade(k(20, 19, 1, 20, 19, 20, 18), p) == Grade::Good);       // satisfaction 0.90
  CHECK(engineer_grade(k(10, 8, 2, 10, 8, 10, 8), p) == Grade::Pass);
  CHECK(engineer_grade(k(10, 7, 3, 10, 10, 10, 10), p) == Grade::Fail);        // timeliness 0.7
  CHECK(engineer_grade(k(4, 4, 0, 4, 4, 4, 4), p) == Grade::Insufficient);     // below min_tickets
  CHECK(engineer_grade(k(6, 0, 0, 0, 0, 0, 0), p) == Grade::Insufficient);     // no rate at all
  CHECK(engineer_grade(k(6, 6, 0, 0, 0, 0, 0), p) == Grade::Excellent);        // absent rates fail nothing
}

TEST_CASE("engineer report: last dispatched engineer, undispatched left out, labour hours") {
  Period nov = parse_period("2026-11", shanghai());
  EngineerPolicy p;
  p.min_tickets = 1;
  auto a = facts("A", TicketStatus::OnTime);
  a.engineer = "E-2", a.labor_hours = 1.5, a.final_completion = true;
  auto b = facts("B", TicketStatus::Late);
  b.engineer = "E-2", b.labor_hours = 2;
  auto c = facts("C", TicketStatus::Open);
  auto r = engineer_report({a, b, c}, nov, at("2026-11-23 20:00"), p);
  REQUIRE(r.engineers.size() == 1);
  CHECK(r.engineers[0].engineer == "E-2");
  CHECK(r.engineers[0].kpis.tickets == 2);
  CHECK(r.engineers[0].kpis.labor_hours == 3.5);
  CHECK(r.engineers[0].grade == Grade::Fail);  // timeliness 0.5
  CHECK(r.undispatched == 1);
  Policy pol = default_policy();
  std::ostringstream json, csv;
  write_engineer_report(json, Format::Json, r, pol);
  CHECK(json.str().find("{\"engineer\":\"E-2\",\"tickets\":2,\"on_time\":1,\"late\":1,\"open\":0,\"timeliness\":0.5,"
                        "\"first_time_fix\":1.0,\"satisfaction\":null,\"labor_hours\":3.5,\"grade\":\"fail\","
                        "\"grade_zh\":\"不合格\"}") != std::string::npos);
  CHECK(json.str().find("\"undispatched\":1") != std::string::npos);
  write_engineer_report(csv, Format::Csv, r, pol);
  CHECK(csv.str().find("E-2,2,1,1,0,0.5,1.0,,3.5,fail,不合格\r\n") != std::string::npos);
}
