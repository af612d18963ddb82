// lib/ops/parts_listing.cpp: the ledger and stock listings.
#include "parts.hpp"

#include <doctest/doctest.h>

#include "parts_fixtures.hpp"

using namespace svc;
using namespace svc::parts_test;

TEST_CASE("the ledger is append-only and balances equal the sum of movements") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  CHECK_THROWS(f.s->db().exec("UPDATE part_movements SET qty = 11"));
  CHECK_THROWS(f.s->db().exec("DELETE FROM part_movements"));
  CHECK_THROWS(f.s->db().exec("UPDATE part_stock SET qty = -1"));
  auto rows = ledger(*f, "CAP", "");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].balance == 10);
  CHECK_THROWS_AS(ledger(*f, "NOPE", ""), NotFound);
  CHECK_THROWS_AS(stock(*f, "NOPE", false), DataError);
}

TEST_CASE("stock lists central for every part and --below-min") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.transfer({"CAP", "central", "SH-01", "", 7}, who("2026-11-01 10:00"));
  auto all = stock(*f, "", false);
  REQUIRE(all.size() == 3);  // central CAP, central MOT, SH-01 CAP
  auto low = stock(*f, "", true);
  REQUIRE(low.size() == 1);  // central CAP: 3 < 5 (MOT has no minimum)
  CHECK(low[0].warehouse == "central");
  CHECK(low[0].qty == 3);
}
