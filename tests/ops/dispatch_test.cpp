// svc dispatch's shared reading (lib/ops/dispatch.cpp): the open work and
// every engineer's load as of an instant, and the order auto works in. The
// commands are in tests/ops/dispatch_{auto,suggest,board,queue}_test.cpp.
#include <doctest/doctest.h>

#include "dispatch_fixtures.hpp"

using namespace svc;
using namespace svc::dispatch_test;

TEST_CASE("load_workload: open tickets in scope in dispatch order; every engineer's load counts all regions") {
  Fixture f;
  f.created("A", "2026-11-23 09:00");
  f.created("B", "2026-11-23 08:30");
  f.created("C", "2026-11-23 10:00", "urgent");
  f.created("N", "2026-11-23 09:15", "normal", "BJ-01", "华北");
  assign(f.s, f.p, req("N", "E-9", f.at("2026-11-23 10:30"), Window{f.at("2026-11-23 14:00"), f.at("2026-11-23 15:00")}));
  Workload w = load_workload(f.s, f.p, f.at("2026-11-23 11:00"), {"", "华东"});
  std::vector<std::string> order;
  for (const auto& it : w.items) order.push_back(it.t.ticket);
  CHECK(order == std::vector<std::string>{"C", "B", "A"});  // urgent first, then the nearest due
  for (const auto& it : w.items) {
    CHECK(it.unassigned);
    CHECK(it.sla);
    CHECK(it.due_key);
  }
  REQUIRE(w.engineers.size() == 3);  // by id, the other region's too
  CHECK(w.engineers[0].id == "E-1");
  CHECK(w.engineers[2].id == "E-9");
  CHECK(w.engineer_index("E-9") == 2);
  CHECK(w.engineer_index("E-404") == -1);
  CHECK(w.engineers[2].open == 1);  // N, outside the scope, still loads E-9
  REQUIRE(w.engineers[2].bookings.size() == 1);
  CHECK(w.engineers[2].bookings[0].ticket == "N");
  // as of before C was created, C is not open work
  Workload early = load_workload(f.s, f.p, f.at("2026-11-23 09:59"), {"SH-01", ""});
  CHECK(early.items.size() == 2);
  // a cancelled ticket is no work
  f.s.db().exec("UPDATE tickets SET state = 'cancelled' WHERE ticket = 'A'");  // the projection's view
  CHECK(load_workload(f.s, f.p, f.at("2026-11-23 11:00"), {"", "华东"}).items.size() == 2);
}

TEST_CASE("dispatch_order: urgent, then due (none last), then created, then id") {
  WorkItem a, b;
  a.t.ticket = "A";
  b.t.ticket = "B";
  a.t.urgency = b.t.urgency = "normal";
  a.created = b.created = 100;
  CHECK(dispatch_order(a, b));  // all equal: by id
  CHECK_FALSE(dispatch_order(b, a));
  b.created = 50;
  CHECK(dispatch_order(b, a));  // earlier created first
  a.due_key = 500;
  CHECK(dispatch_order(a, b));  // something due before nothing due
  b.due_key = 400;
  CHECK(dispatch_order(b, a));  // the nearest due first
  a.t.urgency = "urgent";
  CHECK(dispatch_order(a, b));  // urgent before any due
}
