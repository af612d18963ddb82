// The steps on an existing ticket (lib/ops/ticket_steps.cpp): schedule and
// reschedule pauses, complete with fees, sign, pause, reject, reopen, resolve
// by phone, notes.
#include <doctest/doctest.h>

#include "integrity.hpp"

#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

TEST_CASE("a fee in warranty is refused unless forced, then not approved; within the quote out of warranty it is approved") {
  Fixture f;
  f.create("2026-11-23 09:00", "2025-06-01", "TW");  // AC, 36 months: in warranty (三包 covers the whole unit)
  f.create("2026-11-23 09:00", "", "TU");            // no purchase date: charged as out of warranty
  for (const char* t : {"TW", "TU"}) {
    schedule_ticket(f.s, f.p, t, window(f, "2026-11-23 09:10", "2026-11-23 10:00", "2026-11-23 11:00", "E-017"));
    arrive_ticket(f.s, f.p, t, f.at("2026-11-23 10:00"), "");
  }
  CompleteRequest c;
  c.at = f.at("2026-11-23 11:00");
  c.content = "修好";
  c.fee = "80.00";  // = the repair quota 1 h × 80.00
  complete_ticket(f.s, f.p, "TU", c);
  CHECK(f.s.ticket_events("TU").back().get(Field::Approved) == "yes");
  const auto n = f.s.ticket_events("TW").size();
  CHECK(error_of([&] { complete_ticket(f.s, f.p, "TW", c); })
            .find("65 --fee 80.00: the work is covered by 三包 (in warranty until 2028-06-01, rule warranty)") == 0);
  CHECK(f.s.ticket_events("TW").size() == n);  // refused: not even the completion is written
  c.force = {true, "客户自愿"};
  complete_ticket(f.s, f.p, "TW", c);
  CHECK(f.s.ticket_events("TW").back().get(Field::Approved) == "no");
}

TEST_CASE("sign before completion only with --force --reason, and then it is an integrity finding") {
  Fixture f;
  f.create("2026-11-02 08:15");
  CHECK(error_of([&] { sign_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:00"), true, ""); }).find("needs --reason") !=
        std::string::npos);
  auto r = sign_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:00"), true, "纸质单已签");
  CHECK(r.info.find("integrity finding") != std::string::npos);
  auto evs = f.s.ticket_events("T1");
  CHECK(evs.back().get(Field::Note) == "forced: 纸质单已签");
  auto findings = integrity_findings(evs, f.at("2026-11-03 00:00"));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].check == Check::SignBeforeCompletion);
}

TEST_CASE("reschedule: reason required; with consent the clock pauses until the new window") {
  Fixture f;
  f.create("2026-11-02 08:15");
  auto first = window(f, "2026-11-02 09:00", "2026-11-02 14:00", "2026-11-02 16:00", "E-017");
  first.consent = true;
  CHECK(error_of([&] { schedule_ticket(f.s, f.p, "T1", first); }).find("first appointment") != std::string::npos);
  first.consent = false;
  auto r = schedule_ticket(f.s, f.p, "T1", first);
  CHECK(r.events == std::vector<std::string>{"responded", "dispatched"});  // appointment confirmed = first contact
  auto again = window(f, "2026-11-02 11:00", "2026-11-04 09:00", "2026-11-04 11:00");
  CHECK(error_of([&] { schedule_ticket(f.s, f.p, "T1", again); }).find("needs --reason") != std::string::npos);
  again.reason = "客户出差";
  again.consent = true;
  r = schedule_ticket(f.s, f.p, "T1", again);
  CHECK(r.events == std::vector<std::string>{"paused", "resumed"});
  auto evs = f.s.ticket_events("T1");
  CHECK(evs[3].kind == EventKind::Paused);
  CHECK(evs[3].ts == f.at("2026-11-02 11:00"));
  CHECK(evs[4].kind == EventKind::Resumed);
  CHECK(evs[4].ts == f.at("2026-11-04 09:00"));
  // between now and the window the ticket is paused; a manual resume is refused, the pause says until when
  CHECK(error_of([&] { resume_ticket(f.s, f.p, "T1", f.at("2026-11-03 09:00"), ""); }).find("resumes by itself") !=
        std::string::npos);
  // a second consented reschedule later still extends the pause
  auto third = window(f, "2026-11-03 09:00", "2026-11-05 09:00", "2026-11-05 11:00");
  third.reason = "再次改约";
  third.consent = true;
  r = schedule_ticket(f.s, f.p, "T1", third);
  CHECK(r.events == std::vector<std::string>{"paused", "resumed"});
  evs = f.s.ticket_events("T1");
  CHECK(evs[5].kind == EventKind::Paused);
  CHECK(evs[5].ts == f.at("2026-11-04 09:00"));
  CHECK(evs[6].ts == f.at("2026-11-05 09:00"));
  // arrival at the new window is allowed (the future pause events do not block it)
  arrive_ticket(f.s, f.p, "T1", f.at("2026-11-05 09:30"), "");
  // a reschedule without consent keeps the clock running
  f.create("2026-11-02 08:15", "", "T2");
  schedule_ticket(f.s, f.p, "T2", window(f, "2026-11-02 09:00", "2026-11-02 14:00", "2026-11-02 16:00", "E-017"));
  auto own = window(f, "2026-11-02 12:00", "2026-11-03 14:00", "2026-11-03 16:00");
  own.reason = "工程师病假";
  CHECK(schedule_ticket(f.s, f.p, "T2", own).events.empty());
  CHECK(f.count("SELECT count(*) FROM appointments WHERE ticket = 'T2'") == 2);
}

