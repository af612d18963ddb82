// The outlet assessment (网点考核, docs/assessment.md §5): four dimensions,
// weighted score, grade, the service standard, reward, penalty and actions.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpi.hpp"
#include "money.hpp"
#include "period.hpp"
#include "policy.hpp"

namespace svc {

enum class Grade { Excellent, Good, Pass, Fail, Insufficient };
std::string_view to_string(Grade g);     // "excellent" "good" "pass" "fail" "insufficient"
std::string_view chinese_name(Grade g);  // 优秀 良好 合格 不合格 样本不足
std::optional<Grade> parse_grade(std::string_view s);

struct OutletAssessment {
  std::string outlet;
  std::string region;     // the most common region of its tickets; ties → the smallest name
  std::int64_t tickets = 0;
  double credit = 100;                          // always present
  std::optional<double> technical, service, quality;  // absent when the rate behind it is absent
  std::optional<double> score;                  // nullopt when insufficient (or no weighted dimension)
  Grade grade = Grade::Insufficient;
  bool meets_standard = false;
  std::int64_t findings = 0;
  // voided events on its tickets of the period, as of the assessment (not
  // scored: shows an outlet that voids its findings away); nullopt in a
  // record made before svc counted them
  std::optional<std::int64_t> corrections;
  int kpis_missed = 0;
  std::int64_t reward_cents = 0, penalty_cents = 0;
  std::int64_t net_cents() const { return sub_cents(reward_cents, penalty_cents, "an outlet's net"); }
  std::vector<std::string> actions;             // "interview", "rectification"
  KpiChecks checks;
  Kpis kpis;                                    // the KPIs behind it
};

// The grade of an unrounded score (thresholds from the policy, 1e-9 tolerance).
Grade grade_of(double score, const AssessmentPolicy& a);

// Weighted score of the present dimensions, the weights of the absent ones left
// out and the rest rescaled to sum to 1. nullopt when no present dimension has weight.
std::optional<double> weighted_score(double credit, std::optional<double> technical, std::optional<double> service,
                                     std::optional<double> quality, const AssessmentPolicy& a);

// The technical dimension. With `share` s = 0 (the default: [training]
// assessment_share) the spec's 100 × first-time fix, `training` ignored. With
// s > 0 and a training score T (0..100): (1 − s) × 100 × first-time fix + s × T
// when both exist, T alone when first-time fix is absent; without T the spec's
// formula (docs/assessment.md, docs/training.md).
std::optional<double> technical_dimension(std::optional<double> first_time_fix, std::optional<double> training,
                                          double share);

// Assesses one outlet from its KPIs and findings. `failed_before`: the outlet
// had grade fail in the previous period of the same kind (→ rectification).
// `training`/`training_share`: the outlet's training score for the technical
// dimension (technical_dimension); the defaults give the spec's formula.
OutletAssessment assess(const std::string& outlet, const std::string& region, const Kpis& k,
                        const KpiPolicy& kp, const AssessmentPolicy& a, bool failed_before,
                        std::optional<double> training = std::nullopt, double training_share = 0);

// Training scores fed into the technical dimension: the share s and, per
// outlet, the score T of the assessed period and of the previous period (an
// outlet not listed has no assessed training). Empty = the spec's formula.
struct OutletTraining {
  double share = 0;
  std::map<std::string, double> period, previous;  // outlet → T (0..100)
};

// The outlets' most common region among `tickets` in scope (ties → smallest).
// Every outlet with at least one ticket in scope of `period`, sorted by outlet
// id; `previous` holds the facts for the previous period (may be the same vector).
std::vector<OutletAssessment> assess_outlets(const FactSet& tickets, const Period& period,
                                             const Period& previous, const KpiPolicy& kp,
                                             const AssessmentPolicy& a, const OutletTraining& training = {});

}  // namespace svc
