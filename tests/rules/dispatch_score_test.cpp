// The dispatch scorer (lib/rules/dispatch_score.cpp): each factor on its own, the
// distance bands and remote handling, conflicts, tie-breaks, determinism.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "config.hpp"
#include "dispatch_score.hpp"

using namespace svc;

namespace {

constexpr Instant H = 3600 * kMicrosPerSecond;

DispatchTicket ticket() {
  DispatchTicket t;
  t.ticket = "T1";
  t.outlet = "SH-01";
  t.region = "华东";
  t.type = "repair";
  t.urgency = "normal";
  return t;
}

DispatchEngineer engineer(const std::string& id, const std::string& outlet = "SH-01", const std::string& region = "华东") {
  DispatchEngineer e;
  e.id = id;
  e.name = id;
  e.outlet = outlet;
  e.region = region;
  e.level = 1;
  return e;
}

// A policy where only one weight counts.
DispatchPolicy only(double DispatchPolicy::*w, double v) {
  DispatchPolicy p;
  p.w_same_outlet = p.w_same_region = p.w_skill_type = p.w_skill_line = p.w_workload = p.w_level = p.w_near =
      p.w_conflict = 0;
  p.*w = v;
  return p;
}

const Reason& reason(const Candidate& c, const std::string& factor) {
  auto it = std::find_if(c.reasons.begin(), c.reasons.end(), [&](const Reason& r) { return r.factor == factor; });
  REQUIRE(it != c.reasons.end());
  return *it;
}

double sum(const Candidate& c) {
  double s = 0;
  for (const auto& r : c.reasons) s += r.points;
  return s;
}

}  // namespace

TEST_CASE("outlet and region: same outlet beats same region; another region is blocked") {
  DispatchPolicy p;
  auto t = ticket();
  auto same = score_candidate(p, t, engineer("A"));
  auto region = score_candidate(p, t, engineer("B", "SH-02"));
  auto other = score_candidate(p, t, engineer("C", "BJ-01", "华北"));
  CHECK(reason(same, "outlet").points == 30);
  CHECK(reason(same, "outlet").text == "same outlet SH-01");
  CHECK(reason(region, "region").points == 10);
  CHECK(reason(region, "region").text == "same region 华东, outlet SH-02");
  CHECK(reason(other, "region").points == 0);
  CHECK(other.other_region);
  CHECK_FALSE(other.eligible());
  CHECK(other.blocked() == "other region");
  CHECK(same.eligible());
  CHECK(same.score - region.score == 20);
}

TEST_CASE("skills: the service type and the product line each count once") {
  auto p = only(&DispatchPolicy::w_skill_type, 25);
  p.w_skill_line = 20;
  auto t = ticket();
  t.line = "空调";
  auto e = engineer("A");
  CHECK(score_candidate(p, t, e).score == 0);
  CHECK(reason(score_candidate(p, t, e), "skill_type").text == "no skill repair");
  e.skills = {"repair"};
  CHECK(score_candidate(p, t, e).score == 25);
  e.skills = {"repair", "空调"};
  auto c = score_candidate(p, t, e);
  CHECK(c.score == 45);
  CHECK(reason(c, "skill_line").text == "skill 空调");
  t.line = "";
  CHECK(reason(score_candidate(p, t, e), "skill_line").text == "product line unknown");
  CHECK(score_candidate(p, t, e).score == 25);
}

TEST_CASE("workload subtracts per open ticket; level adds per level") {
  auto p = only(&DispatchPolicy::w_workload, 5);
  auto t = ticket();
  auto e = engineer("A");
  CHECK(reason(score_candidate(p, t, e), "workload").text == "no open tickets");
  e.open = 3;
  CHECK(score_candidate(p, t, e).score == -15);
  CHECK(reason(score_candidate(p, t, e), "workload").text == "3 open tickets");
  auto q = only(&DispatchPolicy::w_level, 3);
  e.level = 4;
  CHECK(score_candidate(q, t, e).score == 12);
  CHECK(reason(score_candidate(q, t, e), "level").text == "level 4");
}

