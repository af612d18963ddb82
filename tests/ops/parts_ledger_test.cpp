// lib/ops/parts_ledger.cpp: receive, transfer, issue, consume, return, scrap, reconcile.
#include "parts.hpp"

#include <doctest/doctest.h>

#include "parts_fixtures.hpp"

using namespace svc;
using namespace svc::parts_test;

TEST_CASE("receive refusals") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-02 09:00"));
  CHECK(refusal([&] { f.led.receive({"CAX", "central", "G9", 1, 1}, who("2026-11-03 09:00")); }) ==
        "unknown part 'CAX' (did you mean 'CAP'?); add it with 'svc parts catalog add'");
  CHECK(refusal([&] { f.led.receive({"CAP", "XX-99", "G9", 1, 1}, who("2026-11-03 09:00")); })
            .find("unknown warehouse 'XX-99'") == 0);
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "G1", 1, 1}, who("2026-11-03 09:00")); }) ==
        "receipt 'G1' is already registered for part CAP (movement #1)");
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "", 1, 1}, who("2026-11-03 09:00")); }).find("receipt number") !=
        std::string::npos);
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "G5", 0, 1}, who("2026-11-03 09:00")); }).find("quantity") == 0);
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "G5", 1, -1}, who("2026-11-03 09:00")); }) ==
        "unit cost must be >= 0");
  CHECK(refusal([&] { f.led.receive({"CAP", "central", "G5", 1, 1}, who("2026-11-01 09:00")); })
            .find("is before the last movement of CAP in 'central'") != std::string::npos);
  CHECK(balance(*f, "central", "CAP") == 10);
}

TEST_CASE("transfer: two movements in one transaction, and its refusals") {
  Fixture f;
  f.s->db().exec("INSERT INTO warehouses(id, kind, outlet) VALUES ('GZ-01', 'outlet', 'GZ-01')");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-02 09:00"));
  auto [out, in] = f.led.transfer({"CAP", "central", "SH-01", "TN-1", 4}, who("2026-11-03 09:00"));
  CHECK(out.qty == -4);
  CHECK(in.qty == 4);
  CHECK(in.pair_id == out.id);
  CHECK(out.value_cents == -4000);
  CHECK(balance(*f, "central", "CAP") == 6);
  CHECK(balance(*f, "SH-01", "CAP") == 4);
  f.led.transfer({"CAP", "SH-01", "central", "back", 1}, who("2026-11-04 09:00"));
  CHECK(balance(*f, "SH-01", "CAP") == 3);
  CHECK(refusal([&] { f.led.transfer({"CAP", "SH-01", "SH-01", "", 1}, who("2026-11-05 09:00")); }) ==
        "transfer from 'SH-01' to itself");
  CHECK(refusal([&] { f.led.transfer({"CAP", "SH-01", "GZ-01", "", 1}, who("2026-11-05 09:00")); })
            .find("transfers go between central and an outlet") == 0);
  CHECK(refusal([&] { f.led.transfer({"CAP", "SH-01", "central", "", 5}, who("2026-11-05 09:00")); }) ==
        "not enough stock in 'SH-01': 5 new CAP needed, the balance is 3");
  CHECK(balance(*f, "central", "CAP") == 7);
  CHECK(balance(*f, "SH-01", "CAP") == 3);
}

TEST_CASE("issue: stock never negative, approval above the threshold") {
  Fixture f;
  open_ticket(*f, "T1");
  open_ticket(*f, "T2");
  open_ticket(*f, "T3");
  f.led.receive({"MOT", "central", "G1", 2, 75000}, who("2026-11-02 09:00"));
  CHECK(refusal([&] { f.led.issue({"T1", "MOT", "central", "RQ1", "", 1}, who("2026-11-03 09:00")); }) ==
        "issue of 1 x MOT is worth 750.00, above the approval threshold 500.00 (parts.issue_approval_over): a "
        "supervisor must approve it (--approved-by)");
  auto m = f.led.issue({"T1", "MOT", "central", "RQ1", "boss", 1}, who("2026-11-03 09:00"));
  CHECK(m.approved_by == "boss");
  CHECK(refusal([&] { f.led.issue({"T2", "MOT", "central", "", "boss", 2}, who("2026-11-03 10:00")); }) ==
        "not enough stock in 'central': 2 new MOT needed, the balance is 1");
  CHECK(refusal([&] { f.led.issue({"T 2", "MOT", "central", "", "boss", 1}, who("2026-11-03 10:00")); })
            .find("ticket id 'T 2' is not valid") == 0);
  // at the threshold exactly no approval is needed
  f.p.parts.approval_over_cents = 75000;
  CHECK_NOTHROW(f.led.issue({"T3", "MOT", "central", "", "", 1}, who("2026-11-03 11:00")));
  CHECK(balance(*f, "central", "MOT") == 0);
}

