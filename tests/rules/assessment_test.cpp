#include "assessment.hpp"

#include <doctest/doctest.h>

#include "report_fixtures.hpp"

using namespace svc;
using namespace svc::testing;

namespace {

// KPIs of an outlet with n tickets, on_time of them on time and the rest late,
// `sat`/`fu` satisfied/followed up, `cmp` responsible complaints, `ftf`/`done` first-time fixes.
Kpis kpis(std::int64_t n, std::int64_t on_time, std::int64_t fu, std::int64_t sat, std::int64_t cmp,
          std::int64_t done, std::int64_t ftf, std::int64_t findings = 0) {
  Kpis k;
  k.tickets = n;
  k.on_time = on_time;
  k.late = n - on_time;
  k.followed_up = fu;
  k.satisfied = sat;
  k.non_complaint = n;
  k.complaints = cmp;
  k.completed = done;
  k.first_time = ftf;
  k.findings = findings;
  return k;
}

}  // namespace

TEST_CASE("grades from the unrounded score") {
  AssessmentPolicy a;
  CHECK(grade_of(90, a) == Grade::Excellent);
  CHECK(grade_of(89.99, a) == Grade::Good);
  CHECK(grade_of(80, a) == Grade::Good);
  CHECK(grade_of(79.999, a) == Grade::Pass);
  CHECK(grade_of(60, a) == Grade::Pass);
  CHECK(grade_of(59.9999, a) == Grade::Fail);
  CHECK(chinese_name(Grade::Fail) == "不合格");
  CHECK(parse_grade("insufficient") == Grade::Insufficient);
}

TEST_CASE("weighted score and weight renormalisation") {
  AssessmentPolicy a;
  CHECK(*weighted_score(100, 90, 80, 70, a) == doctest::Approx(0.2 * 100 + 0.2 * 90 + 0.3 * 80 + 0.3 * 70));
  // technical absent: weights 0.2, 0.3, 0.3 rescaled to 0.25, 0.375, 0.375
  CHECK(*weighted_score(100, std::nullopt, 80, 60, a) == doctest::Approx(0.25 * 100 + 0.375 * 80 + 0.375 * 60));
  // only credit present: the score is the credit
  CHECK(*weighted_score(60, std::nullopt, std::nullopt, std::nullopt, a) == doctest::Approx(60));
  a.w_credit = 0, a.w_technical = 0.4, a.w_service = 0.3, a.w_quality = 0.3;
  CHECK_FALSE(weighted_score(60, std::nullopt, std::nullopt, std::nullopt, a));
}

TEST_CASE("an excellent outlet meeting the standard: reward 2000 + 1000") {
  KpiPolicy kp;
  AssessmentPolicy a;
  auto o = assess("SH-01", "华东", kpis(20, 19, 20, 19, 0, 20, 20), kp, a, false);
  CHECK(o.credit == 100);
  CHECK(*o.technical == 100);
  CHECK(*o.service == doctest::Approx(95));
  CHECK(*o.quality == doctest::Approx(95));
  CHECK(*o.score == doctest::Approx(0.2 * 100 + 0.2 * 100 + 0.3 * 95 + 0.3 * 95));
  CHECK(o.grade == Grade::Excellent);
  CHECK(o.meets_standard);
  CHECK(o.reward_cents == 300000);
  CHECK(o.penalty_cents == 0);
  CHECK(o.net_cents() == 300000);
  CHECK(o.actions.empty());
}

TEST_CASE("penalties to the cent: each KPI missed and each finding") {
  KpiPolicy kp;
  AssessmentPolicy a;
  a.penalty_per_kpi_cents = 50001;  // 500.01, to see every cent
  // timeliness 8/10 missed, satisfaction 8/10 missed, complaints 1/10 missed, 2 findings
  auto o = assess("SH-02", "华东", kpis(10, 8, 10, 8, 1, 10, 9, 2), kp, a, false);
  CHECK(o.kpis_missed == 3);
  CHECK_FALSE(o.meets_standard);
  CHECK(o.credit == 60);
  CHECK(*o.quality == doctest::Approx(70));
  CHECK(o.penalty_cents == 3 * 50001 + 2 * 100000);
  CHECK(o.reward_cents == 0);
  CHECK(o.net_cents() == -350003);
}

