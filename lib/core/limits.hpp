// Plausibility limits ([limits] in the policy, docs/policy.md): a value beyond
// one is a typo, not a record. Pure functions of an event or a value and the
// limits; the importer refuses such a record (a bad record, FILE:LINE), and
// every writing command refuses it unless --force --reason, which records the
// reason with what is stored. A ticket event that was forced carries the
// marker "forced beyond [limits] KEY[, KEY…]: REASON" in its note; the
// importer accepts the values of the keys it names, so that a forced event
// can be exported and imported again.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "policy.hpp"

namespace svc {

// --force --reason TEXT of a writing command.
struct LimitOverride {
  bool force = false;
  std::string reason;
};
// UsageError (2) for --force without --reason.
void check_override(const LimitOverride& o);

// One value beyond one limit.
struct LimitHit {
  std::string key;    // the [limits] key: labor_hours amount qty distance_km unit_cost
  std::string value;  // as given ("999999", "120000.00")
  std::string limit;  // the limit, in the same form
  // Beyond the absolute maximum of the key (kMax… in policy.hpp): refused even
  // with --force, and even when a log's forced marker names the key.
  std::optional<std::string> ceiling;  // that maximum, in the same form
  // "labor_hours 999999 is beyond the plausibility limit 24 ([limits] labor_hours)"
  std::string message() const;
};

// "amount 1000000000000000.00 is beyond the absolute maximum 1000000000000.00 of [limits] amount, which no
// --force passes"
std::string ceiling_message(const LimitHit& h);

// The values of `e` beyond a limit (labor_hours, amount, qty, distance_km;
// by magnitude, so a negative value is held to the same bound), in column order.
std::vector<LimitHit> limit_hits(const Event& e, const Limits& l);
// The keys a forced marker in `note` names (every marker, in order).
std::vector<std::string> forced_keys(const std::string& note);
// The hits of `e` that its note does not name as forced, as one message
// ("; "-joined), or nullopt when there are none. The importer's check.
std::optional<std::string> limit_violation(const Event& e, const Limits& l);

// "forced beyond [limits] qty, amount: REASON"
std::string forced_marker(const std::vector<LimitHit>& hits, const std::string& reason);

// For a command building `e` from `option` values: without hits, nothing.
// With hits and no --force: DataError (65) "OPTION: MESSAGE; --force --reason
// TEXT records it anyway". Forced: the marker is appended to e's note.
// `extra`: hits of values the event does not carry (e.g. quantities of
// expected parts), refused and forced together with the event's own.
void apply_limits(Event& e, const Limits& l, const LimitOverride& o, const std::string& option,
                  std::vector<LimitHit> extra = {});

// Single values of movements and other records (parts ledger, cost entries).
std::optional<LimitHit> qty_hit(std::int64_t qty, const Limits& l);
std::optional<LimitHit> amount_hit(std::int64_t cents, const Limits& l);
std::optional<LimitHit> unit_cost_hit(std::int64_t cents, const Limits& l);
// Refuses `hits` (DataError naming each) unless forced; returns the text to
// record with the write: "" without hits, else the forced marker.
std::string enforce_limits(const std::vector<LimitHit>& hits, const LimitOverride& o);

// The limits of one parts movement or claim: its quantity and, when given,
// its unit cost and its amount; enforce_limits on their hits.
std::string movement_limits(const Limits& l, const LimitOverride& o, std::int64_t qty,
                            std::optional<std::int64_t> unit_cents = std::nullopt,
                            std::optional<std::int64_t> amount_cents = std::nullopt);

// The dates of an event that cannot be right (docs/policy.md [limits]
// purchase_years, future_minutes): a void whose ts is after now +
// future_minutes (svc ticket void --at is never after now: a future void
// would block the real one at once and stay out of audit corrections until
// its time), a purchased date after the day of the event or more than
// purchase_years before it. Other events may lie ahead of the clock: an
// event counts only from its ts (counts_at), a reschedule writes the end of
// its pause ahead, and logs of other systems and generated demos run ahead.
// "" when fine. The importer's check, so every command that appends events
// meets it too.
std::string date_problem(const Event& e, const Limits& l, const TimeZone& tz, Instant now);
// A purchase or installation date `d` judged on day `on`, named `on_what`
// ("the ticket's date", "today"): "" when fine, else "WHAT 2031-01-01 is
// after ON_WHAT 2026-12-05" or "WHAT 1901-01-01 is more than 50 years before
// ON_WHAT 2026-12-05 ([limits] purchase_years)".
std::string purchase_date_problem(std::string_view what, Day d, Day on, std::string_view on_what, const Limits& l);

// "labor_hours 24, amount 100000.00, qty 1000, distance_km 2000, unit_cost 1000000.00"
std::string limits_summary(const Limits& l);

}  // namespace svc