TEST_CASE("conflicts: an overlapping window of another ticket blocks; touching windows do not") {
  auto p = only(&DispatchPolicy::w_conflict, 100);
  auto t = ticket();
  auto e = engineer("A");
  CHECK(reason(score_candidate(p, t, e), "conflict").text == "no appointment window yet");
  t.window = Window{10 * H, 12 * H};
  e.bookings = {{"T7", {11 * H, 13 * H}}, {"T8", {12 * H, 14 * H}}, {"T1", {10 * H, 12 * H}}};
  auto c = score_candidate(p, t, e);
  CHECK(c.conflicts == std::vector<std::string>{"T7"});  // T8 only touches; T1 is the ticket itself
  CHECK(c.score == -100);
  CHECK_FALSE(c.eligible());
  CHECK(c.blocked() == "double booking: T7");
  e.bookings = {{"T8", {12 * H, 14 * H}}};
  c = score_candidate(p, t, e);
  CHECK(c.eligible());
  CHECK(reason(c, "conflict").text == "free in the window");
}

TEST_CASE("distance bands: near bonus for the outlet's own engineers; beyond the radius is remote handling") {
  DispatchPolicy p = only(&DispatchPolicy::w_near, 10);
  p.w_level = 3;
  auto t = ticket();
  auto own = engineer("A"), other = engineer("B", "SH-02");
  own.level = other.level = 2;
  CHECK(distance_band(p, std::nullopt) == DistanceBand::Unknown);
  CHECK(distance_band(p, 30.0) == DistanceBand::Near);
  CHECK(distance_band(p, 30.5) == DistanceBand::Far);
  CHECK(distance_band(p, 100.0) == DistanceBand::Far);
  CHECK(distance_band(p, 100.5) == DistanceBand::Beyond);
  CHECK(reason(score_candidate(p, t, own), "distance").text == "distance unknown");
  t.distance_km = 12;
  CHECK(score_candidate(p, t, own).score == 16);
  CHECK(reason(score_candidate(p, t, own), "distance").text == "near: 12 km from SH-01");
  CHECK(score_candidate(p, t, other).score == 6);
  t.distance_km = 60;
  CHECK(score_candidate(p, t, own).score == 6);
  t.distance_km = 150;
  CHECK(remote_handling(p, t));
  auto c = score_candidate(p, t, own);
  CHECK(c.score == 12);  // level counts double
  CHECK(reason(c, "distance").text == "remote handling: 150 km is beyond the 100 km service radius, no visit");
  p.beyond_radius = "visit";
  CHECK_FALSE(remote_handling(p, t));
  CHECK(score_candidate(p, t, own).score == 6);
}

TEST_CASE("the total is the sum of the reasons, with the default weights") {
  DispatchPolicy p;
  auto t = ticket();
  t.line = "空调";
  t.distance_km = 8;
  t.window = Window{10 * H, 12 * H};
  auto e = engineer("A");
  e.skills = {"repair", "空调"};
  e.level = 3;
  e.open = 2;
  auto c = score_candidate(p, t, e);
  CHECK(c.score == 30 + 25 + 20 - 20 + 10 + 9);
  CHECK(sum(c) == c.score);
  CHECK(reasons_text(c.reasons) ==
        "same outlet SH-01 (+30); skill repair (+25); skill 空调 (+20); 2 open tickets (-20); free in the window; "
        "near: 8 km from SH-01 (+10); level 3 (+9)");
  auto f = score_fast(p, t, e);
  CHECK(f.score == c.score);
  CHECK(f.reasons.empty());
}

TEST_CASE("ties: fewer open tickets, then higher level, then engineer id") {
  DispatchPolicy p = only(&DispatchPolicy::w_same_outlet, 30);  // workload and level weigh nothing
  auto t = ticket();
  auto a = engineer("E-2"), b = engineer("E-1"), c = engineer("E-3"), d = engineer("E-0");
  a.open = 1;
  b.open = 1;
  b.level = 2;
  c.open = 0;
  d.open = 1;
  d.level = 2;
  auto ranked = rank_candidates(p, t, {a, b, c, d});
  std::vector<std::string> ids;
  for (auto& x : ranked) ids.push_back(x.engineer);
  CHECK(ids == std::vector<std::string>{"E-3", "E-0", "E-1", "E-2"});
  // a blocked engineer ranks after every eligible one, whatever his score
  auto far = engineer("E-9", "BJ-01", "华北");
  far.skills = {"repair"};
  far.level = 5;
  p = DispatchPolicy{};
  ranked = rank_candidates(p, t, {far, engineer("E-5")});
  CHECK(ranked.front().engineer == "E-5");
}

