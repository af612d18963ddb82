// svc ticket steps against a real store (lib/ops/ticket.cpp): events through the
// importer, side tables, refusals, reschedule pauses, warranty and fees.
#include <doctest/doctest.h>

#include <cstdlib>

#include "error.hpp"
#include "integrity.hpp"
#include "masterdata.hpp"
#include "sla_fixtures.hpp"
#include "ticket.hpp"

using namespace svc;

namespace {

struct Fixture {
  test::TempStore ts;
  Policy p = default_policy();
  Store& s = *ts.store;
  Fixture() {
    ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
    add_outlet(s, Outlet{"SH-01", "上海一店", "华东", "上海", "", "", true});
    add_outlet(s, Outlet{"SH-09", "上海九店", "华东", "", "", "", false});
    Engineer e;
    e.id = "E-017";
    e.name = "张工";
    e.outlet = "SH-01";
    add_engineer(s, e);
    s.db().exec("INSERT INTO parts(part, name, list_cents) VALUES('CAP-35UF', '电容', 3550), ('FM-220', '风机', 12000)");
    s.db().exec("INSERT INTO products(model, line, warranty_months) VALUES('KFR-35GW', 'AC', NULL)");
    p.warranty.lines["AC"] = 36;
  }
  Instant at(const char* local) { return test::at(local, p.tz); }
  std::string create(const char* when, const char* purchased = "", const char* id = "T1") {
    CreateRequest r;
    r.ticket = id;
    r.at = at(when);
    r.type = "repair";
    r.urgency = "normal";
    r.channel = "phone";
    r.outlet = "SH-01";
    r.product = "KFR-35GW";
    r.purchased = purchased;
    r.distance_km = "12";
    r.address = "上海市浦东新区 1 号";
    r.fault = "空调不制冷";
    return create_ticket(s, p, r).ticket;
  }
  std::vector<std::string> kinds(const std::string& t = "T1") {
    std::vector<std::string> v;
    for (auto& e : s.ticket_events(t)) v.emplace_back(to_string(e.kind));
    return v;
  }
  std::int64_t count(const char* sql) { return s.db().execAndGet(sql).getInt64(); }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return fmt::format("{} {}", e.exit_code(), e.what());
  }
  return "";
}

ScheduleRequest window(Fixture& f, const char* at, const char* from, const char* to, const char* eng = "") {
  ScheduleRequest r;
  r.at = f.at(at);
  r.window_from = f.at(from);
  r.window_to = f.at(to);
  r.engineer = eng;
  return r;
}

}  // namespace

TEST_CASE("a ticket's whole life writes the spec's events, in order, through the importer") {
  Fixture f;
  f.create("2026-11-02 08:15", "2025-06-01");
  CHECK(f.count("SELECT count(*) FROM tickets WHERE ticket = 'T1'") == 1);  // the projection is kept
  auto e0 = f.s.ticket_events("T1");
  REQUIRE(e0.size() == 1);
  CHECK(e0[0].get(Field::Region) == "华东");  // from the outlet
  CHECK(e0[0].get(Field::Note) == "空调不制冷");
  CHECK(e0[0].id == content_digest(e0[0]).substr(0, 32));  // the derived id, as an import gives it
  respond_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:40"), "预约下午");
  schedule_ticket(f.s, f.p, "T1", window(f, "2026-11-02 10:05", "2026-11-02 14:00", "2026-11-02 16:00", "E-017"));
  arrive_ticket(f.s, f.p, "T1", f.at("2026-11-02 14:30"), "");
  CompleteRequest c;
  c.at = f.at("2026-11-02 15:50");
  c.content = "更换电容";
  c.labor_hours = "1.5";
  c.parts = {{"CAP-35UF", 1}, {"CAP-35UF", 1}};
  auto r = complete_ticket(f.s, f.p, "T1", c);
  CHECK(r.phase == Phase::Completed);
  sign_ticket(f.s, f.p, "T1", f.at("2026-11-02 15:55"), false, "");
  follow_up_ticket(f.s, f.p, "T1", f.at("2026-11-03 10:00"), "5", "满意");
  r = close_ticket(f.s, f.p, "T1", f.at("2026-11-03 10:05"), "");
  CHECK(r.phase == Phase::Closed);
  CHECK(f.kinds() == std::vector<std::string>{"created", "responded", "dispatched", "arrived", "part_used", "completed",
                                              "signed", "followed_up", "closed"});
  auto evs = f.s.ticket_events("T1");
  CHECK(evs[4].get(Field::Qty) == "2");  // the same part twice is one part_used of 2
  CHECK(evs[5].get(Field::LaborHours) == "1.5");
  CHECK(f.count("SELECT count(*) FROM appointments WHERE ticket = 'T1' AND engineer = 'E-017'") == 1);
  TicketView v = load_ticket(f.s, f.p, "T1", f.at("2026-11-04 00:00"));
  CHECK(v.sla.status == TicketStatus::OnTime);
  CHECK(v.warranty.in_warranty);  // AC line: 36 months
  CHECK_FALSE(v.quote);
  CHECK(v.address == "上海市浦东新区 1 号");
  REQUIRE(v.parts_used.size() == 1);
  CHECK(*v.parts_used[0].unit_cents == 3550);
}

