// Maintenance generation and due work (lib/ops/maint_generate.cpp): one ticket per
// plan, asset and due date, idempotent, dry runs, re-planned dates, the due list.
#include <doctest/doctest.h>

#include <algorithm>

#include "maint_audit.hpp"

#include "maint_fixtures.hpp"

using namespace svc;
using namespace svc::maint_test;

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

TEST_CASE("maintenance ticket ids and the due table") {
  CHECK(maint_ticket_id("RS-2W", "RS-01", D("2026-11-09")) == "M-RS-2W-RS-01-20261109");
  CHECK(maint_ticket_id("P", "A", D("2027-01-31")) == "M-P-A-20270131");
  Fixture f;
  generate(f.s, f.p, D("2026-11-09"), svc::now());
  auto rows = due_work(f.s, f.p, svc::now(), 14);
  Table t = due_table(rows);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.headers == std::vector<std::string>{"outlet", "due", "status", "open", "plan", "asset", "kind", "site", "ticket"});
  CHECK(t.rows[0] == std::vector<std::string>{"SH-01", "2026-11-09", "overdue", "3", "RS-2W", "RS-01", "station", "浦东调压站",
                                              "M-RS-2W-RS-01-20261109"});
  CHECK(due_work(f.s, f.p, svc::now(), 14, "SH-02").empty());  // another outlet's work only
}
