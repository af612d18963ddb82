// The engineer report (svc report engineers): per engineer — the engineer of
// each ticket's last `dispatched` — tickets, timeliness, first-time fix,
// satisfaction, labour hours and a grade from the policy's [engineers] thresholds.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "assessment.hpp"
#include "kpi.hpp"
#include "output.hpp"
#include "policy.hpp"

namespace svc {

struct EngineerRow {
  std::string engineer;
  Kpis kpis;
  Grade grade = Grade::Insufficient;
};

// The grade of an engineer's KPIs: insufficient below min_tickets or with no
// rate at all; else the highest grade whose thresholds every present rate meets; else fail.
Grade engineer_grade(const Kpis& k, const EngineerPolicy& p);

struct EngineerReport {
  Period period;
  Instant as_of = 0;
  std::vector<EngineerRow> engineers;  // sorted by engineer id; never-dispatched tickets are left out
  std::int64_t undispatched = 0;       // tickets in scope that were never dispatched
};
EngineerReport engineer_report(const FactSet& tickets, const Period& period, Instant as_of,
                               const EngineerPolicy& p);
void write_engineer_report(std::ostream& out, Format f, const EngineerReport& r, const Policy& p);

}  // namespace svc
