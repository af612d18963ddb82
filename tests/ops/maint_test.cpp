// Planned maintenance against a real store (lib/ops/maint.cpp, lib/reports/maint_audit.cpp):
// selectors, checklist validation, idempotent generation, visit records,
// findings opening a repair ticket, refusals that change nothing, the audit.
#include "maint.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

#include "error.hpp"
#include "maint_audit.hpp"
#include "masterdata.hpp"
#include "sla_fixtures.hpp"
#include "sla.hpp"
#include "ticket.hpp"
#include "ticket_state.hpp"

using namespace svc;

namespace {

Day D(const char* s) { return *parse_date(s); }

struct Fixture {
  test::TempStore ts;
  Policy p = default_policy();
  Store& s = *ts.store;
  Fixture() {
    ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
    add_outlet(s, Outlet{"SH-01", "上海一店", "华东", "上海", "", "", true});
    add_asset(s, Asset{"RS-01", "station", "浦东调压站", "C-1", "SH-01", std::nullopt, {}});
    add_asset(s, Asset{"V-80", "valve", "", "", "SH-01", std::nullopt, {{"dn", "80"}}});
    add_asset(s, Asset{"V-50", "valve", "", "", "SH-01", std::nullopt, {{"dn", "50"}}});
    add_asset(s, Asset{"RG-1", "regulator", "", "", "SH-01", D("2018-05-01"), {{"origin", "imported"}}});
    MaintPlan pl;
    pl.id = "RS-2W";
    pl.name = "调压站巡检";
    pl.selector = parse_selector("kind=station");
    pl.interval = *parse_interval("2w");
    pl.start = D("2026-11-09");
    pl.min_crew = 2;
    pl.checklist = {parse_item("inlet_pressure:number:kPa:2..4"), parse_item("leak_test:yesno"),
                    parse_item("remarks:text:optional")};
    add_plan(s, pl);
  }
  std::int64_t count(const char* sql) { return s.db().execAndGet(sql).getInt64(); }
};

}  // namespace

TEST_CASE("selectors: kind, attributes, numeric comparisons, alternatives, absent attributes") {
  Asset v80{"V-80", "valve", "", "", "SH-01", std::nullopt, {{"dn", "80"}}};
  Asset v50{"V-50", "valve", "", "", "SH-01", std::nullopt, {{"dn", "50"}}};
  Asset st{"RS-01", "station", "", "", "SH-01", std::nullopt, {}};
  CHECK(matches(parse_selector("kind=valve, dn>=65"), v80));
  CHECK_FALSE(matches(parse_selector("kind=valve, dn>=65"), v50));
  CHECK(matches(parse_selector("kind=valve, dn<65"), v50));
  CHECK(matches(parse_selector("kind=station|valve_pit"), st));
  CHECK_FALSE(matches(parse_selector("kind!=station"), st));
  CHECK(matches(parse_selector("origin!=imported"), st));       // absent differs from every value
  CHECK_FALSE(matches(parse_selector("origin=imported"), st));  // absent matches no value
  CHECK_FALSE(matches(parse_selector("dn>=65"), st));
  CHECK(matches(parse_selector("dn=80.0"), v80));  // numbers compare as numbers
  CHECK(matches(parse_selector(""), st));
  CHECK_THROWS_AS(parse_selector("kind"), UsageError);
  CHECK_THROWS_AS(parse_selector("dn>=big"), UsageError);
  CHECK_THROWS_AS(parse_selector("=x"), UsageError);
}

TEST_CASE("checklist items: parsing and value validation") {
  auto n = parse_item("inlet_pressure:number:kPa:2..4");
  CHECK(n.unit == "kPa");
  CHECK(*n.min == 2);
  CHECK(*n.max == 4);
  CHECK(item_spec(n) == "inlet_pressure:number:kPa:2..4");
  CHECK(item_spec(parse_item("t:number:..10:optional")) == "t:number:..10:optional");
  CHECK_THROWS_AS(parse_item("x"), UsageError);
  CHECK_THROWS_AS(parse_item("x:colour"), UsageError);
  CHECK_THROWS_AS(parse_item("x:yesno:1..2"), UsageError);
  CHECK_THROWS_AS(parse_item("x:number:5..1"), UsageError);
  std::string why, finding;
  CHECK(*check_value(n, " 3.10 ", why, finding) == "3.1");
  CHECK(finding.empty());
  CHECK(*check_value(n, "1.5", why, finding) == "1.5");
  CHECK(finding == "1.5 kPa is below the minimum 2 kPa");
  check_value(n, "4.5", why, finding);
  CHECK(finding == "4.5 kPa is above the maximum 4 kPa");
  CHECK_FALSE(check_value(n, "3,1", why, finding));
  CHECK(why == "inlet_pressure: '3,1' is not a number");
  auto y = parse_item("leak_test:yesno");
  CHECK(*check_value(y, "是", why, finding) == "yes");
  CHECK(*check_value(y, "No", why, finding) == "no");
  CHECK(finding == "answered no");
  CHECK_FALSE(check_value(y, "maybe", why, finding));
}

