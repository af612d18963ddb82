// Service KPIs (docs/reports.md §3): per-ticket facts drawn from the events,
// and their aggregation per group — timeliness, satisfaction, complaint rate,
// first-time fix, response percentiles — with the policy's thresholds.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "event.hpp"
#include "period.hpp"
#include "policy.hpp"
#include "sla.hpp"

namespace svc {

// What the reports need to know about one ticket, as of an instant.
struct ReportTicket {
  std::string ticket, outlet, region, type, urgency, channel;  // from `created` ("" = absent)
  std::optional<std::string> engineer;  // engineer of the last `dispatched`; nullopt: never dispatched
  Instant created = 0;
  TicketStatus status = TicketStatus::None;  // from the SLA engine
  int breached_targets = 0;                  // targets with status breached (SLA engine)
  int findings = 0;                          // integrity findings (§4) on this ticket
  bool cancelled = false;
  bool closed = false;                       // last closed/reopened is closed
  bool followed_up = false;
  int satisfaction = 0;                      // of the last followed_up (1-5), 0 when none
  bool complaint = false;                    // has a complaint event
  bool responsible_complaint = false;        // has a complaint event with responsible = yes
  std::string complaint_note;                // note of the last complaint event
  Instant complaint_at = 0;                  // ts of the last complaint event
  bool final_completion = false;             // last completed with no later rejected/reopened
  Instant completed_at = 0;                  // ts of that final completion (when final_completion)
  std::string serial;                        // from `created` (v2): the unit serviced
  std::string product;                       // from `created`: the model
  std::string repeat_of;                     // a repeat repair: the earlier ticket (its latest final completion in the window)
  Instant repeat_prev_completed = 0;         // that ticket's final completion
  std::optional<std::string> repeat_prev_engineer;  // its engineer (last dispatched)
  bool repeat_repair = false;                // 返修率 (sla.md §3): set by mark_repeat_repairs()
  bool rework = false;                       // any rejected or reopened at all
  std::optional<Instant> response;           // calendar µs from created to the first responded
  double labor_hours = 0;                    // sum of labor_hours over completed events
  std::int64_t fees_cents = 0;               // sum of fee amounts with approved = yes (money collected)
  std::int64_t unapproved_fees_cents = 0;    // sum of fee amounts with approved = no (outside the fee standard)
  std::vector<std::pair<std::string, std::int64_t>> parts;  // part_used: part, qty
};

// The facts of a report's tickets, kept as the parallel scan produced them
// (lib/reports/report_data.cpp load_facts): parts in a fixed order, iterated as one
// sequence, so that 100k facts are never moved to merge them. A vector or a
// braced list converts to a one-part set.
class FactSet {
 public:
  FactSet() = default;
  FactSet(std::vector<ReportTicket> v) {  // NOLINT(google-explicit-constructor): a vector is a one-part set
    if (!v.empty()) parts_.push_back(std::move(v));
  }
  FactSet(std::initializer_list<ReportTicket> l) : FactSet(std::vector<ReportTicket>(l)) {}
  static FactSet of_parts(std::vector<std::vector<ReportTicket>> parts) {
    FactSet f;
    for (auto& p : parts)
      if (!p.empty()) f.parts_.push_back(std::move(p));
    return f;
  }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = ReportTicket;
    using difference_type = std::ptrdiff_t;
    using pointer = const ReportTicket*;
    using reference = const ReportTicket&;
    const_iterator() = default;
    const_iterator(const std::vector<std::vector<ReportTicket>>* parts, std::size_t part, std::size_t i)
        : parts_(parts), part_(part), i_(i) {}
    reference operator*() const { return (*parts_)[part_][i_]; }
    pointer operator->() const { return &(*parts_)[part_][i_]; }
    const_iterator& operator++() {
      if (++i_ == (*parts_)[part_].size()) ++part_, i_ = 0;  // parts are never empty
      return *this;
    }
    const_iterator operator++(int) {
      auto old = *this;
      ++*this;
      return old;
    }
    bool operator==(const const_iterator& o) const { return part_ == o.part_ && i_ == o.i_; }

   private:
    const std::vector<std::vector<ReportTicket>>* parts_ = nullptr;
    std::size_t part_ = 0, i_ = 0;
  };
  const_iterator begin() const { return {&parts_, 0, 0}; }
  const_iterator end() const { return {&parts_, parts_.size(), 0}; }
  std::size_t size() const {
    std::size_t n = 0;
    for (const auto& p : parts_) n += p.size();
    return n;
  }
  bool empty() const { return parts_.empty(); }

 private:
  std::vector<std::vector<ReportTicket>> parts_;
};

// The facts of one ticket from its events (log order); events after as_of are
// ignored. status, breached_targets and findings are left for the caller (the
// SLA engine and the integrity checks fill them). nullopt when the ticket has
// no `created` event at or before as_of.
std::optional<ReportTicket> extract_facts(const std::vector<Event>& events, Instant as_of);