TEST_CASE("consume links one part_used event to an earlier issue, valued at the issue cost") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "RQ1", "", 2}, who("2026-11-02 09:00"));
  // 8 on hand @ 10.00 + 10 @ 20.00: 280.00 / 18 = 15.556 -> 15.56
  f.led.receive({"CAP", "central", "G2", 10, 2000}, who("2026-11-02 10:00"));
  f.led.issue({"T1", "CAP", "central", "RQ2", "", 1}, who("2026-11-02 11:00"));
  add_event(*f, "e1", "2026-11-03 09:00", "T1", "CAP", 2);
  add_event(*f, "e2", "2026-11-03 10:00", "T1", "CAP", 1);
  add_event(*f, "e0", "2026-11-01 08:00", "T1", "CAP", 1);   // before any issue
  add_event(*f, "e3", "2026-11-03 11:00", "T1", "CAP", 5);   // more than issued
  SQLite::Statement(f.s->db(), "INSERT INTO events(id, ts, ticket, event, chain) VALUES ('c1', 0, 'T1', 'created', x'00')").exec();

  auto c1 = f.led.consume({"T1", "CAP", "e1", 2}, {0, "tester"});
  CHECK(c1.ts == at("2026-11-03 09:00"));  // the event's time
  CHECK(c1.qty == -2);
  CHECK(c1.book.empty());
  // pool: 2 @ 10.00 + 1 @ 15.56 = 35.56 for 3 -> 2 of them 23.7067 -> 23.71
  CHECK(c1.value_cents == -2371);
  auto c2 = f.led.consume({"T1", "CAP", "e2", 1}, {0, "tester"});
  CHECK(c2.value_cents == -1185);  // the exact remainder: 35.56 - 23.71
  CHECK(balance(*f, "central", "CAP") == 17);  // no stock change on consume

  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"}); }) ==
        "event 'e1' is already recorded as consume movement #" + std::to_string(c1.id));
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "nope", 1}, {0, "t"}); }) == "no event 'nope' in the store");
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "c1", 1}, {0, "t"}); }) ==
        "event 'c1' is a created event, not part_used");
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e3", 4}, {0, "t"}); }) ==
        "event 'e3' records 5 x CAP on T1, not 4 x CAP on T1");
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e3", 5}, {0, "t"}); }).find("does not match an issue: 3 issued") !=
        std::string::npos);
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "e0", 1}, {0, "t"}); }).find("does not match an issue: 0 issued") !=
        std::string::npos);
  // linked at the issue cost + unlinked e0 (1) and e3 (5) at the average 15.56
  CHECK(parts_cost_by_ticket(*f)["T1"] == 3556 + 6 * 1556);
}

// Appends one ticket event through the importer, as `svc import` would.
void ticket_event(Fixture& f, const char* ticket, EventKind k, const char* ts, const char* engineer = "") {
  Event e;
  e.ticket = ticket;
  e.kind = k;
  e.ts = at(ts);
  if (k == EventKind::Created) {
    e.at(Field::Type) = "repair";
    e.at(Field::Urgency) = "normal";
    e.at(Field::Region) = "华东";
    e.at(Field::Outlet) = "SH-01";
  }
  e.at(Field::Engineer) = engineer;
  append_events(*f, f.p, {e}, "test");
}