TEST_CASE("quality: an absent rate counts as 0, both absent → dimension absent; clamp at 0") {
  KpiPolicy kp;
  AssessmentPolicy a;
  auto nofollow = assess("X", "", kpis(10, 10, 0, 0, 0, 0, 0), kp, a, false);
  REQUIRE(nofollow.quality);
  CHECK(*nofollow.quality == 0);  // no follow-up calls: satisfaction counts 0
  CHECK_FALSE(nofollow.technical);
  CHECK(nofollow.meets_standard);  // absent satisfaction does not fail the standard
  Kpis only_complaints = kpis(10, 10, 0, 0, 0, 0, 0);
  only_complaints.non_complaint = 0;
  auto q = assess("X", "", only_complaints, kp, a, false);
  CHECK_FALSE(q.quality);
  CHECK(*q.score == doctest::Approx((0.2 * 100 + 0.3 * 100) / 0.5));
  auto clamped = assess("X", "", kpis(10, 10, 10, 1, 5, 0, 0), kp, a, false);
  CHECK(*clamped.quality == 0);  // 10 − 50 → 0
}

TEST_CASE("insufficient outlets: no score, no reward, no KPI penalty, no actions; the findings are still fined") {
  KpiPolicy kp;
  AssessmentPolicy a;
  // 9 tickets, every KPI missed (timeliness 0, satisfaction 0, complaints 9/9), 3 findings
  auto o = assess("S", "华南", kpis(9, 0, 9, 0, 9, 9, 0, 3), kp, a, true);
  CHECK(o.grade == Grade::Insufficient);
  CHECK_FALSE(o.score);
  CHECK(o.kpis_missed == 3);
  CHECK(o.reward_cents == 0);
  CHECK(o.penalty_cents == 3 * 100000);  // 3 × 1000.00, the three missed KPIs not charged
  CHECK(o.net_cents() == -300000);
  CHECK(o.actions.empty());
  CHECK(o.findings == 3);
  CHECK(o.credit == 40);
}

TEST_CASE("v3: an outlet with 9 tickets and 2 integrity findings pays 2000.00, net -2000.00") {
  KpiPolicy kp;
  AssessmentPolicy a;
  // 9 tickets, 7 on time and 2 late (timeliness 7/9 = 0.78: missed), 9 follow-ups all
  // satisfied, no complaint, 9 first-time fixes; 2 findings (e.g. signed before completion)
  auto o = assess("O-C", "华东", kpis(9, 7, 9, 9, 0, 9, 9, 2), kp, a, false);
  CHECK(o.grade == Grade::Insufficient);
  CHECK_FALSE(o.score);
  CHECK_FALSE(o.meets_standard);
  CHECK(o.kpis_missed == 1);  // not charged below min_tickets
  // by hand: 2 findings × 1000.00 = 2000.00; no reward; net 0.00 − 2000.00
  CHECK(o.reward_cents == 0);
  CHECK(o.penalty_cents == 200000);
  CHECK(o.net_cents() == -200000);
  CHECK(o.actions.empty());
  // the fine follows the policy's amount
  a.penalty_per_finding_cents = 123456;
  CHECK(assess("O-C", "华东", kpis(9, 7, 9, 9, 0, 9, 9, 2), kp, a, false).penalty_cents == 2 * 123456);
  // without findings an insufficient outlet pays nothing
  CHECK(assess("O-C", "华东", kpis(9, 7, 9, 9, 0, 9, 9, 0), kp, a, false).penalty_cents == 0);
  // [assessment] fine_insufficient = false: v2, waived
  a.fine_insufficient = false;
  auto v2 = assess("O-C", "华东", kpis(9, 7, 9, 9, 0, 9, 9, 2), kp, a, false);
  CHECK(v2.penalty_cents == 0);
  CHECK(v2.net_cents() == 0);
}