TEST_CASE("generate: one maintenance ticket per plan, asset and due date, however often it runs") {
  Fixture f;
  // now is 2026-11-23 12:00: the 12-07 date is not due yet, so not created (never in the future)
  auto first = generate(f.s, f.p, D("2026-12-07"), svc::now());
  CHECK(first.created == std::vector<std::string>{"M-RS-2W-RS-01-20261109", "M-RS-2W-RS-01-20261123"});
  CHECK(first.later == 1);
  auto again = generate(f.s, f.p, D("2026-12-07"), svc::now() - 1000);
  CHECK(again.created.empty());
  CHECK(again.existing == 2);
  CHECK(f.count("SELECT count(*) FROM events WHERE event = 'created' AND type = 'maintenance'") == 2);
  // back-filled tickets are dated at their due day, not at the run
  CHECK(f.s.ticket_events("M-RS-2W-RS-01-20261109").front().ts == f.p.tz.day_start(D("2026-11-09")));
  ::setenv("SVC_NOW", "2026-12-21T12:00:00Z", 1);
  auto more = generate(f.s, f.p, D("2026-12-21"), svc::now());
  ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
  CHECK(more.created == std::vector<std::string>{"M-RS-2W-RS-01-20261207", "M-RS-2W-RS-01-20261221"});
  CHECK(more.later == 0);
  auto v = load_ticket(f.s, f.p, "M-RS-2W-RS-01-20261123", svc::now());
  CHECK(v.created.get(Field::Type) == "maintenance");
  CHECK(v.created.get(Field::Outlet) == "SH-01");
  CHECK(v.created.get(Field::Note).find("due 2026-11-23") != std::string::npos);
}

TEST_CASE("due: overdue and due dates per plan and asset until a visit is recorded") {
  Fixture f;
  Instant now = svc::now();
  auto due = due_work(f.s, f.p, now, 14);
  REQUIRE(due.size() == 1);
  CHECK(format_date(due[0].first_due) == "2026-11-09");
  CHECK(due[0].open == 3);
  CHECK(due[0].overdue);
  generate(f.s, f.p, D("2026-11-09"), now);
  RecordRequest r;
  r.ticket = "M-RS-2W-RS-01-20261109";
  r.at = now;
  r.crew = "张工,李工";
  r.values = {{"inlet_pressure", "3"}, {"leak_test", "yes"}};
  record_visit(f.s, f.p, r);
  due = due_work(f.s, f.p, now, 14);
  REQUIRE(due.size() == 1);
  CHECK(format_date(due[0].first_due) == "2026-11-23");
  CHECK_FALSE(due[0].overdue);
  CHECK(due[0].open == 2);
}