std::int64_t count_of(Store& s, const char* sql) {
  SQLite::Statement q(s.db(), sql);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

TEST_CASE("consume without an event writes the ticket's part_used event and its movement, one fact") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  ticket_event(f, "T1", EventKind::Created, "2026-11-02 08:00");
  ticket_event(f, "T1", EventKind::Dispatched, "2026-11-02 08:30", "E-1");
  f.led.issue({"T1", "CAP", "central", "RQ1", "", 3}, who("2026-11-02 09:00"));

  // not on site yet: refused with the ticket's state, nothing written
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "", 1}, who("2026-11-02 09:30")); }).find(
            "ticket 'T1' is scheduled: a part can be recorded as fitted only while the engineer is on site") == 0);
  CHECK(count_of(*f, "SELECT count(*) FROM events WHERE event = 'part_used'") == 0);
  CHECK(count_of(*f, "SELECT count(*) FROM part_movements WHERE kind = 'consume'") == 0);

  ticket_event(f, "T1", EventKind::Arrived, "2026-11-02 10:00");
  ConsumeArgs a{"T1", "CAP", "", 2};
  auto m = f.led.consume(a, who("2026-11-02 10:30"), "old one burnt");
  CHECK(m.ts == at("2026-11-02 10:30"));
  CHECK(m.qty == -2);
  CHECK(m.value_cents == -2000);
  REQUIRE_FALSE(m.event_id.empty());
  {
    SQLite::Statement q(f.s->db(), "SELECT ticket, part, qty, ts, note FROM events WHERE id = ? AND event = 'part_used'");
    q.bind(1, m.event_id);
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "T1");
    CHECK(q.getColumn(1).getString() == "CAP");
    CHECK(q.getColumn(2).getInt64() == 2);
    CHECK(q.getColumn(3).getInt64() == at("2026-11-02 10:30"));
    CHECK(q.getColumn(4).getString() == "old one burnt");
  }
  // the event written is linked: a second consume of it, or reconcile, links nothing
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", m.event_id, 2}, who("2026-11-02 10:40")); }) ==
        "event '" + m.event_id + "' is already recorded as consume movement #" + std::to_string(m.id));
  auto r = reconcile(*f, f.p, "t");
  CHECK(r.linked.empty());
  CHECK(r.unmatched.empty());
  // the same fitting recorded twice (same time, same content) is refused
  CHECK(refusal([&] { f.led.consume(a, who("2026-11-02 10:30"), "old one burnt"); }) ==
        "svc parts consume: already recorded: 1 of these events are in the store with the same time and content, "
        "nothing changed");
  // more than issued and not fitted: refused, and the event is not written either
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "", 2}, who("2026-11-02 11:00")); }).find(
            "does not match an issue: 3 issued to the ticket by then, 2 fitted") != std::string::npos);
  CHECK(count_of(*f, "SELECT count(*) FROM events WHERE event = 'part_used'") == 1);
  CHECK(count_of(*f, "SELECT count(*) FROM part_movements WHERE kind = 'consume'") == 1);
  // unknown part, unknown ticket
  CHECK(refusal([&] { f.led.consume({"T1", "GHOST", "", 1}, who("2026-11-02 11:00")); }).find("unknown part 'GHOST'") ==
        0);
  CHECK_THROWS_WITH_AS(f.led.consume({"T9", "CAP", "", 1}, who("2026-11-02 11:00")),
                       "no ticket 'T9' in the store (did you mean 'T1'?)", NoInputError);

  // a paused ticket (waiting for the part) resumes when the part is fitted
  Event pz;
  pz.ticket = "T1", pz.kind = EventKind::Paused, pz.ts = at("2026-11-02 11:00");
  append_events(*f, f.p, {pz}, "test");
  auto m2 = f.led.consume({"T1", "CAP", "", 1}, who("2026-11-02 12:00"));
  CHECK(m2.value_cents == -1000);
  CHECK(count_of(*f, "SELECT count(*) FROM events WHERE ticket = 'T1' AND event = 'resumed'") == 1);

  // once completed, parts are no longer fitted by consume
  ticket_event(f, "T1", EventKind::Completed, "2026-11-02 13:00");
  CHECK(refusal([&] { f.led.consume({"T1", "CAP", "", 1}, who("2026-11-02 14:00")); }).find(
            "ticket 'T1' is completed: a part can be recorded as fitted only while") == 0);
  CHECK(parts_cost_by_ticket(*f)["T1"] == 3000);
}

