// Has a recorded assessment changed since it was applied (lib/reports/assessment_changes.cpp)?
#include "assessment_changes.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "config.hpp"
#include "report_fixtures.hpp"

using namespace svc;
using namespace svc::testing;

namespace {

OutletAssessment outlet(const char* id, Grade g, std::int64_t reward, std::int64_t penalty) {
  OutletAssessment o;
  o.outlet = id, o.region = "华东", o.tickets = 10, o.grade = g, o.reward_cents = reward, o.penalty_cents = penalty;
  return o;
}

AppliedStatus changed_status() {
  AppliedStatus a;
  a.record.period = "2026-11", a.record.revision = 1;
  a.record.at = at("2026-12-04 08:00"), a.record.as_of = at("2026-12-04 06:00");
  a.record.outlets = {outlet("SH-01", Grade::Pass, 0, 50000), outlet("SH-02", Grade::Good, 100000, 0)};
  CorrectionRow v;
  v.kind = "void", v.id = "v1", v.at = at("2026-11-08 10:00"), v.recorded = at("2026-12-05 12:00");
  v.ticket = "T9", v.outlet = "SH-01", v.target = "e9", v.target_kind = "fee", v.by = "alice", v.reason = "refund";
  a.corrections = {v};
  a.outlets = outlet_changes(a.record.outlets, {outlet("SH-01", Grade::Pass, 0, 0), outlet("SH-02", Grade::Good, 100000, 0)});
  return a;
}

}  // namespace

TEST_CASE("outlet_changes: the outlets whose grade or net differ, and those in one side only") {
  auto c = outlet_changes({outlet("A", Grade::Pass, 0, 500), outlet("B", Grade::Good, 100, 0), outlet("C", Grade::Fail, 0, 0)},
                          {outlet("A", Grade::Pass, 0, 0), outlet("B", Grade::Good, 100, 0), outlet("D", Grade::Pass, 0, 0)});
  REQUIRE(c.size() == 3);
  CHECK(c[0].outlet == "A");
  CHECK(c[0].applied_net == -500);
  CHECK(c[0].net == 0);
  CHECK(c[1].outlet == "C");
  CHECK_FALSE(c[1].grade);
  CHECK(c[2].outlet == "D");
  CHECK_FALSE(c[2].applied_grade);
  CHECK(outlet_changes({outlet("A", Grade::Pass, 0, 0)}, {outlet("A", Grade::Pass, 0, 0)}).empty());
}

TEST_CASE("a changed period is said in the table, the CSV columns, the JSON and one warning") {
  Policy p = load_policy_text("", "test");
  Period nov = parse_period("2026-11", p.tz);
  std::optional<AppliedStatus> a = changed_status();
  std::ostringstream t;
  write_applied_text(t, a, nov, p);
  CHECK(t.str().find("CHANGED SINCE APPLIED: revision 1 was recorded 2026-12-04T08:00:00+08:00 as of "
                     "2026-12-04T06:00:00+08:00") != std::string::npos);
  CHECK(t.str().find("2026-12-05 12:00  2026-11-08 10:00  T9") != std::string::npos);
  CAPTURE(t.str());
  CHECK(t.str().find("SH-01   pass           pass           -500.00     0.00") != std::string::npos);  // money right-aligned
  CHECK(t.str().find("svc audit outlets --period 2026-11 --apply --revise") != std::string::npos);
  CHECK(applied_warning(a, nov, p) ==
        "2026-11 has changed since it was applied (revision 1, recorded 2026-12-04T08:00:00+08:00): 1 correction "
        "recorded since takes effect in it as of 2026-12-04T06:00:00+08:00, changing 1 outlet; to pay what it now "
        "says: svc audit outlets --period 2026-11 --apply --revise --reason \"corrections after apply\"");
  Table csv;
  csv.headers = {"outlet"};
  csv.add({"SH-01"});
  csv.add({"SH-02"});
  add_applied_columns(csv, a);
  CHECK(csv.headers == std::vector<std::string>{"outlet", "applied_revision", "changed_by"});
  CHECK(csv.rows[0] == std::vector<std::string>{"SH-01", "1", "v1"});
  CHECK(csv.rows[1] == std::vector<std::string>{"SH-02", "1", ""});
  std::ostringstream j;
  {
    JsonWriter w(j);
    w.begin_object();
    write_applied_json(w, a, p);
    w.end_object();
  }
  CHECK(j.str().find("\"changed\":true,\"corrections\":[{\"id\":\"v1\",\"at\":\"2026-11-08T10:00:00+08:00\","
                     "\"recorded\":\"2026-12-05T12:00:00+08:00\",\"ticket\":\"T9\"") != std::string::npos);
  CHECK(j.str().find("\"outlets\":[{\"outlet\":\"SH-01\",\"applied_grade\":\"pass\",\"grade\":\"pass\","
                     "\"applied_net\":-500.00,\"net\":0.00}]") != std::string::npos);
  // unchanged, and never applied
  a->corrections.clear(), a->outlets.clear();
  CHECK(applied_warning(a, nov, p).empty());
  std::ostringstream u;
  write_applied_text(u, a, nov, p);
  CHECK(u.str() == "\napplied: revision 1, recorded 2026-12-04T08:00:00+08:00 as of 2026-12-04T06:00:00+08:00; "
                   "unchanged since\n");
  std::ostringstream n;
  write_applied_text(n, std::nullopt, nov, p);
  CHECK(n.str() == "\nnot applied: 2026-11 has no recorded assessment\n");
  std::ostringstream nj;
  {
    JsonWriter w(nj);
    w.begin_object();
    write_applied_json(w, std::nullopt, p);
    w.end_object();
  }
  CHECK(nj.str() == "{}");  // never applied: no "applied" key, the preview equals svc report outlets
}