TEST_CASE("record: refusals change nothing; findings open a repair ticket; missing items make it incomplete") {
  Fixture f;
  generate(f.s, f.p, D("2026-11-23"), svc::now());
  RecordRequest r;
  r.ticket = "M-RS-2W-RS-01-20261109";
  r.at = svc::now();
  r.values = {{"inlet_pressure", "1.2"}, {"leak_test", "yes"}};
  auto before = f.count("SELECT count(*) FROM events");
  for (const char* c : {"2", "-3", "张工,3", ",", "张工,-李工", ""}) {  // a crew is names, not a head count
    r.crew = c;
    CHECK_THROWS_AS(record_visit(f.s, f.p, r), DataError);
  }
  r.crew = "张工,李工";
  r.values.push_back({"inlet_presure", "3"});
  CHECK_THROWS_AS(record_visit(f.s, f.p, r), DataError);
  r.values.pop_back();
  r.values.push_back({"leak_test", "no"});
  CHECK_THROWS_AS(record_visit(f.s, f.p, r), DataError);  // given twice
  r.values.pop_back();
  RecordRequest notmaint = r;
  notmaint.ticket = "T-OTHER";  // not in the store at all: a named thing not found (lib/store/guards.hpp)
  CHECK_THROWS_AS(record_visit(f.s, f.p, notmaint), NoInputError);
  CHECK(f.count("SELECT count(*) FROM events") == before);
  CHECK(f.count("SELECT count(*) FROM maint_visits") == 0);

  auto res = record_visit(f.s, f.p, r);
  CHECK(res.repair == "M-RS-2W-RS-01-20261109-R");
  REQUIRE(res.findings.size() == 1);
  CHECK(res.findings[0].second == "1.2 kPa is below the minimum 2 kPa");
  CHECK(res.missing.empty());
  auto rep = load_ticket(f.s, f.p, res.repair, svc::now());
  CHECK(rep.created.get(Field::Type) == "repair");
  CHECK_THROWS_AS(record_visit(f.s, f.p, r), DataError);  // already recorded

  RecordRequest inc;
  inc.ticket = "M-RS-2W-RS-01-20261123";
  inc.at = svc::now();
  inc.crew = "张工,李工";
  inc.values = {{"leak_test", "yes"}};
  auto res2 = record_visit(f.s, f.p, inc);
  CHECK(res2.missing == std::vector<std::string>{"inlet_pressure"});
  CHECK(res2.repair.empty());

  auto audit = audit_maint(f.s, f.p, svc::now());
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].kind == "incomplete");
  cancel_ticket(f.s, f.p, res.repair, svc::now(), "not needed");
  audit = audit_maint(f.s, f.p, svc::now());
  REQUIRE(audit.size() == 2);
  CHECK(audit[0].kind == "unfollowed");  // ordered by outlet, due date: the 11-09 visit first
  CHECK(audit[0].ticket == "M-RS-2W-RS-01-20261109");
  CHECK(audit[0].detail.find("was cancelled") != std::string::npos);
  CHECK(audit[1].kind == "incomplete");
}

TEST_CASE("after-in-service plans generate the overdue one-off, before the plan's start too") {
  Fixture f;
  MaintPlan pl;
  pl.id = "RG-IMP";
  pl.name = "进口调压器大修";
  pl.selector = parse_selector("kind=regulator, origin=imported");
  pl.interval = *parse_interval("after 8y in service");
  pl.start = D("2026-11-23");
  pl.checklist = {parse_item("done:yesno")};
  add_plan(f.s, pl);
  auto r = generate(f.s, f.p, D("2026-11-23"), svc::now());
  CHECK(std::count(r.created.begin(), r.created.end(), "M-RG-IMP-RG-1-20260501") == 1);
  auto audit = audit_maint(f.s, f.p, svc::now());
  CHECK(std::any_of(audit.begin(), audit.end(), [](auto& x) { return x.kind == "overdue" && x.asset == "RG-1"; }));
}

namespace {
// The SLA of a maintenance ticket as of `as_of`: its status, and whether the
// response, arrival and resolution targets were all met.
std::pair<TicketStatus, bool> sla_of(Fixture& f, const std::string& t, Instant as_of) {
  BusinessCalendar cal(f.p.calendar, f.p.tz);
  auto sla = evaluate_ticket(f.s.ticket_events(t), f.p, cal, as_of);
  bool met = true;
  for (auto& x : sla.targets)
    if (x.target != Target::Followup && x.status != TargetStatus::Met) met = false;
  return {sla.status, met};
}
}  // namespace

