// The dispatch tests' store (tests/ops/dispatch*_test.cpp): outlets SH-01
// (华东) and BJ-01 (华北), engineers E-1 and E-2 of SH-01 and E-9 of BJ-01;
// tickets created through the importer and appointment windows.
#pragma once
#include <doctest/doctest.h>

#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dispatch.hpp"
#include "error.hpp"
#include "importer.hpp"
#include "masterdata.hpp"
#include "sla_fixtures.hpp"

namespace svc::dispatch_test {

using test::error_of;

struct Fixture {
  test::TempStore ts;
  Policy p = default_policy();
  Store& s = *ts.store;
  Fixture() {
    ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
    add_outlet(s, Outlet{"SH-01", "上海一店", "华东", "", "", "", true});
    add_outlet(s, Outlet{"BJ-01", "北京一店", "华北", "", "", "", true});
    engineer("E-1", "SH-01", {"repair"}, 3);
    engineer("E-2", "SH-01", {"repair"}, 3);
    engineer("E-9", "BJ-01", {"repair"}, 5);
  }
  void engineer(const char* id, const char* outlet, std::vector<std::string> skills, int level, bool active = true) {
    Engineer e;
    e.id = id;
    e.name = id;
    e.outlet = outlet;
    e.skills = std::move(skills);
    e.level = level;
    e.active = active;
    add_engineer(s, e);
  }
  Instant at(const char* local) { return test::at(local, p.tz); }
  void created(const char* ticket, const char* when, const char* urgency = "normal", const char* outlet = "SH-01",
               const char* region = "华东") {
    Event e;
    e.ticket = ticket;
    e.kind = EventKind::Created;
    e.ts = at(when);
    e.at(Field::Type) = "repair";
    e.at(Field::Urgency) = urgency;
    e.at(Field::Region) = region;
    e.at(Field::Outlet) = outlet;
    e.at(Field::DistanceKm) = "10";
    append_events(s, p, {e}, "test");
  }
  void window(const char* ticket, const char* from, const char* to) {
    SQLite::Statement q(s.db(), "INSERT INTO appointments(ticket, recorded_at, window_from, window_to) VALUES(?,?,?,?)");
    q.bind(1, ticket);
    q.bind(2, static_cast<std::int64_t>(at("2026-11-23 08:00")));
    q.bind(3, static_cast<std::int64_t>(at(from)));
    q.bind(4, static_cast<std::int64_t>(at(to)));
    q.exec();
  }
  std::int64_t count(const char* sql) { return s.db().execAndGet(sql).getInt64(); }
};

inline AssignRequest req(const char* ticket, const char* engineer, Instant at, std::optional<Window> w = std::nullopt) {
  AssignRequest r;
  r.ticket = ticket;
  r.engineer = engineer;
  r.at = at;
  r.window = w;
  return r;
}

inline std::vector<std::string> engineers_of(const Plan& plan) {
  std::vector<std::string> v;
  for (auto& x : plan.items) v.push_back(x.ticket + ":" + (x.engineer.empty() ? "-" : x.engineer));
  return v;
}

// A and B of 华东 assigned on 2026-11-23: A to E-1 with a 10:30-11:30 window,
// B (urgent) to E-2, its 11:00-12:00 window written beside dispatch's checks
// (as svc ticket schedule may) overlapping A's.
inline void two_assigned(Fixture& f) {
  f.created("A", "2026-11-23 09:00");
  f.created("B", "2026-11-23 09:10", "urgent");
  assign(f.s, f.p, req("A", "E-1", f.at("2026-11-23 10:00"), Window{f.at("2026-11-23 10:30"), f.at("2026-11-23 11:30")}));
  f.window("B", "2026-11-23 11:00", "2026-11-23 12:00");
  assign(f.s, f.p, req("B", "E-2", f.at("2026-11-23 10:10")));
}

}  // namespace svc::dispatch_test
