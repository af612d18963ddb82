// Training records (lib/ops/training.cpp): grades from the policy thresholds,
// retraining after a fail, reassignment after two fails in a row, refusals,
// the report per outlet and region.
#include "training.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

#include "error.hpp"
#include "masterdata.hpp"
#include "sla_fixtures.hpp"

using namespace svc;

namespace {
Day D(const char* s) { return *parse_date(s); }
const Day kToday = *parse_date("2026-11-23");
struct Fixture {
  test::TempStore ts;
  Policy p = default_policy();
  Store& s = *ts.store;
  Fixture() {
    ::setenv("SVC_NOW", "2026-11-23T12:00:00Z", 1);
    add_outlet(s, Outlet{"SH-01", "上海一店", "华东", "", "", "", true});
    add_outlet(s, Outlet{"BJ-01", "北京一店", "华北", "", "", "", true});
    for (auto [id, outlet] : {std::pair{"E-1", "SH-01"}, {"E-2", "SH-01"}, {"E-3", "BJ-01"}}) {
      Engineer e;
      e.id = id, e.name = id, e.outlet = outlet;
      add_engineer(s, e);
    }
  }
};
}  // namespace

TEST_CASE("grades from the thresholds, at least each; Chinese labels") {
  TrainingPolicy tp;
  CHECK(training_grade(90, tp) == "excellent");
  CHECK(training_grade(89.99, tp) == "good");
  CHECK(training_grade(80, tp) == "good");
  CHECK(training_grade(60, tp) == "pass");
  CHECK(training_grade(59.5, tp) == "fail");
  tp.pass = 70;
  CHECK(training_grade(65, tp) == "fail");
  CHECK(grade_label_zh("fail") == "不合格");
  CHECK(grade_label_zh("excellent") == "优秀");
}

TEST_CASE("mean of the methods, retraining due after a fail, reassignment after the second fail in a row") {
  Fixture f;
  auto plan = add_training_plan(f.s, {0, 2026, "repair", "变频空调维修", 3});
  auto other = add_training_plan(f.s, {0, 2026, "quality", "服务质量", std::nullopt});
  add_training_session(f.s, "S1", plan, D("2026-03-10"), "李老师", {"E-1", "E-2", "E-3"}, kToday);
  add_training_session(f.s, "S2", plan, D("2026-04-10"), "", {"E-1", "E-2"}, kToday);
  add_training_session(f.s, "Q1", other, D("2026-05-10"), "", {"E-1"}, kToday);
  add_training_result(f.s, "S1", "E-1", "written", 50);
  add_training_result(f.s, "S1", "E-1", "practical", 60);  // mean 55: fail
  add_training_result(f.s, "S1", "E-2", "written", 40);    // fail
  add_training_result(f.s, "S1", "E-3", "written", 95);
  add_training_result(f.s, "S1", "E-3", "customer", 85);   // mean 90: excellent
  add_training_result(f.s, "S2", "E-1", "written", 58);    // fail again: reassign
  add_training_result(f.s, "S2", "E-2", "written", 70);    // pass: retraining done
  add_training_result(f.s, "Q1", "E-1", "written", 82);    // another topic: good
  auto v = training_archive(f.s, f.p, 2026);
  REQUIRE(v.size() == 6);
  auto find = [&](const char* sess, const char* eng) {
    for (auto& a : v)
      if (a.session == sess && a.engineer == eng) return a;
    FAIL("no attendance");
    return Attendance{};
  };
  CHECK(*find("S1", "E-1").mean == 55);
  CHECK(find("S1", "E-1").grade == "fail");
  CHECK_FALSE(find("S1", "E-1").retrain_by);  // retrained in S2
  CHECK_FALSE(find("S1", "E-1").reassign);
  CHECK(find("S2", "E-1").reassign);
  CHECK(format_date(*find("S2", "E-1").retrain_by) == "2026-05-10");
  CHECK_FALSE(find("S1", "E-2").retrain_by);
  CHECK(find("S2", "E-2").grade == "pass");
  CHECK(find("S1", "E-3").grade == "excellent");
  CHECK(find("Q1", "E-1").grade == "good");

  auto rows = training_report(v, false);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].key == "BJ-01");
  CHECK(rows[0].grades[0] == 1);
  CHECK(rows[1].key == "SH-01");
  CHECK(rows[1].engineers == 2);
  CHECK(rows[1].attendances == 5);
  CHECK(rows[1].grades[3] == 3);
  CHECK(rows[1].retraining == 1);
  CHECK(rows[1].reassign == 1);
  auto regions = training_report(v, true);
  CHECK(regions.size() == 2);
  CHECK(regions[0].key == "华东");  // byte order: 华东 sorts before 华北
  CHECK(regions[0].engineers == 2);
}

