// lib/ops/parts_count.cpp: stock-takes.
#include "parts.hpp"

#include <doctest/doctest.h>

#include "parts_fixtures.hpp"

using namespace svc;
using namespace svc::parts_test;

TEST_CASE("count: variances applied in one transaction, all or nothing") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.receive({"MOT", "central", "G2", 2, 75000}, who("2026-11-01 09:00"));
  // a bad line: nothing is applied
  try {
    f.led.count("central", {{"CAP", 8, "shrinkage", 2}, {"MOT", 3, "", 3}, {"XYZ", 1, "", 4}}, who("2026-11-05 09:00"),
                "st.csv");
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 2);
    CHECK(e.problems[0] == "st.csv:3: MOT: counted 3, the books say 2: a variance needs a reason");
    CHECK(e.problems[1] == "st.csv:4: unknown part 'XYZ'");
  }
  CHECK(balance(*f, "central", "CAP") == 10);
  auto vs = f.led.count("central", {{"CAP", 8, "shrinkage", 2}, {"MOT", 2, "", 3}}, who("2026-11-05 09:00"), "st.csv");
  REQUIRE(vs.size() == 2);
  CHECK(vs[0].variance == -2);
  CHECK(vs[0].value_cents == -2000);
  CHECK(vs[0].movement_id > 0);
  CHECK(vs[1].variance == 0);
  CHECK(vs[1].movement_id == 0);
  CHECK(balance(*f, "central", "CAP") == 8);
}

TEST_CASE("stock-take sheets: columns and values checked with FILE:LINE") {
  auto ok = write_file("count-ok.csv", "\xEF\xBB\xBFpart,counted,reason\r\nCAP,8,\"shrinkage, 2 lost\"\r\nMOT,0\r\n");
  auto lines = read_count_sheet(ok);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].reason == "shrinkage, 2 lost");
  CHECK(lines[1].counted == 0);
  CHECK(lines[1].line == 3);
  auto bad = write_file("count-bad.csv", "part,counted\nCAP,-1\nMOT,x\nCAP,2\nCAP,3\n");
  try {
    read_count_sheet(bad);
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 3);
    CHECK(e.problems[0] == bad + ":2: counted must be a whole number >= 0, got '-1'");
    CHECK(e.problems[2] == bad + ":5: part 'CAP' already counted on line 4");
  }
  auto col = write_file("count-col.csv", "part,countd\nCAP,1\n");
  try {
    read_count_sheet(col);
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 2);
    CHECK(e.problems[0] == col + ":1: unknown column 'countd' (did you mean 'counted'?)");
    CHECK(e.problems[1] == col + ":1: missing column 'counted'");
  }
  CHECK_THROWS_AS(read_count_sheet("/nonexistent/sheet.csv"), NoInputError);
}
