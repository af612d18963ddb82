#include "assessment.hpp"
#include "money.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace svc {

std::string_view to_string(Grade g) {
  switch (g) {
    case Grade::Excellent: return "excellent";
    case Grade::Good: return "good";
    case Grade::Pass: return "pass";
    case Grade::Fail: return "fail";
    case Grade::Insufficient: return "insufficient";
  }
  return "?";
}

std::string_view chinese_name(Grade g) {
  switch (g) {
    case Grade::Excellent: return "优秀";
    case Grade::Good: return "良好";
    case Grade::Pass: return "合格";
    case Grade::Fail: return "不合格";
    case Grade::Insufficient: return "样本不足";
  }
  return "?";
}

std::optional<Grade> parse_grade(std::string_view s) {
  for (Grade g : {Grade::Excellent, Grade::Good, Grade::Pass, Grade::Fail, Grade::Insufficient})
    if (to_string(g) == s) return g;
  return std::nullopt;
}

Grade grade_of(double score, const AssessmentPolicy& a) {
  if (score >= a.grade_excellent - kTolerance) return Grade::Excellent;
  if (score >= a.grade_good - kTolerance) return Grade::Good;
  if (score >= a.grade_pass - kTolerance) return Grade::Pass;
  return Grade::Fail;
}

std::optional<double> weighted_score(double credit, std::optional<double> technical, std::optional<double> service,
                                     std::optional<double> quality, const AssessmentPolicy& a) {
  double sum = a.w_credit * credit, weights = a.w_credit;
  auto add = [&](std::optional<double> d, double w) {
    if (!d) return;
    sum += w * *d;
    weights += w;
  };
  add(technical, a.w_technical);
  add(service, a.w_service);
  add(quality, a.w_quality);
  if (weights <= 0) return std::nullopt;
  // All dimensions present with weights summing to 1: no rescaling, so no extra rounding.
  if (technical && service && quality && std::fabs(weights - 1) < 1e-12) return sum;
  return sum / weights;
}

std::optional<double> technical_dimension(std::optional<double> first_time_fix, std::optional<double> training,
                                          double share) {
  std::optional<double> spec;
  if (first_time_fix) spec = 100.0 * *first_time_fix;
  if (share <= 0 || !training) return spec;
  if (!spec) return *training;
  return (1 - share) * *spec + share * *training;
}

OutletAssessment assess(const std::string& outlet, const std::string& region, const Kpis& k, const KpiPolicy& kp,
                        const AssessmentPolicy& a, bool failed_before, std::optional<double> training,
                        double training_share) {
  OutletAssessment o;
  o.outlet = outlet;
  o.region = region;
  o.tickets = k.tickets;
  o.findings = k.findings;
  o.kpis = k;
  o.credit = std::max(0.0, 100.0 - a.credit_per_finding * double(k.findings));
  o.technical = technical_dimension(k.first_time_fix(), training, training_share);
  if (auto t = k.timeliness()) o.service = 100.0 * *t;
  auto sat = k.satisfaction();
  auto cr = k.complaint_rate();
  if (sat || cr) o.quality = std::clamp(100.0 * sat.value_or(0) - 100.0 * cr.value_or(0), 0.0, 100.0);
  o.checks = check_kpis(k, kp);
  o.kpis_missed = o.checks.missed();
  o.meets_standard = o.kpis_missed == 0;
  // Insufficient (too few tickets, or no weighted dimension): no score, grade,
  // reward or KPI penalty, but the integrity findings are fined all the same
  // (v3; `fine_insufficient = false` waives them as v2 did).
  const std::int64_t finding_fines = mul_cents(a.penalty_per_finding_cents, k.findings, "an outlet's penalty");
  if (k.tickets >= a.min_tickets) o.score = weighted_score(o.credit, o.technical, o.service, o.quality, a);
  if (!o.score) {
    if (a.fine_insufficient) o.penalty_cents = finding_fines;
    return o;
  }
  o.grade = grade_of(*o.score, a);
  if (o.meets_standard) add_to(o.reward_cents, a.reward_meets_cents, "an outlet's reward");
  // the excellence bonus goes with the standard (v3; `bonus_requires_standard = false`: the grade alone, v2)
  if (o.grade == Grade::Excellent && (o.meets_standard || !a.bonus_requires_standard))
    add_to(o.reward_cents, a.reward_excellent_cents, "an outlet's reward");
  o.penalty_cents = add_cents(mul_cents(a.penalty_per_kpi_cents, o.kpis_missed, "an outlet's penalty"),
                              finding_fines, "an outlet's penalty");
  if (o.grade == Grade::Fail) {
    o.actions.push_back("interview");
    if (failed_before) o.actions.push_back("rectification");
  }
  return o;
}

namespace {

struct OutletTally {
  Kpis kpis;
  std::map<std::string, std::int64_t> regions;
  std::string region() const {
    std::string best;
    std::int64_t n = -1;
    for (const auto& [r, c] : regions)  // ascending: the first of the most common wins ties
      if (c > n) best = r, n = c;
    return best;
  }
};

std::map<std::string, OutletTally> tally(const FactSet& tickets, const Period& p) {
  std::map<std::string, OutletTally> by;
  for (const auto& t : tickets) {
    if (!in_scope(t, p)) continue;
    auto& o = by[t.outlet];
    o.kpis.add(t);
    ++o.regions[t.region];
  }
  for (auto& [k, v] : by) v.kpis.finish();
  return by;
}

}  // namespace

std::vector<OutletAssessment> assess_outlets(const FactSet& tickets, const Period& period,
                                             const Period& previous, const KpiPolicy& kp,
                                             const AssessmentPolicy& a, const OutletTraining& training) {
  auto now = tally(tickets, period);
  auto before = tally(tickets, previous);
  auto score = [](const std::map<std::string, double>& m, const std::string& outlet) -> std::optional<double> {
    auto it = m.find(outlet);
    if (it == m.end()) return std::nullopt;
    return it->second;
  };
  std::vector<OutletAssessment> out;
  for (const auto& [outlet, t] : now) {
    bool failed_before = false;
    if (auto it = before.find(outlet); it != before.end())
      failed_before = assess(outlet, it->second.region(), it->second.kpis, kp, a, false,
                             score(training.previous, outlet), training.share)
                          .grade == Grade::Fail;
    out.push_back(assess(outlet, t.region(), t.kpis, kp, a, failed_before, score(training.period, outlet),
                         training.share));
  }
  return out;
}

}  // namespace svc
