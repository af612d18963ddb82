#include "dispatch.hpp"
#include "dispatch_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <sstream>
#include <unordered_map>

#include "calendar.hpp"
#include "error.hpp"
#include "guards.hpp"
#include "importer.hpp"
#include "masterdata.hpp"

namespace svc {

using namespace dispatch_detail;

// ---------------------------------------------------------------- suggest

namespace {

// The item of one ticket and the engineers' load without it (so that its
// current engineer is compared on equal terms).
struct OneTicket {
  Workload w;
  WorkItem item;
};

OneTicket load_one(Store& s, const Policy& p, const std::string& ticket, Instant as_of) {
  auto evs = s.ticket_events(ticket);
  if (!last_created(evs)) require_ticket(s, ticket);  // NoInputError, did you mean
  OneTicket o;
  o.w = load(s, p, as_of, {}, List::None);
  auto item = work_item(evs, as_of, product_lines(s), latest_appointments(s, as_of));
  if (!item) throw DataError(fmt::format("ticket '{}' was not created yet at {}", ticket, format_rfc3339(as_of, p.tz)));
  o.item = *item;
  BusinessCalendar cal(p.calendar, p.tz);
  o.item.sla = evaluate_ticket(evs, p, cal, as_of);
  set_due_key(o.item, as_of);
  if (o.item.assigned) {
    int i = o.w.engineer_index(o.item.engineer);
    if (i >= 0) {
      auto& e = o.w.engineers[size_t(i)];
      --e.open;
      std::erase_if(e.bookings, [&](const Booking& b) { return b.ticket == ticket; });
    }
  }
  return o;
}

}  // namespace

Suggestion suggest(Store& s, const Policy& p, const std::string& ticket, Instant as_of, bool all_regions) {
  OneTicket o = load_one(s, p, ticket, as_of);
  if (!open_phase(o.item.phase))
    throw DataError(fmt::format("ticket '{}' is {}: nothing to dispatch (only new, responded, scheduled, on-site and "
                                "rework tickets take an engineer)",
                                ticket, to_string(o.item.phase)));
  Suggestion sg;
  sg.ticket = ticket;
  sg.as_of = as_of;
  sg.item = o.item;
  std::vector<DispatchEngineer> pool;
  for (const auto& e : o.w.engineers)
    if (e.active && (all_regions || e.region == o.item.t.region)) pool.push_back(e);
  sg.candidates = rank_candidates(p.dispatch, o.item.t, pool);
  for (const auto& c : sg.candidates) sg.engineers.push_back(o.w.engineers[size_t(o.w.engineer_index(c.engineer))]);
  return sg;
}

Table suggestion_table(const Suggestion& sg, std::size_t limit) {
  Table t;
  t.headers = {"rank", "engineer", "name", "outlet", "level", "open", "score", "eligible", "reasons"};
  t.align = {Align::Right, Align::Left, Align::Left, Align::Left, Align::Right, Align::Right, Align::Right};
  for (size_t i = 0; i < sg.candidates.size() && (limit == 0 || i < limit); ++i) {
    const auto& c = sg.candidates[i];
    const auto& e = sg.engineers[i];
    std::string score = format_points(c.score);
    if (score[0] == '+') score.erase(0, 1);
    t.add({std::to_string(i + 1), c.engineer, e.name, e.outlet, std::to_string(c.level), std::to_string(c.open), score,
           c.eligible() ? "yes" : "no: " + c.blocked(), reasons_text(c.reasons)});
  }
  return t;
}

void write_suggestion_json(JsonWriter& w, const Suggestion& sg, const Policy& p, std::size_t limit) {
  const auto& it = sg.item;
  w.begin_object();
  w.field("ticket", sg.ticket);
  w.field("as_of", format_rfc3339(sg.as_of, p.tz));
  w.field("outlet", it.t.outlet);
  w.field("region", it.t.region);
  w.field("type", it.t.type);
  w.field("urgency", it.t.urgency);
  w.key("line");
  if (it.t.line.empty()) w.null();
  else w.value(it.t.line);
  w.field("distance_km", it.t.distance_km);
  w.field("distance_band", std::string(to_string(distance_band(p.dispatch, it.t.distance_km))));
  w.field("remote", remote_handling(p.dispatch, it.t));
  w.key("window");
  write_window(w, it.t.window, p.tz);
  w.key("engineer");
  if (it.assigned) w.value(it.engineer);
  else w.null();
  w.key("candidates").begin_array();
  for (size_t i = 0; i < sg.candidates.size() && (limit == 0 || i < limit); ++i) {
    const auto& c = sg.candidates[i];
    const auto& e = sg.engineers[i];
    w.begin_object();
    w.field("rank", std::int64_t(i + 1));
    w.field("engineer", c.engineer);
    w.field("name", e.name);
    w.field("outlet", e.outlet);
    w.field("region", e.region);
    w.field("level", c.level);
    w.field("open", c.open);
    w.field("score", c.score);
    w.field("eligible", c.eligible());
    w.key("blocked");
    if (c.eligible()) w.null();
    else w.value(c.blocked());
    w.key("reasons");
    write_reasons(w, c.reasons);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// ---------------------------------------------------------------- assign

namespace {

void check_at(const std::string& ticket, const std::vector<Event>& evs, Instant at, const TimeZone& tz) {
  Instant now = svc::now();
  if (at > now)
    throw DataError(fmt::format("--at {} is in the future (now is {}): a dispatch is recorded when it happens",
                                format_rfc3339(at, tz), format_rfc3339_s(now, tz)));
  for (const Event& e : evs)
    if (e.ts > at && e.kind != EventKind::Paused && e.kind != EventKind::Resumed && e.kind != EventKind::Voided &&
        e.voided_at == kNotVoided)
      throw DataError(fmt::format("ticket '{}' already has a later event ({} at {}): --at must be at or after it",
                                  ticket, to_string(e.kind), format_rfc3339(e.ts, tz)));
}

}  // namespace

AssignResult assign(Store& s, const Policy& p, const AssignRequest& r) {
  AssignResult res;
  res.ticket = r.ticket;
  const char* mode = r.reassign ? "reassign" : "assign";
  const std::string source = fmt::format("svc dispatch {}", mode);
  s.write([&] {
    auto evs = s.ticket_events(r.ticket);
    if (!last_created(evs)) require_ticket(s, r.ticket);  // NoInputError, did you mean
    check_at(r.ticket, evs, r.at, p.tz);
    OneTicket o = load_one(s, p, r.ticket, r.at);
    const WorkItem& it = o.item;
    if (!open_phase(it.phase))
      throw DataError(fmt::format("ticket '{}' is {}: nothing to dispatch (an engineer goes to new, responded, "
                                  "scheduled, on-site and rework tickets)",
                                  r.ticket, to_string(it.phase)));
    if (!r.reassign && it.assigned)
      throw DataError(fmt::format("ticket '{}' is already assigned to {}: use 'svc dispatch reassign {} ENGINEER "
                                  "--reason TEXT'",
                                  r.ticket, it.engineer, r.ticket));
    if (r.reassign && !it.assigned)
      throw DataError(fmt::format("ticket '{}' has no engineer to replace (it is {}): use 'svc dispatch assign'",
                                  r.ticket, to_string(it.phase)));
    if (r.reassign && r.reason.empty()) throw DataError("reassign needs --reason: why the engineer is replaced");
    Engineer eng = get_engineer(s, r.engineer);
    if (r.reassign && eng.id == it.engineer)
      throw DataError(fmt::format("ticket '{}' is already assigned to {}: nothing to reassign", r.ticket, eng.id));
    if (!eng.active)
      throw DataError(fmt::format("engineer '{}' ({}) is not active: choose another (svc dispatch suggest {})", eng.id,
                                  eng.name, r.ticket));
    if (eng.region != it.t.region && !r.force)
      throw DataError(fmt::format("engineer '{}' is in region {}, ticket '{}' in {}: use --force to send an engineer "
                                  "from another region",
                                  eng.id, eng.region, r.ticket, it.t.region));
    std::optional<Window> window = r.window ? r.window : it.t.window;
    bool new_window = r.window.has_value();
    if (new_window && r.window->to <= r.at)
      throw DataError(fmt::format("the window ends at {}, before the dispatch at {}", format_rfc3339(r.window->to, p.tz),
                                  format_rfc3339(r.at, p.tz)));
    SQLite::Statement hq(s.db(), "SELECT count(*) FROM appointments WHERE ticket = ?");
    hq.bind(1, r.ticket);
    bool had_window = hq.executeStep() && hq.getColumn(0).getInt64() > 0;
    if (new_window && had_window && r.reason.empty())
      throw DataError(fmt::format("ticket '{}' already has an appointment window: a new window is a reschedule, give "
                                  "--reason",
                                  r.ticket));
    DispatchTicket dt = it.t;
    dt.window = window;
    const auto& de = o.w.engineers[size_t(o.w.engineer_index(eng.id))];
    Candidate c = score_candidate(p.dispatch, dt, de);
    if (!c.conflicts.empty()) {
      std::string which;
      for (const auto& b : de.bookings)
        if (window && b.ticket != r.ticket && b.window.overlaps(*window))
          which += fmt::format("{}{} ({})", which.empty() ? "" : ", ", b.ticket, window_text(b.window, p.tz));
      throw DataError(fmt::format("double booking: engineer '{}' already holds {} overlapping {}", eng.id, which,
                                  window_text(*window, p.tz)));
    }
    std::vector<Event> out;
    if (new_window && !derive_state(evs, r.at).responded) {
      // an appointment window is agreed with the customer: that is the response (appointment confirmed)
      Event e;
      e.ticket = r.ticket;
      e.kind = EventKind::Responded;
      e.ts = r.at;
      e.at(Field::Note) = "appointment confirmed";
      e.id = content_digest(e).substr(0, 32);
      out.push_back(std::move(e));
    }
    std::string note = r.reassign ? fmt::format("reassigned from {}: {}", it.engineer, r.reason)
                                  : (r.force && eng.region != it.t.region
                                         ? fmt::format("assigned across regions ({} engineer, --force)", eng.region)
                                         : std::string("assigned"));
    Event d = dispatched_event(r.ticket, r.at, eng.id, note);
    std::string event_id = d.id;
    out.push_back(std::move(d));
    for (const Event& e : out) res.events.emplace_back(to_string(e.kind));
    append_checked(s, p, out, source);
    std::optional<std::int64_t> appt;
    if (new_window) {
      SQLite::Statement q(s.db(),
                          "INSERT INTO appointments(ticket, recorded_at, window_from, window_to, engineer, reason, "
                          "consent, dispatched_event) VALUES(?,?,?,?,?,?,0,?)");
      q.bind(1, r.ticket);
      q.bind(2, static_cast<std::int64_t>(r.at));
      q.bind(3, static_cast<std::int64_t>(r.window->from));
      q.bind(4, static_cast<std::int64_t>(r.window->to));
      q.bind(5, eng.id);
      if (had_window) q.bind(6, r.reason);
      else q.bind(6);
      q.bind(7, event_id);
      q.exec();
      appt = s.db().getLastInsertRowid();
    }
    insert_log(s, r.ticket, r.at, eng.id, r.reassign ? it.engineer : "", mode, r.reason,
               r.force && eng.region != it.t.region, c, event_id, appt);
    res.engineer = eng.id;
    res.previous = r.reassign ? it.engineer : "";
    res.candidate = std::move(c);
    res.window = window;
  });
  return res;
}

}  // namespace svc
