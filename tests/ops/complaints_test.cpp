// The complaint register (lib/ops/complaints.cpp): registration from every
// source, the order of the steps, the clocks at their boundaries.
#include <doctest/doctest.h>

#include "complaints.hpp"
#include "ticket_fixtures.hpp"

using namespace svc;
using namespace svc::ticket_test;

namespace {
ComplaintStepRequest step(Instant at, ComplaintStep s, const char* text) {
  ComplaintStepRequest r;
  r.at = at;
  r.step = s;
  r.text = text;
  return r;
}
std::vector<std::string> kinds(const ComplaintRecord& c, const Policy& p, Instant at) {
  std::vector<std::string> v;
  for (const auto& f : complaint_findings(c, p, at)) v.push_back(f.kind);
  return v;
}
}  // namespace

TEST_CASE("complaint register: a complaint-type ticket and a complaint step are registered, with outlet and channel") {
  Fixture f;
  CreateRequest r;
  r.ticket = "W1";
  r.at = f.at("2026-11-02 09:00");
  r.type = "complaint";
  r.urgency = "normal";
  r.channel = "web";
  r.outlet = "SH-01";
  create_ticket(f.s, f.p, r);
  f.create("2026-11-02 08:00");
  ComplainRequest c;
  c.at = f.at("2026-11-02 10:00");
  c.responsible = "yes";
  c.category = "charges";
  complain_ticket(f.s, f.p, "T1", c);
  auto all = read_complaints(f.s, f.p, f.at("2026-11-03 00:00"));
  REQUIRE(all.size() == 2);
  CHECK(all[0].number == "W1-C1");
  CHECK(all[0].source == "ticket");
  CHECK(all[0].responsible == "unknown");
  CHECK(all[0].channel == "web");
  CHECK(all[0].outlet == "SH-01");
  CHECK(all[1].number == "T1-C1");
  CHECK(all[1].source == "complain");
  CHECK(all[1].category == "charges");
  CHECK(all[1].channel == "phone");  // the ticket's
  // as of before it was received: not there
  CHECK(read_complaints(f.s, f.p, f.at("2026-11-02 09:59")).size() == 1);
  c.category = "charge";
  c.at = f.at("2026-11-02 10:05");
  CHECK(error_of([&] { complain_ticket(f.s, f.p, "T1", c); }).find("did you mean 'charges'?") != std::string::npos);
}

TEST_CASE("complaint steps: order, prerequisites, refusals; status ends only at closed") {
  Fixture f;
  f.create("2026-11-02 08:00");
  complain_ticket(f.s, f.p, "T1", {f.at("2026-11-02 10:00"), "no", "", "态度差"});
  auto number = std::string("T1-C1");
  CHECK(error_of([&] { record_complaint_step(f.s, f.p, number, step(f.at("2026-11-02 11:00"), ComplaintStep::Resolution, "x")); })
            .find("needs the investigation first") != std::string::npos);
  CHECK(error_of([&] { record_complaint_step(f.s, f.p, number, step(f.at("2026-11-02 09:00"), ComplaintStep::Ack, "x")); })
            .find("before the complaint was received") != std::string::npos);
  auto ack = step(f.at("2026-11-02 11:00"), ComplaintStep::Ack, "已致电");
  ack.category = "attitude";
  record_complaint_step(f.s, f.p, number, ack);
  CHECK(error_of([&] { record_complaint_step(f.s, f.p, number, ack); }).find("the ack is already recorded") != std::string::npos);
  auto inv = step(f.at("2026-11-02 12:00"), ComplaintStep::Investigation, "属实");
  inv.responsible = "yes";
  record_complaint_step(f.s, f.p, number, inv);
  auto plan = step(f.at("2026-11-02 13:00"), ComplaintStep::Plan, "培训");
  plan.owner = "王经理";
  plan.deadline = parse_date("2026-11-01");
  CHECK(error_of([&] { record_complaint_step(f.s, f.p, number, plan); }).find("is before the complaint was received") !=
        std::string::npos);
  plan.deadline = parse_date("2026-11-04");
  record_complaint_step(f.s, f.p, number, plan);
  auto c = get_complaint(f.s, f.p, number, f.at("2026-11-03 00:00"));
  CHECK(c.status() == "planned");
  CHECK(c.category == "attitude");
  CHECK(c.responsible == "yes");  // as the investigation found
  CHECK(c.reply_on_time());
  CHECK(kinds(c, f.p, f.at("2026-11-04 23:59:59")).empty());
  CHECK(kinds(c, f.p, f.at("2026-11-05 00:00")) == std::vector<std::string>{"plan_overdue"});
  CHECK(error_of([&] { record_complaint_step(f.s, f.p, number, step(f.at("2026-11-03 09:00"), ComplaintStep::Close, "")); })
            .find("needs the follow-up") != std::string::npos);
  record_complaint_step(f.s, f.p, number, step(f.at("2026-11-03 10:00"), ComplaintStep::Resolution, "已致歉"));
  auto fu = step(f.at("2026-11-03 11:00"), ComplaintStep::FollowUp, "回访");
  CHECK(error_of([&] { record_complaint_step(f.s, f.p, number, fu); }).find("--verdict") != std::string::npos);
  fu.verdict = "satisfied";
  record_complaint_step(f.s, f.p, number, fu);
  CHECK(get_complaint(f.s, f.p, number, f.at("2026-11-04 00:00")).open());
  record_complaint_step(f.s, f.p, number, step(f.at("2026-11-03 12:00"), ComplaintStep::Close, ""));
  c = get_complaint(f.s, f.p, number, f.at("2026-11-04 00:00"));
  CHECK(c.status() == "closed");
  CHECK(c.log.size() == 6);
  CHECK(kinds(c, f.p, f.at("2026-12-31 00:00")).empty());
  CHECK(error_of([&] { record_complaint_step(f.s, f.p, number, ack); }).find("is closed") != std::string::npos);
  // as of before the close it is still open and resolved
  CHECK(get_complaint(f.s, f.p, number, f.at("2026-11-03 10:30")).status() == "resolved");
}

