// The policy: everything an administrator sets in svc.toml (see
// docs/sla.md §1). default_policy() equals examples/svc.toml.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "timeutil.hpp"

namespace svc {

struct WorkSpan {
  int start_min = 0;  // minutes after local midnight, inclusive
  int end_min = 0;    // exclusive; start < end, spans sorted and not overlapping
};

// Where SLA computations asked the business calendar about days in years the
// calendar does not cover (CalendarPolicy::covers), before, between or after
// the covered ones: the earliest and latest such day and the years. Written by
// BusinessCalendar from any thread; read by cmd/ after the work, to warn once.
class CoverageLog {
 public:
  static constexpr Day kNone = std::numeric_limits<Day>::min();
  // Notes a day of a year the calendar does not cover.
  void note(Day d);
  // kNone when no computation counted an uncovered day.
  Day latest() const { return latest_.load(std::memory_order_relaxed); }
  Day earliest() const {
    Day d = earliest_.load(std::memory_order_relaxed);
    return d == kUnset ? kNone : d;
  }
  // The uncovered years noted (years beyond 0..kMaxYear are noted as those bounds).
  std::set<int> years() const;

 private:
  static constexpr Day kUnset = std::numeric_limits<Day>::max();
  static constexpr int kMaxYear = 64 * 160 - 1;
  std::atomic<Day> latest_{kNone};
  std::atomic<Day> earliest_{kUnset};
  std::array<std::atomic<std::uint64_t>, 160> years_{};  // one bit per year 0..kMaxYear
};

struct CalendarPolicy {
  std::array<bool, 7> workdays{true, true, true, true, true, false, false};  // Monday first
  std::vector<WorkSpan> hours{{8 * 60 + 30, 12 * 60}, {13 * 60, 17 * 60 + 30}};
  std::set<Day> holidays;        // the policy's own and its included calendars', merged
  std::set<Day> extra_workdays;  // same
  std::vector<std::string> include;  // [calendar] include as written: shipped names or paths
  // Years whose holidays and make-up workdays the calendar knows (docs/policy.md):
  // those its included calendars declare, plus `covers` or else the years of
  // the policy's own dates.
  std::set<int> covers;
  // Shared by copies of the policy: where computations counted days of years not in `covers`.
  std::shared_ptr<CoverageLog> beyond = std::make_shared<CoverageLog>();
  // Length of one business day ("1bd") in seconds: the sum of `hours`.
  std::int64_t day_seconds() const;
  // The first day of the first covered year and the last day of the last one;
  // CoverageLog::kNone when no year is covered.
  Day first_covered_day() const;
  Day last_covered_day() const;
};
// "2025-2026", "2024, 2026-2027", or "no year".
std::string describe_years(const std::set<int>& years);
// The warning for computations that counted days of years the calendar does
// not cover, before, between or after the covered ones (without
// "svc: warning: "), or nullopt when none did.
std::optional<std::string> coverage_warning(const CalendarPolicy& cal);

enum class Clock { Calendar, Business };

// A target duration: "30m", "24h" (calendar), "4bh", "3bd" (business).
struct Duration {
  Clock clock = Clock::Calendar;
  Instant micros = 0;  // resolved length (bd resolved with the calendar's day length)
  std::string text;    // as written, for display
  // The target "due": the ticket's own `due` time (docs/policy.md). Its length,
  // due − created on the calendar clock, is resolved per ticket (micros is 0 in the policy).
  bool from_due = false;
};
// Parses a duration; `day_seconds` resolves "bd". Returns nullopt on a bad unit or number.
std::optional<Duration> parse_duration(std::string_view s, std::int64_t day_seconds);
// The longest target parse_duration accepts: 10 years (3660 days). A longer
// one is a typo, and would overflow the µs arithmetic of the SLA clocks.
constexpr Instant kMaxDurationMicros = Instant(3660) * kMicrosPerDay;
// True when `s` is a well-formed duration that is longer than kMaxDurationMicros.
bool duration_too_long(std::string_view s, std::int64_t day_seconds);

struct RuleWhen {
  std::vector<std::string> urgency, type, region, channel;  // empty = no condition
  std::vector<std::string> outlet, customer, product, serial;  // any mapped ticket attribute (docs/policy.md)
  std::optional<double> distance_km_over;
  std::optional<bool> has_due;  // the ticket carries (true) or lacks (false) its own `due` time
  bool empty() const {
    return urgency.empty() && type.empty() && region.empty() && channel.empty() && outlet.empty() &&
           customer.empty() && product.empty() && serial.empty() && !distance_km_over && !has_due;
  }
};

enum class Target { Response, Arrival, Resolution, Followup };
constexpr std::array<Target, 4> kTargets = {Target::Response, Target::Arrival, Target::Resolution, Target::Followup};
std::string_view to_string(Target t);

struct SlaRule {
  std::string name;
  RuleWhen when;
  std::array<std::optional<Duration>, 4> targets;  // indexed by Target
  const std::optional<Duration>& target(Target t) const { return targets[static_cast<int>(t)]; }
  // Whether a target is "due": the rule then applies only to tickets with a due time.
  bool uses_due() const;
  // Whether the rule looks at customer, product or serial (the audit reads them only then).
  bool uses_unit_attributes() const { return !when.customer.empty() || !when.product.empty() || !when.serial.empty(); }
};

struct KpiPolicy {
  double timeliness = 0.90;      // at least
  double satisfaction = 0.85;    // at least
  double complaint_rate = 0.03;  // at most
  int repeat_days = 30;          // 返修率 window: an earlier final completion at most this many × 24 h before
};

struct AssessmentPolicy {
  int min_tickets = 10;
  double w_credit = 0.2, w_technical = 0.2, w_service = 0.3, w_quality = 0.3;
  double grade_excellent = 90, grade_good = 80, grade_pass = 60;
  double credit_per_finding = 20;
  std::int64_t reward_meets_cents = 200000;
  std::int64_t reward_excellent_cents = 100000;
  std::int64_t penalty_per_kpi_cents = 50000;
  std::int64_t penalty_per_finding_cents = 100000;
  // The excellence bonus only for an outlet that meets the standard (spec v3);
  // false: on the grade alone (v2).
  bool bonus_requires_standard = true;
  // An insufficient outlet (fewer than min_tickets) still pays the integrity
  // findings' fines (spec v3); false: waived with the rest (v2).
  bool fine_insufficient = true;
  int settle_days = 3;  // --apply of a period only from its end + this many days (docs/assessment.md#when-a-period-can-be-applied)
};

// [warranty]: the 三包 warranty and the fee standard for service out of
// warranty (docs/tickets.md).
struct WarrantyPolicy {
  int months = 12;                           // warranty of a product whose line is not in `lines`
  std::map<std::string, int> lines;          // product line -> warranty months (line from the products table)
  std::int64_t labor_rate_cents = 8000;      // labour charge per hour out of warranty
  std::map<std::string, double> labor_quota = {  // labour hours charged by service type (定额工时)
      {"repair", 1.0}, {"install", 1.5}, {"maintenance", 1.0}, {"replacement", 1.0},
      {"return", 0.5}, {"consultation", 0.0}, {"complaint", 0.0}};
  // 三包 terms of a product that does not give its own (docs/installed-base.md):
  int return_days = 7;                // a performance fault within this many days of sale: return, exchange or repair
  int exchange_days = 15;             // within this many days: exchange or repair
  int repairs_before_exchange = 2;    // repairs within warranty after which the fault entitles to exchange or return
  int repair_months = 3;              // warranty on a repaired part, from the repair's completion
  int key_part_months = 0;            // key parts (e.g. a compressor) of a line not in key_part_lines; 0 = as the unit
  std::map<std::string, int> key_part_lines;  // product line -> key-part warranty months
};

// [tickets]: ticket ids and the phone-resolution follow-up (docs/tickets.md).
struct TicketPolicy {
  std::string id_pattern = "T{yyyymmdd}{seq:05}";  // id of a ticket created without one
  Duration phone_followup{Clock::Calendar, 2 * 3600 * kMicrosPerSecond, "2h"};  // follow-up due after a phone resolution
};

// [parts]: the spare-parts rules (docs/parts.md).
struct PartsPolicy {
  std::int64_t approval_over_cents = 50000;  // an issue valued above this needs --approved-by
  int unconsumed_days = 7;                   // issued parts are fitted or returned within this many days
  int old_part_days = 15;                    // claimable old parts come back within this many days of fitting
  int claim_days = 60;                       // a claim is decided within this many days of opening
};

// Engineer grades (svc report engineers): the highest grade whose every
// threshold the engineer meets (an absent rate fails none), else fail.
struct EngineerThresholds {
  double timeliness = 0, first_time_fix = 0, satisfaction = 0;  // each at least
};
struct EngineerPolicy {
  int min_tickets = 5;  // fewer tickets in the period: "insufficient", no grade
  EngineerThresholds excellent{0.95, 0.95, 0.95};
  EngineerThresholds good{0.90, 0.90, 0.85};
  EngineerThresholds pass{0.80, 0.80, 0.75};
};

// Cost report (svc report costs): what one labour hour costs the service
// (internal cost rate), distinct from [warranty] labor_rate, the charge to a customer.
struct CostPolicy {
  std::int64_t labor_rate_cents = 8000;  // per labour hour (工时单价), 80.00
};

// [dispatch]: how `svc dispatch` scores engineers for a ticket (docs/dispatch.md).
// A candidate's score is the sum of the weighted factors; weights are points.
struct DispatchPolicy {
  double w_same_outlet = 30;   // the engineer's home outlet is the ticket's outlet
  double w_same_region = 10;   // another outlet of the ticket's region
  double w_skill_type = 25;    // the engineer has the ticket's service type as a skill
  double w_skill_line = 20;    // the engineer has the product's line as a skill
  double w_workload = 10;      // subtracted per open ticket the engineer already has
  double w_level = 3;          // added per engineer level (1..5)
  double w_near = 10;          // same-outlet engineer and the customer within near_km
  double w_conflict = 100;     // subtracted per overlapping appointment (suggest only: assign and auto refuse)
  double near_km = 30;         // distance band "near": at most this far from the outlet
  double service_radius_km = 100;  // beyond it a visit is out of the service area
  std::string beyond_radius = "remote";  // "remote": handled remotely (no visit, level weighs double) | "visit"
  int max_open = 0;            // auto gives nobody more open tickets than this; 0 = no limit
};

// [maint]: planned maintenance (docs/maint.md). The due dates of the
// `spring+autumn` interval, as month and day of each year.
struct MaintPolicy {
  int spring_month = 4, spring_day = 1;   // spring overhaul due (default Apr 1)
  int autumn_month = 10, autumn_day = 1;  // autumn overhaul due (default Oct 1)
};

// [training]: training grades and follow-up (docs/training.md). A person's
// grade in a session is the highest whose threshold the mean of their method
// scores (0..100) reaches, else fail.
struct TrainingPolicy {
  double excellent = 90, good = 80, pass = 60;  // 优秀 / 良好 / 合格 thresholds, each at least
  int retrain_days = 30;                         // a fail is retrained within this many days
  int refresh_days = 730;                        // a pass is refreshed within this many days; 0 = never
  double assessment_share = 0;                   // share s (0..1) of the outlet training score in the assessment's
                                                 // technical dimension; 0 = off, the spec's formula
};

// [limits]: plausibility limits (docs/policy.md). A value beyond one is a
// typo, not a record: refused by svc import (a bad record) and by every
// writing command unless --force --reason (lib/core/limits.hpp).
struct Limits {
  double labor_hours = 24;                 // labour hours of one completion
  std::int64_t amount_cents = 10000000;    // one money amount: a fee, a cost, a claim (100000.00)
  std::int64_t qty = 1000;                 // parts quantity of one event or movement
  double distance_km = 2000;               // a customer's distance from the outlet
  std::int64_t unit_cost_cents = 100000000;  // unit cost of a part received (1000000.00)
  int purchase_years = 50;   // a purchase (or installation) date at most this many years before the day it is judged on
  int future_minutes = 5;    // an event of a log dated at most this far after now (another system's clock)
};
// The absolute maxima of [limits] (docs/policy.md): the largest value a key may
// be set to, and the largest value that --force --reason (or a forced marker
// in a log) may record beyond it. No flag passes them.
inline constexpr double kMaxLaborHours = 10000;
inline constexpr double kMaxDistanceKm = 100000;
inline constexpr std::int64_t kMaxAmountCents = 100'000'000'000'000;    // 1000000000000.00
inline constexpr std::int64_t kMaxUnitCostCents = 100'000'000'000'000;  // 1000000000000.00
inline constexpr std::int64_t kMaxQty = 1'000'000'000;

// [report]: the language of report headings (titles and section headings of
// tables and HTML pages; column names and CSV/JSON keys stay as they are).
struct ReportPolicy {
  std::string lang = "zh";  // "zh" 中文 or "en"
  // The heading in the report language.
  const char* pick(const char* en, const char* zh) const { return lang == "en" ? en : zh; }
};

// [complaints]: the complaint register's categories and clocks (docs/complaints.md).
struct ComplaintCategory {
  std::string name;                          // its name for people, e.g. 服务态度
  std::optional<Duration> first_reply, resolution;  // unset: the section's
};
struct ComplaintPolicy {
  Duration first_reply;  // received -> first reply (any step), default for a category without its own
  Duration resolution;   // received -> resolution
  Duration follow_up;    // resolution -> follow-up with the customer
  std::map<std::string, ComplaintCategory> categories;  // by English key; set in default_policy()
  const Duration& reply_of(const std::string& category) const {
    auto it = categories.find(category);
    return it != categories.end() && it->second.first_reply ? *it->second.first_reply : first_reply;
  }
  const Duration& resolution_of(const std::string& category) const {
    auto it = categories.find(category);
    return it != categories.end() && it->second.resolution ? *it->second.resolution : resolution;
  }
};

struct Policy {
  std::string timezone = "Asia/Shanghai";
  TimeZone tz;  // resolved from `timezone`
  CalendarPolicy calendar;
  std::vector<SlaRule> rules;
  // Whether any rule looks at customer, product or serial (SlaRule::uses_unit_attributes).
  bool rules_use_unit_attributes() const {
    for (const auto& r : rules)
      if (r.uses_unit_attributes()) return true;
    return false;
  }
  double warn_at = 0.8;
  KpiPolicy kpi;
  AssessmentPolicy assessment;
  WarrantyPolicy warranty;
  TicketPolicy tickets;
  PartsPolicy parts;
  EngineerPolicy engineers;
  CostPolicy costs;
  DispatchPolicy dispatch;
  MaintPolicy maint;
  TrainingPolicy training;
  Limits limits;
  ReportPolicy report;
  ComplaintPolicy complaints;
  // Where each effective value came from ("built-in", "FILE:LINE"), by dotted key.
  std::map<std::string, std::string> origins;
};

// The built-in policy of the spec (docs/sla.md §1).
Policy default_policy();

}  // namespace svc
