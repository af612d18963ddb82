// lib/ops/parts_reversal.cpp: corrections by reversal (issue 14, docs/parts.md "Correcting the ledger").
#include "parts.hpp"

#include <doctest/doctest.h>

#include "parts_audit.hpp"
#include "parts_fixtures.hpp"

using namespace svc;
using namespace svc::parts_test;

namespace {
std::string not_found(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const NoInputError& e) {
    return e.what();
  }
  return "(not refused with 66)";
}
// The audit's bookkeeping checks replay the ledger: a reversal must leave no mismatch.
std::vector<std::string> bookkeeping(Fixture& f) {
  std::vector<std::string> out;
  for (const auto& x : audit_parts(*f, f.p, at("2030-01-01 00:00")))
    if (x.check == PartsCheck::BalanceMismatch || x.check == PartsCheck::ValuationMismatch) out.push_back(x.detail);
  return out;
}
std::int64_t avg_now(Fixture& f, const std::string& part) {
  for (const auto& r : stock(*f, "central", false))
    if (r.part == part) return r.avg_cents;
  return -1;
}
}  // namespace

TEST_CASE("reversing a receipt takes its quantity and cost out of the average") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  auto g2 = f.led.receive({"CAP", "central", "G2", 6, 1155}, who("2026-11-02 09:00"));
  CHECK(g2.avg_cents == 1058);  // (100.00 + 69.30) / 16 = 10.58125
  auto r = f.led.reverse(g2.id, "entered at the wrong price", who("2026-11-02 10:00"));
  REQUIRE(r.size() == 1);
  CHECK(r[0].kind == MoveKind::Receive);
  CHECK(r[0].reverses == g2.id);
  CHECK(r[0].qty == -6);
  CHECK(r[0].unit_cents == 1155);
  CHECK(r[0].value_cents == -6930);
  CHECK(r[0].user == "tester");
  CHECK(r[0].reason == "entered at the wrong price");
  CHECK(r[0].ts == at("2026-11-02 10:00"));
  // (16 x 10.58 - 69.30) / 10 = 9.998 -> 10.00: back to the average before it
  CHECK(r[0].avg_cents == 1000);
  CHECK(avg_now(f, "CAP") == 1000);
  CHECK(balance(*f, "central", "CAP") == 10);
  // the same receipt number can be entered again, correctly
  auto again = f.led.receive({"CAP", "central", "G2", 6, 1150}, who("2026-11-02 11:00"));
  CHECK(again.avg_cents == 1056);  // (100.00 + 69.00) / 16 = 10.5625
  // the ledger shows both ends of the correction
  auto rows = ledger(*f, "CAP", "");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].reversed_by == r[0].id);
  CHECK(rows[2].m.reverses == g2.id);
  CHECK(rows[2].balance == 10);
  CHECK(rows[3].reversed_by == 0);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversal refusals: a reversal, twice, no reason, before the movement, unknown id") {
  Fixture f;
  open_ticket(*f, "T1");
  auto g1 = f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  CHECK(refusal([&] { f.led.reverse(g1.id, "", who("2026-11-02 09:00")); }) ==
        "reversing movement #1 needs a reason (--reason)");
  CHECK(refusal([&] { f.led.reverse(g1.id, "x", who("2026-10-31 09:00")); }).find("a reversal comes after what it "
                                                                                 "reverses") != std::string::npos);
  auto r = f.led.reverse(g1.id, "duplicate delivery note", who("2026-11-02 09:00"));
  CHECK(refusal([&] { f.led.reverse(g1.id, "again", who("2026-11-02 10:00")); }) ==
        "movement #1 was already reversed by #2");
  CHECK(refusal([&] { f.led.reverse(r[0].id, "undo", who("2026-11-02 10:00")); }) ==
        "movement #2 is the reversal of #1: a reversal cannot be reversed (record the movement again instead)");
  CHECK(not_found([&] { f.led.reverse(99, "x", who("2026-11-02 10:00")); }) ==
        "no movement #99 in the parts ledger (movements are numbered 1 to 2; see 'svc parts ledger --part P')");
  CHECK(ledger(*f, "CAP", "").size() == 2);  // nothing written by the refusals
  // the store refuses it too, whatever the caller
  CHECK_THROWS(SQLite::Statement(f.s->db(), "INSERT INTO part_movements(ts, kind, warehouse, part, book, qty, "
                                            "unit_cents, value_cents, avg_cents, user, reverses) VALUES "
                                            "(1, 'receive', 'central', 'CAP', 'new', 10, 1000, 10000, 0, 'x', 1)")
                   .exec());
  CHECK_THROWS(SQLite::Statement(f.s->db(), "INSERT INTO part_movements(ts, kind, warehouse, part, book, qty, "
                                            "unit_cents, value_cents, avg_cents, user, reverses) VALUES "
                                            "(1, 'receive', 'central', 'CAP', 'new', 10, 1000, 10000, 0, 'x', 2)")
                   .exec());
}

