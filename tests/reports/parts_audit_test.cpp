#include "parts_audit.hpp"

#include <doctest/doctest.h>

#include "parts_fixtures.hpp"

using namespace svc;
using namespace svc::parts_test;

namespace {

std::vector<std::string> checks(const std::vector<PartsFinding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.emplace_back(to_string(f.check));
  return out;
}

struct AuditFixture : parts_test::TempStore {
  Policy p = default_policy();  // unconsumed 7 days, old parts 15 days, claims 60 days
  PartsLedger led{*s, p};
  AuditFixture() {
    Part cap;
    cap.part = "CAP", cap.name = "Capacitor", cap.claimable = true;
    add_part(*s, cap);
    Part fan;
    fan.part = "FAN", fan.name = "Fan";  // not claimable
    add_part(*s, fan);
    led.receive({"CAP", "central", "G1", 20, 1000}, who("2026-11-01 09:00"));
    led.receive({"FAN", "central", "G2", 20, 500}, who("2026-11-01 09:00"));
  }
};

}  // namespace

TEST_CASE("check names round-trip") {
  for (const auto& n : parts_check_names()) CHECK(to_string(*parse_parts_check(n)) == n);
  CHECK_FALSE(parse_parts_check("nothing"));
}

TEST_CASE("a clean ledger has no findings") {
  AuditFixture f;
  open_ticket(*f.s, "T1");
  f.led.issue({"T1", "CAP", "central", "", "", 2}, who("2026-11-02 09:00"));
  add_event(*f.s, "e1", "2026-11-03 09:00", "T1", "CAP", 2);
  f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"});
  f.led.give_back({"T1", "CAP", "", 2, true, ""}, who("2026-11-04 09:00"));
  CHECK(audit_parts(*f.s, f.p, at("2026-12-31 23:00")).empty());
}

