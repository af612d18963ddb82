// The SLA audit's pieces of output (lib/audit/audit_sla_output.cpp): filters,
// counts and their summary line, table/CSV rows, JSON, the explanation of one ticket.
#include "audit.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "audit_fixtures.hpp"
#include "error.hpp"

using namespace svc;
using svc::test::at;
using svc::test::created;
using svc::test::ev;
using svc::audit_test::worked_example;

TEST_CASE("format_hm") {
  CHECK(format_hm(0) == "0m");
  CHECK(format_hm(41 * 3600 * kMicrosPerSecond) == "41h00m");
  CHECK(format_hm((90 * 60 + 5) * kMicrosPerSecond) == "1h30m05s");
}

namespace {
// The worked example evaluated as of Monday 16:00 (spec sla.md).
TicketSla worked(const Policy& p) {
  BusinessCalendar cal(p.calendar, p.tz);
  return evaluate_ticket(worked_example(), p, cal, at("2026-11-09 16:00", p.tz));
}
}  // namespace

TEST_CASE("ticket filter: outlet, region and the local created date, both ends included") {
  const TimeZone& tz = svc::test::shanghai();
  Instant c = at("2026-11-06 23:30", tz);  // 15:30 UTC: the local date is what counts
  TicketFilter f;
  CHECK(f.matches(c, "SH-01", "华东", tz));
  f.outlet = "SH-02";
  CHECK_FALSE(f.matches(c, "SH-01", "华东", tz));
  f = {};
  f.region = "华东";
  CHECK(f.matches(c, "SH-01", "华东", tz));
  CHECK_FALSE(f.matches(c, "BJ-01", "华北", tz));
  f = {};
  f.from = parse_date("2026-11-06");
  f.to = parse_date("2026-11-06");
  CHECK(f.matches(c, "SH-01", "华东", tz));
  f.from = parse_date("2026-11-07");
  f.to.reset();
  CHECK_FALSE(f.matches(c, "SH-01", "华东", tz));
  f.from.reset();
  f.to = parse_date("2026-11-05");
  CHECK_FALSE(f.matches(c, "SH-01", "华东", tz));
}

TEST_CASE("counts: one ticket by status, breached before at risk, added up; the summary line") {
  Policy p = default_policy();
  TicketSla t = worked(p);
  SlaCounts c;
  c.add(t);
  CHECK(c.tickets == 1);
  CHECK(c.late == 1);
  CHECK(c.breached == 1);
  CHECK(c.at_risk == 0);
  SlaCounts none;
  TicketSla empty;  // no rule, no targets
  none.add(empty);
  CHECK(none.none == 1);
  CHECK(none.breached == 0);
  c.add(none);
  CHECK(c.tickets == 2);
  CHECK(c.none == 1);
  CHECK(c.line(at("2026-11-09 16:00", p.tz), p.tz) ==
        "2 tickets as of 2026-11-09T16:00:00+08:00: 1 late, 0 on time, 0 open, 0 cancelled, 1 without a rule; 1 with "
        "a breached target, 0 at risk");
  CHECK(c.fails(FailOn::Breach));
  CHECK_FALSE(none.fails(FailOn::AtRisk));
}

TEST_CASE("rows: the worked example as a table row and a CSV row") {
  Policy p = default_policy();
  TicketSla t = worked(p);
  CHECK(sla_columns(Format::Table) == std::vector<std::string>{"TICKET", "OUTLET", "REGION", "RULE", "STATUS", "RESPONSE",
                                                               "ARRIVAL", "RESOLUTION", "FOLLOWUP", "OVERDUE", "DUE"});
  CHECK(sla_columns(Format::Csv)[9] == "overdue_s");
  CHECK(sla_row(t, p.tz, Format::Table) ==
        std::vector<std::string>{"T1", "SH-01", "华东", "standard", "late", "breached", "breached", "pending", "n/a",
                                 "44h00m", "2026-11-12 10:00"});
  auto csv = sla_row(t, p.tz, Format::Csv);
  CHECK(csv[9] == "158400");
  CHECK(csv[10] == "2026-11-12T10:00:00+08:00");
}

TEST_CASE("JSON of one ticket: the spec's worked example, the same through a JsonWriter") {
  Policy p = default_policy();
  TicketSla t = worked(p);
  std::string s;
  append_sla_json(s, t, p.tz);
  auto j = nlohmann::json::parse(s);
  auto want = nlohmann::json::parse(R"({"ticket": "T1", "outlet": "SH-01", "region": "华东", "rule": "standard",
              "status": "late",
              "targets": {"response":   {"status": "breached", "elapsed_s": 234000, "target_s": 86400, "overdue_s": 147600},
                          "arrival":    {"status": "breached", "elapsed_s": 244800, "target_s": 86400, "overdue_s": 158400},
                          "resolution": {"status": "pending", "at_risk": false, "elapsed_s": 18000, "target_s": 86400, "due": "2026-11-12T10:00:00+08:00"},
                          "followup":   {"status": "n/a", "target_s": 86400}}})");
  CHECK(j == want);
  std::ostringstream os;
  JsonWriter w(os);
  write_sla_json(w, t, p.tz);
  CHECK(os.str() == s);
}

TEST_CASE("explain: rule, pause, state and each target's clock") {
  Policy p = default_policy();
  TicketSla t = worked(p);
  std::ostringstream os;
  explain_sla(os, t, p, at("2026-11-09 16:00", p.tz));
  std::string out = os.str();
  CHECK(out.rfind("ticket T1 as of 2026-11-09T16:00:00+08:00\n", 0) == 0);
  CHECK(out.find("  created   2026-11-06 16:00  repair, normal, phone, 华东 / SH-01\n") != std::string::npos);
  CHECK(out.find("  rule      standard applies: ") != std::string::npos);
  CHECK(out.find("  paused    2026-11-09 10:00 - 2026-11-09 14:00\n") != std::string::npos);
  CHECK(out.find("  ticket    open; SLA status late\n") != std::string::npos);
  CHECK(out.find("breached by 41h00m") != std::string::npos);
  CHECK(out.find("breached by 44h00m") != std::string::npos);
  CHECK(out.find("2026-11-12 10:00") != std::string::npos);
  std::ostringstream none;
  explain_sla(none, TicketSla{}, p, at("2026-11-09 16:00", p.tz));
  CHECK(none.str().find("  not created as of then: no SLA\n") != std::string::npos);
}