TEST_CASE("daily generate runs and on-time visits leave every maintenance ticket on time; a late visit is late") {
  Instant h = 3600 * kMicrosPerSecond;
  for (bool maint_rule : {false, true}) {
    CAPTURE(maint_rule);
    Fixture f;
    if (maint_rule) {  // a site's rule for planned work: no follow-up call (docs/maint.md)
      SlaRule m = f.p.rules.back();
      m.name = "maintenance";
      m.when.type = {"maintenance"};
      m.targets[3] = std::nullopt;
      f.p.rules.insert(f.p.rules.end() - 1, m);
    }
    Day first = D("2026-11-09"), last = D("2026-11-23");
    for (Day d = first; d <= last; ++d) generate(f.s, f.p, d, f.p.tz.day_start(d) + 6 * h);
    CHECK(f.count("SELECT count(*) FROM maint_work") == 2);
    RecordRequest r;
    r.crew = "张工,李工";
    r.values = {{"inlet_pressure", "3"}, {"leak_test", "yes"}};
    for (const char* day : {"2026-11-09", "2026-11-23"}) {
      Day due = D(day);
      std::string t = maint_ticket_id("RS-2W", "RS-01", due);
      r.ticket = t;
      r.at = f.p.tz.day_start(due) + 15 * h;  // on the due day
      if (r.at > svc::now()) r.at = svc::now();
      record_visit(f.s, f.p, r);
      auto [status, met] = sla_of(f, t, r.at + h);
      CHECK(met);
      CHECK(status == (maint_rule ? TicketStatus::OnTime : TicketStatus::Open));  // default: the call-back is pending
    }
  }
  // a visit two days after its due date is late, measured from the due date
  Fixture g;
  generate(g.s, g.p, D("2026-11-09"), g.p.tz.day_start(D("2026-11-09")));
  RecordRequest r;
  r.crew = "张工,李工";
  r.values = {{"inlet_pressure", "3"}, {"leak_test", "yes"}};
  r.ticket = "M-RS-2W-RS-01-20261109";
  r.at = g.p.tz.day_start(D("2026-11-11")) + 10 * h;
  record_visit(g.s, g.p, r);
  auto [status, met] = sla_of(g, r.ticket, r.at + h);
  CHECK(status == TicketStatus::Late);
  CHECK_FALSE(met);
}

TEST_CASE("record: the visit completes the maintenance ticket, with the crew and readings in its history") {
  Fixture f;
  generate(f.s, f.p, D("2026-11-23"), svc::now());
  RecordRequest r;
  r.ticket = "M-RS-2W-RS-01-20261109";
  r.at = f.p.tz.day_start(D("2026-11-09")) + 10 * 3600 * kMicrosPerSecond;
  r.crew = "张工,李工";
  r.values = {{"inlet_pressure", "3.1"}, {"leak_test", "yes"}};
  auto res = record_visit(f.s, f.p, r);
  CHECK(res.events == std::vector<std::string>{"responded", "dispatched", "arrived", "completed"});
  TicketState st = derive_state(f.s.ticket_events(r.ticket), svc::now());
  CHECK(st.phase == Phase::Completed);
  CHECK(st.engineer == "张工");
  std::string note;
  for (auto& e : f.s.ticket_events(r.ticket))
    if (e.kind == EventKind::Completed) {
      note = e.get(Field::Note);
      CHECK(e.ts == r.at);
    }
  CHECK(note.find("crew: 张工,李工") != std::string::npos);
  CHECK(note.find("inlet_pressure=3.1 kPa") != std::string::npos);
  CHECK(note.find("leak_test=yes") != std::string::npos);
  // the dispatch queue no longer lists it (it is completed)
  CHECK(load_ticket(f.s, f.p, r.ticket, svc::now()).state.phase == Phase::Completed);

  // an incomplete visit leaves the ticket on site, not completed
  RecordRequest inc;
  inc.ticket = "M-RS-2W-RS-01-20261123";
  inc.at = svc::now();
  inc.crew = "张工,李工";
  inc.values = {{"leak_test", "yes"}};
  auto res2 = record_visit(f.s, f.p, inc);
  CHECK(res2.events == std::vector<std::string>{"responded", "dispatched", "arrived"});
  CHECK(derive_state(f.s.ticket_events(inc.ticket), svc::now()).phase == Phase::OnSite);
}