TEST_CASE("v3: no excellence bonus without the standard (O-B at 85 % timeliness, otherwise excellent)") {
  KpiPolicy kp;
  AssessmentPolicy a;
  // 20 tickets, 17 on time and 3 late: timeliness 0.85 < 0.90; 20 follow-ups all satisfied,
  // no complaint, 20 first-time fixes, no finding
  Kpis k = kpis(20, 17, 20, 20, 0, 20, 20);
  auto o = assess("O-B", "华东", k, kp, a, false);
  // by hand: credit 100, technical 100, service 85, quality 100;
  // score 0.2·100 + 0.2·100 + 0.3·85 + 0.3·100 = 20 + 20 + 25.5 + 30 = 95.5 → excellent
  CHECK(*o.service == doctest::Approx(85));
  CHECK(*o.score == doctest::Approx(95.5));
  CHECK(o.grade == Grade::Excellent);
  CHECK_FALSE(o.meets_standard);
  CHECK(o.kpis_missed == 1);
  // reward: not 2000.00 (standard missed) and not 1000.00 (the bonus needs the standard) = 0.00;
  // penalty: 1 KPI missed × 500.00 = 500.00; net 0.00 − 500.00 = −500.00
  CHECK(o.reward_cents == 0);
  CHECK(o.penalty_cents == 50000);
  CHECK(o.net_cents() == -50000);
  // [assessment] bonus_requires_standard = false: v2, the bonus on the grade alone: 1000.00 − 500.00 = +500.00
  a.bonus_requires_standard = false;
  auto v2 = assess("O-B", "华东", k, kp, a, false);
  CHECK(v2.reward_cents == 100000);
  CHECK(v2.net_cents() == 50000);
  // meeting the standard (18 of 20 on time: 0.90) it gets both: 2000.00 + 1000.00, either way
  a.bonus_requires_standard = true;
  auto both = assess("O-B", "华东", kpis(20, 18, 20, 20, 0, 20, 20), kp, a, false);
  CHECK(both.meets_standard);
  CHECK(both.grade == Grade::Excellent);
  CHECK(both.reward_cents == 300000);
  CHECK(both.net_cents() == 300000);
}

TEST_CASE("fail → interview; fail now and before → rectification too") {
  KpiPolicy kp;
  AssessmentPolicy a;
  Kpis bad = kpis(10, 2, 10, 2, 0, 10, 2);
  auto once = assess("F", "", bad, kp, a, false);
  CHECK(once.grade == Grade::Fail);
  CHECK(once.actions == std::vector<std::string>{"interview"});
  auto twice = assess("F", "", bad, kp, a, true);
  CHECK(twice.actions == std::vector<std::string>{"interview", "rectification"});
}

TEST_CASE("assess_outlets: every outlet in scope, sorted, region by majority, previous period") {
  KpiPolicy kp;
  AssessmentPolicy a;
  a.min_tickets = 2;
  Period nov = parse_period("2026-11", shanghai());
  Period oct = parse_period("2026-10", shanghai());
  std::vector<ReportTicket> ts;
  auto add = [&](const std::string& outlet, const char* when, TicketStatus s, const std::string& region) {
    auto t = facts(outlet + std::to_string(ts.size()), s, outlet);
    t.created = at(when);
    t.region = region;
    ts.push_back(t);
  };
  // B fails in both months → rectification
  add("B", "2026-10-05 10:00", TicketStatus::Late, "华北");
  add("B", "2026-10-06 10:00", TicketStatus::Late, "华北");
  add("B", "2026-11-05 10:00", TicketStatus::Late, "华东");
  add("B", "2026-11-06 10:00", TicketStatus::Late, "华北");
  // A: one ticket only in November → insufficient; regions tie → smallest
  add("A", "2026-11-07 10:00", TicketStatus::OnTime, "华南");
  // C: only a cancelled ticket → not listed
  add("C", "2026-11-07 10:00", TicketStatus::Cancelled, "华南");
  ts.back().cancelled = true;
  auto out = assess_outlets(ts, nov, oct, kp, a);
  REQUIRE(out.size() == 2);
  CHECK(out[0].outlet == "A");
  CHECK(out[0].grade == Grade::Insufficient);
  CHECK(out[1].outlet == "B");
  CHECK(out[1].tickets == 2);
  CHECK(out[1].region == "华东");  // 1:1 tie → the smaller name (华东 < 华北 in UTF-8)
  CHECK(out[1].grade == Grade::Fail);
  CHECK(out[1].actions == std::vector<std::string>{"interview", "rectification"});
}