TEST_CASE("a receipt reversal that would make a balance negative is refused; one that empties the books restores the "
          "average before it") {
  Fixture f;
  open_ticket(*f, "T1");
  auto g1 = f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.transfer({"CAP", "central", "SH-01", "", 8}, who("2026-11-01 10:00"));
  CHECK(refusal([&] { f.led.reverse(g1.id, "x", who("2026-11-02 09:00")); }) ==
        "reversing receive #1 takes 10 new CAP out of 'central', the balance is 2: the parts have moved on since "
        "(reverse or record those movements first)");
  CHECK(balance(*f, "central", "CAP") == 2);

  f.led.issue({"T1", "CAP", "central", "", "", 2}, who("2026-11-02 09:00"));
  f.led.issue({"T1", "CAP", "SH-01", "", "", 8}, who("2026-11-02 09:00"));
  // nothing on hand; a receipt typed at 120.00 instead of 12.00 sets the average to 120.00 ...
  auto typo = f.led.receive({"CAP", "central", "G2", 5, 12000}, who("2026-11-03 09:00"));
  CHECK(typo.avg_cents == 12000);
  // ... and its reversal leaves no unit: the average is the one before it, 10.00
  auto r = f.led.reverse(typo.id, "typed 120.00 for 12.00", who("2026-11-03 10:00"));
  CHECK(r[0].avg_cents == 1000);
  CHECK(avg_now(f, "CAP") == 1000);
  auto ok = f.led.receive({"CAP", "central", "G2", 5, 1200}, who("2026-11-03 11:00"));
  CHECK(ok.avg_cents == 1200);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversing a receipt after parts left at the old average: value-based, documented rounding") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  auto g2 = f.led.receive({"CAP", "central", "G2", 6, 1155}, who("2026-11-01 10:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 5}, who("2026-11-01 11:00"));  // 5 x 10.58 out
  auto r = f.led.reverse(g2.id, "wrong part delivered", who("2026-11-02 09:00"));
  // (11 x 10.58 - 69.30) / 5 = 9.416 -> 9.42
  CHECK(r[0].avg_cents == 942);
  CHECK(balance(*f, "central", "CAP") == 5);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversing an issue puts the parts back at their issue cost and re-averages") {
  Fixture f;
  open_ticket(*f, "T1");
  open_ticket(*f, "T2");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.receive({"CAP", "central", "G2", 10, 2000}, who("2026-11-01 10:00"));  // 15.00
  auto iss = f.led.issue({"T1", "CAP", "central", "RQ1", "", 4}, who("2026-11-02 09:00"));
  CHECK(iss.value_cents == -6000);
  f.led.receive({"CAP", "central", "G3", 4, 3000}, who("2026-11-02 10:00"));  // (240 + 120) / 20 = 18.00
  add_event(*f, "e1", "2026-11-02 11:00", "T1", "CAP", 1);
  auto r = f.led.reverse(iss.id, "issued to the wrong ticket", who("2026-11-03 09:00"));
  REQUIRE(r.size() == 1);
  CHECK(r[0].qty == 4);
  CHECK(r[0].value_cents == 6000);
  CHECK(r[0].ticket == "T1");
  CHECK(r[0].avg_cents == 1750);  // (20 x 18.00 + 60.00) / 24
  CHECK(balance(*f, "central", "CAP") == 24);
  // the ticket holds nothing now, even for an event before the reversal
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e1", 1}, {0, "t"}); }).find("does not match an issue: 0 issued") !=
        std::string::npos);
  CHECK(bookkeeping(f).empty());

  // an issue whose parts were fitted: reverse the consume first
  auto i2 = f.led.issue({"T2", "CAP", "central", "", "", 3}, who("2026-11-04 09:00"));
  add_event(*f, "e2", "2026-11-04 10:00", "T2", "CAP", 2);
  auto c2 = f.led.consume({"T2", "CAP", "e2", 2}, {0, "t"});
  CHECK(refusal([&] { f.led.reverse(i2.id, "x", who("2026-11-05 09:00")); }) ==
        "issue #" + std::to_string(i2.id) + " gave 3 x CAP to ticket T2, of which 1 are still out (issued 3, fitted "
        "2, returned 0): reverse the consume or return movements first");
  f.led.reverse(c2.id, "part_used recorded on the wrong ticket", who("2026-11-05 09:00"));
  f.led.reverse(i2.id, "issued to the wrong ticket", who("2026-11-05 09:00"));
  CHECK(balance(*f, "central", "CAP") == 24);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversing a transfer reverses both halves, whichever id is given") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  auto [out, in] = f.led.transfer({"CAP", "central", "SH-01", "TN-1", 6}, who("2026-11-01 10:00"));
  auto r = f.led.reverse(in.id, "sent to the wrong outlet", who("2026-11-02 09:00"));
  REQUIRE(r.size() == 2);
  CHECK(r[0].warehouse == "SH-01");
  CHECK(r[0].qty == -6);
  CHECK(r[0].reverses == in.id);
  CHECK(r[1].warehouse == "central");
  CHECK(r[1].qty == 6);
  CHECK(r[1].reverses == out.id);
  CHECK(r[1].pair_id == r[0].id);
  CHECK(balance(*f, "central", "CAP") == 10);
  CHECK(balance(*f, "SH-01", "CAP") == 0);
  CHECK(refusal([&] { f.led.reverse(out.id, "x", who("2026-11-02 10:00")); }) ==
        "movement #" + std::to_string(out.id) + " was already reversed by #" + std::to_string(r[1].id));
  auto [o2, i2] = f.led.transfer({"CAP", "central", "SH-01", "TN-2", 4}, who("2026-11-03 09:00"));
  f.led.issue({"T1", "CAP", "SH-01", "", "", 3}, who("2026-11-03 10:00"));
  CHECK(refusal([&] { f.led.reverse(o2.id, "x", who("2026-11-03 11:00")); })
            .find("takes 4 new CAP out of 'SH-01', the balance is 1") != std::string::npos);
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reversing returns, scraps, stock-take variances and a rejected claim") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 4}, who("2026-11-01 10:00"));
  f.led.receive({"CAP", "central", "G2", 6, 1600}, who("2026-11-01 11:00"));  // (60 + 96) / 12 = 13.00
  auto rn = f.led.give_back({"T1", "CAP", "", 1, false, ""}, who("2026-11-02 09:00"));
  CHECK(rn.avg_cents == 1277);  // (156.00 + 10.00) / 13 = 12.769
  auto r1 = f.led.reverse(rn.id, "the part was not returned after all", who("2026-11-02 10:00"));
  CHECK(r1[0].qty == -1);
  CHECK(r1[0].value_cents == -1000);
  CHECK(r1[0].avg_cents == 1300);  // (13 x 12.77 - 10.00) / 12 = 13.0008
  CHECK(balance(*f, "central", "CAP") == 12);

  add_event(*f, "e1", "2026-11-02 11:00", "T1", "CAP", 3);
  f.led.consume({"T1", "CAP", "e1", 3}, {0, "t"});
  auto ro = f.led.give_back({"T1", "CAP", "", 2, true, ""}, who("2026-11-03 09:00"));
  auto r2 = f.led.reverse(ro.id, "old parts belonged to T9", who("2026-11-03 10:00"));
  CHECK(r2[0].book == "old");
  CHECK(r2[0].qty == -2);
  CHECK(balance(*f, "central", "CAP", "old") == 0);

  auto sc = f.led.scrap({"central", "CAP", "broken", 2, false}, who("2026-11-04 09:00"));
  CHECK(sc.value_cents == -2600);
  auto r3 = f.led.reverse(sc.id, "found intact", who("2026-11-04 10:00"));
  CHECK(r3[0].qty == 2);
  CHECK(r3[0].value_cents == 2600);
  CHECK(r3[0].avg_cents == 1300);
  CHECK(balance(*f, "central", "CAP") == 12);

  auto cnt = f.led.count("central", {{"CAP", 9, "shrinkage", 2}}, who("2026-11-05 09:00"), "sheet.csv");
  REQUIRE(cnt[0].movement_id != 0);
  auto r4 = f.led.reverse(cnt[0].movement_id, "three were in the returns bin", who("2026-11-05 10:00"));
  CHECK(r4[0].kind == MoveKind::Count);
  CHECK(r4[0].qty == 3);
  CHECK(balance(*f, "central", "CAP") == 12);

  // a claim movement: only when the supplier rejected the claim and sent the parts back
  f.led.give_back({"T1", "CAP", "", 2, true, ""}, who("2026-11-06 09:00"));
  auto cl = f.led.open_claim({"central", "CAP", "T1", "", "", 2, 2000}, who("2026-11-06 10:00"));
  auto sub = f.led.submit_claim(cl, "RMA-1", who("2026-11-06 11:00"));
  CHECK(refusal([&] { f.led.reverse(sub.id, "x", who("2026-11-06 12:00")); }).find("only the movement of a rejected "
                                                                                  "claim") != std::string::npos);
  f.led.decide_claim(cl, false, {}, "outside warranty", who("2026-11-07 09:00"));
  auto r5 = f.led.reverse(sub.id, "supplier sent the parts back", who("2026-11-08 09:00"));
  CHECK(r5[0].qty == 2);
  CHECK(r5[0].claim_id == cl);
  CHECK(balance(*f, "central", "CAP", "old") == 2);
  f.led.scrap({"central", "CAP", "not claimable after all", 2, true}, who("2026-11-08 10:00"));
  CHECK(bookkeeping(f).empty());
}

