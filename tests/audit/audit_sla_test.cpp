// svc audit sla (lib/audit/audit_sla.cpp): the listing of breached and at-risk
// tickets, filters, --all, --ticket, the counts.
#include "audit.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "audit_fixtures.hpp"
#include "error.hpp"

using namespace svc;
using svc::test::at;
using svc::test::created;
using svc::test::ev;
using svc::audit_test::worked_example;

TEST_CASE("audit sla: JSON listing of the worked example, filters, --ticket") {
  svc::test::TempStore ts;
  ts.add(worked_example());
  ts.add({created("2026-11-09 15:00", "T2", {{Field::Outlet, "BJ-02"}, {Field::Region, "华北"}})});
  Policy p = default_policy();
  SlaAuditOptions o;
  o.as_of = at("2026-11-09 16:00", p.tz);
  o.format = Format::Json;
  std::ostringstream os;
  auto c = audit_sla(*ts.store, p, o, os);
  CHECK(os.str().rfind(R"({"as_of":"2026-11-09T16:00:00+08:00","tickets":[{"ticket":"T1","outlet":"SH-01")", 0) == 0);
  CHECK(os.str().find("T2") == std::string::npos);  // nothing breached or at risk
  CHECK(c.tickets == 2);
  CHECK(c.late == 1);
  CHECK(c.open == 1);
  CHECK(c.breached == 1);
  CHECK(c.listed == 1);
  CHECK(c.fails(FailOn::Breach));
  o.all = true;
  os.str("");
  audit_sla(*ts.store, p, o, os);
  CHECK(os.str().find(R"({"ticket":"T2","outlet":"BJ-02","region":"华北","rule":"standard","status":"open")") !=
        std::string::npos);
  o.filter.region = "华北";
  os.str("");
  c = audit_sla(*ts.store, p, o, os);
  CHECK(c.tickets == 1);
  CHECK_FALSE(c.fails(FailOn::AtRisk));
  o.filter = {};
  o.filter.from = parse_date("2026-11-07");
  os.str("");
  c = audit_sla(*ts.store, p, o, os);
  CHECK(c.tickets == 1);
  o.filter = {};
  o.ticket = "T1";
  o.format = Format::Table;
  os.str("");
  audit_sla(*ts.store, p, o, os);
  CHECK(os.str().find("rule      remote does not apply: distance_km 12 is not over 100") != std::string::npos);
  CHECK(os.str().find("rule      standard applies: no conditions (matches every ticket)") != std::string::npos);
  CHECK(os.str().find("paused    2026-11-09 10:00 - 2026-11-09 14:00") != std::string::npos);
  o.ticket = "NOPE";
  CHECK_THROWS_AS(audit_sla(*ts.store, p, o, os), NoInputError);
}
