// Planned maintenance (svc maint, docs/maint.md): assets, plans with an asset
// selector, an interval and a checklist; what is due; generating the
// maintenance tickets (real tickets: `created` events of type maintenance,
// appended like `svc ticket create`), idempotently, one per plan, asset and
// due date; and recording a visit's checklist results, where values out of
// limits are findings that open a repair ticket in the same transaction.
// Tables: schemas/009_maint.sql.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "maint_interval.hpp"
#include "output.hpp"
#include "policy.hpp"
#include "store.hpp"

namespace svc {

struct Asset {
  std::string id, kind, site, customer, outlet;
  std::optional<Day> installed;
  std::map<std::string, std::string> attrs;  // e.g. dn=80, origin=imported
  std::optional<Instant> retired;             // svc maint asset retire: no longer selected by plans
  std::string retired_reason;
};

// One condition of a selector: FIELD OP VALUE, OP one of = != >= <= > <.
// `=` and `!=` take alternatives separated by '|' (kind=station|valve_pit).
// FIELD is kind, site, customer, outlet, or an attribute. Comparisons are
// numeric when both sides are numbers, else text.
struct SelectorTerm {
  std::string field, op;
  std::vector<std::string> values;
};
struct Selector {
  std::vector<SelectorTerm> terms;  // all must hold; none = every asset
  std::string text;
};
// "kind=valve, dn>=65". Throws UsageError when malformed.
Selector parse_selector(std::string_view s);
bool matches(const Selector& sel, const Asset& a);

struct ChecklistItem {
  std::string key;
  std::string type;  // number | yesno | text
  std::string unit;
  std::optional<double> min, max;
  bool required = true;
  bool urgent = false;  // a finding on it opens an urgent repair ticket
};
// "KEY:TYPE[:UNIT][:MIN..MAX][:optional][:urgent]", e.g. "inlet_pressure:number:kPa:2.0..4.0",
// "leak_test:yesno:urgent", "remarks:text:optional". Throws UsageError when malformed.
ChecklistItem parse_item(std::string_view s);
std::string item_spec(const ChecklistItem& c);

struct MaintPlan {
  std::string id, name;
  Selector selector;
  Interval interval;
  Day start = 0;
  int min_crew = 1;
  std::vector<ChecklistItem> checklist;
};

// Validation of one recorded value against its item. Returns the value in
// canonical form, or nullopt with `why` (bad type). `finding` is set when the
// value is valid but outside the item's limits (a number out of min..max, a
// yes/no answered no).
std::optional<std::string> check_value(const ChecklistItem& c, const std::string& raw, std::string& why,
                                       std::string& finding);

// --- assets and plans (each write one transaction; DataError 65 on bad data)
void add_asset(Store& s, const Asset& a);
// In-service assets; with include_retired also the retired ones.
std::vector<Asset> list_assets(Store& s, const std::string& outlet = "", const std::string& kind = "",
                               bool include_retired = false);
struct AssetPatch {
  std::optional<std::string> kind, site, customer, outlet;
  std::optional<Day> installed;
  std::map<std::string, std::string> set_attrs;
  std::vector<std::string> unset_attrs;
};
// Changes an in-service asset's master data (like svc outlet update): NotFound
// (did you mean) for an unknown asset, DataError for a retired one or an
// unknown outlet. Due dates follow the asset from now on; generated tickets stay.
void update_asset(Store& s, const std::string& id, const AssetPatch& p);
// Retires an asset (reason required): it leaves every plan's selection, and
// its generated tickets that are still open (no visit, not completed, closed
// or cancelled) are cancelled with the reason, in the same transaction.
// Returns the tickets cancelled.
std::vector<std::string> retire_asset(Store& s, const Policy& p, const std::string& id, const std::string& reason,
                                      Instant at);
std::optional<Asset> find_asset(Store& s, const std::string& id);
// UsageError (did you mean) when a selector names a field that is neither
// kind, site, customer, outlet nor an attribute of any asset (`knd=station`).
void check_selector_fields(Store& s, const Selector& sel);
void add_plan(Store& s, const MaintPlan& p);  // checks the selector's fields
std::vector<MaintPlan> list_plans(Store& s);  // plans in force (not retired)
struct PlanPatch {
  std::optional<std::string> name;
  std::optional<Selector> selector;
  std::optional<Interval> interval;
  std::optional<Day> start;
  std::optional<int> min_crew;
};
// Changes a plan in force (the checklist stays: a new checklist is a new
// plan). Moved due dates are re-planned by the next generate (docs/maint.md).
void update_plan(Store& s, const std::string& id, const PlanPatch& p);
// Retires a plan (reason required): no more due dates; its generated tickets
// still open (no visit; new, responded or scheduled) are cancelled with the
// reason, in the same transaction. Returns the tickets cancelled.
std::vector<std::string> retire_plan(Store& s, const Policy& p, const std::string& id, const std::string& reason,
                                     Instant at);
MaintPlan get_plan(Store& s, const std::string& id);  // DataError with "did you mean" when unknown

// --- due work
struct DueRow {
  std::string plan, asset, outlet, kind, site;
  Day first_due = 0;       // earliest open due date
  int open = 0;            // open due dates up to the horizon
  bool overdue = false;    // first_due is before the as-of day
  std::string ticket;      // generated ticket of first_due, "" when not generated yet
};
// Open due dates (no visit recorded) from each plan's start up to as-of day +
// within_days, one row per plan and asset, ordered by outlet, due date, asset.
std::vector<DueRow> due_work(Store& s, const Policy& p, Instant as_of, int within_days, const std::string& outlet = "");
Table due_table(const std::vector<DueRow>& rows);

struct GenerateResult {
  std::vector<std::string> created;  // ticket ids, in order
  int existing = 0;                  // due dates that already had their ticket
  int later = 0;                     // due dates up to `until` whose day has not begun: not created yet
  std::map<std::string, std::vector<std::string>> skipped;  // inactive outlet -> its assets, not generated
  std::vector<std::string> superseded;  // open tickets of moved due dates, cancelled (re-planned)
};
// The ticket id of a plan's due date for an asset: M-<plan>-<asset>-<yyyymmdd>.
std::string maint_ticket_id(const std::string& plan, const std::string& asset, Day due);
// Creates a maintenance ticket for every due date up to `until` (from each
// plan's start; after-in-service dates also before it) that has none, in one
// transaction. A created event is stamped at the start of its due day (local
// time), so the SLA clocks run from when the work is due; a due day that has
// not begun by `at` (now) is not created (counted in `later`). The due date
// and plan go in the note. Running it again creates nothing.
// With dry_run, everything is done and checked in the transaction, which is
// then rolled back: the result says what a run would create; nothing changes.
GenerateResult generate(Store& s, const Policy& p, Day until, Instant at, bool dry_run = false);

struct RecordRequest {
  std::string ticket;
  Instant at = 0;
  std::string crew;  // "3" or "张工,李工"
  std::vector<std::pair<std::string, std::string>> values;  // key, raw value (with the source for messages)
  std::vector<std::string> where;                           // per value: "--item" or "FILE:LINE"
};
struct RecordResult {
  std::vector<std::string> missing;   // required keys without a value
  std::vector<std::pair<std::string, std::string>> findings;  // key, why
  std::string repair;                 // repair ticket opened, "" when no findings
  std::vector<std::string> events;    // kinds of the ticket events written (responded, dispatched, arrived, completed)
  bool understaffed = false;          // the crew was below the plan's minimum: recorded, the ticket not completed
  int seq = 1;                        // 1 for the first record of the visit, 2… for a revisit
};
// Records the visit of a maintenance ticket and moves the ticket with it (at
// the visit's time: responded, dispatched to the crew if nobody is, arrived,
// and completed with the crew and readings in its note when nothing required
// is missing). Refused (DataError 65, nothing stored): not a ticket of svc
// maint, a cancelled ticket, already recorded, a crew that is not names or
// smaller than the plan's minimum, --at before the ticket's creation or last
// event, an unknown key, a key given twice, a value of the wrong type. Missing
// required items are recorded as incomplete (the ticket is left on site).
RecordResult record_visit(Store& s, const Policy& p, const RecordRequest& r);
// The records of one visit (the first in maint_visits, later ones in
// maint_revisits), for the audit and `maint visit`.
struct VisitRecord {
  int seq = 1;
  Instant at = 0;
  std::string crew;
  int crew_size = 0;
  std::string missing;  // required keys still without a value after it, comma-separated
  std::string repair;   // repair ticket of its findings, "" when none
  std::vector<std::tuple<std::string, std::string, std::string>> results;  // key, value, finding ("" = none)
};
std::vector<VisitRecord> visit_records(Store& s, const std::string& ticket);

// The station log (svc maint visit list|show): one row per visit record.
struct VisitRow {
  std::string ticket, plan, plan_name, asset, kind, site, outlet;
  Day due = 0;
  int min_crew = 1;
  VisitRecord rec;
  bool complete = false;  // this record left nothing required missing and had the minimum crew
};
// Every visit record, filtered by outlet, plan and asset ("" = any), ordered
// by visit time, ticket and record number.
std::vector<VisitRow> list_visits(Store& s, const std::string& outlet = "", const std::string& plan = "",
                                  const std::string& asset = "");
// One ticket's records; NotFound (did you mean) when it has none.
std::vector<VisitRow> visit_of(Store& s, const std::string& ticket);
Table visits_table(const std::vector<VisitRow>& rows, const TimeZone& tz);

// Reads KEY,VALUE rows (header `key,value`) from a CSV file into r.values.
void read_results_csv(const std::string& path, RecordRequest& r);

}  // namespace svc
