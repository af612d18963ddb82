// The ticket state machine: a ticket's phase derived from its events, and
// which steps (svc ticket respond, schedule, …) it allows. Pure functions of
// the events; see docs/tickets.md for the diagram.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event.hpp"

namespace svc {

enum class Phase {
  None,        // no such ticket (no created event)
  New,         // created (受理), nobody has contacted the customer yet
  Responded,   // the customer was contacted / the appointment confirmed
  Scheduled,   // an engineer is dispatched
  OnSite,      // the engineer arrived
  Completed,   // the final completion is there, not yet signed
  Signed,      // the customer accepted (signed) the final completion
  Rework,      // rejected or reopened: the work has to be done again
  Closed,      // closed
  Cancelled,   // cancelled: nothing more can happen
};
std::string_view to_string(Phase p);
std::optional<Phase> parse_phase(std::string_view s);
const std::vector<std::string>& phase_names();

enum class Step {
  Create, Respond, Schedule, Arrive, Complete, Sign, Reject, FollowUp, Complain, Reopen, Cancel, Close, Note,
  ResolveByPhone, Pause, Resume,
};
std::string_view to_string(Step s);  // the subcommand name: "respond", "follow-up", "resolve-by-phone", …

struct TicketState {
  Phase phase = Phase::None;
  bool paused = false;                  // the last paused/resumed is paused
  bool responded = false;               // there is a responded event
  bool completed_ever = false;          // there is a completed event
  std::string engineer;                 // of the last dispatched event
  bool engineer_this_round = false;     // dispatched since the last rework began (or ever, in the first round)
  std::optional<Instant> created;
  std::optional<Instant> last_ts;       // ts of the latest event considered
};

// The state after the events (one ticket, log order) with ts <= at.
TicketState derive_state(const std::vector<Event>& events, Instant at);

// The steps the phase allows, in a fixed order (for messages). Pause/Resume
// also depend on the paused flag; Arrive needs a dispatched engineer.
std::vector<Step> allowed_steps(const TicketState& s);
bool step_allowed(const TicketState& s, Step step);

// Throws DataError (65) when `step` is not allowed: "ticket T is completed:
// 'cancel' is not allowed; allowed: sign, reject, …".
void require_step(const std::string& ticket, const TicketState& s, Step step);

}  // namespace svc
