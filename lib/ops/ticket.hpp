// svc ticket: the lifecycle of one service ticket by commands. Every step
// checks the state machine (ticket_state.hpp), then appends the spec's events
// through the importer (append_events: the same validation, chain and
// projection as `svc import`) and records what the event columns cannot hold
// in the side tables of schemas/007_tickets.sql — all in one transaction.
// See docs/tickets.md.
#pragma once
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "event.hpp"
#include "limits.hpp"
#include "output.hpp"
#include "policy.hpp"
#include "sla.hpp"
#include "store.hpp"
#include "ticket_state.hpp"
#include "warranty.hpp"
#include "entitlement.hpp"

namespace svc {

// "P" or "P:QTY" (QTY >= 1, default 1). Throws UsageError when malformed.
std::pair<std::string, std::int64_t> parse_part_qty(std::string_view s);

// An appointment window "START/END": START a timestamp (RFC 3339 or local
// "YYYY-MM-DD HH:MM"), END a timestamp or "HH:MM" on START's local day.
// Throws UsageError when malformed or END is not after START.
std::pair<Instant, Instant> parse_window(std::string_view s, const TimeZone& tz);

struct CreateRequest {
  std::string ticket;  // "" = next id from the policy's pattern
  Instant at = 0;
  std::string channel, type, urgency, customer, region, outlet, product, purchased, distance_km;
  std::string address, fault;
  std::vector<std::pair<std::string, std::int64_t>> expected_parts;  // for the quote
  std::string serial;  // the unit served (installed_base.hpp): fills model, customer, region, purchased not given
  std::string due;     // the ticket's own due time (svc's `due` column; a policy target "due" uses it), "" = none
  LimitOverride force{};  // --force --reason: values beyond [limits] (docs/policy.md)
};

// A ticket's 三包 cover: the model's terms and the entitlement that decides
// its money (ticket_money.cpp).
struct TicketCover {
  ProductTerms terms;
  Entitlement ent;
};

// The repair warranty a completed repair started for one part.
struct RepairWarranty {
  std::string part;
  Day from = 0, until = 0;
};

struct StepResult {
  std::string ticket;
  Phase phase = Phase::None;        // after the step
  bool paused = false;
  std::vector<std::string> events;  // kinds written, in order ("responded", "dispatched", …)
  std::string info;                 // a line for the user (complaint number, follow-up due, …)
  std::optional<WarrantyCheck> warranty;  // create
  std::optional<Quote> quote;             // create, when no entitlement covers the service
  std::optional<Entitlement> entitlement; // create: the 三包 entitlement (entitlement.hpp)
};

StepResult create_ticket(Store& s, const Policy& p, const CreateRequest& r);

struct ScheduleRequest {
  Instant at = 0;
  Instant window_from = 0, window_to = 0;
  std::string engineer;  // "" = no (re-)dispatch
  std::string reason;    // required for a reschedule
  bool consent = false;  // the customer agreed to the reschedule: the clock pauses until the new window
};
StepResult schedule_ticket(Store& s, const Policy& p, const std::string& ticket, const ScheduleRequest& r);

struct CompleteRequest {
  Instant at = 0;
  std::string content;      // service content (the service report), on the completed event's note
  std::string labor_hours;  // "" = not given
  std::vector<std::pair<std::string, std::int64_t>> parts;  // fitted → part_used events
  std::string fee;          // amount collected, "" = none
  LimitOverride force{};      // --force --reason: values beyond [limits], a fee on covered work
  std::string user;         // who records it (kept with a fee forced on covered work, an exchange)
  std::string new_serial;   // a replacement (exchange) ticket: the unit given in exchange (required)
  std::string new_model;    // its model when not the old unit's (needs --force --reason)
};
StepResult complete_ticket(Store& s, const Policy& p, const std::string& ticket, const CompleteRequest& r);

// A part fitted on the ticket now (a part_used event), outside `complete`:
// allowed only while the engineer is on site (phase on_site; a paused ticket
// resumes). res.info is the part_used event's id. Used by `svc parts consume`
// inside its own transaction, with its consume movement.
struct PartUsedRequest {
  Instant at = 0;
  std::string part;
  std::int64_t qty = 0;
  std::string note;                              // "" = none
  std::string source = "svc parts consume";      // for problem messages
  LimitOverride force{};                           // --force --reason: a qty beyond [limits]
};
StepResult part_used_ticket(Store& s, const Policy& p, const std::string& ticket, const PartUsedRequest& r);

// The simple steps: one event (plus an automatic resume where docs/tickets.md says).
StepResult respond_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& note);
StepResult arrive_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& note);
StepResult sign_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, bool force,
                       const std::string& reason);
StepResult reject_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& reason);
StepResult follow_up_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at,
                            const std::string& satisfaction, const std::string& comment);
StepResult reopen_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& reason);
StepResult cancel_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& reason);
StepResult close_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& note);
StepResult note_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& text);
StepResult pause_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& reason,
                        bool consent);
StepResult resume_ticket(Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& note);
StepResult resolve_by_phone(Store& s, const Policy& p, const std::string& ticket, Instant at,
                            const std::string& guidance, const std::string& labor_hours,
                            const LimitOverride& force = {});

