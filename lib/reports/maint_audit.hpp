// svc audit maint (docs/maint.md): overdue maintenance (a due date before the
// as-of day without a recorded visit), visits with missing checklist items,
// and out-of-limit values without a follow-up ticket (no repair ticket, or
// its repair ticket was cancelled).
#pragma once
#include <string>
#include <vector>

#include "output.hpp"
#include "policy.hpp"
#include "store.hpp"

namespace svc {

struct MaintFinding {
  std::string kind;  // overdue | incomplete | unfollowed
  std::string outlet, plan, asset, ticket;
  Day due = 0;
  std::string detail;
};
std::vector<MaintFinding> audit_maint(Store& s, const Policy& p, Instant as_of);
Table maint_findings_table(const std::vector<MaintFinding>& v);

}  // namespace svc
