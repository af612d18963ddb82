// The `tickets` projection (schemas/001_init.sql): one row per ticket, derived
// from its events. Import updates the rows of the tickets it touches;
// `svc admin rebuild` recomputes every row — both through ticket_row(), so a
// rebuild equals the incremental result byte for byte.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "store.hpp"

namespace svc {

struct TicketRow {
  std::string ticket;
  std::optional<Instant> created_at;
  // from the created event ("" = absent)
  std::string type, urgency, channel, region, outlet, customer, product, purchased;
  std::optional<double> distance_km;
  std::string engineer;  // of the last dispatched event
  std::string state;     // open | paused | completed | closed | cancelled
  std::optional<Instant> responded_at, arrived_at, completed_at, closed_at, followed_up_at;
  std::optional<std::int64_t> satisfaction;
  Instant last_ts = 0;
  std::int64_t events = 0;
  std::string digest;  // the events, packed (lib/store/digest.hpp)
  std::string serial;  // from the created event (v2)
};

// The row of one ticket from its events in log order (ts, then seq), with
// voided_at resolved: the row reflects the history as corrected (withdrawn
// events left out; the digest keeps every event and when it was withdrawn). It reads
// only kind, ts, the created event's attributes, the engineer of dispatched
// and the satisfaction of followed_up events.
//   state: cancelled once there is a cancelled event; else closed when the last
//   closed/reopened is closed; else paused when the last paused/resumed is
//   paused; else completed when there is a final completion (a completed with
//   no later rejected or reopened); else open.
TicketRow ticket_row(const std::string& ticket, const std::vector<Event>& events);

// Writes (inserts or replaces) a row of the tickets table. Needs a transaction
// for speed; keeps its prepared statement per store.
class TicketWriter {
 public:
  explicit TicketWriter(Store& s);
  void put(const TicketRow& r);

 private:
  SQLite::Statement st_;
};

// svc admin rebuild: recomputes every row of `tickets` from the events, in one
// transaction. Returns the number of tickets.
std::int64_t rebuild_projection(Store& s);

}  // namespace svc
