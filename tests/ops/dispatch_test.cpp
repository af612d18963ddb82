// svc dispatch against a real store (lib/ops/dispatch.cpp): the work order, auto's
// plan (balance, windows, determinism, writing), assign's refusals, the board
// and the queue.
#include <doctest/doctest.h>

#include <cstdlib>
#include <functional>

#include "dispatch.hpp"
#include "error.hpp"
#include "importer.hpp"
#include "masterdata.hpp"
#include "sla_fixtures.hpp"

using namespace svc;

namespace {

struct Fixture {
  test::TempStore ts;
  Policy p = default_policy();
  Store& s = *ts.store;
  Fixture() {
    ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
    add_outlet(s, Outlet{"SH-01", "上海一店", "华东", "", "", "", true});
    add_outlet(s, Outlet{"BJ-01", "北京一店", "华北", "", "", "", true});
    engineer("E-1", "SH-01", {"repair"}, 3);
    engineer("E-2", "SH-01", {"repair"}, 3);
    engineer("E-9", "BJ-01", {"repair"}, 5);
  }
  void engineer(const char* id, const char* outlet, std::vector<std::string> skills, int level, bool active = true) {
    Engineer e;
    e.id = id;
    e.name = id;
    e.outlet = outlet;
    e.skills = std::move(skills);
    e.level = level;
    e.active = active;
    add_engineer(s, e);
  }
  Instant at(const char* local) { return test::at(local, p.tz); }
  void created(const char* ticket, const char* when, const char* urgency = "normal", const char* outlet = "SH-01",
               const char* region = "华东") {
    Event e;
    e.ticket = ticket;
    e.kind = EventKind::Created;
    e.ts = at(when);
    e.at(Field::Type) = "repair";
    e.at(Field::Urgency) = urgency;
    e.at(Field::Region) = region;
    e.at(Field::Outlet) = outlet;
    e.at(Field::DistanceKm) = "10";
    append_events(s, p, {e}, "test");
  }
  void window(const char* ticket, const char* from, const char* to) {
    SQLite::Statement q(s.db(), "INSERT INTO appointments(ticket, recorded_at, window_from, window_to) VALUES(?,?,?,?)");
    q.bind(1, ticket);
    q.bind(2, static_cast<std::int64_t>(at("2026-11-23 08:00")));
    q.bind(3, static_cast<std::int64_t>(at(from)));
    q.bind(4, static_cast<std::int64_t>(at(to)));
    q.exec();
  }
  std::int64_t count(const char* sql) { return s.db().execAndGet(sql).getInt64(); }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

AssignRequest req(const char* ticket, const char* engineer, Instant at, std::optional<Window> w = std::nullopt) {
  AssignRequest r;
  r.ticket = ticket;
  r.engineer = engineer;
  r.at = at;
  r.window = w;
  return r;
}

std::vector<std::string> engineers_of(const Plan& plan) {
  std::vector<std::string> v;
  for (auto& x : plan.items) v.push_back(x.ticket + ":" + (x.engineer.empty() ? "-" : x.engineer));
  return v;
}

}  // namespace

TEST_CASE("auto: urgent first, then nearest due; workload alternates between equal engineers") {
  Fixture f;
  f.created("A", "2026-11-23 09:00");
  f.created("B", "2026-11-23 08:30");
  f.created("C", "2026-11-23 10:00", "urgent");
  f.created("D", "2026-11-23 09:30");
  Plan plan = plan_auto(f.s, f.p, {}, f.at("2026-11-23 11:00"));
  // C urgent; then by due (response/arrival 24h after creation): B, A, D. E-1 and E-2 tie: id breaks
  // the tie, then the workload factor alternates them.
  CHECK(engineers_of(plan) == std::vector<std::string>{"C:E-1", "B:E-2", "A:E-1", "D:E-2"});
  CHECK(plan.assigned == 4);
  CHECK(plan.left == 0);
  // the BJ-01 engineer is never used for 华东 tickets
  for (auto& x : plan.items) CHECK(x.engineer != "E-9");
  // the same input gives the same plan
  CHECK(engineers_of(plan_auto(f.s, f.p, {}, f.at("2026-11-23 11:00"))) == engineers_of(plan));
  // reasons add up to the score
  for (auto& x : plan.items) {
    double sum = 0;
    for (auto& r : x.reasons) sum += r.points;
    CHECK(sum == x.score);
  }
}

TEST_CASE("auto: overlapping windows never go to one engineer; a ticket nobody can take is explained") {
  Fixture f;
  f.created("A", "2026-11-23 09:00");
  f.created("B", "2026-11-23 09:10");
  f.created("C", "2026-11-23 09:20");
  f.window("A", "2026-11-23 14:00", "2026-11-23 16:00");
  f.window("B", "2026-11-23 15:00", "2026-11-23 17:00");
  f.window("C", "2026-11-23 15:30", "2026-11-23 16:30");
  Plan plan = plan_auto(f.s, f.p, {}, f.at("2026-11-23 11:00"));
  CHECK(engineers_of(plan) == std::vector<std::string>{"A:E-1", "B:E-2", "C:-"});
  REQUIRE(plan.items[2].reasons.size() == 1);
  CHECK(plan.items[2].reasons[0].text ==
        "none of the 2 active engineers of 华东 is free: 2 double-booked in the window, 0 at max_open 0");
  // max_open caps the load
  Fixture g;
  g.p.dispatch.max_open = 1;
  for (const char* t : {"A", "B", "C"}) g.created(t, "2026-11-23 09:00");
  plan = plan_auto(g.s, g.p, {}, g.at("2026-11-23 11:00"));
  CHECK(plan.assigned == 2);
  CHECK(plan.items[2].reasons[0].text ==
        "none of the 2 active engineers of 华东 is free: 0 double-booked in the window, 2 at max_open 1");
}

TEST_CASE("auto writes one dispatched event and one log row per assignment, in one go; then nothing is left") {
  Fixture f;
  f.created("A", "2026-11-23 09:00");
  f.created("B", "2026-11-23 09:10", "normal", "BJ-01", "华北");
  Plan plan = run_auto(f.s, f.p, {"", "华东"}, f.at("2026-11-23 11:00"));
  CHECK(plan.assigned == 1);
  CHECK(f.count("SELECT count(*) FROM events WHERE event = 'dispatched' AND ticket = 'A' AND engineer = 'E-1'") == 1);
  CHECK(f.count("SELECT count(*) FROM dispatch_log WHERE mode = 'auto' AND ticket = 'A'") == 1);
  CHECK(f.s.db().execAndGet("SELECT engineer FROM tickets WHERE ticket = 'A'").getString() == "E-1");
  CHECK(plan_auto(f.s, f.p, {"", "华东"}, f.at("2026-11-23 11:30")).items.empty());
  CHECK(error_of([&] { run_auto(f.s, f.p, {}, f.at("2026-11-24 11:00")); }).find("is in the future") !=
        std::string::npos);
}

TEST_CASE("assign refuses inactive, other region, double booking; nothing is written") {
  Fixture f;
  f.engineer("E-3", "SH-01", {"repair"}, 1, false);
  f.created("A", "2026-11-23 09:00");
  f.created("B", "2026-11-23 09:10");
  AssignRequest r = req("A", "E-1", f.at("2026-11-23 10:00"), Window{f.at("2026-11-23 14:00"), f.at("2026-11-23 16:00")});
  AssignResult res = assign(f.s, f.p, r);
  CHECK(res.events == std::vector<std::string>{"responded", "dispatched"});
  AssignRequest b = req("B", "E-1", f.at("2026-11-23 10:05"), Window{f.at("2026-11-23 15:59"), f.at("2026-11-23 17:00")});
  CHECK(error_of([&] { assign(f.s, f.p, b); }) ==
        "double booking: engineer 'E-1' already holds A (2026-11-23 14:00-16:00) overlapping 2026-11-23 15:59-17:00");
  b.window = Window{f.at("2026-11-23 16:00"), f.at("2026-11-23 17:00")};  // touching is fine
  b.engineer = "E-3";
  CHECK(error_of([&] { assign(f.s, f.p, b); }).find("is not active") != std::string::npos);
  b.engineer = "E-9";
  CHECK(error_of([&] { assign(f.s, f.p, b); }).find("use --force") != std::string::npos);
  CHECK(f.count("SELECT count(*) FROM events WHERE ticket = 'B'") == 1);
  CHECK(f.count("SELECT count(*) FROM dispatch_log") == 1);
  b.force = true;
  assign(f.s, f.p, b);
  CHECK(f.count("SELECT forced FROM dispatch_log WHERE ticket = 'B'") == 1);
  b.engineer = "E-1";
  CHECK(error_of([&] { assign(f.s, f.p, b); }).find("already assigned to E-9") != std::string::npos);
}

TEST_CASE("board: windows of the day per engineer, conflicts and overdue arrivals; queue of a region") {
  Fixture f;
  f.created("A", "2026-11-23 09:00");
  f.created("B", "2026-11-23 09:10", "urgent");
  assign(f.s, f.p, req("A", "E-1", f.at("2026-11-23 10:00"), Window{f.at("2026-11-23 10:30"), f.at("2026-11-23 11:30")}));
  // a window written beside dispatch's checks (as svc ticket schedule may) that overlaps
  f.window("B", "2026-11-23 11:00", "2026-11-23 12:00");
  assign(f.s, f.p, req("B", "E-2", f.at("2026-11-23 10:10")));
  BoardRequest r;
  r.date = f.p.tz.local_day(f.at("2026-11-23 12:00"));
  r.as_of = f.at("2026-11-23 13:00");
  CHECK(board(f.s, f.p, r).rows.size() == 3);  // E-9 of BJ-01 is free
  r.outlet = "SH-01";
  Board b = board(f.s, f.p, r);
  REQUIRE(b.rows.size() == 2);
  CHECK(b.rows[0].engineer == "E-1");
  REQUIRE(b.rows[0].visits.size() == 1);
  CHECK(b.rows[0].visits[0].overdue);
  CHECK(b.rows[0].visits[0].conflicts.empty());  // B is E-2's
  CHECK(b.rows[1].visits[0].ticket == "B");
  CHECK(b.rows[1].visits[0].sla_breached);  // urgent: arrival 1h
  Queue q = queue(f.s, f.p, "华东", f.at("2026-11-23 13:00"));
  REQUIRE(q.rows.size() == 1);
  CHECK(q.rows[0].item.t.ticket == "B");
  CHECK(q.rows[0].breached.size() == 2);  // response and arrival
  CHECK(error_of([&] { queue(f.s, f.p, "华", f.at("2026-11-23 13:00")); }) ==
        "unknown region '华' (did you mean '华东'?)");
}
