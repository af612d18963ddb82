// svc dispatch auto (lib/ops/dispatch_auto.cpp): the plan, its writing, its renderings.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "dispatch_fixtures.hpp"

using namespace svc;
using namespace svc::dispatch_test;

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

TEST_CASE("auto renderings: the plan as a table and as JSON, nobody shown as - and null") {
  Fixture f;
  f.created("A", "2026-11-23 09:00");
  f.created("B", "2026-11-23 09:10");
  f.created("C", "2026-11-23 09:20");
  f.window("A", "2026-11-23 14:00", "2026-11-23 16:00");
  f.window("B", "2026-11-23 15:00", "2026-11-23 17:00");
  f.window("C", "2026-11-23 15:30", "2026-11-23 16:30");
  Plan plan = plan_auto(f.s, f.p, {}, f.at("2026-11-23 11:00"));
  REQUIRE(plan.items.size() == 3);
  Table t = plan_table(plan, f.p.tz);
  CHECK(t.headers == std::vector<std::string>{"ticket", "outlet", "urgency", "due", "window", "engineer", "name", "score",
                                              "reasons"});
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0][0] == "A");
  CHECK(t.rows[0][4] == "2026-11-23 14:00-16:00");
  CHECK(t.rows[0][5] == "E-1");
  CHECK_FALSE(t.rows[0][7].empty());
  CHECK(t.rows[0][7][0] != '+');  // a score, not a signed delta
  CHECK(t.rows[2][5] == "-");
  CHECK(t.rows[2][7] == "");
  CHECK(t.rows[2][8].find("none of the 2 active engineers") != std::string::npos);

  std::ostringstream os;
  JsonWriter w(os);
  write_plan_json(w, plan, f.p, true);
  auto j = nlohmann::json::parse(os.str());
  CHECK(j["as_of"] == "2026-11-23T11:00:00+08:00");
  CHECK(j["dry_run"] == true);
  CHECK(j["assigned"] == 2);
  CHECK(j["unassigned"] == 1);
  REQUIRE(j["plan"].size() == 3);
  CHECK(j["plan"][0]["ticket"] == "A");
  CHECK(j["plan"][0]["engineer"] == "E-1");
  CHECK(j["plan"][0]["score"].get<double>() == doctest::Approx(plan.items[0].score));
  CHECK(j["plan"][0]["reasons"].size() == plan.items[0].reasons.size());
  CHECK(j["plan"][2]["engineer"].is_null());
  CHECK(j["plan"][2]["score"].is_null());
  CHECK(j["plan"][2]["reasons"][0]["factor"] == "none");
}