TEST_CASE("refusals: bad topic, duplicate course, session outside the plan's year, non-attendee, repeated result") {
  Fixture f;
  CHECK_THROWS_AS(add_training_plan(f.s, {0, 2026, "cooking", "x", std::nullopt}), DataError);
  auto plan = add_training_plan(f.s, {0, 2026, "repair", "维修", std::nullopt});
  CHECK_THROWS_AS(add_training_plan(f.s, {0, 2026, "repair", "维修", std::nullopt}), DataError);
  CHECK_THROWS_AS(add_training_session(f.s, "S1", plan, D("2025-12-31"), "", {"E-1"}, kToday), DataError);
  CHECK_THROWS_AS(add_training_session(f.s, "S1", 99, D("2026-01-05"), "", {"E-1"}, kToday), NotFound);
  CHECK_THROWS_AS(add_training_session(f.s, "S1", plan, D("2026-01-05"), "", {"E-1", "E-9"}, kToday), NotFound);
  CHECK(f.s.db().execAndGet("SELECT count(*) FROM training_sessions").getInt() == 0);  // nothing half-written
  add_training_session(f.s, "S1", plan, D("2026-01-05"), "", {"E-1"}, kToday);
  CHECK_THROWS_AS(add_training_result(f.s, "S1", "E-2", "written", 80), DataError);
  CHECK_THROWS_AS(add_training_result(f.s, "S1", "E-1", "written", 101), DataError);
  CHECK_THROWS_AS(add_training_result(f.s, "S1", "E-1", "oral", 80), DataError);
  add_training_result(f.s, "S1", "E-1", "written", 80);
  CHECK_THROWS_AS(add_training_result(f.s, "S1", "E-1", "written", 90), DataError);
}

TEST_CASE("outlet training scores for the assessment: mean of assessed session means in the window, by outlet") {
  auto at = [](const char* day, const char* outlet, std::optional<double> mean) {
    Attendance a;
    a.day = D(day);
    a.outlet = outlet;
    a.mean = mean;
    return a;
  };
  std::vector<Attendance> v = {at("2025-12-31", "SH-01", 10),      // the year before: out
                               at("2026-01-01", "SH-01", 70),      // first day: in
                               at("2026-03-10", "SH-01", 80),      //
                               at("2026-03-10", "SH-01", std::nullopt),  // not assessed: out
                               at("2026-11-30", "SH-01", 95),      // last day: in
                               at("2026-12-01", "SH-01", 0),       // after: out
                               at("2026-06-01", "BJ-01", 55.5),    //
                               at("2026-06-01", "GZ-01", std::nullopt)};
  auto s = outlet_training_scores(v, D("2026-01-01"), D("2026-11-30"));
  REQUIRE(s.size() == 2);  // GZ-01 has no assessed attendance
  CHECK(s.at("SH-01") == doctest::Approx((70.0 + 80 + 95) / 3));
  CHECK(s.at("BJ-01") == 55.5);
  CHECK(outlet_training_scores(v, D("2026-01-02"), D("2026-03-09")).empty());
  CHECK(outlet_training_scores(v, D("2026-12-01"), D("2026-11-30")).empty());  // an empty window
}

TEST_CASE("titles trimmed (a trailing blank is the same course), plausible years, sessions not in the future") {
  Fixture f;
  auto plan = add_training_plan(f.s, {0, 2026, "repair", " 维修 ", std::nullopt});
  CHECK(list_training_plans(f.s, 2026)[0].title == "维修");
  CHECK_THROWS_AS(add_training_plan(f.s, {0, 2026, "repair", "维修\t", std::nullopt}), DataError);
  CHECK_THROWS_AS(add_training_plan(f.s, {0, 26, "repair", "新课", std::nullopt}), UsageError);
  CHECK_THROWS_AS(check_training_year(26), UsageError);
  CHECK_THROWS_AS(check_training_year(1999), UsageError);
  CHECK_THROWS_AS(check_training_year(2101), UsageError);
  CHECK_NOTHROW(check_training_year(2000));
  CHECK_NOTHROW(check_training_year(2100));
  try {
    check_training_year(26);
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()).find("from 2000 to 2100") != std::string::npos);
  }
  CHECK_THROWS_AS(add_training_session(f.s, "S1", plan, kToday + 1, "", {"E-1"}, kToday), DataError);
  CHECK_NOTHROW(add_training_session(f.s, "S1", plan, kToday, " 李老师 ", {"E-1"}, kToday));
  CHECK(f.s.db().execAndGet("SELECT trainer FROM training_sessions").getString() == "李老师");
}

