// svc audit maint (lib/reports/maint_audit.cpp): overdue due dates, incomplete
// or understaffed visits, and findings without a live repair ticket.
#include "maint_audit.hpp"

#include <doctest/doctest.h>

#include "maint_fixtures.hpp"

using namespace svc;
using namespace svc::maint_test;

TEST_CASE("audit maint: overdue work, an understaffed and incomplete visit, a finding whose repair was cancelled") {
  Fixture f;
  generate(f.s, f.p, D("2026-11-23"), svc::now());
  // nothing visited: the 11-09 due date is overdue, 2 due dates open
  auto before = audit_maint(f.s, f.p, svc::now());
  REQUIRE(before.size() == 1);
  CHECK(before[0].kind == "overdue");
  CHECK(before[0].asset == "RS-01");
  CHECK(before[0].detail == "due 2026-11-09 (14 days ago), 2 due dates open");

  RecordRequest r;
  r.ticket = "M-RS-2W-RS-01-20261109";
  r.at = f.at("2026-11-20 10:00");
  r.crew = "张工";
  r.values = {{"inlet_pressure", "5"}};  // above the maximum; leak_test missing; crew of 1
  auto res = record_visit(f.s, f.p, r);
  REQUIRE_FALSE(res.repair.empty());
  cancel_ticket(f.s, f.p, res.repair, f.at("2026-11-21 09:00"), "误报");

  auto v = audit_maint(f.s, f.p, svc::now());
  std::vector<std::string> kinds;
  for (auto& x : v) kinds.push_back(x.kind);
  // the 11-23 date is due today, not overdue; the 11-09 visit is incomplete and its finding unfollowed
  CHECK(kinds == std::vector<std::string>{"incomplete", "unfollowed"});
  CHECK(v[0].detail == "missing checklist items: leak_test; crew of 1 below the plan's minimum of 2");
  CHECK(v[1].detail == "repair ticket " + res.repair + " was cancelled: inlet_pressure = 5 (5 kPa is above the maximum 4 kPa)");
  CHECK(v[1].ticket == "M-RS-2W-RS-01-20261109");
  // as of before the cancellation the repair ticket was live: only the incomplete visit
  auto earlier = audit_maint(f.s, f.p, f.at("2026-11-20 12:00"));
  REQUIRE(earlier.size() == 1);
  CHECK(earlier[0].kind == "incomplete");

  Table t = maint_findings_table(v);
  CHECK(t.headers == std::vector<std::string>{"finding", "outlet", "plan", "asset", "due", "ticket", "detail"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][0] == "incomplete");
  CHECK(t.rows[0][1] == "SH-01");
  CHECK(t.rows[0][4] == "2026-11-09");
}
