// Integrity checks (docs/sla.md §4): breaches of the service rules that
// must never happen. A pure function of one ticket's events.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "event.hpp"

namespace svc {

enum class Check { SignBeforeCompletion, UnapprovedFee };
std::string_view to_string(Check c);  // "sign-before-completion" "unapproved-fee"

struct Finding {
  Check check = Check::SignBeforeCompletion;
  std::string ticket;
  std::string event_id;    // the offending event's id
  EventKind kind = EventKind::Signed;
  Instant ts = 0;          // the offending event's time
  std::string outlet;      // the ticket's outlet (from created)
  std::string engineer;    // engineer of the last dispatched event at or before the offending event, "" if none
  std::string detail;      // e.g. "amount 120.00 not approved"
};

// One finding per offending event among `events` (one ticket, log order) at or before as_of.
std::vector<Finding> integrity_findings(const std::vector<Event>& events, Instant as_of);

}  // namespace svc