TEST_CASE("spec §6 outlet example: 100 / 95.3 / 92.1 / 90.8 → 93.93 excellent; meets the standard → 3000.00") {
  AssessmentPolicy a;
  auto s = weighted_score(100.0, 95.3, 92.1, 90.8, a);
  REQUIRE(s);
  CHECK(*s == doctest::Approx(93.93));
  CHECK(grade_of(*s, a) == Grade::Excellent);
  // the same through assess: every rate present and on the right side of its threshold
  KpiPolicy kp;
  auto o = assess("SH-01", "华东", kpis(212, 200, 180, 170, 2, 200, 195), kp, a, false);
  CHECK(o.meets_standard);
  CHECK(o.grade == Grade::Excellent);
  CHECK(o.reward_cents == 300000);
  CHECK(o.penalty_cents == 0);
  CHECK(o.net_cents() == 300000);
}

TEST_CASE("a score exactly on a grade boundary gets that grade although binary floating point misses it") {
  // credit 100, technical 100, service 100 × 10/11, quality 100 × 25/33: exactly
  // 0.2·100 + 0.2·100 + 0.3·(1000/11) + 0.3·(2500/33) = 90, but the doubles sum to 89.99999999999999.
  KpiPolicy kp;
  AssessmentPolicy a;
  Kpis k = kpis(33, 10, 33, 25, 0, 33, 33);
  k.late = 1;  // 10 on time, 1 late, 22 open
  auto o = assess("X", "", k, kp, a, false);
  REQUIRE(o.score);
  CHECK(*o.score == doctest::Approx(90));
  CHECK(*o.score < 90);  // the binary sum really misses the boundary...
  CHECK(o.grade == Grade::Excellent);  // ... and the grade does not
  // excellent, but satisfaction 25/33 < 0.85 misses the standard: no bonus (v3), -500.00
  CHECK_FALSE(o.meets_standard);
  CHECK(o.kpis_missed == 1);
  CHECK(o.reward_cents == 0);
  CHECK(o.penalty_cents == 50000);
  CHECK(o.net_cents() == -50000);
  // the other boundaries, from the policy
  CHECK(grade_of(80, a) == Grade::Good);
  CHECK(grade_of(60, a) == Grade::Pass);
  a.grade_excellent = 95, a.grade_good = 85, a.grade_pass = 70;
  CHECK(grade_of(93.93, a) == Grade::Good);
  CHECK(grade_of(69.99, a) == Grade::Fail);
}

TEST_CASE("weight renormalisation when service (no on-time or late ticket) is absent") {
  KpiPolicy kp;
  AssessmentPolicy a;
  Kpis k = kpis(10, 0, 10, 10, 0, 10, 5);
  k.late = 0;  // every ticket still open: timeliness absent
  auto o = assess("X", "", k, kp, a, false);
  CHECK_FALSE(o.service);
  CHECK_FALSE(o.checks.timeliness);  // an absent rate misses nothing
  CHECK(o.meets_standard);
  // credit 100 (0.2), technical 50 (0.2), quality 100 (0.3): weights scaled by 1/0.7
  CHECK(*o.score == doctest::Approx((0.2 * 100 + 0.2 * 50 + 0.3 * 100) / 0.7));
  CHECK(o.grade == Grade::Good);  // 85.71…
  CHECK(o.reward_cents == 200000);
}

TEST_CASE("min_tickets: exactly min_tickets is assessed, one fewer is insufficient; credit floors at 0") {
  KpiPolicy kp;
  AssessmentPolicy a;
  CHECK(assess("X", "", kpis(10, 10, 10, 10, 0, 10, 10), kp, a, false).grade == Grade::Excellent);
  CHECK(assess("X", "", kpis(9, 9, 9, 9, 0, 9, 9), kp, a, false).grade == Grade::Insufficient);
  auto o = assess("X", "", kpis(10, 10, 10, 10, 0, 10, 10, 7), kp, a, false);
  CHECK(o.credit == 0);  // max(0, 100 - 20 × 7)
  CHECK(o.penalty_cents == 7 * 100000);
}

