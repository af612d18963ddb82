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
#include "period.hpp"
#include "policy.hpp"
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

// When a period can be applied (docs/assessment.md#when-a-period-can-be-applied):
// the start of the local day `[assessment] settle_days` days after the day
// after its last day, i.e. its end plus the settling time.
Instant settled_at(const Period& period, const Policy& p);
// Refuses to record money for `period` as of `as_of` at `now`: NotYet (exit 75,
// a later run succeeds) while now is before settled_at or when as_of is later
// than now; UsageError when as_of is before settled_at although now is not.
// Both messages say from when and how the period can be applied.
void check_can_apply(const Period& period, Instant as_of, Instant now, const Policy& p);
// Refuses (DataError, exit 65) to record an assessment that cannot be the
// period's: a period that ends before the store's first event (a typo such as
// 1970-01, or a period from before svc was used) or one in which no outlet
// has a ticket (an empty record would block the real one). `outlets` is the
// computed assessment.
void check_assessable(Store& store, const Period& period, const std::vector<OutletAssessment>& outlets,
                      const Policy& p);
// A recorded revision computed before its period settled (by a version of svc
// without the settling rule): its as_of or its recording time is before
// settled_at. Returns what to say, with the command that revises it.
std::optional<std::string> recorded_too_early(const RecordedAssessment& r, const Period& period, const Policy& p);

// svc report payouts: one line per outlet of the recorded revision.
// The table's heading is in the report language `lang` ([report] lang).
void write_payouts(std::ostream& out, Format f, const RecordedAssessment& r, const TimeZone& tz,
                   const ReportPolicy& lang = ReportPolicy{});

}  // namespace svc
