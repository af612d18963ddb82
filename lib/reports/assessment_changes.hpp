// Has a recorded outlet assessment changed since it was applied? A void
// recorded after the assessment but back-dated to before its as-of (a
// correction of the period made after finance was paid) changes what the
// assessment would say as of the same instant. svc audit outlets says so,
// names the corrections and the outlets whose money or grade they change,
// and --fail-on changed exits 1 (docs/assessment.md "Corrections after
// apply").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "assessment_store.hpp"
#include "corrections.hpp"
#include "period.hpp"
#include "policy.hpp"
#include "reports.hpp"
#include "store.hpp"

namespace svc {

// One outlet whose recorded grade or money differs from a recomputation of
// the assessment as of the record's as-of. A side is nullopt when the outlet
// is only in the other.
struct OutletChange {
  std::string outlet;
  std::optional<Grade> applied_grade, grade;
  std::optional<std::int64_t> applied_net, net;  // cents
};

struct AppliedStatus {
  RecordedAssessment record;                 // the latest revision, with its outlets
  std::vector<CorrectionRow> corrections;    // voids on the period's tickets recorded after it, in effect by its as-of
  std::vector<OutletChange> outlets;         // what they change (computed only when there are corrections)
  bool changed() const { return !corrections.empty(); }
};

// nullopt when the period was never applied.
std::optional<AppliedStatus> applied_status(Store& store, const Policy& p, const Period& period);

// The outlets whose grade or net differ between `recorded` and `now`.
std::vector<OutletChange> outlet_changes(const std::vector<OutletAssessment>& recorded,
                                         const std::vector<OutletAssessment>& now);

// Table: a paragraph after the report; CSV: the columns applied_revision and
// changed_by (the ids of the corrections on each outlet) added to `t`; JSON:
// the "applied" field (left out when never applied, so that the preview equals svc report outlets).
void write_applied_text(std::ostream& out, const std::optional<AppliedStatus>& a, const Period& period,
                        const Policy& p);
void add_applied_columns(Table& t, const std::optional<AppliedStatus>& a);
void write_applied_json(JsonWriter& w, const std::optional<AppliedStatus>& a, const Policy& p);
// The one-line warning said on stderr in every format ("" when unchanged).
std::string applied_warning(const std::optional<AppliedStatus>& a, const Period& period, const Policy& p);

}  // namespace svc
