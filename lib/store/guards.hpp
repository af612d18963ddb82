// The guard of every command that names a ticket (docs/tickets.md "Guards"):
// the ticket must exist, and — for a record that is not a step of the ticket's
// state machine (a parts movement, a cost, a claim) — must not be closed or
// cancelled unless forced with a reason. Runs inside the caller's transaction.
#pragma once
#include <string>

#include "limits.hpp"
#include "store.hpp"
#include "ticket_state.hpp"

namespace svc {

// NoInputError (66) when `ticket` has no created event in the store:
// "no ticket 'T1O' (did you mean 'T10'?)" over the store's ticket ids.
// Returns the ticket's current state (all its events).
TicketState require_ticket(Store& s, const std::string& ticket);

// require_ticket, and a closed or cancelled ticket is refused (DataError, 65)
// for `what` ("svc parts issue") unless o.force: then the text to record with
// the write is returned ("forced on closed ticket T1: REASON"), else "".
std::string require_open_ticket(Store& s, const std::string& ticket, const std::string& what, const LimitOverride& o);

// Joins texts to record ("; "), skipping empty ones.
std::string join_notes(const std::string& a, const std::string& b);

}  // namespace svc
