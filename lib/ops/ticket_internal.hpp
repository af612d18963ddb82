// The ticket module's shared internals (lib/ops/ticket*.cpp): the common path
// of a step, event building, the parts quote and warranty helpers. Not part
// of the API (ticket.hpp).
#pragma once
#include <SQLiteCpp/Statement.h>

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ticket.hpp"

namespace svc::ticket_detail {

constexpr Instant kFarFuture = std::numeric_limits<Instant>::max();

std::string source_of(Step s);
Event make_event(const std::string& ticket, EventKind k, Instant ts);
// Canonical value of an option, or DataError naming the option.
std::string canon(Field f, const std::string& raw, const char* option);
// Gives the event its id (the derived id the importer would give it) and adds it.
const std::string& add(std::vector<Event>& out, Event e);
void append(Store& st, const Policy& p, std::vector<Event>& out, const std::string& source);
// The latest paused/resumed event after `at` (written ahead by a reschedule).
std::optional<Instant> pending_resume(const std::vector<Event>& evs, Instant at);
void check_at(const std::string& ticket, const std::vector<Event>& evs, Instant at, const TimeZone& tz);
// Work on a paused ticket ends the pause, unless a reschedule already set its end.
void auto_resume(const std::vector<Event>& evs, const TicketState& s, Instant at, const std::string& ticket,
                 std::vector<Event>& out);

using Body = std::function<void(const std::vector<Event>& evs, const TicketState& s, std::vector<Event>& out,
                                 StepResult& res)>;

// The common path of every step on an existing ticket: one transaction that
// reads the events, checks --at and the state machine, builds the events,
// records side data and appends the events.
StepResult run_step(Store& st, const Policy& p, const std::string& ticket, Step step, Instant at, const Body& body,
                    bool check_machine = true, const std::string& source = "");

struct PartInfo {
  std::string name;
  std::optional<std::int64_t> list_cents;
};
PartInfo get_part(Store& st, const std::string& part);
std::vector<QuoteLine> price_parts(Store& st, const std::vector<std::pair<std::string, std::int64_t>>& parts);
// Parts summed per part number, in first-seen order.
std::vector<std::pair<std::string, std::int64_t>> merge_parts(const std::vector<std::pair<std::string, std::int64_t>>& in);
const Event* created_of(const std::vector<Event>& evs);
WarrantyCheck warranty_of(Store& st, const Policy& p, const Event& created);
// Parts for the quote: those fitted (part_used), else those expected at creation.
std::vector<std::pair<std::string, std::int64_t>> quote_parts(Store& st, const std::string& ticket,
                                                               const std::vector<Event>& evs);
// Like price_parts, but a part that left the catalogue is listed without a price.
std::vector<QuoteLine> price_parts_lenient(Store& st, const std::vector<std::pair<std::string, std::int64_t>>& parts);
// ---- 三包 money (ticket_money.cpp, docs/installed-base.md "Money on covered work")

// The ticket's 三包 entitlement on `on` (its completion's day; before one, its
// creation's) for `parts`: the model's terms, the created event's purchase
// date and, when its serial is a registered unit, the unit's earlier repairs.
// When nothing covers on `on` but something covered on the day the ticket was
// opened, that entitlement holds: a fault reported within 三包 is not charged
// because its repair finished later.
TicketCover ticket_cover(Store& st, const Policy& p, const Event& created, const std::string& ticket, Day on,
                         const std::vector<std::string>& parts);
// The entitlement and the quote under it of a ticket's events (`all`: the
// corrected history, the step's new events included) on `on`.
TicketCover ticket_money(Store& st, const Policy& p, const std::string& ticket, const std::vector<Event>& all, Day on,
                         Quote& quote);
// Decides the fee event `f` of a completion (approved yes/no, its note) and
// returns the line for the user. A fee above what the entitlement leaves
// chargeable on covered work is refused (DataError, 65) unless `force`; then
// it is recorded in covered_fees by `user`.
std::string decide_fee(Store& st, const Policy& p, const std::string& ticket, const std::vector<Event>& all,
                       Instant at, Event& f, const LimitOverride& force, const std::string& user);
// Records the repair warranty a completed repair starts for each part fitted
// on it (repair_warranties) and returns the line for the user ("" when none).
std::string record_repair_warranties(Store& st, const Policy& p, const std::string& ticket,
                                     const std::vector<Event>& all, Instant at);

std::optional<std::int64_t> appointment_count(Store& st, const std::string& ticket);
void bind_opt(SQLite::Statement& q, int i, const std::string& v);
Instant add_duration(const Policy& p, Instant from, const Duration& d);
std::string simple_note(const std::string& a);

}  // namespace svc::ticket_detail