TEST_CASE("reverse_consumption_for_event: inside the caller's transaction, once, nothing when never linked") {
  Fixture f;
  open_ticket(*f, "T1");
  open_ticket(*f, "T3");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 3}, who("2026-11-01 10:00"));
  add_event(*f, "e1", "2026-11-02 09:00", "T1", "CAP", 2);
  add_event(*f, "e2", "2026-11-02 10:00", "T1", "CAP", 1);
  auto c1 = f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"});
  CHECK(parts_cost_cents(*f) == 2000 + 1000);  // e2 not linked: at the average

  // the lead's void: one transaction with the caller's own writes
  struct Abort {};
  try {
    f.s->write([&] {
      auto r = reverse_consumption_for_event(*f, "e1", "event voided", "lead", at("2026-11-03 09:00"));
      CHECK(r.size() == 1);
      throw Abort{};  // the caller's transaction fails: the reversal goes with it
    });
  } catch (const Abort&) {
  }
  CHECK(ledger(*f, "CAP", "").size() == 3);

  std::vector<Movement> r;
  f.s->write([&] { r = reverse_consumption_for_event(*f, "e1", "event voided", "lead", at("2026-11-03 09:00")); });
  REQUIRE(r.size() == 1);
  CHECK(r[0].kind == MoveKind::Consume);
  CHECK(r[0].reverses == c1.id);
  CHECK(r[0].qty == 2);
  CHECK(r[0].value_cents == 2000);
  CHECK(r[0].user == "lead");
  CHECK(r[0].reason == "event voided");
  CHECK(r[0].event_id.empty());
  CHECK(parts_cost_cents(*f) == 1000);  // e1 costs nothing now; e2 still at the average
  // again: nothing to do; an event never linked: nothing to do
  CHECK(reverse_consumption_for_event(*f, "e1", "again", "lead", at("2026-11-03 10:00")).empty());
  CHECK(reverse_consumption_for_event(*f, "e2", "never linked", "lead", at("2026-11-03 10:00")).empty());
  CHECK(reverse_consumption_for_event(*f, "nope", "unknown", "lead", at("2026-11-03 10:00")).empty());
  // the event stays accounted for: neither --event nor reconcile links it again
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"}); }) ==
        "event 'e1' is already recorded as consume movement #" + std::to_string(c1.id) + ", reversed by #" +
            std::to_string(r[0].id) + ": the event stays accounted for; record the fitting again as a new part_used "
            "(svc parts consume without --event)");
  auto rec = reconcile(*f, f.p, "t", true);
  REQUIRE(rec.linked.size() == 1);
  CHECK(rec.linked[0].event_id == "e2");
  // the 2 parts are outstanding on the ticket again: e2 (1) can take one of them
  CHECK(f.led.consume({"T1", "CAP", "e2", 1}, {0, "t"}).value_cents == -1000);

  // old parts back for the fitting: the void must undo that first
  f.led.issue({"T3", "CAP", "central", "", "", 1}, who("2026-11-04 09:00"));
  add_event(*f, "e3", "2026-11-04 10:00", "T3", "CAP", 1);
  f.led.consume({"T3", "CAP", "e3", 1}, {0, "t"});
  auto ro = f.led.give_back({"T3", "CAP", "", 1, true, ""}, who("2026-11-04 11:00"));
  CHECK(refusal([&] { reverse_consumption_for_event(*f, "e3", "void", "lead", at("2026-11-05 09:00")); })
            .find("reverse the return-old movement first") != std::string::npos);
  CHECK(refusal([&] { reverse_consumption_for_event(*f, "e3", "", "lead", at("2026-11-05 09:00")); })
            .find("needs a reason") != std::string::npos);
  f.led.reverse(ro.id, "old part was T1's", who("2026-11-05 09:00"));
  CHECK(reverse_consumption_for_event(*f, "e3", "void", "lead", at("2026-11-05 10:00")).size() == 1);
  CHECK(bookkeeping(f).empty());
}