TEST_CASE("refusals: exit 65, state named, nothing stored") {
  Fixture f;
  f.create("2026-11-02 08:15");
  std::string m = error_of([&] { sign_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:00"), false, ""); });
  CHECK(m.find("65 ticket 'T1' is new: 'sign' is not allowed") == 0);
  CHECK(error_of([&] { f.create("2026-11-02 09:00"); }).find("65 ticket 'T1' already exists") == 0);
  CHECK(error_of([&] { arrive_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:00"), ""); }).find("no engineer is dispatched") !=
        std::string::npos);
  CHECK(error_of([&] { respond_ticket(f.s, f.p, "T2", f.at("2026-11-02 09:00"), ""); }).find("66 no ticket 'T2' in the store") == 0);
  CHECK(error_of([&] { respond_ticket(f.s, f.p, "T1", f.at("2026-11-02 08:00"), ""); }).find("already has a later event") !=
        std::string::npos);
  CHECK(error_of([&] { respond_ticket(f.s, f.p, "T1", f.at("2026-11-24 08:00"), ""); }).find("in the future") !=
        std::string::npos);
  CHECK(error_of([&] { close_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:00"), ""); }).find("'close' is not allowed") !=
        std::string::npos);
  cancel_ticket(f.s, f.p, "T1", f.at("2026-11-02 09:00"), "客户撤销");
  for (auto step : std::vector<std::function<void()>>{
           [&] { respond_ticket(f.s, f.p, "T1", f.at("2026-11-02 10:00"), ""); },
           [&] { note_ticket(f.s, f.p, "T1", f.at("2026-11-02 10:00"), "x"); },
           [&] { complain_ticket(f.s, f.p, "T1", {f.at("2026-11-02 10:00"), "yes", "", ""}); },
           [&] { sign_ticket(f.s, f.p, "T1", f.at("2026-11-02 10:00"), true, "why"); }})
    CHECK(error_of(step).find("is cancelled") != std::string::npos);
  CHECK(f.kinds() == std::vector<std::string>{"created", "cancelled"});
  CHECK(f.count("SELECT count(*) FROM ticket_notes") == 0);
  CHECK(f.count("SELECT count(*) FROM complaints") == 0);
}

TEST_CASE("create: validation, outlet master data, id pattern") {
  Fixture f;
  CreateRequest r;
  r.at = f.at("2026-11-23 09:00");
  r.type = "repair";
  r.outlet = "SH-1";
  CHECK(error_of([&] { create_ticket(f.s, f.p, r); }).find("did you mean 'SH-01'") != std::string::npos);
  r.outlet = "SH-09";
  CHECK(error_of([&] { create_ticket(f.s, f.p, r); }).find("not active") != std::string::npos);
  r.outlet = "SH-01";
  r.type = "fix";
  CHECK(error_of([&] { create_ticket(f.s, f.p, r); }).find("65 --type: type must be one of") == 0);
  r.type = "repair";
  r.purchased = "2026-11-24";
  CHECK(error_of([&] { create_ticket(f.s, f.p, r); }).find("after the ticket's date") != std::string::npos);
  r.purchased = "2026-02-30";
  CHECK(error_of([&] { create_ticket(f.s, f.p, r); }).find("purchased must be a date") != std::string::npos);
  r.purchased = "";
  r.expected_parts = {{"NOPE", 1}};
  CHECK(error_of([&] { create_ticket(f.s, f.p, r); }).find("unknown part 'NOPE'") != std::string::npos);
  r.expected_parts = {};
  r.ticket = "bad id!";
  CHECK(error_of([&] { create_ticket(f.s, f.p, r); }).find("not valid") != std::string::npos);
  CHECK(f.count("SELECT count(*) FROM events") == 0);
  CHECK(f.count("SELECT count(*) FROM ticket_details") == 0);
  r.ticket = "";
  CHECK(create_ticket(f.s, f.p, r).ticket == "T2026112300001");
  CHECK(create_ticket(f.s, f.p, r).ticket == "T2026112300002");
  r.at = f.at("2026-11-22 23:59");
  CHECK(create_ticket(f.s, f.p, r).ticket == "T2026112200001");  // the local date
}

TEST_CASE("create: out of warranty gives a quote; a fee above it is not approved") {
  Fixture f;
  CreateRequest r;
  r.ticket = "T9";
  r.at = f.at("2026-11-23 09:00");
  r.type = "repair";
  r.outlet = "SH-01";
  r.product = "OTHER";       // not in products: the default 12 months
  r.purchased = "2025-11-22";  // last day 2026-11-22
  r.expected_parts = {{"FM-220", 1}};
  auto res = create_ticket(f.s, f.p, r);
  REQUIRE(res.warranty);
  CHECK_FALSE(res.warranty->in_warranty);
  REQUIRE(res.quote);
  CHECK(res.quote->total_cents == 8000 + 12000);
  schedule_ticket(f.s, f.p, "T9", window(f, "2026-11-23 09:10", "2026-11-23 10:00", "2026-11-23 11:00", "E-017"));
  arrive_ticket(f.s, f.p, "T9", f.at("2026-11-23 10:00"), "");
  CompleteRequest c;
  c.at = f.at("2026-11-23 11:00");
  c.content = "换风机";
  c.parts = {{"FM-220", 1}};
  c.fee = "250";
  auto done = complete_ticket(f.s, f.p, "T9", c);
  CHECK(done.info.find("NOT approved") != std::string::npos);
  auto evs = f.s.ticket_events("T9");
  CHECK(evs.back().kind == EventKind::Fee);
  CHECK(evs.back().get(Field::Amount) == "250.00");
  CHECK(evs.back().get(Field::Approved) == "no");
  auto findings = integrity_findings(evs, f.at("2026-11-23 12:00"));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].check == Check::UnapprovedFee);
}

TEST_CASE("a fee in warranty is not approved; within the quote out of warranty it is") {
  Fixture f;
  f.create("2026-11-23 09:00", "2025-06-01", "TW");  // AC, 36 months: in warranty
  f.create("2026-11-23 09:00", "", "TU");            // no purchase date: charged as out of warranty
  for (const char* t : {"TW", "TU"}) {
    schedule_ticket(f.s, f.p, t, window(f, "2026-11-23 09:10", "2026-11-23 10:00", "2026-11-23 11:00", "E-017"));
    arrive_ticket(f.s, f.p, t, f.at("2026-11-23 10:00"), "");
    CompleteRequest c;
    c.at = f.at("2026-11-23 11:00");
    c.content = "修好";
    c.fee = "80.00";  // = the repair quota 1 h × 80.00
    complete_ticket(f.s, f.p, t, c);
  }
  CHECK(f.s.ticket_events("TW").back().get(Field::Approved) == "no");
  CHECK(f.s.ticket_events("TU").back().get(Field::Approved) == "yes");
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

TEST_CASE("complaints: numbered, each step tracked in order") {
  Fixture f;
  f.create("2026-11-02 08:15");
  auto r = complain_ticket(f.s, f.p, "T1", {f.at("2026-11-02 09:00"), "yes", "", "工程师迟到"});
  CHECK(r.info.find("T1-C1") != std::string::npos);
  CHECK(f.s.ticket_events("T1").back().get(Field::Responsible) == "yes");
  CHECK(error_of([&] { complain_ticket(f.s, f.p, "T1", {f.at("2026-11-02 09:05"), "no", "T1-C1", ""}); })
            .find("already taken") != std::string::npos);
  ComplaintStepRequest s;
  s.at = f.at("2026-11-02 10:00");
  s.step = ComplaintStep::Plan;
  s.text = "plan";
  CHECK(error_of([&] { complaint_step(f.s, f.p, "T1-C1", s); }).find("next step is the investigation") != std::string::npos);
  s.step = ComplaintStep::Investigation;
  s.text = "派单延误";
  complaint_step(f.s, f.p, "T1-C1", s);
  s.step = ComplaintStep::Plan;
  s.text = "调整派单";
  CHECK(error_of([&] { complaint_step(f.s, f.p, "T1-C1", s); }).find("--owner") != std::string::npos);
  s.owner = "王经理";
  s.deadline = parse_date("2026-11-30");
  complaint_step(f.s, f.p, "T1-C1", s);
  s.step = ComplaintStep::Resolution;
  s.owner = "";
  s.deadline.reset();
  s.text = "已致歉";
  CHECK(complaint_step(f.s, f.p, "T1-C1", s).info.find("resolved") != std::string::npos);
  CHECK(error_of([&] { complaint_step(f.s, f.p, "T1-C1", s); }).find("no more steps") != std::string::npos);
  CHECK(error_of([&] { complaint_step(f.s, f.p, "NOPE", s); }).find("no complaint 'NOPE'") != std::string::npos);
  TicketView v = load_ticket(f.s, f.p, "T1", f.at("2026-11-03 00:00"));
  REQUIRE(v.complaints.size() == 1);
  CHECK(v.complaints[0].steps.size() == 3);
  CHECK(v.complaints[0].next_step() == "");
  CHECK(format_date(*v.complaints[0].steps[1].deadline) == "2026-11-30");
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

TEST_CASE("list filters by state, outlet and SLA") {
  Fixture f;
  f.create("2026-11-20 09:00", "", "A");
  f.create("2026-11-23 09:00", "", "B");
  respond_ticket(f.s, f.p, "B", f.at("2026-11-23 09:30"), "");
  ListFilter lf;
  lf.as_of = f.at("2026-11-23 12:00");
  auto all = list_tickets(f.s, f.p, lf);
  REQUIRE(all.size() == 2);
  CHECK(all[0].ticket == "A");
  lf.breached = true;
  auto late = list_tickets(f.s, f.p, lf);
  REQUIRE(late.size() == 1);  // A: no response in 3 days
  CHECK(late[0].ticket == "A");
  lf.breached = false;
  lf.phases = {Phase::Responded};
  auto resp = list_tickets(f.s, f.p, lf);
  REQUIRE(resp.size() == 1);
  CHECK(resp[0].ticket == "B");
  lf.phases = {};
  lf.outlet = "XX";
  CHECK(list_tickets(f.s, f.p, lf).empty());
  lf.outlet = "";
  lf.from = parse_date("2026-11-21");
  CHECK(list_tickets(f.s, f.p, lf).size() == 1);
  lf.from.reset();
  lf.sort = "ticket";
  lf.as_of = f.at("2026-11-21 00:00");  // B did not exist yet
  CHECK(list_tickets(f.s, f.p, lf).size() == 1);
}

TEST_CASE("parse_window and parse_part_qty") {
  const TimeZone& tz = test::shanghai();
  auto [a, b] = parse_window("2026-11-23 14:00/16:00", tz);
  CHECK(format_rfc3339(a, tz) == "2026-11-23T14:00:00+08:00");
  CHECK(format_rfc3339(b, tz) == "2026-11-23T16:00:00+08:00");
  auto [c, d] = parse_window("2026-11-23 22:00/2026-11-24 01:00", tz);
  CHECK(d - c == 3 * 3600 * kMicrosPerSecond);
  CHECK_THROWS_AS(parse_window("2026-11-23 14:00", tz), UsageError);
  CHECK_THROWS_AS(parse_window("2026-11-23 14:00/13:00", tz), UsageError);
  CHECK_THROWS_AS(parse_window("tomorrow/13:00", tz), UsageError);
  CHECK(parse_part_qty("CAP-35UF") == std::pair<std::string, std::int64_t>{"CAP-35UF", 1});
  CHECK(parse_part_qty("CAP-35UF:3").second == 3);
  CHECK_THROWS_AS(parse_part_qty("CAP:0"), UsageError);
  CHECK_THROWS_AS(parse_part_qty(":2"), UsageError);
}
