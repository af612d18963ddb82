// svc audit corrections (lib/ops/corrections_list.cpp): every correction of
// any kind, with when it takes effect and when it was recorded; --period
// matches either; the voids recorded after an assessment that change it.
#include <doctest/doctest.h>

#include <cstdlib>

#include "assessment_store.hpp"
#include "corrections.hpp"
#include "parts.hpp"
#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

namespace {

// T1 created 11-02 (no purchase date: not under 三包) with a fee of 80.00 completed at 15:00; returns the fee's id.
std::string ticket_with_fee(Fixture& f) {
  f.create("2026-11-02 08:15", "");  // no purchase date: nothing covers it, so the fee may be taken
  schedule_ticket(f.s, f.p, "T1", window(f, "2026-11-02 09:00", "2026-11-02 14:00", "2026-11-02 16:00", "E-017"));
  arrive_ticket(f.s, f.p, "T1", f.at("2026-11-02 14:10"), "");
  CompleteRequest c;
  c.at = f.at("2026-11-02 15:00");
  c.content = "修好";
  c.labor_hours = "1.5";
  c.fee = "80.00";
  complete_ticket(f.s, f.p, "T1", c);
  return f.s.ticket_events("T1").back().id;
}

std::vector<OutletAssessment> one_outlet(std::int64_t reward) {
  OutletAssessment a;
  a.outlet = "SH-01", a.region = "华东", a.tickets = 1, a.reward_cents = reward;
  return {a};
}

}  // namespace

TEST_CASE("audit corrections lists parts reversals and assessment revisions with the voids") {
  Fixture f;
  ticket_with_fee(f);
  PartsLedger led(f.s, f.p);
  auto g1 = led.receive({"CAP-35UF", "central", "G1", 10, 1000}, Actor{f.at("2026-11-05 09:00"), "bob"});
  led.reverse(g1.id, "receipt entered twice", Actor{f.at("2026-11-05 10:00"), "bob"});
  record_assessment(f.s, "2026-10", f.at("2026-11-04 06:00"), f.at("2026-11-04 07:00"), one_outlet(100000), false, "");
  record_assessment(f.s, "2026-10", f.at("2026-11-06 06:00"), f.at("2026-11-06 07:00"), one_outlet(50000), true,
                    "late calls");
  CorrectionsFilter cf;
  cf.as_of = f.at("2026-11-23 12:00");
  auto rows = list_corrections(f.s, f.p, cf);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].kind == "parts_reversal");
  CHECK(rows[0].target == "#" + std::to_string(g1.id));
  CHECK(rows[0].target_kind == "receive");
  CHECK(rows[0].by == "bob");
  CHECK(rows[0].reason == "receipt entered twice");
  CHECK(rows[0].at == f.at("2026-11-05 10:00"));
  CHECK_FALSE(rows[0].recorded);  // the ledger keeps only the movement's ts
  CHECK(rows[0].effect.find("receive #" + std::to_string(g1.id) + " of 10 x CAP-35UF at central (value 100.00)") == 0);
  CHECK(rows[1].kind == "assessment_revision");
  CHECK(rows[1].target == "2026-10 revision 1");
  CHECK(rows[1].reason == "late calls");
  CHECK(rows[1].by.empty());
  CHECK(rows[1].recorded == f.at("2026-11-06 07:00"));
  CHECK(rows[1].effect == "revision 2 of 2026-10 replaces revision 1: outlets 1 -> 1, net 1000.00 -> 500.00");
  // as of before the revision: only the reversal
  cf.as_of = f.at("2026-11-06 06:59");
  CHECK(list_corrections(f.s, f.p, cf).size() == 1);
}

TEST_CASE("a void's recording time is kept apart from its ts, and --period matches either") {
  Fixture f;
  std::string fee = ticket_with_fee(f);
  ::setenv("SVC_NOW", "2026-12-05T04:00:00Z", 1);  // made on 12-05, back-dated to 11-08
  std::string void_id = void_event(f.s, f.p, VoidRequest{"T1", fee, "收费有误", f.at("2026-11-08 10:00"), "alice"}).void_id;
  CorrectionsFilter cf;
  cf.as_of = f.at("2026-12-05 12:00");
  auto rows = list_corrections(f.s, f.p, cf);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at == f.at("2026-11-08 10:00"));
  CHECK(rows[0].recorded == f.at("2026-12-05 12:00"));
  cf.from = parse_date("2026-12-01"), cf.to = parse_date("2026-12-31");
  CHECK(list_corrections(f.s, f.p, cf).size() == 1);  // recorded in December
  cf.from = parse_date("2026-11-01"), cf.to = parse_date("2026-11-30");
  CHECK(list_corrections(f.s, f.p, cf).size() == 1);  // in effect in November
  cf.from = parse_date("2026-10-01"), cf.to = parse_date("2026-10-31");
  CHECK(list_corrections(f.s, f.p, cf).empty());
  // the voids that change an assessment of November recorded on 12-04 as of 12-04 06:00
  Instant nov = f.at("2026-11-01 00:00"), dec = f.at("2026-12-01 00:00");
  auto late = voids_recorded_after(f.s, f.p, nov, dec, f.at("2026-12-04 06:00"), f.at("2026-12-04 07:00"));
  REQUIRE(late.size() == 1);
  CHECK(late[0].id == void_id);
  CHECK(late[0].outlet == "SH-01");
  // recorded before the assessment, or of another period's tickets: not a change
  CHECK(voids_recorded_after(f.s, f.p, nov, dec, f.at("2026-12-04 06:00"), f.at("2026-12-05 13:00")).empty());
  CHECK(voids_recorded_after(f.s, f.p, dec, f.at("2027-01-01 00:00"), f.at("2027-01-04 06:00"),
                             f.at("2026-12-04 07:00"))
            .empty());
  // in effect after the assessment's as-of: not a change of what it saw
  CHECK(voids_recorded_after(f.s, f.p, nov, dec, f.at("2026-11-08 09:59"), f.at("2026-12-04 07:00")).empty());
  ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
}
