// Assets and maintenance plans (lib/ops/maint_assets.cpp): add, update, retire,
// selector fields checked against the assets.
#include <doctest/doctest.h>

#include <algorithm>

#include "maint_fixtures.hpp"

using namespace svc;
using namespace svc::maint_test;

TEST_CASE("generate skips an inactive outlet's assets and goes on; asset update and retire") {
  Fixture f;
  add_outlet(f.s, Outlet{"SH-02", "上海二店", "华东", "上海", "", "", true});
  add_asset(f.s, Asset{"RS-02", "station", "", "", "SH-02", std::nullopt, {}, std::nullopt, ""});
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

TEST_CASE("assets and plans: add refuses duplicates and unknown outlets; lists filter by outlet and kind") {
  Fixture f;
  CHECK_THROWS_AS(add_asset(f.s, Asset{"V-80", "valve", "", "", "SH-01", std::nullopt, {}, std::nullopt, ""}), DataError);
  CHECK_THROWS_AS(add_asset(f.s, Asset{"V-90", "valve", "", "", "SH-9", std::nullopt, {}, std::nullopt, ""}), std::exception);
  CHECK_FALSE(find_asset(f.s, "V-90"));
  auto valves = list_assets(f.s, "SH-01", "valve", false);
  REQUIRE(valves.size() == 2);
  CHECK(valves[0].id == "V-50");  // by id
  CHECK(valves[1].attrs.at("dn") == "80");
  CHECK(list_assets(f.s, "SH-01", "", false).size() == 4);
  CHECK(list_assets(f.s, "", "pump", false).empty());
  CHECK(find_asset(f.s, "RG-1")->installed == D("2018-05-01"));

  auto plans = list_plans(f.s);
  REQUIRE(plans.size() == 1);
  CHECK(plans[0].id == "RS-2W");
  CHECK(plans[0].min_crew == 2);
  REQUIRE(plans[0].checklist.size() == 3);
  CHECK(item_spec(plans[0].checklist[0]) == "inlet_pressure:number:kPa:2..4");
  CHECK_THROWS_WITH_AS(get_plan(f.s, "RS-2"), "unknown plan 'RS-2' (did you mean 'RS-2W'?)", NotFound);
  MaintPlan dup = plans[0];
  CHECK_THROWS_AS(add_plan(f.s, dup), DataError);
  CHECK(list_plans(f.s).size() == 1);
}
