// lib/store/importer_checks.cpp: the ticket-level rules (one created, nothing
// before it, paused/resumed alternating) and the void rules, over a file's new
// events and the ticket's stored ones.
#include <doctest/doctest.h>

#include "importer_fixtures.hpp"
#include "test_util.hpp"

using namespace svc;
using namespace svc::importer_test;

namespace {
const char* kVoidHeader = "id,ts,ticket,event,type,urgency,channel,region,outlet,engineer,ref,note\n";
}  // namespace

TEST_CASE("import: ticket-level rules") {
  Fixture f;
  SUBCASE("no created, in the input or the store") {
    auto r = f.import(",2026-11-02 09:00,T9,responded,,,,,,,,\n");
    CHECK(f.problems(r) == "2: ticket T9 has no created event (in this input or in the store)\n");
  }
  SUBCASE("a bad created makes the ticket's other records bad") {
    auto r = f.import(",2026-11-02 09:00,T9,responded,,,,,,,,\n"
                      ",2026-11-02 08:00,T9,created,repair,soon,phone,华东,SH-01,,,\n");
    CHECK(f.problems(r) == "2: ticket T9 has no valid created event (the created at line 3 is bad)\n"
                           "3: urgency must be urgent|normal, got 'soon'\n");
  }
  SUBCASE("two created: in one file, or one stored") {
    auto r = f.import(",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n"
                      ",2026-11-02 09:00,T9,responded,,,,,,,,\n"
                      ",2026-11-02 08:05,T9,created,repair,urgent,phone,华东,SH-01,,,\n");
    CHECK(f.problems(r) == "2: ticket T9 has 2 created events (line 2, line 4)\n"
                           "3: ticket T9 has 2 created events (line 2, line 4)\n"
                           "4: ticket T9 has 2 created events (line 2, line 4)\n");
    f.import(",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n");
    auto s = f.import(",2026-11-03 08:00,T9,created,repair,urgent,phone,华东,SH-01,,,\n");
    CHECK(f.problems(s) == "2: ticket T9 has 2 created events (one stored at 2026-11-02T08:00:00+08:00, line 2)\n");
  }
  SUBCASE("ts before created") {
    auto r = f.import(",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n"
                      ",2026-11-02 07:59,T9,responded,,,,,,,,\n");
    CHECK(f.problems(r) == "3: ts 2026-11-02T07:59:00+08:00 is before the ticket's created at 2026-11-02T08:00:00+08:00\n");
  }
  SUBCASE("paused while paused, resumed while not paused, in log order not file order") {
    auto ok = f.import(",2026-11-02 12:00,T9,resumed,,,,,,,,\n"
                       ",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n"
                       ",2026-11-02 10:00,T9,paused,,,,,,,,\n");
    CHECK_FALSE(ok.failed);
    CHECK(f.dump("SELECT state FROM tickets") == "open|\n");
    auto r = f.import(",2026-11-02 13:00,T9,resumed,,,,,,,,\n"
                      ",2026-11-02 14:00,T9,paused,,,,,,,,\n"
                      ",2026-11-02 15:00,T9,paused,,,,,,,,\n");
    CHECK(f.problems(r) == "2: resumed while not paused\n"
                           "4: paused while already paused (since 2026-11-02T14:00:00+08:00)\n");
    // a new event that would make a stored one wrong is the bad one
    auto s = f.import(",2026-11-02 11:00,T9,resumed,,,,,,,,\n");
    CHECK(f.problems(s) == "2: resumed conflicts with the stored resumed at 2026-11-02T12:00:00+08:00\n");
    CHECK(f.count("SELECT count(*) FROM events") == 3);
  }
  SUBCASE("events of a ticket over several files, in any order") {
    CHECK_FALSE(f.import(",2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n").failed);
    CHECK_FALSE(f.import(",2026-11-02 18:00,T9,completed,,,,,,,,\n,2026-11-02 09:00,T9,responded,,,,,,,,\n").failed);
    CHECK(f.dump("SELECT state, events FROM tickets") == "completed|3|\n");
  }
}


