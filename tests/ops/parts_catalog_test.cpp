// lib/ops/parts_catalog.cpp: the catalogue.
#include "parts.hpp"

#include <doctest/doctest.h>

#include "parts_fixtures.hpp"

using namespace svc;
using namespace svc::parts_test;

TEST_CASE("catalogue: add, update, import all or nothing") {
  TempStore t;
  Part p;
  p.part = "FAN-1", p.name = "Fan";
  add_part(*t, p);
  CHECK_THROWS_AS(add_part(*t, p), DataError);
  p.part = "bad,id";
  CHECK_THROWS_AS(add_part(*t, p), DataError);
  PartUpdate u;
  u.min_stock = 4;
  u.claimable = true;
  update_part(*t, "FAN-1", u);
  CHECK(find_part(*t, "FAN-1")->min_stock == 4);
  CHECK(find_part(*t, "FAN-1")->claimable);
  CHECK_THROWS_AS(update_part(*t, "FAN-2", u), NotFound);

  auto bad = write_file("cat-bad.csv",
                        "part,name,list_price,claimable,min_stock\nA-1,Alpha,1.234,yes,1\nB-1,,2,maybe,-3\nC-1,Gamma,3,no,2\n");
  try {
    import_catalog(*t, bad);
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 4);
    CHECK(e.problems[0] == bad + ":2: list_price must be an amount >= 0 with at most 2 decimals, got '1.234'");
    CHECK(e.problems[1] == bad + ":3: min_stock must be a whole number >= 0, got '-3'");
    CHECK(e.problems[2] == bad + ":3: claimable must be yes or no, got 'maybe'");
    CHECK(e.problems[3] == bad + ":3: name is required");
  }
  CHECK(list_parts(*t).size() == 1);
  auto good = write_file("cat-good.csv", "part,name,spec,unit,supplier,list_price,min_stock,claimable\n"
                                         "FAN-1,,,,,,,\nCAP-2,\"Capacitor, 35µF\",450V,pc,Acme,12.5,10,yes\n");
  auto r = import_catalog(*t, good);
  CHECK(r.read == 2);
  CHECK(r.added == 1);
  CHECK(r.updated == 1);
  CHECK(find_part(*t, "FAN-1")->min_stock == 4);  // empty fields keep their value
  CHECK(find_part(*t, "CAP-2")->name == "Capacitor, 35µF");
  CHECK(*find_part(*t, "CAP-2")->list_cents == 1250);
}
