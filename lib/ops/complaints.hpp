// The complaint register (客户投诉登记追踪表, docs/complaints.md): every
// complaint, whatever wrote it, with its category, clocks and the appended
// history of its handling: ack, investigation, plan, resolution, follow-up,
// close. The status ends only at closed, whatever the ticket's state.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "output.hpp"
#include "policy.hpp"
#include "store.hpp"
#include "ticket.hpp"

namespace svc {

// One appended step of a complaint's handling (complaint_log).
struct ComplaintLogRow {
  std::int64_t id = 0;
  std::string step;  // ack | investigation | plan | resolution | follow_up | closed
  Instant at = 0, recorded_at = 0;
  std::string text, category, responsible, department, person, approved_by, verdict, user;
  std::optional<Day> deadline;
};

// A complaint as of a time: its register row, its steps up to then, and its clocks.
struct ComplaintRecord {
  std::string number, ticket, event_id, channel, outlet, source, text;
  std::string responsible;  // yes | no | unknown: the latest finding (investigation), else as received
  std::string category;     // the latest classification (ack), else as received; "" = not classified
  Instant received = 0;
  std::vector<ComplaintLogRow> log;  // in order
  // derived (complaint_clocks)
  Instant reply_due = 0, resolution_due = 0;
  std::optional<Instant> first_reply, resolved, followed_up, closed, follow_up_due;
  std::optional<Day> plan_deadline;
  std::string verdict;  // of the follow-up
  std::string status() const;  // received | replied | investigating | planned | resolved | followed_up | closed
  bool open() const { return !closed; }
  bool reply_on_time() const { return first_reply && *first_reply <= reply_due; }
  const ComplaintLogRow* last() const { return log.empty() ? nullptr : &log.back(); }
};

// A clock of a complaint past its time (svc audit complaints).
struct ComplaintFinding {
  std::string number, kind;  // reply_overdue | plan_overdue | resolution_overdue | follow_up_overdue
  Instant due = 0;
};

struct ComplaintFilter {
  bool open_only = false, overdue_only = false;
  std::string category, outlet;       // "" = all; category "unclassified" = not classified
  std::optional<Instant> from, until;  // received in [from, until)
};

// The register as of `as_of` (complaints received by then, steps up to then), in received order.
std::vector<ComplaintRecord> read_complaints(Store& s, const Policy& p, Instant as_of, const ComplaintFilter& f = {});
// One complaint; NotFound (with did-you-mean) when there is none.
ComplaintRecord get_complaint(Store& s, const Policy& p, const std::string& number, Instant as_of);
// The overdue clocks of one complaint as of `as_of` (a due time is met at it exactly).
std::vector<ComplaintFinding> complaint_findings(const ComplaintRecord& c, const Policy& p, Instant as_of);
// A category key of the policy, or DataError with did-you-mean (`option` names where it came from).
std::string check_category(const Policy& p, const std::string& key, const char* option);

// Records a step of a complaint (a row appended to complaint_log), refusing a
// step out of order: each step at most once and after those before it; the
// resolution needs the investigation, the follow-up the resolution, the close
// the follow-up; ack and plan may be left out.
struct ComplaintStepRequest;  // ticket.hpp
StepResult record_complaint_step(Store& s, const Policy& p, const std::string& number, const ComplaintStepRequest& r);

// Rendering (complaints_render.cpp).
Table complaint_list_table(const std::vector<ComplaintRecord>& cs, const Policy& p, Instant as_of);
Table complaint_audit_table(const std::vector<ComplaintRecord>& cs, const Policy& p, Instant as_of);
void write_complaint_text(std::ostream& out, const ComplaintRecord& c, const Policy& p, Instant as_of);
void write_complaint_json(std::ostream& out, const ComplaintRecord& c, const Policy& p, Instant as_of);

}  // namespace svc
