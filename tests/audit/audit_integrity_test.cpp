// svc audit integrity (lib/audit/audit_integrity.cpp): findings by time, then
// ticket, filtered, as table, CSV and JSON.
#include "audit.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "audit_fixtures.hpp"
#include "error.hpp"

using namespace svc;
using svc::test::at;
using svc::test::created;
using svc::test::ev;
using svc::audit_test::worked_example;

namespace {
// T1 signed before completion (Nov 2); T2 of BJ-01 with an unapproved fee
// (Nov 3); T3 clean.
void with_findings(svc::test::TempStore& ts) {
  ts.add({created("2026-11-02 08:00", "T1"), ev("2026-11-02 09:00", "T1", EventKind::Signed)});
  ts.add({created("2026-11-03 08:00", "T2", {{Field::Outlet, "BJ-01"}, {Field::Region, "华北"}}),
          ev("2026-11-03 10:00", "T2", EventKind::Dispatched, {{Field::Engineer, "E-9"}}),
          ev("2026-11-03 12:00", "T2", EventKind::Fee, {{Field::Amount, "50.00"}, {Field::Approved, "no"}})});
  ts.add({created("2026-11-03 09:00", "T3"), ev("2026-11-03 11:00", "T3", EventKind::Completed),
          ev("2026-11-03 11:30", "T3", EventKind::Signed)});
}
}  // namespace

TEST_CASE("audit integrity: findings by time, as a table with the count line, and filtered") {
  svc::test::TempStore ts;
  with_findings(ts);
  Policy p = default_policy();
  IntegrityOptions o;
  o.as_of = at("2026-11-10 00:00", p.tz);
  std::ostringstream os;
  CHECK(audit_integrity(*ts.store, p, o, os) == 2);
  std::string out = os.str();
  auto t1 = out.find("T1  ");
  auto t2 = out.find("T2  ");
  REQUIRE(t1 != std::string::npos);
  REQUIRE(t2 != std::string::npos);
  CHECK(t1 < t2);  // by time
  CHECK(out.find("sign-before-completion") != std::string::npos);
  CHECK(out.find("fee 50.00 not approved") != std::string::npos);
  CHECK(out.find("T3") == std::string::npos);
  CHECK(out.find("2 findings as of 2026-11-10T00:00:00+08:00\n") != std::string::npos);

  o.filter.region = "华北";
  os.str("");
  CHECK(audit_integrity(*ts.store, p, o, os) == 1);
  CHECK(os.str().find("T1") == std::string::npos);
  o.filter = {};
  o.as_of = at("2026-11-03 11:00", p.tz);  // before the fee
  os.str("");
  CHECK(audit_integrity(*ts.store, p, o, os) == 1);
  o.as_of = at("2026-11-01 00:00", p.tz);
  os.str("");
  CHECK(audit_integrity(*ts.store, p, o, os) == 0);
  CHECK(os.str() == "0 findings as of 2026-11-01T00:00:00+08:00\n");  // no table, only the count
}

TEST_CASE("audit integrity: CSV with RFC 3339 times and JSON with null for no engineer") {
  svc::test::TempStore ts;
  with_findings(ts);
  Policy p = default_policy();
  IntegrityOptions o;
  o.as_of = at("2026-11-10 00:00", p.tz);
  o.format = Format::Csv;
  std::ostringstream os;
  audit_integrity(*ts.store, p, o, os);
  std::string csv = os.str();
  CHECK(csv.rfind("ticket,check,event,kind,ts,outlet,engineer,detail\r\n", 0) == 0);
  CHECK(csv.find(",signed,2026-11-02T09:00:00+08:00,SH-01,,signed with no completion before it\r\n") !=
        std::string::npos);
  CHECK(csv.find(",fee,2026-11-03T12:00:00+08:00,BJ-01,E-9,fee 50.00 not approved\r\n") != std::string::npos);

  o.format = Format::Json;
  os.str("");
  audit_integrity(*ts.store, p, o, os);
  auto j = nlohmann::json::parse(os.str());
  CHECK(j["as_of"] == "2026-11-10T00:00:00+08:00");
  REQUIRE(j["findings"].size() == 2);
  CHECK(j["findings"][0]["ticket"] == "T1");
  CHECK(j["findings"][0]["check"] == "sign-before-completion");
  CHECK(j["findings"][0]["kind"] == "signed");
  CHECK(j["findings"][0]["engineer"].is_null());
  CHECK(j["findings"][1]["engineer"] == "E-9");
  CHECK(j["findings"][1]["outlet"] == "BJ-01");
}