TEST_CASE("complaint clocks: first reply of each category at its boundary; follow-up clock") {
  Fixture f;
  f.p.complaints.categories["charges"].first_reply = parse_duration("2h", f.p.calendar.day_seconds());
  f.create("2026-11-02 08:00");
  ComplainRequest c{f.at("2026-11-02 10:00"), "yes", "", "", "attitude", ""};
  complain_ticket(f.s, f.p, "T1", c);
  c.category = "charges";
  complain_ticket(f.s, f.p, "T1", c);
  auto a = get_complaint(f.s, f.p, "T1-C1", f.at("2026-11-02 10:00"));
  auto b = get_complaint(f.s, f.p, "T1-C2", f.at("2026-11-02 10:00"));
  // attitude: 8 working hours from Monday 10:00 (12:00-13:00 lunch) -> Tuesday 10:00; charges: 2h -> 12:00
  CHECK(format_rfc3339(a.reply_due, f.p.tz) == "2026-11-03T10:00:00+08:00");
  CHECK(format_rfc3339(b.reply_due, f.p.tz) == "2026-11-02T12:00:00+08:00");
  CHECK(kinds(a, f.p, a.reply_due).empty());
  CHECK(kinds(a, f.p, a.reply_due + kMicrosPerSecond) == std::vector<std::string>{"reply_overdue"});
  CHECK(kinds(b, f.p, b.reply_due).empty());
  CHECK(kinds(b, f.p, b.reply_due + kMicrosPerSecond) == std::vector<std::string>{"reply_overdue"});
  // a reply exactly at the due time is on time; a second later is late
  record_complaint_step(f.s, f.p, "T1-C2", step(b.reply_due + kMicrosPerSecond, ComplaintStep::Ack, "晚了"));
  b = get_complaint(f.s, f.p, "T1-C2", f.at("2026-11-02 13:00"));
  CHECK_FALSE(b.reply_on_time());
  record_complaint_step(f.s, f.p, "T1-C1", step(a.reply_due, ComplaintStep::Investigation, "查明"));
  record_complaint_step(f.s, f.p, "T1-C1", step(f.at("2026-11-03 11:00"), ComplaintStep::Resolution, "已处理"));
  a = get_complaint(f.s, f.p, "T1-C1", f.at("2026-11-03 12:00"));
  CHECK(a.reply_on_time());
  CHECK(kinds(a, f.p, f.at("2026-11-04 11:00")).empty());
  CHECK(kinds(a, f.p, f.at("2026-11-04 11:00:01")) == std::vector<std::string>{"follow_up_overdue"});
}
