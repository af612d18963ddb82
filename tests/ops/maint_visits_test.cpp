// Maintenance visits (lib/ops/maint_visits.cpp): recording a visit, its refusals,
// findings opening repair tickets, incomplete and understaffed visits, the visit list.
#include <doctest/doctest.h>

#include <algorithm>

#include "maint_audit.hpp"

#include "maint_fixtures.hpp"

using namespace svc;
using namespace svc::maint_test;

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

TEST_CASE("visit list: records with their results, filters, complete or not; visit_of with did-you-mean; results CSV") {
  Fixture f;
  generate(f.s, f.p, D("2026-11-23"), svc::now());
  RecordRequest r;
  r.ticket = "M-RS-2W-RS-01-20261109";
  r.at = f.at("2026-11-20 10:00");
  r.crew = "张工,李工";
  r.values = {{"inlet_pressure", "1.5"}, {"leak_test", "yes"}};  // below the minimum: a finding
  auto res = record_visit(f.s, f.p, r);
  REQUIRE_FALSE(res.repair.empty());
  RecordRequest q;
  q.ticket = "M-RS-2W-RS-01-20261123";
  q.at = f.at("2026-11-23 10:00");
  q.crew = "张工";  // below the crew of 2: recorded, incomplete
  test::TempDir dir;
  read_results_csv(dir.file("r.csv", "key,value\ninlet_pressure,3\nleak_test,yes\n"), q);
  CHECK(q.values == std::vector<std::pair<std::string, std::string>>{{"inlet_pressure", "3"}, {"leak_test", "yes"}});
  CHECK(q.where == std::vector<std::string>{dir.at("r.csv") + ":2", dir.at("r.csv") + ":3"});
  record_visit(f.s, f.p, q);

  auto recs = visit_records(f.s, "M-RS-2W-RS-01-20261109");
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].seq == 1);
  CHECK(recs[0].crew_size == 2);
  CHECK(recs[0].repair == res.repair);
  REQUIRE(recs[0].results.size() == 2);
  CHECK(std::get<0>(recs[0].results[0]) == "inlet_pressure");
  CHECK(std::get<1>(recs[0].results[0]) == "1.5");
  CHECK(std::get<2>(recs[0].results[0]) == "1.5 kPa is below the minimum 2 kPa");
  CHECK(std::get<2>(recs[0].results[1]) == "");

  auto all = list_visits(f.s);
  REQUIRE(all.size() == 2);
  CHECK(all[0].ticket == "M-RS-2W-RS-01-20261109");  // by visit time
  CHECK(all[0].complete);
  CHECK(all[0].plan_name == "调压站巡检");
  CHECK(format_date(all[0].due) == "2026-11-09");
  CHECK_FALSE(all[1].complete);  // crew of 1
  CHECK(list_visits(f.s, "SH-02").empty());
  CHECK(list_visits(f.s, "", "RS-2W", "RS-01").size() == 2);
  CHECK(list_visits(f.s, "", "", "V-80").empty());
  CHECK(visit_of(f.s, "M-RS-2W-RS-01-20261123").size() == 1);
  CHECK_THROWS_WITH_AS(visit_of(f.s, "M-RS-2W-RS-01-20261124"),
                       "no visit recorded for 'M-RS-2W-RS-01-20261124' (did you mean 'M-RS-2W-RS-01-20261123'?)",
                       NotFound);

  Table t = visits_table(all, f.p.tz);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0] == std::vector<std::string>{"2026-11-20T10:00:00+08:00", "M-RS-2W-RS-01-20261109", "1", "SH-01",
                                              "RS-2W", "RS-01", "浦东调压站", "张工,李工", "complete", "1", res.repair});
  CHECK(t.rows[1][8] == "incomplete");
  CHECK(t.rows[1][9] == "0");
}