TEST_CASE("record: visit times are checked against the ticket; a cancelled ticket is refused") {
  Fixture f;
  generate(f.s, f.p, D("2026-11-23"), svc::now());
  auto before = f.count("SELECT count(*) FROM events");
  RecordRequest r;
  r.ticket = "M-RS-2W-RS-01-20261123";
  r.crew = "张工,李工";
  r.values = {{"inlet_pressure", "1.0"}, {"leak_test", "yes"}};
  r.at = f.p.tz.day_start(D("2026-11-22"));  // before the ticket was created (its due day)
  CHECK_THROWS_AS(record_visit(f.s, f.p, r), DataError);
  r.at = *parse_timestamp("2020-01-01", f.p.tz);
  CHECK_THROWS_AS(record_visit(f.s, f.p, r), DataError);
  r.at = svc::now() + 60 * kMicrosPerSecond;
  CHECK_THROWS_AS(record_visit(f.s, f.p, r), DataError);
  CHECK(f.count("SELECT count(*) FROM events") == before);  // the repair ticket was not opened either
  CHECK(f.count("SELECT count(*) FROM maint_visits") == 0);
  cancel_ticket(f.s, f.p, r.ticket, svc::now() - 1000, "asset moved");
  r.at = svc::now();
  CHECK_THROWS_WITH_AS(record_visit(f.s, f.p, r),
                       "ticket 'M-RS-2W-RS-01-20261123' is cancelled: its visit cannot be recorded, nothing changed",
                       DataError);
}

TEST_CASE("due and audit: a closed or cancelled maintenance ticket satisfies or retires its due date") {
  Fixture f;
  generate(f.s, f.p, D("2026-11-23"), svc::now());
  Instant now = svc::now();
  auto due = due_work(f.s, f.p, now, 0);
  REQUIRE(due.size() == 1);
  CHECK(due[0].open == 2);
  CHECK(due[0].overdue);
  cancel_ticket(f.s, f.p, "M-RS-2W-RS-01-20261109", now - 1000, "station out of service that week");
  due = due_work(f.s, f.p, now, 0);
  REQUIRE(due.size() == 1);
  CHECK(due[0].open == 1);
  CHECK(format_date(due[0].first_due) == "2026-11-23");
  CHECK_FALSE(due[0].overdue);
  auto audit = audit_maint(f.s, f.p, now);
  CHECK(std::none_of(audit.begin(), audit.end(), [](auto& x) { return x.kind == "overdue"; }));
  CHECK(due_work(f.s, f.p, now - 2000, 0)[0].overdue);  // as of before the cancellation it was overdue
}

TEST_CASE("record: a finding on an item marked urgent opens an urgent repair ticket, at the visit's time") {
  Fixture f;
  CHECK(parse_item("leak_test:yesno:urgent").urgent);
  CHECK(item_spec(parse_item("p:number:kPa:1..2:optional:urgent")) == "p:number:kPa:1..2:optional:urgent");
  CHECK_THROWS_AS(parse_item("remarks:text:urgent"), UsageError);
  MaintPlan pl;
  pl.id = "LEAK";
  pl.name = "泄漏检测";
  pl.selector = parse_selector("kind=station");
  pl.interval = *parse_interval("2w");
  pl.start = D("2026-11-09");
  pl.checklist = {parse_item("leak_test:yesno:urgent"), parse_item("inlet_pressure:number:kPa:2..4")};
  add_plan(f.s, pl);
  CHECK(get_plan(f.s, "LEAK").checklist[0].urgent);
  CHECK_FALSE(get_plan(f.s, "LEAK").checklist[1].urgent);
  generate(f.s, f.p, D("2026-11-23"), svc::now());
  RecordRequest r;
  r.crew = "张工";
  r.ticket = "M-LEAK-RS-01-20261109";
  r.at = f.p.tz.day_start(D("2026-11-09")) + 3600 * kMicrosPerSecond * 9;
  r.values = {{"leak_test", "no"}, {"inlet_pressure", "3"}};
  auto res = record_visit(f.s, f.p, r);
  auto rep = load_ticket(f.s, f.p, res.repair, svc::now());
  CHECK(rep.created.get(Field::Urgency) == "urgent");
  CHECK(rep.created.ts == r.at);
  r.ticket = "M-LEAK-RS-01-20261123";
  r.at = svc::now();
  r.values = {{"leak_test", "yes"}, {"inlet_pressure", "5"}};  // a finding on a normal item
  res = record_visit(f.s, f.p, r);
  CHECK(load_ticket(f.s, f.p, res.repair, svc::now()).created.get(Field::Urgency) == "normal");
}

