// SLA evaluation of one ticket (docs/sla.md §2): a pure function of its
// events, the policy and as_of — no store needed.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"
#include "event.hpp"
#include "policy.hpp"

namespace svc {

enum class TargetStatus { Met, Breached, Pending, NotApplicable };
std::string_view to_string(TargetStatus s);  // "met" "breached" "pending" "n/a"

enum class TicketStatus { Cancelled, Late, OnTime, None, Open };
std::string_view to_string(TicketStatus s);  // "cancelled" "late" "on_time" "none" "open"

struct Pause {
  Instant from = 0;
  std::optional<Instant> to;  // nullopt: still open at as_of
};

struct TargetResult {
  Target target = Target::Response;
  Duration limit;                // the rule's target duration
  TargetStatus status = TargetStatus::NotApplicable;
  std::optional<Instant> start;  // clock start (nullopt: never started)
  std::optional<Instant> stop;   // the stop event's ts, when it came
  Instant clock_end = 0;         // where elapsed was measured to (stop, last closed, or as_of)
  Instant elapsed = 0;           // µs on the target's clock less pauses (met, breached, pending)
  Instant overdue = 0;           // breached: elapsed - limit, or 0 (closed before time was up)
  std::optional<Instant> due;    // pending and not paused
  bool at_risk = false;          // pending and elapsed >= warn_at × limit
};

struct TicketSla {
  std::string ticket, outlet, region, type, urgency, channel, engineer;  // engineer: last dispatched
  std::optional<Instant> created;
  std::optional<double> distance_km;  // from created
  std::optional<Instant> ticket_due;  // the ticket's own due time (svc's `due` column), from created
  std::string customer, product, serial;  // from created, filled only when explaining (rule_reason)
  int rule_index = -1;           // index into policy.rules; -1 when no rule matched
  std::string rule;              // rule name, "" when none
  std::string rule_reason;       // why it matched ("urgency = urgent"), for explanations
  TicketStatus status = TicketStatus::None;
  std::vector<TargetResult> targets;  // each target the rule defines, in order response, arrival, resolution, followup
  std::vector<Pause> pauses;
  bool closed = false, cancelled = false, paused = false;
  // The most overdue breach (µs), for sorting audits; 0 when none.
  Instant max_overdue() const;
  bool any(TargetStatus s) const;
  bool at_risk() const;
};

// Evaluates one ticket. `events` are the ticket's events in log order (ts,
// then seq), with voided_at resolved; those that do not count as of as_of
// (later, or withdrawn by then, or `voided` events) are ignored. A ticket without a `created` event
// at or before as_of yields status None with no rule and `created` unset.
// `explain` fills rule_reason (a string per ticket: off for bulk reports).
TicketSla evaluate_ticket(const std::vector<Event>& events, const Policy& policy, const BusinessCalendar& cal,
                          Instant as_of, bool explain = true);

// The first rule whose `when` holds for the created event, or -1.
int match_rule(const Event& created, const Policy& policy, std::string* reason = nullptr);

// --- The lean form, for evaluating a whole store fast (see audit.hpp) ---

// The attributes of a ticket's `created` event that SLA evaluation uses.
struct TicketFacts {
  std::string_view ticket, type, urgency, channel, region, outlet;
  std::string_view customer, product, serial;  // read by rules with such `when` keys only
  std::optional<double> distance_km;
  std::optional<Instant> due;  // the ticket's own due time (svc's `due` column)
};
// The instant of a canonical `due` value ("" or unreadable → nullopt).
std::optional<Instant> due_instant(std::string_view canonical);
TicketFacts facts_of(const Event& created);

// One event as SLA evaluation sees it. `engineer` is read on `dispatched`.
struct SlaEvent {
  Instant ts = 0;
  EventKind kind = EventKind::Created;
  std::string_view engineer;
  Instant voided_at = kNotVoided;  // withdrawn from then on (sla.md §2)
};

// The first rule whose `when` holds, or -1; `reason` says why it matched.
int match_rule(const TicketFacts& t, const Policy& policy, std::string* reason = nullptr);
// Why rule `r` does not hold for `t` ("urgency is normal, not urgent"), "" when it holds.
std::string rule_mismatch(const SlaRule& r, const TicketFacts& t);

// evaluate_ticket on the lean form: `facts` are those of the ticket's first
// `created` event; `events` are all its events in log order. `explain` fills
// rule_reason (costs a string per ticket).
TicketSla evaluate_sla(const TicketFacts& facts, std::span<const SlaEvent> events, const Policy& policy,
                       const BusinessCalendar& cal, Instant as_of, bool explain = false);

}  // namespace svc
