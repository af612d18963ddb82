#include "corrections.hpp"
#include "money.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "calendar.hpp"
#include "error.hpp"
#include "free_text.hpp"
#include "importer.hpp"
#include "integrity.hpp"
#include "kpi.hpp"
#include "parts.hpp"
#include "seals.hpp"
#include "sla.hpp"

namespace svc {

namespace {


const Event* find_id(const std::vector<Event>& evs, const std::string& id) {
  for (const Event& e : evs)
    if (e.id == id) return &e;
  return nullptr;
}

std::string hours(double h) { return fmt::format("{:g} h", h); }

struct Figures {
  std::string status;
  int findings = 0;
  double labor = 0;
  std::int64_t fees = 0, unapproved = 0;
  int parts = 0;
};

// The ticket's figures as of now, or as of its last event when that is later.
Figures figures(const std::vector<Event>& evs, const Policy& p) {
  Figures f;
  Instant kAll = svc::now();
  for (const Event& e : evs) kAll = std::max(kAll, e.ts);
  BusinessCalendar cal(p.calendar, p.tz);
  f.status = std::string(to_string(evaluate_ticket(evs, p, cal, kAll, false).status));
  f.findings = int(integrity_findings(evs, kAll).size());
  if (auto t = extract_facts(evs, kAll)) {
    f.labor = t->labor_hours;
    for (auto& [part, qty] : t->parts) f.parts += int(qty);
  }
  for (const Event& e : evs)
    if (e.kind == EventKind::Fee && counts(e, kAll))
      add_to(e.get(Field::Approved) == "no" ? f.unapproved : f.fees, e.cents().value_or(0), "a ticket's fees");
  return f;
}

std::string money(std::int64_t c) {
  return fmt::format("{}{}.{:02}", c < 0 ? "-" : "", std::abs(c) / 100, std::abs(c) % 100);
}

}  // namespace

std::string void_effect(const std::vector<Event>& evs, const std::string& target_id, const Policy& p) {
  const Event* t = find_id(evs, target_id);
  if (!t) return "";
  // before: the target counts; after: it is withdrawn (the rest as recorded)
  std::vector<Event> before, after;
  for (const Event& e : evs) {
    if (e.kind == EventKind::Voided) continue;
    Event c = e;
    c.voided_at = kNotVoided;
    if (e.voided_at != kNotVoided && e.id != target_id) continue;  // withdrawn by another void: in neither
    if (e.id != target_id) after.push_back(c);
    before.push_back(std::move(c));
  }
  Figures b = figures(before, p), a = figures(after, p);
  std::string what;
  switch (t->kind) {
    case EventKind::Fee:
      what = fmt::format("{} fee {} withdrawn", t->get(Field::Approved) == "no" ? "unapproved" : "approved",
                         t->get(Field::Amount));
      break;
    case EventKind::Completed:
      what = t->has(Field::LaborHours) ? fmt::format("completion ({} labour) withdrawn", hours(*t->number(Field::LaborHours)))
                                       : "completion withdrawn";
      break;
    case EventKind::PartUsed:
      what = fmt::format("part {} x{} withdrawn", t->get(Field::Part), t->get(Field::Qty));
      break;
    default: what = fmt::format("{} withdrawn", to_string(t->kind)); break;
  }
  std::vector<std::string> changes;
  if (b.status != a.status) changes.push_back(fmt::format("ticket {} -> {}", b.status, a.status));
  if (b.findings != a.findings) {
    int d = b.findings - a.findings;
    changes.push_back(d == 1 ? "one integrity finding fewer"
                             : d > 0 ? fmt::format("{} integrity findings fewer", d)
                                     : fmt::format("integrity findings {} -> {}", b.findings, a.findings));
  }
  if (b.labor != a.labor) changes.push_back(fmt::format("labour {} -> {}", hours(b.labor), hours(a.labor)));
  if (b.fees != a.fees) changes.push_back(fmt::format("fees collected {} -> {}", money(b.fees), money(a.fees)));
  if (b.unapproved != a.unapproved)
    changes.push_back(fmt::format("unapproved fees {} -> {}", money(b.unapproved), money(a.unapproved)));
  if (b.parts != a.parts) changes.push_back(fmt::format("parts fitted {} -> {}", b.parts, a.parts));
  if (changes.empty()) return what + ": no figure changed";
  std::string out = what + ": ";
  for (size_t i = 0; i < changes.size(); ++i) out += (i ? "; " : "") + changes[i];
  return out;
}

std::string void_author(Store& s, const std::string& void_id) {
  SQLite::Statement q(s.db(), "SELECT user FROM corrections WHERE event_id = ?");
  q.bind(1, void_id);
  if (q.executeStep()) return q.getColumn(0).getString();
  SQLite::Statement i(s.db(), "SELECT i.source FROM events e JOIN imports i ON i.id = e.import_id WHERE e.id = ?");
  i.bind(1, void_id);
  if (i.executeStep()) return "import " + i.getColumn(0).getString();
  return "unknown";
}

VoidResult void_event(Store& s, const Policy& p, const VoidRequest& r) {
  if (r.reason.empty()) throw UsageError("--reason is required: say why the event was wrong");
  check_reason("--reason", r.reason);  // the importer's rule for a void's note (free_text.hpp)
  if (r.user.empty()) throw UsageError("--user is required (or set $SVC_USER)");
  const Instant now = svc::now();
  if (r.at > now)
    throw DataError(fmt::format("--at {} is in the future (now is {}): a correction is recorded when it is made",
                                format_rfc3339(r.at, p.tz), format_rfc3339(now, p.tz)));
  VoidResult res;
  res.ticket = r.ticket;
  res.event_id = r.event_id;
  res.at = r.at;
  s.write([&] {
    auto evs = s.ticket_events(r.ticket);
    if (evs.empty()) {
      std::vector<std::string> all;
      SQLite::Statement q(s.db(), "SELECT ticket FROM tickets");
      while (q.executeStep()) all.push_back(q.getColumn(0).getString());
      std::string hint = nearest(r.ticket, all);
      throw NoInputError(fmt::format("no ticket '{}'{}", r.ticket,
                                     hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    }
    const Event* t = find_id(evs, r.event_id);
    if (!t) {
      std::vector<std::string> ids;
      for (const Event& e : evs) ids.push_back(e.id);
      std::string hint = nearest(r.event_id, ids);
      throw NoInputError(fmt::format("ticket '{}' has no event '{}'{}; 'svc ticket show {}' lists its events with "
                                     "their ids",
                                     r.ticket, r.event_id,
                                     hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), r.ticket));
    }
    res.kind = t->kind;
    if (t->kind == EventKind::Created)
      throw DataError(fmt::format("event '{}' is the ticket's created event, which cannot be voided: cancel the "
                                  "ticket instead (svc ticket cancel {})",
                                  r.event_id, r.ticket));
    if (t->kind == EventKind::Voided)
      throw DataError(fmt::format("event '{}' is itself a correction (voided): a void cannot be voided", r.event_id));
    if (t->voided_at != kNotVoided)
      throw DataError(fmt::format("event '{}' ({}) is already voided, at {}", r.event_id, to_string(t->kind),
                                  format_rfc3339(t->voided_at, p.tz)));
    if (r.at < t->ts)
      throw DataError(fmt::format("--at {} is before the event it voids ({} at {})", format_rfc3339(r.at, p.tz),
                                  to_string(t->kind), format_rfc3339(t->ts, p.tz)));
    Event v;
    v.ticket = r.ticket;
    v.kind = EventKind::Voided;
    v.ts = r.at;
    v.at(Field::Ref) = r.event_id;
    v.at(Field::Note) = r.reason;
    v.id = content_digest(v).substr(0, 32);
    res.void_id = v.id;
    ImportOptions io;
    io.caller_reverses_ledger = true;  // reverse_consumption_for_event below
    ImportResult ir = append_events(s, p, {v}, "svc ticket void", io);
    if (ir.added != 1) throw DataError(fmt::format("event '{}' is already voided by the same correction", r.event_id));
    SQLite::Statement ins(s.db(), "INSERT INTO corrections(event_id, user, recorded_at) VALUES(?,?,?)");
    ins.bind(1, v.id);
    ins.bind(2, r.user);
    ins.bind(3, static_cast<std::int64_t>(now));
    ins.exec();
    seal_row(s.db(), "corrections", s.db().getLastInsertRowid());  // who made it: tamper evidence
    if (t->kind == EventKind::PartUsed)
      for (const Movement& m : reverse_consumption_for_event(s, r.event_id, r.reason, r.user, r.at))
        res.reversed_movements.push_back(m.id);
    auto after = s.ticket_events(r.ticket);
    res.effect = void_effect(after, r.event_id, p);
  });
  return res;
}

}  // namespace svc