TEST_CASE("rectification needs fail in both periods: not after an insufficient one, none when now insufficient") {
  KpiPolicy kp;
  AssessmentPolicy a;
  a.min_tickets = 2;
  Period w47 = parse_period("2026-W47", shanghai());
  Period w46 = previous_period(w47, shanghai());
  std::vector<ReportTicket> ts;
  auto add = [&](const std::string& outlet, const char* when, TicketStatus s) {
    auto t = facts(outlet + std::to_string(ts.size()), s, outlet);
    t.created = at(when);
    ts.push_back(t);
  };
  add("P", "2026-11-12 10:00", TicketStatus::Late);  // W46: one ticket → insufficient
  add("P", "2026-11-17 10:00", TicketStatus::Late);  // W47: fail
  add("P", "2026-11-18 10:00", TicketStatus::Late);
  add("Q", "2026-11-10 10:00", TicketStatus::Late);  // W46: fail
  add("Q", "2026-11-11 10:00", TicketStatus::Late);
  add("Q", "2026-11-19 10:00", TicketStatus::Late);  // W47: insufficient
  add("R", "2026-11-15 23:59", TicketStatus::Late);  // W46 (Sunday night): fail
  add("R", "2026-11-15 22:00", TicketStatus::Late);
  add("R", "2026-11-16 00:00", TicketStatus::Late);  // W47 (Monday 00:00): fail
  add("R", "2026-11-22 23:59", TicketStatus::Late);
  auto out = assess_outlets(ts, w47, w46, kp, a);
  REQUIRE(out.size() == 3);
  CHECK(out[0].outlet == "P");
  CHECK(out[0].actions == std::vector<std::string>{"interview"});
  CHECK(out[1].outlet == "Q");
  CHECK(out[1].grade == Grade::Insufficient);
  CHECK(out[1].actions.empty());
  CHECK(out[2].outlet == "R");
  CHECK(out[2].tickets == 2);
  CHECK(out[2].actions == std::vector<std::string>{"interview", "rectification"});
}

TEST_CASE("technical dimension with training ([training] assessment_share): both, only T, none, share 0") {
  // s = 0.25, first-time fix 0.8, T = 60: 0.75 × 80 + 0.25 × 60 = 75
  CHECK(*technical_dimension(0.8, 60.0, 0.25) == doctest::Approx(75));
  // s = 1: T alone even when first-time fix exists
  CHECK(*technical_dimension(0.8, 60.0, 1.0) == doctest::Approx(60));
  // first-time fix absent: T alone, whatever the share
  CHECK(*technical_dimension(std::nullopt, 72.5, 0.25) == 72.5);
  // no assessed training: the spec's formula, or absent
  CHECK(*technical_dimension(0.8, std::nullopt, 0.25) == 100.0 * 0.8);
  CHECK_FALSE(technical_dimension(std::nullopt, std::nullopt, 0.25));
  // share 0: training is ignored, first-time fix present or not
  CHECK(*technical_dimension(0.8, 60.0, 0) == 100.0 * 0.8);
  CHECK_FALSE(technical_dimension(std::nullopt, 60.0, 0));

  KpiPolicy kp;
  AssessmentPolicy a;
  // 10 tickets, all on time, all satisfied, FTF 8/10 → technical 80, score 0.2·100 + 0.2·80 + 0.3·100 + 0.3·100 = 96
  auto k = kpis(10, 10, 10, 10, 0, 10, 8);
  auto spec = assess("X", "", k, kp, a, false);
  CHECK(*spec.technical == doctest::Approx(80));
  CHECK(*spec.score == doctest::Approx(96));
  // with T = 30, s = 0.5: technical 55, score 20 + 11 + 30 + 30 = 91
  auto both = assess("X", "", k, kp, a, false, 30.0, 0.5);
  CHECK(*both.technical == doctest::Approx(55));
  CHECK(*both.score == doctest::Approx(91));
  CHECK(both.grade == Grade::Excellent);
  // T = 0, s = 1: technical 0, score 80 → good, reward 2000 only
  auto only = assess("X", "", k, kp, a, false, 0.0, 1.0);
  CHECK(*only.technical == 0);
  CHECK(only.grade == Grade::Good);
  CHECK(only.reward_cents == 200000);
  // no completion: T alone makes the technical dimension present and weighted
  auto none_done = kpis(10, 10, 10, 10, 0, 0, 0);
  CHECK_FALSE(assess("X", "", none_done, kp, a, false).technical);
  auto t_only = assess("X", "", none_done, kp, a, false, 50.0, 0.25);
  CHECK(*t_only.technical == 50);
  CHECK(*t_only.score == doctest::Approx(0.2 * 100 + 0.2 * 50 + 0.3 * 100 + 0.3 * 100));
}

