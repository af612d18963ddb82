// The guard of every command that names a ticket (lib/store/guards.cpp): it
// must exist (did you mean), and a closed or cancelled one is refused unless
// forced with a reason.
#include "guards.hpp"

#include <doctest/doctest.h>

#include "error.hpp"
#include "importer.hpp"
#include "store.hpp"
#include "test_util.hpp"

using namespace svc;

TEST_CASE("guards: a ticket that does not exist (did you mean), a closed one") {
  test::TempDir d;
  Store s({d.at("svc.db"), 10000, true});
  Policy p = default_policy();
  std::string csv = d.file("log.csv",
                           "id,ts,ticket,event,type,urgency,region,outlet\n"
                           "a,2026-11-20 08:00,T100,created,repair,normal,East,SH-01\n"
                           "b,2026-11-20 08:00,T200,created,repair,normal,East,SH-01\n"
                           "c,2026-11-20 09:00,T200,completed,,,,\n"
                           "d,2026-11-20 10:00,T200,closed,,,,\n");
  REQUIRE(Importer(s, p).import_file(csv).added == 4);
  CHECK(require_ticket(s, "T100").phase == Phase::New);
  CHECK_THROWS_WITH_AS(require_ticket(s, "T10O"), "no ticket 'T10O' in the store (did you mean 'T100'?)", NoInputError);
  CHECK_THROWS_WITH_AS(require_ticket(s, "ZZZZZZZZ"),
                       "no ticket 'ZZZZZZZZ' in the store (create it with 'svc ticket create')", NoInputError);
  CHECK(require_open_ticket(s, "T100", "svc parts issue", {}).empty());
  CHECK_THROWS_WITH_AS(require_open_ticket(s, "T200", "svc parts issue", {}),
                       "ticket 'T200' is closed: svc parts issue is refused on a closed ticket; --force --reason TEXT "
                       "records it anyway",
                       DataError);
  CHECK(require_open_ticket(s, "T200", "svc parts issue", {true, "late paperwork"}) ==
        "forced on closed ticket T200: late paperwork");
  CHECK_THROWS_AS(require_open_ticket(s, "T200", "svc parts issue", {true, ""}), UsageError);
}

TEST_CASE("guards: a cancelled ticket is refused like a closed one; the state returned is the current one") {
  test::TempDir d;
  Store s({d.at("svc.db"), 10000, true});
  Policy p = default_policy();
  std::string csv = d.file("log.csv",
                           "id,ts,ticket,event,type,urgency,region,outlet\n"
                           "a,2026-11-20 08:00,T300,created,repair,normal,East,SH-01\n"
                           "b,2026-11-20 09:00,T300,cancelled,,,,\n"
                           "c,2026-11-20 08:00,T400,created,repair,normal,East,SH-01\n"
                           "d,2026-11-20 09:00,T400,responded,,,,\n");
  REQUIRE(Importer(s, p).import_file(csv).added == 4);
  CHECK(require_ticket(s, "T400").phase == Phase::Responded);
  CHECK(require_ticket(s, "T300").phase == Phase::Cancelled);
  CHECK_THROWS_WITH_AS(require_open_ticket(s, "T300", "svc cost add", {}),
                       "ticket 'T300' is cancelled: svc cost add is refused on a cancelled ticket; --force --reason "
                       "TEXT records it anyway",
                       DataError);
  CHECK(require_open_ticket(s, "T300", "svc cost add", {true, "billed late"}) ==
        "forced on cancelled ticket T300: billed late");
  CHECK_THROWS_AS(require_open_ticket(s, "T999", "svc cost add", {true, "x"}), NoInputError);  // existence first
}

TEST_CASE("join_notes: texts joined with '; ', empty ones skipped") {
  CHECK(join_notes("", "") == "");
  CHECK(join_notes("a", "") == "a");
  CHECK(join_notes("", "b") == "b");
  CHECK(join_notes("forced on closed ticket T1: late", "批次 G1") == "forced on closed ticket T1: late; 批次 G1");
}
