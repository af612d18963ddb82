// Recording outlet assessments (schema 004): a period's assessment and money
// are recorded exactly once; a revision (with a reason) adds a new record and
// keeps the old ones. Payouts for finance come from the latest revision.
#pragma once
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "assessment.hpp"
#include "output.hpp"
#include "store.hpp"

namespace svc {

struct RecordedAssessment {
  std::int64_t id = 0;
  std::string period;
  int revision = 0;
  Instant at = 0, as_of = 0;
  std::optional<std::string> reason;
  std::vector<OutletAssessment> outlets;  // the recorded columns only (no KPIs behind them)
};

struct ApplyResult {
  bool recorded = false;      // false: the period was already applied and nothing changed
  RecordedAssessment record;  // what was recorded now, or the latest existing revision
};

// In one transaction: with revise = false, records revision 1 unless the period
// already has a revision (then nothing changes and recorded = false); with
// revise = true, records the next revision with `reason` (UsageError when the
// period was never applied or the reason is empty).
ApplyResult record_assessment(Store& store, const std::string& period, Instant as_of, Instant at,
                              const std::vector<OutletAssessment>& outlets, bool revise, const std::string& reason);

// The latest revision of a period with its outlets, or nullopt when never applied.
std::optional<RecordedAssessment> latest_assessment(Store& store, const std::string& period);
// Every revision of a period (without outlets), oldest first.
std::vector<RecordedAssessment> assessment_revisions(Store& store, const std::string& period);

// svc report payouts: one line per outlet of the recorded revision.
void write_payouts(std::ostream& out, Format f, const RecordedAssessment& r, const TimeZone& tz);

}  // namespace svc