TEST_CASE("return new re-enters stock at the issue cost; return old fills the old-parts book") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.transfer({"CAP", "central", "SH-01", "", 5}, who("2026-11-01 10:00"));
  f.led.issue({"T1", "CAP", "SH-01", "RQ1", "", 3}, who("2026-11-02 09:00"));
  f.led.receive({"CAP", "central", "G2", 5, 1300}, who("2026-11-02 10:00"));  // 7 @ 10 + 5 @ 13 -> 11.25
  auto rn = f.led.give_back({"T1", "CAP", "", 1, false, "RN-1"}, who("2026-11-03 09:00"));
  CHECK(rn.warehouse == "SH-01");
  CHECK(rn.value_cents == 1000);
  CHECK(rn.avg_cents == div_half_up(12 * 1125 + 1000, 13));
  CHECK(balance(*f, "SH-01", "CAP") == 3);
  CHECK(refusal([&] { f.led.give_back({"T1", "CAP", "", 3, false, ""}, who("2026-11-03 10:00")); }) ==
        "return of 3 unused CAP from ticket T1: only 2 issued to it and not fitted or returned");
  CHECK(refusal([&] { f.led.give_back({"T1", "CAP", "", 1, true, ""}, who("2026-11-03 10:00")); }) ==
        "return of 1 old CAP from ticket T1: 0 fitted on it, 0 old already back");
  add_event(*f, "e1", "2026-11-03 11:00", "T1", "CAP", 2);
  f.led.consume({"T1", "CAP", "e1", 2}, {0, "t"});
  auto ro = f.led.give_back({"T1", "CAP", "", 1, true, ""}, who("2026-11-03 12:00"));
  CHECK(ro.book == "old");
  CHECK(ro.value_cents == 0);
  CHECK(balance(*f, "SH-01", "CAP", "old") == 1);
  f.led.give_back({"T1", "CAP", "central", 1, true, ""}, who("2026-11-03 12:00"));
  CHECK(balance(*f, "central", "CAP", "old") == 1);
  CHECK(refusal([&] { f.led.give_back({"T1", "CAP", "", 1, true, ""}, who("2026-11-03 13:00")); }) ==
        "return of 1 old CAP from ticket T1: 2 fitted on it, 2 old already back");
}

TEST_CASE("scrap: new stock at the average, old parts at zero; a reason is required") {
  Fixture f;
  f.led.receive({"CAP", "central", "G1", 4, 1000}, who("2026-11-01 09:00"));
  CHECK(refusal([&] { f.led.scrap({"central", "CAP", "", 1, false}, who("2026-11-02 09:00")); }) ==
        "a scrap needs a reason (--reason)");
  auto m = f.led.scrap({"central", "CAP", "broken", 1, false}, who("2026-11-02 09:00"));
  CHECK(m.value_cents == -1000);
  CHECK(balance(*f, "central", "CAP") == 3);
  CHECK(refusal([&] { f.led.scrap({"central", "CAP", "x", 1, true}, who("2026-11-02 10:00")); }) ==
        "not enough stock in 'central': 1 old CAP needed, the balance is 0");
}

TEST_CASE("reconcile links what matches, lists the rest, and dry-run changes nothing") {
  Fixture f;
  open_ticket(*f, "T1");
  f.led.receive({"CAP", "central", "G1", 10, 1000}, who("2026-11-01 09:00"));
  f.led.issue({"T1", "CAP", "central", "", "", 1}, who("2026-11-01 10:00"));
  add_event(*f, "e1", "2026-11-02 09:00", "T1", "CAP", 1);
  add_event(*f, "e2", "2026-11-02 10:00", "T2", "CAP", 1);
  add_event(*f, "e3", "2026-11-02 11:00", "T3", "GHOST", 1);
  auto dry = reconcile(*f, f.p, "t", true);
  CHECK(dry.linked.size() == 1);
  CHECK(dry.unmatched.size() == 2);
  CHECK(reconcile(*f, f.p, "t", true).linked.size() == 1);  // still unlinked
  auto r = reconcile(*f, f.p, "t");
  REQUIRE(r.linked.size() == 1);
  CHECK(r.linked[0].event_id == "e1");
  REQUIRE(r.unmatched.size() == 2);
  CHECK(r.unmatched[0].reason.find("does not match an issue") != std::string::npos);
  CHECK(r.unmatched[1].reason.find("unknown part 'GHOST'") == 0);
  CHECK(reconcile(*f, f.p, "t").linked.empty());
  // costs: T1 at the issue cost, T2 at the average, T3 unknown part at 0
  auto costs = parts_cost_by_ticket(*f);
  CHECK(costs["T1"] == 1000);
  CHECK(costs["T2"] == 1000);
  CHECK(costs["T3"] == 0);
  CHECK(parts_cost_cents(*f) == 2000);
}
