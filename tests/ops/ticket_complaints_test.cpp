// Complaints and their tracked steps (lib/ops/ticket_complaints.cpp).
#include <doctest/doctest.h>

#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

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
  CHECK(error_of([&] { complaint_step(f.s, f.p, "T1-C1", s); }).find("the plan needs the investigation first") != std::string::npos);
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
  CHECK(complaint_step(f.s, f.p, "T1-C1", s).info.find("resolution recorded; next: follow_up") != std::string::npos);
  CHECK(error_of([&] { complaint_step(f.s, f.p, "T1-C1", s); }).find("the resolution is already recorded") !=
        std::string::npos);
  CHECK(error_of([&] { complaint_step(f.s, f.p, "NOPE", s); }).find("no complaint 'NOPE'") != std::string::npos);
  TicketView v = load_ticket(f.s, f.p, "T1", f.at("2026-11-03 00:00"));
  REQUIRE(v.complaints.size() == 1);
  CHECK(v.complaints[0].steps.size() == 3);
  CHECK(v.complaints[0].next_step() == "follow_up");
  CHECK(format_date(*v.complaints[0].steps[1].deadline) == "2026-11-30");
}