TEST_CASE("a wrong score is voided by a reversing entry; the original stays; the right one may follow") {
  Fixture f;
  auto plan = add_training_plan(f.s, {0, 2026, "repair", "维修", std::nullopt});
  add_training_session(f.s, "S1", plan, D("2026-03-10"), "", {"E-1"}, kToday);
  auto first = add_training_result(f.s, "S1", "E-1", "written", 8);
  CHECK(training_archive(f.s, f.p, 2026)[0].grade == "fail");
  auto v = void_training_result(f.s, "S1", "E-1", "written", "主管", " 80 typed as 8 ", 42);
  CHECK(v.result == first);
  CHECK(v.score == 8);
  CHECK(v.reason == "80 typed as 8");
  auto a = training_archive(f.s, f.p, 2026);
  CHECK_FALSE(a[0].mean);  // withdrawn: not assessed any more
  auto second = add_training_result(f.s, "S1", "E-1", "written", 80);
  CHECK(second != first);
  CHECK(training_archive(f.s, f.p, 2026)[0].grade == "good");
  CHECK(f.s.db().execAndGet("SELECT count(*) FROM training_results").getInt() == 2);  // the original stays
  CHECK(f.s.db().execAndGet("SELECT user || '|' || reason || '|' || at FROM training_result_voids").getString() ==
        "主管|80 typed as 8|42");
  // refusals change nothing
  CHECK_THROWS_AS(void_training_result(f.s, "S1", "E-1", "practical", "u", "x", 1), NotFound);
  CHECK_THROWS_AS(void_training_result(f.s, "S9", "E-1", "written", "u", "x", 1), NotFound);
  CHECK_THROWS_AS(void_training_result(f.s, "S1", "E-1", "written", "u", "  ", 1), DataError);
  CHECK(f.s.db().execAndGet("SELECT count(*) FROM training_result_voids").getInt() == 1);
}

TEST_CASE("overdue retraining: a fail not retrained within retrain_days, a pass older than refresh_days") {
  Fixture f;
  auto plan = add_training_plan(f.s, {0, 2026, "repair", "维修", std::nullopt});
  auto q = add_training_plan(f.s, {0, 2026, "quality", "质量", std::nullopt});
  add_training_session(f.s, "S1", plan, D("2026-03-10"), "", {"E-1", "E-2", "E-3"}, kToday);
  add_training_session(f.s, "S2", plan, D("2026-04-10"), "", {"E-2"}, kToday);
  add_training_session(f.s, "Q1", q, D("2026-10-30"), "", {"E-1"}, kToday);
  add_training_result(f.s, "S1", "E-1", "written", 50);  // fail, never retrained
  add_training_result(f.s, "S1", "E-2", "written", 50);  // fail, retrained in S2
  add_training_result(f.s, "S2", "E-2", "written", 70);
  add_training_result(f.s, "S1", "E-3", "written", 90);
  add_training_result(f.s, "Q1", "E-1", "written", 30);  // fail on 10-30: due 11-29, not yet
  auto all = training_archive(f.s, f.p, std::nullopt);
  std::set<std::string> active{"E-1", "E-2", "E-3"};
  TrainingPolicy tp;  // retrain 30, refresh 730
  auto o = overdue_training(all, active, tp, D("2026-11-23"));
  REQUIRE(o.size() == 1);
  CHECK(o[0].engineer == "E-1");
  CHECK(o[0].topic == "repair");
  CHECK(o[0].kind == "retrain");
  CHECK(format_date(o[0].due) == "2026-04-09");
  CHECK(o[0].days_overdue == 228);
  // the due date itself is not overdue; the day after is
  CHECK(overdue_training(all, active, tp, D("2026-04-09")).empty());
  CHECK(overdue_training(all, active, tp, D("2026-04-10")).size() == 1);
  // refresh: passes older than refresh_days
  tp.refresh_days = 200;
  o = overdue_training(all, active, tp, D("2026-11-23"));
  REQUIRE(o.size() == 3);  // by outlet: BJ-01 before SH-01
  CHECK(o[0].engineer == "E-3");
  CHECK(o[1].engineer == "E-1");
  CHECK(o[2].engineer == "E-2");
  CHECK(o[2].kind == "refresh");
  CHECK(format_date(o[2].due) == "2026-10-27");
  tp.refresh_days = 0;  // never
  CHECK(overdue_training(all, active, tp, D("2030-01-01")).size() == 2);  // E-1 repair and quality fails
  // an engineer who left is not listed; sessions after the as-of date do not count
  CHECK(overdue_training(all, {"E-2", "E-3"}, tp, D("2030-01-01")).empty());
  CHECK(overdue_training(all, active, TrainingPolicy{}, D("2026-03-01")).empty());
}
