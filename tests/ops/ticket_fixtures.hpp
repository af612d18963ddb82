// The ticket tests' store (tests/ops/ticket*_test.cpp): an outlet, an inactive
// outlet, engineer E-017, two parts, an AC product of the 36-month line; a
// ticket created the way `svc ticket create` does, and appointment windows.
#pragma once
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "error.hpp"
#include "masterdata.hpp"
#include "sla_fixtures.hpp"
#include "ticket.hpp"

namespace svc::ticket_test {

using test::error_of;

struct Fixture {
  test::TempStore ts;
  Policy p = default_policy();
  Store& s = *ts.store;
  Fixture() {
    ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
    add_outlet(s, Outlet{"SH-01", "上海一店", "华东", "上海", "", "", true});
    add_outlet(s, Outlet{"SH-09", "上海九店", "华东", "", "", "", false});
    Engineer e;
    e.id = "E-017";
    e.name = "张工";
    e.outlet = "SH-01";
    add_engineer(s, e);
    s.db().exec("INSERT INTO parts(part, name, list_cents) VALUES('CAP-35UF', '电容', 3550), ('FM-220', '风机', 12000)");
    s.db().exec("INSERT INTO products(model, line, warranty_months) VALUES('KFR-35GW', 'AC', NULL)");
    p.warranty.lines["AC"] = 36;
  }
  Instant at(const char* local) { return test::at(local, p.tz); }
  std::string create(const char* when, const char* purchased = "", const char* id = "T1") {
    CreateRequest r;
    r.ticket = id;
    r.at = at(when);
    r.type = "repair";
    r.urgency = "normal";
    r.channel = "phone";
    r.outlet = "SH-01";
    r.product = "KFR-35GW";
    r.purchased = purchased;
    r.distance_km = "12";
    r.address = "上海市浦东新区 1 号";
    r.fault = "空调不制冷";
    return create_ticket(s, p, r).ticket;
  }
  std::vector<std::string> kinds(const std::string& t = "T1") {
    std::vector<std::string> v;
    for (auto& e : s.ticket_events(t)) v.emplace_back(to_string(e.kind));
    return v;
  }
  std::int64_t count(const char* sql) { return s.db().execAndGet(sql).getInt64(); }
};

inline ScheduleRequest window(Fixture& f, const char* at, const char* from, const char* to, const char* eng = "") {
  ScheduleRequest r;
  r.at = f.at(at);
  r.window_from = f.at(from);
  r.window_to = f.at(to);
  r.engineer = eng;
  return r;
}

}  // namespace svc::ticket_test
