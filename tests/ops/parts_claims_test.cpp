// lib/ops/parts_claims.cpp: old-part claims.
#include "parts.hpp"

#include <doctest/doctest.h>

#include "parts_fixtures.hpp"

using namespace svc;
using namespace svc::parts_test;

TEST_CASE("claims: open -> submitted -> accepted | rejected, nothing else") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 3}, who("2026-11-01 10:00"));
  add_event(*f, "e1", "2026-11-02 09:00", "T1", "CAP", 3);
  f.led.consume({"T1", "CAP", "e1", 3}, {0, "t"});
  f.led.give_back({"T1", "CAP", "", 3, true, ""}, who("2026-11-03 09:00"));
  f.led.receive({"MOT", "central", "G2", 1, 100}, who("2026-11-01 09:00"));
  CHECK(refusal([&] { f.led.open_claim({"central", "MOT", "", "", "", 1, {}}, who("2026-11-04 09:00")); })
            .find("part MOT is not claimable") == 0);
  auto id = f.led.open_claim({"central", "CAP", "T1", "", "RMA-1", 2, 2000}, who("2026-11-04 09:00"));
  CHECK(find_claim(*f, id)->supplier == "Acme");
  CHECK(refusal([&] { f.led.open_claim({"central", "CAP", "", "", "", 2, {}}, who("2026-11-04 09:00")); }) ==
        "not enough old parts: 2 old CAP claimed, 'central' holds 3 of which 2 are in open claims");
  CHECK(refusal([&] { f.led.decide_claim(id, true, 100, "", who("2026-11-05 09:00")); }) ==
        "claim #" + std::to_string(id) + " is open: only a submitted claim can be accepted");
  auto m = f.led.submit_claim(id, "", who("2026-11-05 09:00"));
  CHECK(m.kind == MoveKind::Claim);
  CHECK(m.qty == -2);
  CHECK(m.claim_id == id);
  CHECK(m.reference == "RMA-1");
  CHECK(balance(*f, "central", "CAP", "old") == 1);
  CHECK(refusal([&] { f.led.submit_claim(id, "", who("2026-11-05 10:00")); }).find("only an open claim") !=
        std::string::npos);
  CHECK(refusal([&] { f.led.decide_claim(id, false, {}, "", who("2026-11-06 09:00")); }).find("--reason") !=
        std::string::npos);
  f.led.decide_claim(id, true, {}, "", who("2026-11-06 09:00"));  // the amount claimed
  auto c = *find_claim(*f, id);
  CHECK(c.status == "accepted");
  CHECK(*c.accepted_cents == 2000);
  CHECK(refusal([&] { f.led.decide_claim(id, false, {}, "late", who("2026-11-07 09:00")); }).find("is accepted") !=
        std::string::npos);
  auto id2 = f.led.open_claim({"central", "CAP", "", "", "", 1, {}}, who("2026-11-08 09:00"));
  f.led.submit_claim(id2, "RMA-2", who("2026-11-08 10:00"));
  CHECK(refusal([&] { f.led.decide_claim(id2, true, {}, "", who("2026-11-09 09:00")); }).find("--amount") !=
        std::string::npos);
  f.led.decide_claim(id2, false, {}, "misuse", who("2026-11-09 09:00"));
  CHECK(claims(*f, "rejected").size() == 1);
  CHECK(claims(*f, "").size() == 2);
  CHECK(refusal([&] { f.led.decide_claim(99, true, 1, "", who("2026-11-09 09:00")); }) == "no claim #99");
  CHECK_THROWS_AS(claims(*f, "pending"), UsageError);
}