struct ComplainRequest {
  Instant at = 0;
  std::string responsible;  // yes | no
  std::string number;       // "" = "<ticket>-C<n>"
  std::string text;
  std::string category;     // a [complaints] category key, "" = not classified yet
  std::string channel;      // how it came in, "" = the ticket's channel
};
StepResult complain_ticket(Store& s, const Policy& p, const std::string& ticket, const ComplainRequest& r);

// The steps of a complaint, in their order (docs/complaints.md).
enum class ComplaintStep { Ack, Investigation, Plan, Resolution, FollowUp, Close };
std::string_view to_string(ComplaintStep c);  // ack, investigation, plan, resolution, follow_up, closed
struct ComplaintStepRequest {
  Instant at = 0;
  ComplaintStep step = ComplaintStep::Investigation;
  std::string text;
  std::string category;         // ack: classify it (a [complaints] category key)
  std::string responsible;      // investigation: yes | no, the service's own fault as found
  std::string department;       // plan: the responsible department
  std::string owner;            // plan: required, the responsible person
  std::optional<Day> deadline;  // plan: required
  std::string approved_by;      // plan: who approved it
  std::string verdict;          // follow-up: required, satisfied | unsatisfied
  std::string user;             // who records it
};
// Records a step of complaint `number` (see record_complaint_step in complaints.hpp).
StepResult complaint_step(Store& s, const Policy& p, const std::string& number, const ComplaintStepRequest& r);

// --- reading ---

struct Appointment {
  std::int64_t id = 0;
  Instant recorded_at = 0, window_from = 0, window_to = 0;
  std::string engineer, reason;
  bool consent = false;
  bool paused = false;  // wrote a pause
};
struct ComplaintView {
  std::string number, event_id, responsible, text;
  Instant opened_at = 0;
  struct StepRow {
    std::string step, text, owner;
    Instant at = 0;
    std::optional<Day> deadline;
  };
  std::vector<StepRow> steps;
  std::string next_step() const;  // "investigation", "plan", "resolution", or "" when resolved
};
struct NoteView {
  Instant at = 0;
  std::string text;
};

struct TicketView {
  std::string ticket;
  Instant as_of = 0;
  std::vector<Event> events;    // at or before as_of, log order: every event, voids and the voided included
  std::vector<Event> counting;  // those that count as of as_of (sla.md §2): what every figure is read from
  struct VoidMark {             // an event withdrawn as of as_of: by whom, when, why
    std::string void_id;        // the voided event's id
    Instant at = 0;             // its ts
    std::string reason, by;     // its note; who ran svc ticket void (else the import's source)
  };
  std::map<std::string, VoidMark> voids;  // by the id of the withdrawn event
  TicketState state;
  Event created;
  std::string address, fault;
  std::optional<Instant> phone_followup_due;
  bool phone_followed_up = false;
  WarrantyCheck warranty;
  std::optional<Quote> quote;  // unless the whole unit is covered: what may be charged (covered_quote)
  TicketCover cover;           // the 三包 entitlement on the completion's day (else the creation's)
  std::vector<RepairWarranty> repair_warranties;  // started by this repair's completion, latest per part
  std::vector<QuoteLine> parts_used;
  struct Fee {
    Instant ts = 0;
    std::int64_t cents = 0;
    bool approved = false;
    std::string covered;  // taken on covered work (--force): what covered it and why it was taken; "" = not
    std::string id;       // the fee event's id
  };
  std::vector<Fee> fees;
  TicketSla sla;
  std::vector<Appointment> appointments;
  std::vector<ComplaintView> complaints;
  std::vector<NoteView> notes;
};
// Throws NoInputError (did you mean) when the ticket does not exist, DataError when it was created after as_of.
TicketView load_ticket(Store& s, const Policy& p, const std::string& ticket, Instant as_of);
void write_ticket_text(std::ostream& out, const TicketView& v, const Policy& p);
void write_ticket_json(JsonWriter& w, const TicketView& v, const Policy& p);

struct ListFilter {
  Instant as_of = 0;
  std::vector<Phase> phases;  // any of these; empty = any
  bool paused_only = false;
  std::string outlet, region, engineer, type, urgency;
  std::optional<Day> from, to;  // local created date, inclusive
  bool breached = false, at_risk = false;  // with both: either
  std::string sort = "created";            // created | ticket | due | outlet | state
};
struct ListRow {
  std::string ticket, type, urgency, outlet, region, engineer;
  Phase phase = Phase::None;
  bool paused = false;
  Instant created = 0;
  TicketStatus status = TicketStatus::None;
  bool breached = false, at_risk = false;
  std::optional<Instant> next_due;  // earliest due of a pending target
};
std::vector<ListRow> list_tickets(Store& s, const Policy& p, const ListFilter& f);
Table list_table(const std::vector<ListRow>& rows, const TimeZone& tz, bool csv);
void write_list_json(JsonWriter& w, const std::vector<ListRow>& rows, const TimeZone& tz);

}  // namespace svc
