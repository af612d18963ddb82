// load_ticket (lib/ops/ticket_view.cpp): what a ticket looks like as of an
// instant — events and counting events, voids with their author, state,
// appointments, notes, warranty and quote, parts and fees.
#include <doctest/doctest.h>

#include "corrections.hpp"
#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

TEST_CASE("load_ticket: an unknown ticket has a did-you-mean; before its creation it does not exist") {
  Fixture f;
  f.create("2026-11-02 08:15");
  CHECK(error_of([&] { load_ticket(f.s, f.p, "T2", f.at("2026-11-03 00:00")); }) ==
        "66 no ticket 'T2' in the store (did you mean 'T1'?)");
  CHECK(error_of([&] { load_ticket(f.s, f.p, "T1", f.at("2026-11-02 08:14")); }) == "66 no ticket 'T1' as of then");
  CHECK(load_ticket(f.s, f.p, "T1", f.at("2026-11-02 08:15")).events.size() == 1);
}

TEST_CASE("load_ticket: events, appointments and notes are those recorded by as_of") {
  Fixture f;
  f.create("2026-11-02 08:15", "2025-06-01");
  note_ticket(f.s, f.p, "T1", f.at("2026-11-02 08:30"), "客户要求下午");
  respond_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:40"), "");
  schedule_ticket(f.s, f.p, "T1", window(f, "2026-11-02 10:05", "2026-11-02 14:00", "2026-11-02 16:00", "E-017"));

  TicketView early = load_ticket(f.s, f.p, "T1", f.at("2026-11-02 10:00"));
  CHECK(early.events.size() == 2);  // created, responded
  CHECK(early.state.phase == Phase::Responded);
  CHECK(early.appointments.empty());
  REQUIRE(early.notes.size() == 1);
  CHECK(early.notes[0].text == "客户要求下午");
  CHECK(early.address == "上海市浦东新区 1 号");
  CHECK(early.created.get(Field::Outlet) == "SH-01");

  TicketView later = load_ticket(f.s, f.p, "T1", f.at("2026-11-02 12:00"));
  CHECK(later.events.size() == 3);
  CHECK(later.state.phase == Phase::Scheduled);
  CHECK(later.state.engineer == "E-017");
  REQUIRE(later.appointments.size() == 1);
  CHECK(later.appointments[0].engineer == "E-017");
  CHECK(later.appointments[0].window_from == f.at("2026-11-02 14:00"));
  CHECK(later.appointments[0].window_to == f.at("2026-11-02 16:00"));
  CHECK_FALSE(later.appointments[0].consent);
  CHECK(later.warranty.in_warranty);  // AC line: 36 months from 2025-06-01
  CHECK_FALSE(later.quote);           // in warranty: no quote
  CHECK(later.sla.created);
}

TEST_CASE("load_ticket: a voided event stays in events, leaves counting, and is marked with who, when and why") {
  Fixture f;
  f.create("2026-11-02 08:15");
  respond_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:40"), "");
  std::string responded = f.s.ticket_events("T1").back().id;
  VoidRequest vr;
  vr.ticket = "T1";
  vr.event_id = responded;
  vr.reason = "打错工单";
  vr.at = f.at("2026-11-02 11:00");
  vr.user = "alice";
  std::string void_id = void_event(f.s, f.p, vr).void_id;

  TicketView before = load_ticket(f.s, f.p, "T1", f.at("2026-11-02 10:00"));
  CHECK(before.voids.empty());
  CHECK(before.counting.size() == 2);
  CHECK(before.state.phase == Phase::Responded);

  TicketView v = load_ticket(f.s, f.p, "T1", f.at("2026-11-02 12:00"));
  CHECK(v.events.size() == 3);    // created, responded, voided
  CHECK(v.counting.size() == 1);  // only created counts
  CHECK(v.state.phase == Phase::New);
  REQUIRE(v.voids.count(responded) == 1);
  const auto& m = v.voids.at(responded);
  CHECK(m.void_id == void_id);
  CHECK(m.at == f.at("2026-11-02 11:00"));
  CHECK(m.reason == "打错工单");
  CHECK(m.by == "alice");
}

TEST_CASE("load_ticket: without a purchase date a quote from the parts fitted; fees with their approval") {
  Fixture f;
  f.create("2026-11-23 09:00", "", "TU");
  schedule_ticket(f.s, f.p, "TU", window(f, "2026-11-23 09:10", "2026-11-23 10:00", "2026-11-23 11:00", "E-017"));
  arrive_ticket(f.s, f.p, "TU", f.at("2026-11-23 10:00"), "");
  CompleteRequest c;
  c.at = f.at("2026-11-23 11:00");
  c.content = "换电容";
  c.parts = {{"CAP-35UF", 2}};
  c.fee = "80.00";
  complete_ticket(f.s, f.p, "TU", c);
  TicketView v = load_ticket(f.s, f.p, "TU", f.at("2026-11-23 11:30"));
  CHECK_FALSE(v.warranty.known);
  REQUIRE(v.quote);
  CHECK(v.quote->parts_cents == 2 * 3550);  // the parts fitted, at list price
  CHECK(v.quote->total_cents == v.quote->labor_cents + 2 * 3550);
  REQUIRE(v.parts_used.size() == 1);
  CHECK(v.parts_used[0].part == "CAP-35UF");
  CHECK(v.parts_used[0].qty == 2);
  REQUIRE(v.fees.size() == 1);
  CHECK(v.fees[0].cents == 8000);
  CHECK(v.fees[0].approved);
  CHECK(v.state.phase == Phase::Completed);
}