TEST_CASE("record: an understaffed or incomplete visit is a finding, completed later by another record") {
  Fixture f;
  generate(f.s, f.p, D("2026-11-23"), svc::now());
  Instant h = 3600 * kMicrosPerSecond;
  RecordRequest r;
  r.ticket = "M-RS-2W-RS-01-20261109";
  r.at = f.p.tz.day_start(D("2026-11-09")) + 9 * h;
  r.crew = "张工, 张工";  // the same person twice is one person: below the minimum of 2
  r.values = {{"inlet_pressure", "3"}};
  auto res = record_visit(f.s, f.p, r);
  CHECK(res.understaffed);
  CHECK(res.missing == std::vector<std::string>{"leak_test"});
  CHECK(res.events == std::vector<std::string>{"responded", "dispatched", "arrived"});
  auto audit = audit_maint(f.s, f.p, svc::now());
  REQUIRE(audit.size() == 1);  // the 11-09 visit (the 11-23 date is due today, not overdue)
  CHECK(audit[0].kind == "incomplete");
  CHECK(audit[0].detail == "missing checklist items: leak_test; crew of 1 below the plan's minimum of 2");

  // the crew comes back: the missing item, a full crew; the earlier reading counts
  r.at += 2 * h;
  r.crew = "张工,李工";
  r.values = {{"leak_test", "no"}};
  auto res2 = record_visit(f.s, f.p, r);
  CHECK(res2.seq == 2);
  CHECK_FALSE(res2.understaffed);
  CHECK(res2.missing.empty());
  CHECK(res2.events == std::vector<std::string>{"completed"});
  CHECK(res2.repair == "M-RS-2W-RS-01-20261109-R2");
  CHECK(derive_state(f.s.ticket_events(r.ticket), svc::now()).phase == Phase::Completed);
  auto recs = visit_records(f.s, r.ticket);
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].missing == "leak_test");  // the first record is kept as it was
  CHECK(recs[1].missing.empty());
  std::string note;
  for (auto& e : f.s.ticket_events(r.ticket))
    if (e.kind == EventKind::Completed) note = e.get(Field::Note);
  CHECK(note.find("inlet_pressure=3 kPa") != std::string::npos);
  CHECK(note.find("leak_test=no (finding: answered no)") != std::string::npos);
  audit = audit_maint(f.s, f.p, svc::now());
  CHECK(std::none_of(audit.begin(), audit.end(), [](auto& x) { return x.kind == "incomplete"; }));
  // complete now: a third record is refused and changes nothing
  auto n = f.count("SELECT count(*) FROM events");
  r.at += h;
  CHECK_THROWS_WITH_AS(record_visit(f.s, f.p, r),
                       "the visit of 'M-RS-2W-RS-01-20261109' is already recorded and complete: nothing changed",
                       DataError);
  CHECK(f.count("SELECT count(*) FROM events") == n);
  // a revisit before the previous record is refused
  RecordRequest q;
  q.ticket = "M-RS-2W-RS-01-20261123";
  q.at = svc::now();
  q.crew = "张工";
  q.values = {{"leak_test", "yes"}};
  record_visit(f.s, f.p, q);
  q.at -= h;
  q.crew = "张工,李工";
  q.values = {{"inlet_pressure", "3"}};
  CHECK_THROWS_AS(record_visit(f.s, f.p, q), DataError);
  CHECK(f.count("SELECT count(*) FROM maint_revisits") == 1);
}

