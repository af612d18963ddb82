#include "guards.hpp"

#include <fmt/format.h>

#include <limits>

#include "error.hpp"

namespace svc {

TicketState require_ticket(Store& s, const std::string& ticket) {
  auto evs = s.ticket_events(ticket);
  TicketState st = derive_state(evs, std::numeric_limits<Instant>::max());
  if (st.phase != Phase::None) return st;
  std::vector<std::string> ids;
  SQLite::Statement q(s.db(), "SELECT ticket FROM tickets WHERE created_at IS NOT NULL");
  while (q.executeStep()) ids.push_back(q.getColumn(0).getString());
  std::string hint = nearest(ticket, ids);
  throw NoInputError(fmt::format("no ticket '{}' in the store{}", ticket,
                                 hint.empty() ? " (create it with 'svc ticket create')"
                                              : fmt::format(" (did you mean '{}'?)", hint)));
}

std::string require_open_ticket(Store& s, const std::string& ticket, const std::string& what, const LimitOverride& o) {
  TicketState st = require_ticket(s, ticket);
  if (st.phase != Phase::Closed && st.phase != Phase::Cancelled) return "";
  if (!o.force)
    throw DataError(fmt::format("ticket '{}' is {}: {} is refused on a {} ticket; --force --reason TEXT records it anyway",
                                ticket, to_string(st.phase), what, to_string(st.phase)));
  check_override(o);
  return fmt::format("forced on {} ticket {}: {}", to_string(st.phase), ticket, o.reason);
}

std::string join_notes(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "; " + b;
}

}  // namespace svc