TEST_CASE("import: the void rules, each refusal with its line; of two voids of one event the later is bad") {
  Fixture f;
  auto r = f.import("C0,2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n"
                    "R1,2026-11-02 07:00,T9,responded,,,,,,,,\n"
                    "D1,2026-11-02 09:00,T9,dispatched,,,,,,E-1,,\n"
                    ",2026-11-02 10:00,T9,voided,,,,,,,R1,客户取消\n"
                    ",2026-11-02 10:00,T9,voided,,,,,,,NOPE,录入错误\n"
                    "V1,2026-11-02 10:00,T9,voided,,,,,,,D1,派错\n"
                    ",2026-11-02 10:05,T9,voided,,,,,,,D1,派错了\n"
                    ",2026-11-02 11:00,T9,voided,,,,,,,C0,重复\n"
                    ",2026-11-02 11:00,T9,voided,,,,,,,V1,撤销\n"
                    "P1,2026-11-02 12:00,T9,responded,,,,,,,,\n"
                    ",2026-11-02 11:30,T9,voided,,,,,,,P1,提前\n",
                    {}, kVoidHeader);
  CHECK(r.failed);
  CHECK(f.problems(r) ==
        "3: ts 2026-11-02T07:00:00+08:00 is before the ticket's created at 2026-11-02T08:00:00+08:00\n"
        "5: ref 'R1' names the responded at line 3, which is itself bad\n"
        "6: ref 'NOPE' is not an event of ticket T9 (in this input or in the store)\n"
        "8: ref 'D1' names the dispatched at line 4, which is already voided (at line 7)\n"
        "9: ref 'C0' names the ticket's created event, which cannot be voided (cancel the ticket instead)\n"
        "10: ref 'V1' names a voided event: a correction cannot be voided\n"
        "12: ts 2026-11-02T11:30:00+08:00 is earlier than that of the event it voids (responded at "
        "2026-11-02T12:00:00+08:00)\n");
  CHECK(f.count("SELECT count(*) FROM events") == 0);
  // the ref names an event of another ticket: not an event of this one
  CHECK_FALSE(f.import("C0,2026-11-02 08:00,T9,created,repair,normal,phone,华东,SH-01,,,\n"
                       "C1,2026-11-02 08:00,T1,created,repair,normal,phone,华东,SH-01,,,\n"
                       "D1,2026-11-02 09:00,T1,dispatched,,,,,,E-1,,\n",
                       {}, kVoidHeader)
                   .failed);
  auto other = f.import(",2026-11-02 10:00,T9,voided,,,,,,,D1,派错\n", {}, kVoidHeader);
  CHECK(f.problems(other) == "2: ref 'D1' is not an event of ticket T9 (in this input or in the store)\n");
}

TEST_CASE("import: voids of stored events; a withdrawn pause needs both its paused and its resumed voided") {
  Fixture f;
  REQUIRE_FALSE(f.import("C0,2026-11-02 08:00,T8,created,repair,normal,phone,华东,SH-01,,,\n"
                         "P1,2026-11-02 09:00,T8,paused,,,,,,,,等配件\n"
                         "Q1,2026-11-02 10:00,T8,resumed,,,,,,,,\n",
                         {}, kVoidHeader)
                    .failed);
  auto half = f.import(",2026-11-02 11:00,T8,voided,,,,,,,P1,误操作\n", {}, kVoidHeader);
  CHECK(f.problems(half) ==
        "2: voiding the paused at 2026-11-02T09:00:00+08:00 leaves the resumed at 2026-11-02T10:00:00+08:00 unmatched "
        "(to withdraw a pause, void both its paused and its resumed)\n");
  CHECK(f.count("SELECT count(*) FROM events") == 3);
  auto both = f.import(",2026-11-02 11:00,T8,voided,,,,,,,P1,误操作\n"
                       ",2026-11-02 11:00,T8,voided,,,,,,,Q1,误操作\n",
                       {}, kVoidHeader);
  CHECK_FALSE(both.failed);
  CHECK(both.added == 2);
  auto again = f.import(",2026-11-02 12:00,T8,voided,,,,,,,P1,再次\n", {}, kVoidHeader);
  CHECK(f.problems(again) == "2: ref 'P1' names the stored paused at 2026-11-02T09:00:00+08:00, which is already "
                             "voided (stored, at 2026-11-02T11:00:00+08:00)\n");
  // with the pause withdrawn, a new pause is not "paused while already paused"
  CHECK_FALSE(f.import(",2026-11-02 13:00,T8,paused,,,,,,,,等客户\n", {}, kVoidHeader).failed);
  CHECK(f.count("SELECT count(*) FROM events") == 6);
}
