// svc dispatch suggest and assign (lib/ops/dispatch_suggest.cpp): ranked candidates, and the
// dispatch of one ticket with its refusals.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "dispatch_fixtures.hpp"

using namespace svc;
using namespace svc::dispatch_test;

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
        "65 double booking: engineer 'E-1' already holds A (2026-11-23 14:00-16:00) overlapping 2026-11-23 15:59-17:00");
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

TEST_CASE("suggest: the region's active engineers ranked, the other region only on request; closed work is refused") {
  Fixture f;
  f.engineer("E-3", "SH-01", {"repair"}, 1, false);  // inactive: never a candidate
  f.created("A", "2026-11-23 09:00");
  Suggestion sg = suggest(f.s, f.p, "A", f.at("2026-11-23 10:00"));
  CHECK(sg.ticket == "A");
  REQUIRE(sg.candidates.size() == 2);
  CHECK(sg.candidates[0].engineer == "E-1");  // equal engineers: by id
  CHECK(sg.candidates[1].engineer == "E-2");
  CHECK(sg.candidates[0].score >= sg.candidates[1].score);
  CHECK(sg.engineers[0].id == "E-1");
  CHECK(sg.candidates[0].eligible());
  Suggestion all = suggest(f.s, f.p, "A", f.at("2026-11-23 10:00"), true);
  REQUIRE(all.candidates.size() == 3);
  CHECK(all.candidates.back().engineer == "E-9");
  CHECK_FALSE(all.candidates.back().eligible());  // another region

  Table t = suggestion_table(all, 2);
  REQUIRE(t.rows.size() == 2);  // the limit
  CHECK(t.rows[0][0] == "1");
  CHECK(t.rows[0][1] == "E-1");
  CHECK(t.rows[0][7] == "yes");
  CHECK(suggestion_table(all, 0).rows[2][7].rfind("no: ", 0) == 0);

  std::ostringstream os;
  JsonWriter w(os);
  write_suggestion_json(w, all, f.p, 0);
  auto j = nlohmann::json::parse(os.str());
  CHECK(j["ticket"] == "A");
  CHECK(j["region"] == "华东");
  CHECK(j["engineer"].is_null());
  REQUIRE(j["candidates"].size() == 3);
  CHECK(j["candidates"][0]["rank"] == 1);
  CHECK(j["candidates"][0]["blocked"].is_null());
  CHECK(j["candidates"][2]["region"] == "华北");
  CHECK(j["candidates"][2]["eligible"] == false);
  CHECK(j["candidates"][2]["blocked"].is_string());

  f.created("Z", "2026-11-23 09:00");
  Event c;
  c.ticket = "Z";
  c.kind = EventKind::Cancelled;
  c.ts = f.at("2026-11-23 09:30");
  append_events(f.s, f.p, {c}, "test");
  CHECK(error_of([&] { suggest(f.s, f.p, "Z", f.at("2026-11-23 10:00")); }).find("65 ticket 'Z' is cancelled: nothing to dispatch") == 0);
}
