// svc ticket void and svc audit corrections (lib/ops/corrections.cpp): a void
// is a new event recording who, when and why; refusals change nothing; the
// effect of a withdrawal in words; the corrections listing.
#include "corrections.hpp"

#include <doctest/doctest.h>

#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

namespace {

// T1 without a purchase date (charged), completed with 1.5 h and a fee of
// 80.00 above its quote of 50.00 (1 h × 50.00): an unapproved fee (an
// integrity finding). Returns the fee event's id.
std::string completed_with_fee(Fixture& f) {
  f.p.warranty.labor_rate_cents = 5000;
  f.create("2026-11-02 08:15", "");
  schedule_ticket(f.s, f.p, "T1", window(f, "2026-11-02 09:00", "2026-11-02 14:00", "2026-11-02 16:00", "E-017"));
  arrive_ticket(f.s, f.p, "T1", f.at("2026-11-02 14:10"), "");
  CompleteRequest c;
  c.at = f.at("2026-11-02 15:00");
  c.content = "修好";
  c.labor_hours = "1.5";
  c.fee = "80.00";
  complete_ticket(f.s, f.p, "T1", c);
  Event fee = f.s.ticket_events("T1").back();
  REQUIRE(fee.kind == EventKind::Fee);
  return fee.id;
}

VoidRequest request(Fixture& f, const std::string& id, const char* at = "2026-11-03 09:00") {
  return VoidRequest{"T1", id, "收费录入错误", f.at(at), "alice"};
}

}  // namespace

TEST_CASE("void: refusals name the problem and change nothing") {
  Fixture f;
  std::string fee = completed_with_fee(f);
  std::string created = f.s.ticket_events("T1").front().id;
  auto events = f.count("SELECT count(*) FROM events");
  VoidRequest r = request(f, fee);
  r.reason = " ";
  CHECK(error_of([&] { void_event(f.s, f.p, r); }).find("--reason must say why") != std::string::npos);
  r = request(f, fee);
  r.user = "";
  CHECK(error_of([&] { void_event(f.s, f.p, r); }).find("--user is required") != std::string::npos);
  r = request(f, fee, "2026-11-24 09:00");  // SVC_NOW is 2026-11-23 20:00 local
  CHECK(error_of([&] { void_event(f.s, f.p, r); }).find("65 --at 2026-11-24T09:00:00+08:00 is in the future") == 0);
  r = request(f, fee);
  r.ticket = "T2";
  CHECK(error_of([&] { void_event(f.s, f.p, r); }) == "66 no ticket 'T2' (did you mean 'T1'?)");
  r = request(f, fee.substr(0, 31) + "x");
  CHECK(error_of([&] { void_event(f.s, f.p, r); }).find("66 ticket 'T1' has no event '" + fee.substr(0, 31) +
                                                        "x' (did you mean '" + fee + "'?)") == 0);
  CHECK(error_of([&] { void_event(f.s, f.p, request(f, created)); }).find("cannot be voided: cancel the ticket") !=
        std::string::npos);
  CHECK(error_of([&] { void_event(f.s, f.p, request(f, fee, "2026-11-02 14:00")); })
            .find("is before the event it voids (fee at 2026-11-02T15:00:00+08:00)") != std::string::npos);
  CHECK(f.count("SELECT count(*) FROM events") == events);
  CHECK(f.count("SELECT count(*) FROM corrections") == 0);
}

TEST_CASE("void: a voided event is appended with the user; the effect is in words; twice is refused") {
  Fixture f;
  std::string fee = completed_with_fee(f);
  VoidResult r = void_event(f.s, f.p, request(f, fee));
  CHECK(r.kind == EventKind::Fee);
  CHECK(r.event_id == fee);
  CHECK(r.effect == "unapproved fee 80.00 withdrawn: one integrity finding fewer; unapproved fees 80.00 -> 0.00");
  CHECK(r.reversed_movements.empty());
  Event v = f.s.ticket_events("T1").back();
  CHECK(v.kind == EventKind::Voided);
  CHECK(v.id == r.void_id);
  CHECK(v.get(Field::Ref) == fee);
  CHECK(v.get(Field::Note) == "收费录入错误");
  CHECK(void_author(f.s, r.void_id) == "alice");
  CHECK(void_author(f.s, "nope") == "unknown");
  CHECK(error_of([&] { void_event(f.s, f.p, request(f, fee, "2026-11-03 10:00")); }).find("is already voided, at") !=
        std::string::npos);
  CHECK(error_of([&] { void_event(f.s, f.p, request(f, r.void_id, "2026-11-03 10:00")); })
            .find("a void cannot be voided") != std::string::npos);
}

TEST_CASE("void_effect: labour and parts withdrawn, or no figure changed") {
  ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
  Policy p = default_policy();
  std::vector<Event> evs = {test::created("2026-11-02 08:15", "T1"),
                            test::ev("2026-11-02 09:00", "T1", EventKind::Responded),
                            test::ev("2026-11-02 10:00", "T1", EventKind::PartUsed, {{Field::Part, "CAP"}, {Field::Qty, "2"}}),
                            test::ev("2026-11-02 10:30", "T1", EventKind::Completed, {{Field::LaborHours, "1.5"}})};
  CHECK(void_effect(evs, evs[2].id, p) == "part CAP x2 withdrawn: parts fitted 2 -> 0");
  CHECK(void_effect(evs, evs[3].id, p).rfind("completion (1.5 h labour) withdrawn: ", 0) == 0);
  CHECK(void_effect(evs, evs[3].id, p).find("labour 1.5 h -> 0 h") != std::string::npos);
  std::vector<Event> with_sign = evs;
  with_sign.push_back(test::ev("2026-11-02 11:00", "T1", EventKind::Signed));
  CHECK(void_effect(with_sign, with_sign[4].id, p) == "signed withdrawn: no figure changed");
  CHECK(void_effect(evs, "nope", p) == "");
}

TEST_CASE("audit corrections: each void with its target, author, outlet and effect; as-of and period") {
  Fixture f;
  std::string fee = completed_with_fee(f);
  std::string void_id = void_event(f.s, f.p, request(f, fee)).void_id;
  CorrectionsFilter cf;
  cf.as_of = f.at("2026-11-23 12:00");
  auto rows = list_corrections(f.s, f.p, cf);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].kind == "void");
  CHECK(rows[0].id == void_id);
  CHECK(rows[0].at == f.at("2026-11-03 09:00"));
  CHECK(rows[0].by == "alice");
  CHECK(rows[0].reason == "收费录入错误");
  CHECK(rows[0].ticket == "T1");
  CHECK(rows[0].outlet == "SH-01");
  CHECK(rows[0].target == fee);
  CHECK(rows[0].target_kind == "fee");
  CHECK(rows[0].effect.rfind("unapproved fee 80.00 withdrawn", 0) == 0);
  cf.as_of = f.at("2026-11-03 08:59");
  CHECK(list_corrections(f.s, f.p, cf).empty());
  cf.as_of = f.at("2026-11-23 12:00");
  cf.from = parse_date("2026-11-04");  // neither in effect nor recorded (now) from 11-04 to 11-22
  cf.to = parse_date("2026-11-22");
  CHECK(list_corrections(f.s, f.p, cf).empty());
  cf.from = parse_date("2026-11-03");
  cf.to = parse_date("2026-11-03");
  CHECK(list_corrections(f.s, f.p, cf).size() == 1);
}