TEST_CASE("pause needs consent; work ends a manual pause") {
  Fixture f;
  f.create("2026-11-02 08:15");
  CHECK(error_of([&] { pause_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:00"), "等配件", false); }).find("consent") !=
        std::string::npos);
  pause_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:00"), "等配件", true);
  CHECK(error_of([&] { pause_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:30"), "x", true); }).find("already paused") !=
        std::string::npos);
  auto r = respond_ticket(f.s, f.p, "T1", f.at("2026-11-02 10:00"), "");
  CHECK(r.events == std::vector<std::string>{"resumed", "responded"});
  CHECK_FALSE(r.paused);
  CHECK(error_of([&] { resume_ticket(f.s, f.p, "T1", f.at("2026-11-02 10:30"), ""); }).find("not paused") !=
        std::string::npos);
}

TEST_CASE("reject and reopen lead to rework; resolve by phone sets the follow-up due") {
  Fixture f;
  f.create("2026-11-02 08:15");
  schedule_ticket(f.s, f.p, "T1", window(f, "2026-11-02 09:00", "2026-11-02 14:00", "2026-11-02 16:00", "E-017"));
  arrive_ticket(f.s, f.p, "T1", f.at("2026-11-02 14:10"), "");
  CompleteRequest c;
  c.at = f.at("2026-11-02 15:00");
  c.content = "first try";
  complete_ticket(f.s, f.p, "T1", c);
  CHECK(error_of([&] { reject_ticket(f.s, f.p, "T1", f.at("2026-11-02 15:05"), ""); }).find("--reason") !=
        std::string::npos);
  CHECK(reject_ticket(f.s, f.p, "T1", f.at("2026-11-02 15:05"), "仍有异响").phase == Phase::Rework);
  c.at = f.at("2026-11-02 16:00");
  c.content = "second try";
  complete_ticket(f.s, f.p, "T1", c);
  close_ticket(f.s, f.p, "T1", f.at("2026-11-02 16:30"), "");
  CHECK(reopen_ticket(f.s, f.p, "T1", f.at("2026-11-05 09:00"), "故障复发").phase == Phase::Rework);

  f.create("2026-11-23 09:00", "", "T2");
  auto r = resolve_by_phone(f.s, f.p, "T2", f.at("2026-11-23 09:30"), "重置遥控器", "");
  CHECK(r.phase == Phase::Completed);
  CHECK(r.events == std::vector<std::string>{"responded", "completed"});
  CHECK(r.info.find("2026-11-23T11:30:00+08:00") != std::string::npos);
  TicketView v = load_ticket(f.s, f.p, "T2", f.at("2026-11-23 12:00"));
  CHECK(*v.phone_followup_due == f.at("2026-11-23 11:30"));
  CHECK_FALSE(v.phone_followed_up);
  follow_up_ticket(f.s, f.p, "T2", f.at("2026-11-23 11:00"), "4", "");
  CHECK(load_ticket(f.s, f.p, "T2", f.at("2026-11-23 12:00")).phone_followed_up);
  // not after dispatch
  CHECK(error_of([&] { resolve_by_phone(f.s, f.p, "T1", f.at("2026-11-05 10:00"), "x", ""); })
            .find("'resolve-by-phone' is not allowed") != std::string::npos);
}

TEST_CASE("notes and the same step twice") {
  Fixture f;
  f.create("2026-11-02 08:15");
  note_ticket(f.s, f.p, "T1", f.at("2026-11-02 08:20"), "客户要求上午");
  CHECK(error_of([&] { note_ticket(f.s, f.p, "T1", f.at("2026-11-02 08:20"), ""); }).find("empty") != std::string::npos);
  TicketView v = load_ticket(f.s, f.p, "T1", f.at("2026-11-03 00:00"));
  REQUIRE(v.notes.size() == 1);
  CHECK(v.notes[0].text == "客户要求上午");
  // a step identical to a stored one (same time and content) is already recorded: nothing changes
  f.create("2026-11-02 08:15", "", "T2");
  resolve_by_phone(f.s, f.p, "T2", f.at("2026-11-02 09:00"), "重启", "");
  follow_up_ticket(f.s, f.p, "T2", f.at("2026-11-02 10:00"), "5", "");
  CHECK(error_of([&] { follow_up_ticket(f.s, f.p, "T2", f.at("2026-11-02 10:00"), "5", ""); })
            .find("65 svc ticket follow-up: already recorded") == 0);
  CHECK(f.kinds("T2").size() == 4);
}