TEST_CASE("determinism: the ranking does not depend on the input order") {
  DispatchPolicy p;
  auto t = ticket();
  t.line = "空调";
  std::vector<DispatchEngineer> v;
  for (int i = 0; i < 40; ++i) {
    auto e = engineer(fmt::format("E-{:02}", i), i % 3 ? "SH-01" : "SH-02");
    e.level = 1 + i % 5;
    e.open = i % 4;
    if (i % 2) e.skills = {"repair"};
    if (i % 7 == 0) e.skills.push_back("空调");
    v.push_back(e);
  }
  auto first = rank_candidates(p, t, v);
  std::mt19937 rng(7);
  for (int k = 0; k < 5; ++k) {
    std::shuffle(v.begin(), v.end(), rng);
    auto again = rank_candidates(p, t, v);
    REQUIRE(again.size() == first.size());
    for (size_t i = 0; i < first.size(); ++i) {
      CHECK(again[i].engineer == first[i].engineer);
      CHECK(again[i].score == first[i].score);
    }
  }
}

TEST_CASE("points are shown signed, in their shortest form") {
  CHECK(format_points(30) == "+30");
  CHECK(format_points(-15) == "-15");
  CHECK(format_points(7.5) == "+7.5");
  CHECK(format_points(0) == "0");
  CHECK(format_points(-0.0) == "0");
}

TEST_CASE("[dispatch] policy: defaults, overrides with origins, and every problem with its line") {
  Policy d = default_policy();
  CHECK(d.dispatch.service_radius_km == 100);
  CHECK(d.dispatch.beyond_radius == "remote");
  Policy p = load_policy_text(
      "[dispatch]\nservice_radius_km = 80\nnear_km = 20\nbeyond_radius = \"visit\"\nmax_open = 6\n"
      "weights = { same_outlet = 40, workload = 2.5 }\n",
      "p.toml");
  CHECK(p.dispatch.service_radius_km == 80);
  CHECK(p.dispatch.near_km == 20);
  CHECK(p.dispatch.beyond_radius == "visit");
  CHECK(p.dispatch.max_open == 6);
  CHECK(p.dispatch.w_same_outlet == 40);
  CHECK(p.dispatch.w_workload == 2.5);
  CHECK(p.dispatch.w_skill_type == 25);  // untouched keys keep their defaults
  CHECK(p.origins["dispatch.weights.same_outlet"] == "p.toml:6");
  auto problems = check_policy_text(
      "[dispatch]\nnear_km = 120\nbeyond_radius = \"drive\"\nmax_open = -1\nweights = { same_outlet = 2000, "
      "skil_type = 1 }\nradius = 3\n",
      "bad.toml");
  CHECK(problems == std::vector<std::string>{
                        "bad.toml:6: unknown key 'dispatch.radius'",
                        "bad.toml:2: dispatch.near_km (120) must not exceed dispatch.service_radius_km (100)",
                        "bad.toml:3: dispatch.beyond_radius must be remote or visit, got 'drive'",
                        "bad.toml:4: dispatch.max_open must be an integer from 0 (no limit) to 100000",
                        "bad.toml:5: unknown key 'dispatch.weights.skil_type' (did you mean 'dispatch.weights.skill_type'?)",
                        "bad.toml:5: dispatch.weights.same_outlet must be from 0 to 1000, got 2000",
                    });
  CHECK(check_policy_text("[dispatch]\nweights = 3\n", "w.toml") ==
        std::vector<std::string>{"w.toml:2: dispatch.weights must be a table, e.g. { same_outlet = 30, workload = 5 }"});
}

TEST_CASE("skill_line: the product's line or a skill the model needs (products.skills) earns the credit once") {
  auto p = only(&DispatchPolicy::w_skill_line, 20);
  auto t = ticket();
  t.line = "空调";
  t.needs = {"变频", "高空"};
  auto e = engineer("A");
  CHECK(score_candidate(p, t, e).score == 0);
  CHECK(reason(score_candidate(p, t, e), "skill_line").text == "no skill 空调 or 变频 or 高空");
  e.skills = {"高空"};
  CHECK(score_candidate(p, t, e).score == 20);
  CHECK(reason(score_candidate(p, t, e), "skill_line").text == "skill 高空");
  e.skills = {"变频", "空调"};
  CHECK(score_candidate(p, t, e).score == 20);  // once, not per skill
  CHECK(reason(score_candidate(p, t, e), "skill_line").text == "skill 空调");
  t.line = "";
  CHECK(reason(score_candidate(p, t, e), "skill_line").text == "skill 变频");
}