TEST_CASE("generate skips an inactive outlet's assets and goes on; asset update and retire") {
  Fixture f;
  add_outlet(f.s, Outlet{"SH-02", "上海二店", "华东", "上海", "", "", true});
  add_asset(f.s, Asset{"RS-02", "station", "", "", "SH-02", std::nullopt, {}});
  OutletPatch off;
  off.active = false;
  update_outlet(f.s, "SH-02", off);
  auto g = generate(f.s, f.p, D("2026-11-09"), svc::now());
  CHECK(g.created == std::vector<std::string>{"M-RS-2W-RS-01-20261109"});
  REQUIRE(g.skipped.count("SH-02"));
  CHECK(g.skipped["SH-02"] == std::vector<std::string>{"RS-02"});

  // update: the selector sees the new attributes; unknown assets and outlets are refused
  AssetPatch p;
  p.set_attrs = {{"dn", "100"}};
  update_asset(f.s, "V-50", p);
  CHECK(find_asset(f.s, "V-50")->attrs.at("dn") == "100");
  CHECK_THROWS_WITH_AS(update_asset(f.s, "V-5O", p), "unknown asset 'V-5O' (did you mean 'V-50'?)", NotFound);
  AssetPatch bad;
  bad.outlet = "NOPE";
  CHECK_THROWS_AS(update_asset(f.s, "V-50", bad), std::exception);
  CHECK(find_asset(f.s, "V-50")->outlet == "SH-01");

  // retire: out of every selection, its open tickets cancelled with the reason
  generate(f.s, f.p, D("2026-11-23"), svc::now());
  CHECK_THROWS_AS(retire_asset(f.s, f.p, "RS-01", " ", svc::now()), DataError);
  auto cancelled = retire_asset(f.s, f.p, "RS-01", "站点拆除", svc::now());
  CHECK(cancelled == std::vector<std::string>{"M-RS-2W-RS-01-20261109", "M-RS-2W-RS-01-20261123"});
  CHECK(derive_state(f.s.ticket_events(cancelled[0]), svc::now()).phase == Phase::Cancelled);
  auto due = due_work(f.s, f.p, svc::now(), 14);
  CHECK(std::none_of(due.begin(), due.end(), [](auto& x) { return x.asset == "RS-01"; }));
  CHECK(due.size() == 1);  // RS-02 of the inactive outlet is still due work
  CHECK(list_assets(f.s).size() == 4);  // RS-02, V-80, V-50, RG-1
  CHECK(list_assets(f.s, "", "", true).size() == 5);
  CHECK(find_asset(f.s, "RS-01")->retired_reason == "站点拆除");
  CHECK_THROWS_AS(retire_asset(f.s, f.p, "RS-01", "again", svc::now()), DataError);
  CHECK_THROWS_AS(update_asset(f.s, "RS-01", p), DataError);
}

TEST_CASE("generate --dry-run says what it would create and changes nothing; selector fields are checked") {
  Fixture f;
  auto events = f.count("SELECT count(*) FROM events");
  auto dry = generate(f.s, f.p, D("2026-11-23"), svc::now(), true);
  CHECK(dry.created == std::vector<std::string>{"M-RS-2W-RS-01-20261109", "M-RS-2W-RS-01-20261123"});
  CHECK(f.count("SELECT count(*) FROM events") == events);
  CHECK(f.count("SELECT count(*) FROM maint_work") == 0);
  auto real = generate(f.s, f.p, D("2026-11-23"), svc::now());
  CHECK(real.created == dry.created);

  MaintPlan pl;
  pl.id = "TYPO";
  pl.name = "x";
  pl.interval = *parse_interval("yearly");
  pl.start = D("2026-11-09");
  pl.checklist = {parse_item("ok:yesno")};
  pl.selector = parse_selector("knd=station");
  CHECK_THROWS_WITH_AS(add_plan(f.s, pl),
                       "--select 'knd=station': 'knd' is neither kind, site, customer, outlet nor an attribute of any "
                       "asset (did you mean 'kind'?)",
                       UsageError);
  pl.selector = parse_selector("kind=valve, dm>=65");  // an attribute typo: dn
  CHECK_THROWS_WITH_AS(add_plan(f.s, pl),
                       "--select 'kind=valve, dm>=65': 'dm' is neither kind, site, customer, outlet nor an attribute "
                       "of any asset (did you mean 'dn'?)",
                       UsageError);
  CHECK(f.count("SELECT count(*) FROM maint_plans") == 1);
  pl.selector = parse_selector("kind=valve, origin=imported");  // an attribute some asset has
  add_plan(f.s, pl);
  CHECK(f.count("SELECT count(*) FROM maint_plans") == 2);
}

