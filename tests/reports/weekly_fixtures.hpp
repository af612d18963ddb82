// The weekly report tests' tickets (tests/reports/weekly_test.cpp,
// html_report_test.cpp): week 2026-W47 in two regions, with an outlet id and a
// complaint note that need escaping, fees, parts, the week before and after.
#pragma once
#include <vector>

#include "report_fixtures.hpp"

namespace svc::testing {

inline std::vector<ReportTicket> week_tickets() {
  std::vector<ReportTicket> ts;
  auto add = [&](const char* id, const char* when, const char* region, const char* outlet, TicketStatus s) {
    auto t = facts(id, s, outlet);
    t.created = at(when);
    t.region = region;
    ts.push_back(t);
    return &ts.back();
  };
  add("A", "2026-11-16 09:00", "华东", "SH-01", TicketStatus::Late)->breached_targets = 2;
  auto* b = add("B", "2026-11-22 23:30", "华东", "SH-<b>", TicketStatus::OnTime);
  b->complaint = true, b->complaint_note = "<script>alert(1)</script>", b->complaint_at = at("2026-11-23 08:00");
  b->followed_up = true, b->satisfaction = 2;
  b->parts = {{"P-1", 3}};
  b->fees_cents = 5000, b->unapproved_fees_cents = 12000;
  add("C", "2026-11-18 12:00", "华北", "BJ-01", TicketStatus::OnTime)->channel = "";
  add("P", "2026-11-10 12:00", "华东", "SH-01", TicketStatus::OnTime);   // previous week
  add("Q", "2026-11-23 00:00", "华东", "SH-01", TicketStatus::OnTime);   // next week: left out
  return ts;
}

}  // namespace svc::testing