TEST_CASE("issued but not fitted or returned after unconsumed_days, FIFO") {
  AuditFixture f;
  open_ticket(*f.s, "T1");
  f.led.issue({"T1", "FAN", "central", "RQ1", "", 2}, who("2026-11-02 09:00"));
  f.led.issue({"T1", "FAN", "central", "RQ2", "", 1}, who("2026-11-05 09:00"));
  add_event(*f.s, "e1", "2026-11-06 09:00", "T1", "FAN", 1);
  f.led.consume({"T1", "FAN", "e1", 1}, {0, "t"});
  // 2026-11-09 09:00 is exactly 7 days after RQ1: not yet late
  CHECK(audit_parts(*f.s, f.p, at("2026-11-09 09:00")).empty());
  auto fs = audit_parts(*f.s, f.p, at("2026-11-09 09:01"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == PartsCheck::UnconsumedIssue);
  CHECK(fs[0].detail == "1 of 2 units issued on requisition RQ1 neither fitted nor returned");
  CHECK(fs[0].due == at("2026-11-09 09:00"));
  fs = audit_parts(*f.s, f.p, at("2026-11-20 00:00"));
  CHECK(fs.size() == 2);  // RQ2 is late too
  f.led.give_back({"T1", "FAN", "", 2, false, ""}, who("2026-11-21 09:00"));
  CHECK(audit_parts(*f.s, f.p, at("2026-11-22 00:00")).empty());
  CHECK(audit_parts(*f.s, f.p, at("2026-11-20 00:00")).size() == 2);  // as of before the return
}

TEST_CASE("claimable old parts due back within old_part_days") {
  AuditFixture f;
  open_ticket(*f.s, "T1");
  f.led.issue({"T1", "CAP", "central", "", "", 1}, who("2026-11-02 09:00"));
  f.led.issue({"T1", "FAN", "central", "", "", 1}, who("2026-11-02 09:00"));
  add_event(*f.s, "e1", "2026-11-03 09:00", "T1", "CAP", 1);
  add_event(*f.s, "e2", "2026-11-03 09:00", "T1", "FAN", 1);
  f.led.consume({"T1", "CAP", "e1", 1}, {0, "t"});
  f.led.consume({"T1", "FAN", "e2", 1}, {0, "t"});
  CHECK(audit_parts(*f.s, f.p, at("2026-11-18 09:00")).empty());
  auto fs = audit_parts(*f.s, f.p, at("2026-11-18 09:01"));
  REQUIRE(fs.size() == 1);  // FAN is not claimable
  CHECK(fs[0].check == PartsCheck::OldPartOverdue);
  CHECK(fs[0].part == "CAP");
  f.led.give_back({"T1", "CAP", "", 1, true, ""}, who("2026-11-19 09:00"));
  CHECK(audit_parts(*f.s, f.p, at("2026-11-20 00:00")).empty());
}

TEST_CASE("claims not decided within claim_days") {
  AuditFixture f;
  open_ticket(*f.s, "T1");
  f.led.issue({"T1", "CAP", "central", "", "", 2}, who("2026-11-02 09:00"));
  add_event(*f.s, "e1", "2026-11-03 09:00", "T1", "CAP", 2);
  f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"});
  f.led.give_back({"T1", "CAP", "", 2, true, ""}, who("2026-11-04 09:00"));
  auto id = f.led.open_claim({"central", "CAP", "T1", "", "", 2, {}}, who("2026-11-05 09:00"));
  CHECK(audit_parts(*f.s, f.p, at("2027-01-04 09:00")).empty());  // 60 days exactly
  auto fs = audit_parts(*f.s, f.p, at("2027-01-05 00:00"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == PartsCheck::ClaimOverdue);
  CHECK(fs[0].detail == "claim for 2 old parts still open, not submitted");
  f.led.submit_claim(id, "", who("2026-11-06 09:00"));
  CHECK(audit_parts(*f.s, f.p, at("2027-01-05 00:00")).at(0).detail == "claim for 2 old parts still submitted, not decided");
  f.led.decide_claim(id, false, {}, "no", who("2026-11-07 09:00"));
  CHECK(audit_parts(*f.s, f.p, at("2027-01-05 00:00")).empty());
}

TEST_CASE("part_used events without a consume movement") {
  AuditFixture f;
  add_event(*f.s, "e9", "2026-11-03 09:00", "T9", "CAP", 1);
  CHECK(audit_parts(*f.s, f.p, at("2026-11-03 08:59")).empty());
  auto fs = audit_parts(*f.s, f.p, at("2026-11-03 09:00"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == PartsCheck::UnlinkedPartUsed);
  CHECK(fs[0].ref == "e9");
}

TEST_CASE("bookkeeping: a balance or an average changed behind the ledger's back is found") {
  AuditFixture f;
  CHECK(audit_parts(*f.s, f.p, at("2026-11-02 00:00")).empty());
  f.s->db().exec("UPDATE part_stock SET qty = 19 WHERE part = 'CAP'");
  auto fs = audit_parts(*f.s, f.p, at("2026-11-02 00:00"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == PartsCheck::BalanceMismatch);
  CHECK(fs[0].detail == "new balance is 19, the movements sum to 20");
  f.s->db().exec("UPDATE part_stock SET qty = 20 WHERE part = 'CAP'");
  f.s->db().exec("UPDATE part_valuation SET avg_cents = 999 WHERE part = 'CAP'");
  fs = audit_parts(*f.s, f.p, at("2026-11-02 00:00"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == PartsCheck::ValuationMismatch);
  CHECK(fs[0].detail == "moving average is 9.99, the ledger gives 10.00");
  // a movement forged past the append-only triggers
  f.s->db().exec("UPDATE part_valuation SET avg_cents = 1000 WHERE part = 'CAP'");
  f.s->db().exec("DROP TRIGGER part_movements_append_only_update");
  f.s->db().exec("UPDATE part_movements SET qty = -30, value_cents = -1 WHERE id = 1");
  fs = audit_parts(*f.s, f.p, at("2026-11-02 00:00"));
  auto c = checks(fs);
  CHECK(std::count(c.begin(), c.end(), "balance-mismatch") == 2);  // went negative, and differs
  CHECK(std::count(c.begin(), c.end(), "valuation-mismatch") >= 1);
}

TEST_CASE("reversals: replayed by the bookkeeping checks; a reversed issue is not unconsumed after its reversal") {
  AuditFixture f;
  open_ticket(*f.s, "T1");
  auto iss = f.led.issue({"T1", "CAP", "central", "RQ1", "", 2}, who("2026-11-02 09:00"));
  auto g = f.led.receive({"CAP", "central", "G9", 4, 2500}, who("2026-11-02 11:00"));
  f.led.reverse(g.id, "wrong part", who("2026-11-02 12:00"));
  f.led.reverse(iss.id, "issued to the wrong ticket", who("2026-11-12 09:00"));
  // as of before the reversal the issue was overdue; after it, it never counts
  auto fs = audit_parts(*f.s, f.p, at("2026-11-10 00:00"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == PartsCheck::UnconsumedIssue);
  CHECK(fs[0].ref == "#" + std::to_string(iss.id));
  CHECK(audit_parts(*f.s, f.p, at("2026-12-31 00:00")).empty());
  // a reversal row forged with the wrong value is found by the replay
  auto sc = f.led.scrap({"central", "CAP", "broken", 1, false}, who("2026-11-13 09:00"));
  SQLite::Statement st(f.s->db(),
                       "INSERT INTO part_movements(ts, kind, warehouse, part, book, qty, unit_cents, value_cents, "
                       "avg_cents, user, reverses) VALUES (?, 'scrap', 'central', 'CAP', 'new', 1, 1000, 999, 1000, "
                       "'x', ?)");
  st.bind(1, at("2026-11-13 10:00"));
  st.bind(2, sc.id);
  st.exec();
  f.s->db().exec("UPDATE part_stock SET qty = qty + 1 WHERE part = 'CAP' AND book = 'new'");
  fs = audit_parts(*f.s, f.p, at("2026-12-31 00:00"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == PartsCheck::ValuationMismatch);
  CHECK(fs[0].detail == "scrap valued 9.99, the ledger says 10.00");
}