// One earlier service of a unit, for the repeat-repair rate: a ticket with a
// serial, its final completion (as of the report's as_of) and whether it is
// cancelled.
struct UnitService {
  std::string ticket;
  std::optional<std::string> engineer;
  std::optional<Instant> completed_at;
  bool cancelled = false;
};
// The UnitService of one ticket from its events in the lean form of SLA
// evaluation (sla.hpp: ts, kind, the engineer of dispatched events, voided_at),
// in log order, as of as_of: what extract_facts gives for cancelled, engineer
// and the final completion, without building the ticket's facts. nullopt when
// it has no `created` event that counts as of as_of.
std::optional<UnitService> unit_service(std::string_view ticket, std::span<const SlaEvent> events, Instant as_of);

// Sets repeat_repair on each `repair` ticket with a serial for which another
// ticket of the same serial, not cancelled, had its final completion at or
// before the ticket's created and at most repeat_days × 24 h before it (both
// ends included). `history` maps a serial to every ticket of it.
void mark_repeat_repairs(std::vector<ReportTicket>& tickets,
                         const std::unordered_map<std::string, std::vector<UnitService>>& history, int repeat_days);
// The same over several vectors of tickets at once (each unit's completions
// sorted once for all of them).
void mark_repeat_repairs(std::span<std::vector<ReportTicket>> parts,
                         const std::unordered_map<std::string, std::vector<UnitService>>& history, int repeat_days);

// Whether a ticket counts for a period's KPIs: created in it and not cancelled.
inline bool in_scope(const ReportTicket& t, const Period& p) { return !t.cancelled && p.contains(t.created); }

// Nearest-rank percentile: the value at rank ceil(percent/100 · N) of the N
// sorted values; nullopt for no values. `sorted` must be ascending.
std::optional<Instant> nearest_rank(const std::vector<Instant>& sorted, int percent);

// A ratio, absent (nullopt) when the denominator is 0.
inline std::optional<double> rate(std::int64_t num, std::int64_t den) {
  if (den == 0) return std::nullopt;
  return double(num) / double(den);
}

struct Kpis {
  std::int64_t tickets = 0, on_time = 0, late = 0;
  std::int64_t followed_up = 0, satisfied = 0;
  std::int64_t complaints = 0, non_complaint = 0;  // responsible complaints on non-complaint tickets / such tickets
  std::int64_t completed = 0, first_time = 0;      // final completions / of them without rework
  std::int64_t findings = 0;
  std::int64_t repairs_with_serial = 0, repeat_repairs = 0;  // 返修率: repair tickets with a serial / repeats among them
  double labor_hours = 0;
  std::vector<Instant> responses;                  // µs, ascending after finish()

  void add(const ReportTicket& t);
  void finish();  // sorts the response times
  std::int64_t open() const { return tickets - on_time - late; }
  std::optional<double> timeliness() const { return rate(on_time, on_time + late); }
  std::optional<double> satisfaction() const { return rate(satisfied, followed_up); }
  std::optional<double> complaint_rate() const { return rate(complaints, non_complaint); }
  std::optional<double> first_time_fix() const { return rate(first_time, completed); }
  std::optional<double> repeat_repair_rate() const { return rate(repeat_repairs, repairs_with_serial); }
  std::optional<double> response_h(int percent) const;  // hours
};

// Threshold checks: nullopt where the rate is absent (an absent rate misses nothing).
struct KpiChecks {
  std::optional<bool> timeliness, satisfaction, complaint_rate;
  int missed() const {
    return (timeliness == false) + (satisfaction == false) + (complaint_rate == false);
  }
};
// Comparisons allow 1e-9 so that a rate exactly on its threshold in decimal is not lost to binary rounding.
KpiChecks check_kpis(const Kpis& k, const KpiPolicy& p);
constexpr double kTolerance = 1e-9;

enum class GroupBy { None, Region, Outlet, Engineer, Type, Urgency, Channel, Product };
std::optional<GroupBy> parse_group_by(std::string_view s);  // "region" "outlet" ...
std::string_view to_string(GroupBy g);
// The group key of a ticket; nullopt for an engineer never dispatched (or an absent channel).
std::optional<std::string> group_key(const ReportTicket& t, GroupBy by);

struct KpiGroup {
  std::optional<std::string> key;
  Kpis kpis;
};
struct KpiReport {
  Period period;
  Instant as_of = 0;
  GroupBy by = GroupBy::None;
  std::vector<KpiGroup> groups;  // sorted by key, the null key last; empty for GroupBy::None
  Kpis total;
};
// KPIs over the tickets in scope of the period.
KpiReport kpi_report(const FactSet& tickets, const Period& period, GroupBy by, Instant as_of);

}  // namespace svc
