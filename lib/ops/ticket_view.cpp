// Reading a ticket: its view (load_ticket) as of a time, with void marks.
#include "ticket.hpp"
#include "ticket_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <tuple>

#include "audit.hpp"
#include "calendar.hpp"
#include "corrections.hpp"
#include "error.hpp"
#include "guards.hpp"
#include "importer.hpp"
#include "installed_base.hpp"
#include "masterdata.hpp"
#include "ticket_id.hpp"


namespace svc {

using namespace ticket_detail;

// ---------------------------------------------------------------- reading

// The withdrawn events among `evs` (one ticket, as of some instant): by
// whom (svc ticket void records its user in `corrections`; an imported void
// is by its import's source), when and why.
std::map<std::string, TicketView::VoidMark> void_marks(Store& st, const std::vector<Event>& evs) {
  std::map<std::string, TicketView::VoidMark> out;
  for (const Event& e : evs) {
    if (e.kind != EventKind::Voided) continue;
    TicketView::VoidMark m;
    m.void_id = e.id;
    m.at = e.ts;
    m.reason = e.get(Field::Note);
    m.by = void_author(st, e.id);
    out.emplace(e.get(Field::Ref), std::move(m));
  }
  return out;
}

TicketView load_ticket(Store& st, const Policy& p, const std::string& ticket, Instant as_of) {
  TicketView v;
  v.ticket = ticket;
  v.as_of = as_of;
  auto all = st.ticket_events(ticket);
  const Event* created = created_of(all);
  if (!created) require_ticket(st, ticket);  // NoInputError, did you mean
  if (!created || created->ts > as_of)
    throw NotFound(fmt::format("no ticket '{}'{}", ticket, created ? " as of then" : ""));
  v.created = *created;
  for (const Event& e : all)
    if (e.ts <= as_of) v.events.push_back(e);
  v.counting = counting_events(v.events, as_of);
  v.voids = void_marks(st, v.events);
  v.state = derive_state(v.events, as_of);
  BusinessCalendar cal(p.calendar, p.tz);
  v.sla = evaluate_ticket(v.events, p, cal, as_of);
  v.warranty = warranty_of(st, p, v.created);
  {  // the one entitlement that decides the money: on the completion's day, else the creation's
    std::optional<Instant> done;
    for (const Event& e : v.counting)
      if (e.kind == EventKind::Completed) done = e.ts;
    Quote q;
    v.cover = ticket_money(st, p, ticket, v.counting, p.tz.local_day(done.value_or(v.created.ts)), q);
    if (!v.cover.ent.whole_unit()) v.quote = std::move(q);
  }
  std::vector<std::pair<std::string, std::int64_t>> used;
  for (const Event& e : v.counting) {
    if (e.kind == EventKind::PartUsed) used.emplace_back(e.get(Field::Part), e.integer(Field::Qty).value_or(1));
    if (e.kind == EventKind::Fee) v.fees.push_back({e.ts, e.cents().value_or(0), e.get(Field::Approved) == "yes", "", e.id});
  }
  {
    SQLite::Statement q(st.db(), "SELECT fee_event, cover, user, reason FROM covered_fees WHERE ticket = ? ORDER BY at");
    q.bind(1, ticket);
    while (q.executeStep())
      for (std::size_t i = 0; i < v.fees.size(); ++i)
        if (v.fees[i].id == q.getColumn(0).getString())
          v.fees[i].covered = fmt::format("on covered work ({}), recorded by {}: {}", q.getColumn(1).getString(),
                                          q.getColumn(2).getString(), q.getColumn(3).getString());
  }
  {
    SQLite::Statement q(st.db(), "SELECT part, from_day, until_day FROM repair_warranties WHERE ticket = ? "
                                 "ORDER BY part, from_day");
    q.bind(1, ticket);
    while (q.executeStep()) {
      RepairWarranty w{q.getColumn(0).getString(), *parse_date(q.getColumn(1).getString()),
                       *parse_date(q.getColumn(2).getString())};
      if (w.from > p.tz.local_day(as_of)) continue;
      if (!v.repair_warranties.empty() && v.repair_warranties.back().part == w.part) v.repair_warranties.back() = w;
      else v.repair_warranties.push_back(w);
    }
  }
  v.parts_used = price_parts_lenient(st, merge_parts(used));
  {
    SQLite::Statement q(st.db(), "SELECT address, phone_followup_due FROM ticket_details WHERE ticket = ?");
    q.bind(1, ticket);
    if (q.executeStep()) {
      if (!q.getColumn(0).isNull()) v.address = q.getColumn(0).getString();
      if (!q.getColumn(1).isNull()) v.phone_followup_due = q.getColumn(1).getInt64();
    }
  }
  if (v.phone_followup_due) {
    std::optional<Instant> last_completed;
    for (const Event& e : v.counting) {
      if (e.kind == EventKind::Completed) last_completed = e.ts;
      if (e.kind == EventKind::FollowedUp && last_completed) v.phone_followed_up = true;
    }
  }
  {
    SQLite::Statement q(st.db(),
                        "SELECT id, recorded_at, window_from, window_to, engineer, reason, consent, paused_event "
                        "FROM appointments WHERE ticket = ? AND recorded_at <= ? ORDER BY id");
    q.bind(1, ticket);
    q.bind(2, static_cast<std::int64_t>(as_of));
    while (q.executeStep()) {
      Appointment a;
      a.id = q.getColumn(0).getInt64();
      a.recorded_at = q.getColumn(1).getInt64();
      a.window_from = q.getColumn(2).getInt64();
      a.window_to = q.getColumn(3).getInt64();
      if (!q.getColumn(4).isNull()) a.engineer = q.getColumn(4).getString();
      if (!q.getColumn(5).isNull()) a.reason = q.getColumn(5).getString();
      a.consent = q.getColumn(6).getInt() != 0;
      a.paused = !q.getColumn(7).isNull();
      v.appointments.push_back(std::move(a));
    }
  }
  {
    SQLite::Statement q(st.db(),
                        "SELECT number, event_id, responsible, opened_at, text FROM complaints WHERE ticket = ? AND "
                        "opened_at <= ? ORDER BY opened_at, number");
    q.bind(1, ticket);
    q.bind(2, static_cast<std::int64_t>(as_of));
    while (q.executeStep()) {
      ComplaintView c;
      c.number = q.getColumn(0).getString();
      c.event_id = q.getColumn(1).getString();
      c.responsible = q.getColumn(2).getString();
      c.opened_at = q.getColumn(3).getInt64();
      if (!q.getColumn(4).isNull()) c.text = q.getColumn(4).getString();
      SQLite::Statement s(st.db(),
                          "SELECT step, at, coalesce(text, ''), person, deadline FROM complaint_log WHERE number = ? AND at <= ? "
                          "ORDER BY id");
      s.bind(1, c.number);
      s.bind(2, static_cast<std::int64_t>(as_of));
      while (s.executeStep()) {
        ComplaintView::StepRow r;
        r.step = s.getColumn(0).getString();
        r.at = s.getColumn(1).getInt64();
        r.text = s.getColumn(2).getString();
        if (!s.getColumn(3).isNull()) r.owner = s.getColumn(3).getString();
        if (!s.getColumn(4).isNull()) r.deadline = Day(s.getColumn(4).getInt64());
        c.steps.push_back(std::move(r));
      }
      v.complaints.push_back(std::move(c));
    }
  }
  {
    SQLite::Statement q(st.db(), "SELECT at, text FROM ticket_notes WHERE ticket = ? AND at <= ? ORDER BY at, id");
    q.bind(1, ticket);
    q.bind(2, static_cast<std::int64_t>(as_of));
    while (q.executeStep()) v.notes.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString()});
  }
  return v;
}

}  // namespace svc
