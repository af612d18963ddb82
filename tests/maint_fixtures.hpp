// The planned-maintenance tests' store (tests/ops/maint*_test.cpp,
// tests/reports/maint_audit_test.cpp): outlet SH-01, a station, two valves
// (dn 80 and 50) and an imported regulator in service since 2018-05-01, and
// plan RS-2W (stations every 2 weeks from 2026-11-09, crew of 2, three
// checklist items). Now is 2026-11-23 20:00 local.
#pragma once
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <utility>

#include "error.hpp"
#include "maint.hpp"
#include "masterdata.hpp"
#include "sla.hpp"
#include "sla_fixtures.hpp"
#include "test_util.hpp"
#include "ticket.hpp"
#include "ticket_state.hpp"

namespace svc::maint_test {

inline Day D(const char* s) { return *parse_date(s); }

struct Fixture {
  test::TempStore ts;
  Policy p = default_policy();
  Store& s = *ts.store;
  Fixture() {
    ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
    add_outlet(s, Outlet{"SH-01", "上海一店", "华东", "上海", "", "", true});
    add_asset(s, Asset{"RS-01", "station", "浦东调压站", "C-1", "SH-01", std::nullopt, {}, std::nullopt, ""});
    add_asset(s, Asset{"V-80", "valve", "", "", "SH-01", std::nullopt, {{"dn", "80"}}, std::nullopt, ""});
    add_asset(s, Asset{"V-50", "valve", "", "", "SH-01", std::nullopt, {{"dn", "50"}}, std::nullopt, ""});
    add_asset(s, Asset{"RG-1", "regulator", "", "", "SH-01", D("2018-05-01"), {{"origin", "imported"}}, std::nullopt, ""});
    MaintPlan pl;
    pl.id = "RS-2W";
    pl.name = "调压站巡检";
    pl.selector = parse_selector("kind=station");
    pl.interval = *parse_interval("2w");
    pl.start = D("2026-11-09");
    pl.min_crew = 2;
    pl.checklist = {parse_item("inlet_pressure:number:kPa:2..4"), parse_item("leak_test:yesno"),
                    parse_item("remarks:text:optional")};
    add_plan(s, pl);
  }
  Instant at(const char* local) { return test::at(local, p.tz); }
  std::int64_t count(const char* sql) { return s.db().execAndGet(sql).getInt64(); }
};

// The SLA of a maintenance ticket as of `as_of`: its status, and whether the
// response, arrival and resolution targets were all met.
inline std::pair<TicketStatus, bool> sla_of(Fixture& f, const std::string& t, Instant as_of) {
  BusinessCalendar cal(f.p.calendar, f.p.tz);
  auto sla = evaluate_ticket(f.s.ticket_events(t), f.p, cal, as_of);
  bool met = true;
  for (auto& x : sla.targets)
    if (x.target != Target::Followup && x.status != TargetStatus::Met) met = false;
  return {sla.status, met};
}

}  // namespace svc::maint_test
