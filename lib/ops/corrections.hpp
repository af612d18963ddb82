// Corrections by reversal (service log v2, docs/format.md
// "Corrections"): `svc ticket void` appends a `voided` event that withdraws a
// recorded event from its own ts on, and `svc audit corrections` lists every
// void with who, when, why and what it changed. See docs/corrections.md.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "policy.hpp"
#include "store.hpp"

namespace svc {

struct VoidRequest {
  std::string ticket;
  std::string event_id;  // the event to withdraw
  std::string reason;    // why it was wrong: the voided event's note (required)
  Instant at = 0;        // the void's ts (when the mistake was found); never in the future
  std::string user;      // who corrects it
};

struct VoidResult {
  std::string ticket, event_id, void_id;
  EventKind kind = EventKind::Created;  // of the withdrawn event
  Instant at = 0;
  std::string effect;                   // what it changed, in words
  std::vector<std::int64_t> reversed_movements;  // parts-ledger movements posted to reverse a consumption
};

// Appends the `voided` event through the importer (chain, projection, the
// same validation as a log), records the user in `corrections`, and, when
// the withdrawn event is a part_used that the ledger consumed, reverses that
// consumption in the ledger (reverse_consumption_for_event) — all in one transaction.
// Throws NoInputError (no such ticket or event, with a did-you-mean),
// DataError (a created or voided event, already voided, --at before the
// event or in the future, an empty reason).
VoidResult void_event(Store& s, const Policy& p, const VoidRequest& r);

// Who withdrew: the user recorded by svc ticket void, else "import <source>".
std::string void_author(Store& s, const std::string& void_id);

// One row of svc audit corrections.
struct CorrectionRow {
  std::string kind;          // "void" (a voided event), "training_void" (a training result withdrawn),
                             // "site_void" (a site update record withdrawn), "parts_reversal" (a parts-ledger
                             // movement reversed by svc parts reverse), "assessment_revision" (a recorded
                             // outlet assessment revised by svc audit outlets --apply --revise),
                             // "covered_fee" (a fee forced on covered work, ticket_money.cpp)
  std::string id;            // the void's event id; the result's, update record's, reversing movement's or
                             // assessment revision's number
  Instant at = 0;            // when it takes effect (its ts; a void or reversal may be back-dated with --at)
  std::optional<Instant> recorded;  // when it was recorded; nullopt where the store keeps no such time
                                    // (parts reversals: only the movement's ts)
  std::string by, reason;
  std::string ticket, outlet, target, target_kind;  // what it withdrew
  std::string effect;        // what it changed
};

struct CorrectionsFilter {
  std::optional<Day> from, to;  // --period, inclusive local dates: a correction matches when it takes effect
                                // or was recorded on one of them
  Instant as_of = 0;
};

// Every correction of any kind that takes effect at or before as_of (and
// matches the period), in order of taking effect: voids, training results
// and site update records withdrawn, parts-ledger reversals (except the
// reversal a ticket void posted itself: the void's row says it), and
// assessment revisions. Those without a ticket have "" there; the outlet is
// the ticket's, the engineer's (training), the operator's (site update), the
// warehouse's (a parts reversal without a ticket), "" for an assessment.
std::vector<CorrectionRow> list_corrections(Store& s, const Policy& p, const CorrectionsFilter& f);

// The voids on the tickets created in [from, to) that take effect at or
// before `as_of` but were recorded after `recorded_after`: what changed an
// assessment of that period recorded at `recorded_after` as of `as_of`.
std::vector<CorrectionRow> voids_recorded_after(Store& s, const Policy& p, Instant from, Instant to, Instant as_of,
                                               Instant recorded_after);

// What withdrawing `target` from a ticket's events changes, in words
// ("unapproved fee 80.00 withdrawn: integrity findings 1 -> 0"). `evs` are
// the ticket's events (voided_at resolved) including the target.
std::string void_effect(const std::vector<Event>& evs, const std::string& target_id, const Policy& p);

}  // namespace svc
