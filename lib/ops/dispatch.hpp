// svc dispatch: who goes where, when, and why (docs/dispatch.md).
//   suggest   ranked candidates for one ticket, each score explained
//   assign    dispatch an engineer (and an appointment window), refusing an
//             inactive engineer, another region without force, a double booking
//   reassign  the same for a ticket that has an engineer, with a reason
//   auto      plan (and write) every unassigned open ticket, urgent first, then
//             by the nearest response/arrival due time, balancing workload
//   board     one day's schedule per engineer, conflicts and overdue arrivals
//   queue     a region's unassigned, at-risk and breached tickets
// Engineers are dispatched by `dispatched` events appended through the import
// engine (append_events); appointment windows live in the `appointments`
// table shared with `svc ticket schedule` (schemas/007_tickets.sql) and every
// dispatch's explanation in `dispatch_log` (schemas/008_dispatch.sql).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "dispatch_score.hpp"
#include "output.hpp"
#include "policy.hpp"
#include "sla.hpp"
#include "store.hpp"
#include "ticket_state.hpp"

namespace svc {

// One ticket of the open work as of an instant.
struct WorkItem {
  DispatchTicket t;             // the scorer's view (line from the products table, current window)
  std::string product;
  Phase phase = Phase::None;
  bool paused = false;
  std::string engineer;         // of the last dispatched event ("" = never dispatched)
  bool assigned = false;        // an engineer holds it for this round of work (scheduled, on site, rework)
  bool unassigned = false;      // open and nobody holds it: new, responded, or rework not yet re-dispatched
  Instant created = 0;
  bool later_events = false;    // it has events after as_of
  std::optional<TicketSla> sla; // evaluated for tickets in scope
  // Sorting key of the response/arrival due time: breached ones first (most
  // overdue first), then the nearest due; nullopt when nothing is due (paused, no rule).
  std::optional<Instant> due_key;
  bool overdue = false;         // due_key is from a breached response/arrival
};

// Which tickets a command is about. Empty = all.
struct DispatchScope {
  std::string outlet, region;
};

// The open work and the engineers, as of an instant.
struct Workload {
  Instant as_of = 0;
  std::vector<WorkItem> items;              // open tickets in scope, in dispatch order (see dispatch_order)
  std::vector<DispatchEngineer> engineers;  // every engineer of the master data (active or not), by id, with load
  int engineer_index(const std::string& id) const;  // -1 when unknown
};

// Reads the open tickets (not completed, signed, closed or cancelled as of
// as_of) and every engineer's load: open tickets held and their windows.
// Only tickets in `scope` are listed in items; the load counts every ticket.
Workload load_workload(Store& s, const Policy& p, Instant as_of, const DispatchScope& scope = {});

// The order auto works in (and queue lists): urgent first, then by due_key,
// tickets with nothing due last, then created, then ticket id.
bool dispatch_order(const WorkItem& a, const WorkItem& b);

// ---------------------------------------------------------------- suggest

struct Suggestion {
  std::string ticket;
  Instant as_of = 0;
  WorkItem item;
  std::vector<Candidate> candidates;  // best first
  std::vector<DispatchEngineer> engineers;  // parallel to candidates (names, outlets)
};
// Throws DataError when the ticket does not exist or is not open.
// `all_regions`: also list engineers of other regions (blocked: need --force).
Suggestion suggest(Store& s, const Policy& p, const std::string& ticket, Instant as_of, bool all_regions = false);
Table suggestion_table(const Suggestion& sg, std::size_t limit);
void write_suggestion_json(JsonWriter& w, const Suggestion& sg, const Policy& p, std::size_t limit);
// The reasons of a score as a JSON array of {factor, points, text}.
void write_reasons_json(JsonWriter& w, const std::vector<Reason>& rs);

// ---------------------------------------------------------------- assign

struct AssignRequest {
  std::string ticket, engineer;
  Instant at = 0;
  std::optional<Window> window;  // a new appointment window
  bool force = false;            // allow an engineer from another region
  bool reassign = false;         // the ticket has an engineer, who is replaced
  std::string reason;            // reassign: required; a new window on a ticket that had one: required
};
struct AssignResult {
  std::string ticket, engineer, previous;
  Candidate candidate;           // the score of the engineer chosen, explained
  std::optional<Window> window;  // the ticket's window after the dispatch
  std::vector<std::string> events;  // kinds written
};
// One transaction: the checks, the events, the appointment, the log row.
// Throws DataError (65) with a clear message for every refusal.
AssignResult assign(Store& s, const Policy& p, const AssignRequest& r);

// ---------------------------------------------------------------- auto

struct PlanItem {
  std::string ticket, outlet, urgency;
  std::optional<Instant> due;     // nearest response/arrival due (or when it was breached)
  bool overdue = false;
  std::optional<Window> window;
  std::string engineer, engineer_name;  // "" = left unassigned
  double score = 0;
  std::vector<Reason> reasons;    // why this engineer; or why nobody (one reason, factor "none")
};
struct Plan {
  Instant as_of = 0;
  std::vector<PlanItem> items;    // in the order worked
  int assigned = 0, left = 0;
};
// The plan for every unassigned open ticket in scope. Deterministic: the same
// store, policy, scope and as_of give the same plan.
Plan plan_auto(Store& s, const Policy& p, const DispatchScope& scope, Instant as_of);
// Plans and writes in one transaction (dispatched events at as_of, log rows).
// Refuses as_of in the future, and tickets with events after as_of.
Plan run_auto(Store& s, const Policy& p, const DispatchScope& scope, Instant as_of);
Table plan_table(const Plan& plan, const TimeZone& tz);
void write_plan_json(JsonWriter& w, const Plan& plan, const Policy& p, bool dry_run);

// ---------------------------------------------------------------- board

struct BoardVisit {
  std::string ticket, outlet, urgency;
  Phase phase = Phase::None;
  Window window;
  std::optional<Instant> arrived;     // the arrival for this appointment
  std::vector<std::string> conflicts; // tickets of the same engineer whose windows overlap
  bool overdue = false;   // not arrived and the window has ended (as of as_of)
  bool late = false;      // arrived after the window ended
  bool sla_breached = false;  // the arrival target is breached
};
struct BoardRow {
  std::string engineer, name, outlet;  // engineer "" = windows of tickets nobody holds
  std::vector<BoardVisit> visits;      // by window start
};
struct Board {
  Day date = 0;
  Instant as_of = 0;
  std::vector<BoardRow> rows;  // engineers by outlet, then id
};
struct BoardRequest {
  Day date = 0;
  Instant as_of = 0;
  std::string outlet, engineer;  // at most one
};
Board board(Store& s, const Policy& p, const BoardRequest& r);
Table board_table(const Board& b, const TimeZone& tz);
void write_board_json(JsonWriter& w, const Board& b, const Policy& p);

// ---------------------------------------------------------------- queue

struct QueueRow {
  WorkItem item;
  std::vector<std::string> at_risk;                        // targets at risk
  std::vector<std::pair<std::string, Instant>> breached;   // target, overdue (µs)
  std::optional<Instant> next_due;                         // earliest due of a pending target
};
struct Queue {
  std::string region, leader, leader_name;
  Instant as_of = 0;
  std::vector<QueueRow> rows;  // dispatch order
};
// Throws DataError for a region that no outlet has.
Queue queue(Store& s, const Policy& p, const std::string& region, Instant as_of);
Table queue_table(const Queue& q, const TimeZone& tz);
void write_queue_json(JsonWriter& w, const Queue& q, const Policy& p);

}  // namespace svc
