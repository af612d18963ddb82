// The service-log event (see docs/format.md): its kinds, its
// fields, their validation, and its canonical form (for derived ids and the
// tamper-evidence chain).
#pragma once
#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timeutil.hpp"

namespace svc {

enum class EventKind : std::uint8_t {
  Created, Responded, Dispatched, Arrived, Completed, Signed, Rejected, Reopened,
  FollowedUp, Paused, Resumed, Complaint, PartUsed, Fee, Cancelled, Closed,
  Voided,  // v2: withdraws the event named by `ref` from its own ts on (spec "Corrections")
};
constexpr int kEventKindCount = 17;
std::string_view to_string(EventKind k);
std::optional<EventKind> parse_event_kind(std::string_view s);
const std::vector<std::string>& event_kind_names();

// The optional attribute columns: the v1 columns in the spec's column order,
// then the v2 columns (serial, ref), then svc's own extension `due` (a
// requester's own due time on `created`, docs/mapping.md "Due dates").
// Appending keeps the store's column order, the digest's attribute bits and
// every earlier event's canonical form unchanged.
// `id`, `ts`, `ticket` and `event` are fields of Event itself.
enum class Field : std::uint8_t {
  Type, Urgency, Channel, Region, Outlet, Customer, Product, Purchased, DistanceKm,
  Engineer, Satisfaction, Responsible, Part, Qty, Amount, Approved, LaborHours, Note,
  Serial, Ref,
  Due,
};
constexpr int kFieldCount = 21;
std::string_view to_string(Field f);
std::optional<Field> parse_field(std::string_view column);
// Every column name the format knows, core columns first.
const std::vector<std::string>& column_names();

constexpr std::array<std::string_view, 7> kServiceTypes = {"repair", "install", "maintenance", "consultation",
                                                           "complaint", "return", "replacement"};
constexpr std::array<std::string_view, 2> kUrgencies = {"urgent", "normal"};
constexpr std::array<std::string_view, 6> kChannels = {"phone", "web", "app", "email", "letter", "onsite"};

// voided_at of an event that no `voided` event names.
constexpr Instant kNotVoided = INT64_MAX;

// Whether an event that is withdrawn at `voided_at` counts as of `as_of`
// (sla.md §2): its ts is at or before as_of and it is not withdrawn by then.
// A `voided` event itself never counts (it starts, stops and pauses nothing).
constexpr bool counts_at(Instant ts, EventKind k, Instant voided_at, Instant as_of) {
  return ts <= as_of && (voided_at == kNotVoided || voided_at > as_of) && k != EventKind::Voided;
}

struct Event {
  std::string id;          // given, or derived (see derive_id)
  Instant ts = 0;          // µs since epoch, UTC
  std::string ticket;
  EventKind kind = EventKind::Created;
  // Attribute values in canonical text form ("" = absent):
  //   distance_km, labor_hours: shortest decimal ("12", "2.5"); amount: "12.50";
  //   satisfaction, qty: integer text; purchased: YYYY-MM-DD.
  std::array<std::string, kFieldCount> f;
  std::int64_t seq = 0;    // store position (insertion order); 0 before insertion
  // Derived, not part of the event: the ts of the `voided` event that withdraws
  // this one (kNotVoided when none). Set by resolve_voids() and by the digest.
  Instant voided_at = kNotVoided;

  const std::string& get(Field x) const { return f[static_cast<int>(x)]; }
  std::string& at(Field x) { return f[static_cast<int>(x)]; }
  bool has(Field x) const { return !f[static_cast<int>(x)].empty(); }
  std::optional<double> number(Field x) const;   // distance_km, labor_hours
  std::optional<std::int64_t> integer(Field x) const;  // satisfaction, qty
  std::optional<std::int64_t> cents() const;     // amount in integer cents
};

// Validates one raw value for `f` and returns its canonical form, or nullopt
// with `why` set (e.g. "satisfaction must be an integer 1-5, got '7'").
std::optional<std::string> canonical_value(Field f, std::string_view raw, std::string& why);
// A plain decimal ("12", "-2.5", as distance_km and labor_hours are stored): true
// and its value in out, else false.
bool parse_plain_decimal(std::string_view s, double& out);
// The checks of an event's `due` (svc's extension column): only on `created`,
// not before its ts, at most 10 years after it. "" when fine or absent.
// `parsed`: the instant of e's due when the caller has just read it (the
// importer), so that it is not parsed again from the canonical form.
std::string due_problem(const Event& e, std::optional<Instant> parsed = std::nullopt);
// Checks the ticket id pattern [A-Za-z0-9._-]{1,64}.
bool valid_ticket_id(std::string_view s);
// Checks an event id: 1-64 characters, no control characters.
bool valid_event_id(std::string_view s);
// The fields an event kind must carry (spec "required for").
std::vector<Field> required_fields(EventKind k);

// The canonical form: ticket, event, ts as UTC and every attribute, as
// "name=value" lines in column order (absent attributes left out).
// Values are escaped (\\ → \\\\, LF → \\n, CR → \\r) so that no value can imitate another field.
std::string canonical_form(const Event& e);
// The same into a reused buffer (the import hot path).
void canonical_form_into(const Event& e, std::string& out);
// SHA-256 of the canonical form, as 64 lowercase hex characters: the derived id
// of an event that came without one, and its content digest in the store.
std::string content_digest(const Event& e);
// The tamper-evidence chain: SHA-256(prev_chain_hex + digest_hex), hex.
std::string chain_hash(std::string_view prev_chain, std::string_view digest);

std::string sha256_hex(std::string_view data);

// Events of one ticket in log order: by ts, then by store position.
void sort_events(std::vector<Event>& evs);

// Whether `e` counts as of `as_of` (see counts_at).
inline bool counts(const Event& e, Instant as_of) { return counts_at(e.ts, e.kind, e.voided_at, as_of); }

// Sets voided_at on the events of one ticket that its `voided` events name
// (by id, through `ref`); an event named twice keeps the earliest. Events
// need their ids (read from the events table).
void resolve_voids(std::vector<Event>& evs);

// The history as corrected: the events never withdrawn, without the voids.
std::vector<Event> corrected_events(const std::vector<Event>& evs);

// The events of one ticket that count as of as_of, in their order.
std::vector<Event> counting_events(const std::vector<Event>& evs, Instant as_of);

}  // namespace svc