TEST_CASE("re-plan: a moved spring day supersedes the open ticket, or counts as done when it was visited") {
  for (bool visited : {false, true}) {
    CAPTURE(visited);
    Fixture f;
    MaintPlan pl;
    pl.id = "OH";
    pl.name = "春秋检修";
    pl.selector = parse_selector("kind=station");
    pl.interval = *parse_interval("spring+autumn");
    pl.start = D("2026-01-01");
    pl.checklist = {parse_item("done:yesno")};
    add_plan(f.s, pl);
    generate(f.s, f.p, D("2026-10-31"), svc::now());
    CHECK(f.count("SELECT count(*) FROM maint_work WHERE plan = 'OH'") == 2);  // 04-01, 10-01
    if (visited) {
      RecordRequest r;
      r.ticket = "M-OH-RS-01-20260401";
      r.at = f.p.tz.day_start(D("2026-04-01")) + 3600 * kMicrosPerSecond * 10;
      r.crew = "张工";
      r.values = {{"done", "yes"}};
      record_visit(f.s, f.p, r);
    }
    f.p.maint.spring_day = 15;  // the policy's spring day moves to Apr 15
    auto g = generate(f.s, f.p, D("2026-10-31"), svc::now());
    auto again = generate(f.s, f.p, D("2026-10-31"), svc::now());
    CHECK(again.created.empty());
    CHECK(again.superseded.empty());
    auto st = derive_state(f.s.ticket_events("M-OH-RS-01-20260401"), svc::now());
    if (visited) {
      CHECK(g.created.empty());  // the spring overhaul was done under its old date: no second ticket
      CHECK(g.superseded.empty());
      CHECK(st.phase == Phase::Completed);
    } else {
      CHECK(g.created == std::vector<std::string>{"M-OH-RS-01-20260415"});
      CHECK(g.superseded == std::vector<std::string>{"M-OH-RS-01-20260401"});
      CHECK(st.phase == Phase::Cancelled);
      std::string note;
      for (auto& e : f.s.ticket_events("M-OH-RS-01-20260401"))
        if (e.kind == EventKind::Cancelled) note = e.get(Field::Note);
      CHECK(note == "superseded by M-OH-RS-01-20260415: plan OH now falls due 2026-04-15 instead of 2026-04-01");
    }
    // one open spring overhaul at most, and due/audit see the season as one
    CHECK(f.count("SELECT count(*) FROM maint_work WHERE plan = 'OH'") == (visited ? 2 : 3));
    auto due = due_work(f.s, f.p, svc::now(), 0);
    for (auto& r : due)
      if (r.plan == "OH") CHECK(r.open == (visited ? 1 : 2));  // 10-01 (and the new 04-15 when not visited)
  }
}

TEST_CASE("plan update and retire") {
  Fixture f;
  PlanPatch p;
  p.min_crew = 3;
  p.name = "调压站双周巡检";
  update_plan(f.s, "RS-2W", p);
  CHECK(get_plan(f.s, "RS-2W").min_crew == 3);
  CHECK(get_plan(f.s, "RS-2W").name == "调压站双周巡检");
  PlanPatch bad;
  bad.selector = parse_selector("knd=station");
  CHECK_THROWS_AS(update_plan(f.s, "RS-2W", bad), UsageError);
  bad.selector.reset();
  bad.min_crew = 0;
  CHECK_THROWS_AS(update_plan(f.s, "RS-2W", bad), DataError);
  CHECK(get_plan(f.s, "RS-2W").min_crew == 3);  // refused: nothing changed
  CHECK_THROWS_AS(update_plan(f.s, "RS-2X", p), NotFound);

  generate(f.s, f.p, D("2026-11-23"), svc::now());
  RecordRequest r;
  r.ticket = "M-RS-2W-RS-01-20261109";
  r.at = svc::now() - 1000;
  r.crew = "张工,李工,王工";
  r.values = {{"inlet_pressure", "3"}, {"leak_test", "yes"}};
  record_visit(f.s, f.p, r);
  CHECK_THROWS_AS(retire_plan(f.s, f.p, "RS-2W", "", svc::now()), DataError);
  auto cancelled = retire_plan(f.s, f.p, "RS-2W", "改为每周巡检", svc::now());
  CHECK(cancelled == std::vector<std::string>{"M-RS-2W-RS-01-20261123"});  // the visited one stays completed
  CHECK(list_plans(f.s).empty());
  CHECK(due_work(f.s, f.p, svc::now(), 14).empty());
  CHECK(generate(f.s, f.p, D("2026-12-31"), svc::now()).created.empty());
  CHECK_THROWS_AS(update_plan(f.s, "RS-2W", p), DataError);
  CHECK_THROWS_AS(retire_plan(f.s, f.p, "RS-2W", "again", svc::now()), DataError);
  CHECK(get_plan(f.s, "RS-2W").id == "RS-2W");  // still there for its history
}
