// svc ticket against a real store (lib/ops/ticket.cpp): create, the common path
// of every step (events through the importer, refusals), parsing of windows
// and parts. The steps, views and listings are in tests/ops/ticket_*_test.cpp.
#include <doctest/doctest.h>

#include <cstdlib>

#include "error.hpp"
#include "integrity.hpp"
#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

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