TEST_CASE("assess_outlets with training: per outlet, the previous period with its own scores, share 0 identical") {
  KpiPolicy kp;
  AssessmentPolicy a;
  a.min_tickets = 2;
  Period nov = parse_period("2026-11", shanghai());
  Period oct = parse_period("2026-10", shanghai());
  std::vector<ReportTicket> ts;
  auto add = [&](const std::string& outlet, const char* when, TicketStatus s) {
    auto t = facts(outlet + std::to_string(ts.size()), s, outlet);
    t.created = at(when);
    ts.push_back(t);
  };
  // F: 3 of 4 on time in October, late in November → fail both → rectification without training
  add("F", "2026-10-05 10:00", TicketStatus::OnTime);
  add("F", "2026-10-06 10:00", TicketStatus::OnTime);
  add("F", "2026-10-07 10:00", TicketStatus::OnTime);
  add("F", "2026-10-08 10:00", TicketStatus::Late);
  add("F", "2026-11-05 10:00", TicketStatus::Late);
  add("F", "2026-11-06 10:00", TicketStatus::Late);
  // G: on time in November
  add("G", "2026-11-05 10:00", TicketStatus::OnTime);
  add("G", "2026-11-06 10:00", TicketStatus::OnTime);
  auto plain = assess_outlets(ts, nov, oct, kp, a);
  REQUIRE(plain.size() == 2);
  CHECK(plain[0].actions == std::vector<std::string>{"interview", "rectification"});

  // share 0 with scores given: every output identical to the spec's formula
  OutletTraining off;
  off.period = {{"F", 100}, {"G", 0}};
  off.previous = {{"F", 100}};
  auto same = assess_outlets(ts, nov, oct, kp, a, off);
  REQUIRE(same.size() == plain.size());
  for (std::size_t i = 0; i < same.size(); ++i) {
    CHECK(same[i].technical == plain[i].technical);
    CHECK(same[i].score == plain[i].score);
    CHECK(same[i].grade == plain[i].grade);
    CHECK(same[i].reward_cents == plain[i].reward_cents);
    CHECK(same[i].penalty_cents == plain[i].penalty_cents);
    CHECK(same[i].actions == plain[i].actions);
  }

  OutletTraining on;
  on.share = 0.5;
  on.period = {{"G", 40}};
  auto g_only = assess_outlets(ts, nov, oct, kp, a, on);
  CHECK(g_only[0].technical == plain[0].technical);  // F: no training in the period → the spec's formula
  CHECK_FALSE(plain[1].technical);  // G: no completion → no first-time fix → T alone
  CHECK(*g_only[1].technical == 40);

  // the previous period uses its own scores: with T = 100 at s = 1, F's October is 0.2·100 + 0.2·100 + 0.3·75 +
  // 0.3·0 = 62.5 → pass (without: (20 + 22.5) / 0.8 = 53.1 → fail), so November calls for no rectification
  on.share = 1.0;
  on.previous = {{"F", 100}};
  auto oct_report = assess_outlets(ts, oct, previous_period(oct, shanghai()), kp, a, OutletTraining{1.0, on.previous, {}});
  REQUIRE(oct_report.size() == 1);
  CHECK(*oct_report[0].score == doctest::Approx(62.5));
  CHECK(assess_outlets(ts, oct, previous_period(oct, shanghai()), kp, a)[0].grade == Grade::Fail);
  auto out = assess_outlets(ts, nov, oct, kp, a, on);
  CHECK(out[0].grade == Grade::Fail);
  CHECK(out[0].actions == std::vector<std::string>{"interview"});
  // the period's score alone does not decide the previous period: T only for November keeps the rectification
  OutletTraining now_only;
  now_only.share = 1.0;
  now_only.period = {{"F", 0}};
  CHECK(assess_outlets(ts, nov, oct, kp, a, now_only)[0].actions ==
        std::vector<std::string>{"interview", "rectification"});
}
