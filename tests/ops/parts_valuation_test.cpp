// lib/ops/parts_valuation.cpp: valuation arithmetic and the parts cost of tickets.
#include "parts.hpp"

#include <doctest/doctest.h>

#include "parts_fixtures.hpp"

using namespace svc;
using namespace svc::parts_test;

TEST_CASE("half-up division and the moving average, to the cent") {
  CHECK(div_half_up(15505, 15) == 1034);  // 1033.67
  CHECK(div_half_up(201, 2) == 101);      // .5 goes up
  CHECK(div_half_up(199, 2) == 100);      // 99.5 -> 100
  CHECK(div_half_up(-201, 2) == -101);    // symmetric
  CHECK(div_half_up(7, 3) == 2);
  // 10 @ 10.00, then 5 @ 11.01: (100.00 + 55.05) / 15 = 10.3367 -> 10.34
  CHECK(moving_average(0, 0, 10, 10 * 1000) == 1000);
  CHECK(moving_average(10, 1000, 5, 5 * 1101) == 1034);
  // 12 left @ 10.34, then 8 @ 9.99: (124.08 + 79.92) / 20 = 10.20 exactly
  CHECK(moving_average(12, 1034, 8, 8 * 999) == 1020);
  // 20 @ 10.20, then 1 @ 0.05: 204.05 / 21 = 9.7167 -> 9.72
  CHECK(moving_average(20, 1020, 1, 5) == 972);
  // nothing on hand: the receipt cost
  CHECK(moving_average(0, 4711, 3, 3 * 250) == 250);
  // pool shares add up to the pool exactly
  CHECK(share_of(1000, 3, 1) == 333);
  CHECK(share_of(667, 2, 1) == 334);
  CHECK(share_of(333, 1, 1) == 333);
}

TEST_CASE("moving average over several receipts through the ledger") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  auto m2 = f.led.receive({"CAP", "central", "G2", 5, 1101}, who("2026-11-02 09:00"));
  CHECK(m2.avg_cents == 1034);
  CHECK(m2.value_cents == 5505);
  auto iss = f.led.issue({"T1", "CAP", "central", "RQ1", "", 3}, who("2026-11-03 09:00"));
  CHECK(iss.value_cents == -3 * 1034);
  CHECK(iss.unit_cents == 1034);
  auto m3 = f.led.receive({"CAP", "central", "G3", 8, 999}, who("2026-11-04 09:00"));
  CHECK(m3.avg_cents == 1020);
  auto m4 = f.led.receive({"CAP", "central", "G4", 1, 5}, who("2026-11-05 09:00"));
  CHECK(m4.avg_cents == 972);
  CHECK(balance(*f, "central", "CAP") == 21);
  for (const auto& r : stock(*f, "central", false))
    if (r.part == "CAP") CHECK(r.value_cents == 21 * 972);
}

TEST_CASE("parts cost with a ticket filter on the tickets table") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  add_event(*f, "e1", "2026-11-02 09:00", "T1", "CAP", 2);
  add_event(*f, "e2", "2026-11-02 09:00", "T2", "CAP", 3);
  f.s->db().exec("INSERT INTO tickets(ticket, outlet, state, last_ts, events) VALUES ('T1', 'SH-01', 'open', 0, 1), "
                 "('T2', 'BJ-01', 'open', 0, 1)");
  CHECK(parts_cost_cents(*f, "t.outlet = ?1", {"SH-01"}) == 2000);
  CHECK(parts_cost_cents(*f, "t.outlet = ?1", {"BJ-01"}) == 3000);
  CHECK(parts_cost_cents(*f) == 5000);
}
