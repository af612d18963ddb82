#include "ticket.hpp"

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

namespace {

constexpr Instant kFarFuture = std::numeric_limits<Instant>::max();

std::string source_of(Step s) { return fmt::format("svc ticket {}", to_string(s)); }

Event make_event(const std::string& ticket, EventKind k, Instant ts) {
  Event e;
  e.ticket = ticket;
  e.kind = k;
  e.ts = ts;
  return e;
}

// Canonical value of an option, or DataError naming the option.
std::string canon(Field f, const std::string& raw, const char* option) {
  if (raw.empty()) return "";
  std::string why;
  auto v = canonical_value(f, raw, why);
  if (!v) throw DataError(fmt::format("{}: {}", option, why));
  return *v;
}

// Gives the event its id (the derived id the importer would give it) and adds it.
const std::string& add(std::vector<Event>& out, Event e) {
  e.id = content_digest(e).substr(0, 32);
  out.push_back(std::move(e));
  return out.back().id;
}

void append(Store& st, const Policy& p, std::vector<Event>& out, const std::string& source) {
  if (out.empty()) return;
  ImportResult r = append_events(st, p, out, source);
  if (r.added != out.size())
    throw DataError(fmt::format("{}: already recorded: {} of these events are in the store with the same time and "
                                "content, nothing changed",
                                source, out.size() - r.added));
}

// The latest paused/resumed event after `at` (written ahead by a reschedule).
std::optional<Instant> pending_resume(const std::vector<Event>& evs, Instant at) {
  std::optional<Instant> r;
  for (const Event& e : evs)
    if (e.ts > at && e.kind == EventKind::Resumed) r = std::max(r.value_or(e.ts), e.ts);
  return r;
}

void check_at(const std::string& ticket, const std::vector<Event>& evs, Instant at, const TimeZone& tz) {
  Instant now = svc::now();
  if (at > now)
    throw DataError(fmt::format("--at {} is in the future (now is {}): steps are recorded when they happen",
                                format_rfc3339(at, tz), format_rfc3339_s(now, tz)));
  for (const Event& e : evs)  // (evs: the corrected history, see run_step)
    if (e.ts > at && e.kind != EventKind::Paused && e.kind != EventKind::Resumed)
      throw DataError(fmt::format("ticket '{}' already has a later event ({} at {}): steps are recorded in order, so "
                                  "--at must be at or after it",
                                  ticket, to_string(e.kind), format_rfc3339(e.ts, tz)));
}

// Work on a paused ticket ends the pause, unless a reschedule already set its end.
void auto_resume(const std::vector<Event>& evs, const TicketState& s, Instant at, const std::string& ticket,
                 std::vector<Event>& out) {
  if (!s.paused || pending_resume(evs, at)) return;
  Event e = make_event(ticket, EventKind::Resumed, at);
  e.at(Field::Note) = "work continued";
  add(out, std::move(e));
}

using Body = std::function<void(const std::vector<Event>& evs, const TicketState& s, std::vector<Event>& out,
                                 StepResult& res)>;

// The common path of every step on an existing ticket: one transaction that
// reads the events, checks --at and the state machine, builds the events,
// records side data and appends the events.
StepResult run_step(Store& st, const Policy& p, const std::string& ticket, Step step, Instant at, const Body& body,
                    bool check_machine = true, const std::string& source = "") {
  StepResult res;
  res.ticket = ticket;
  st.write([&] {
    // The history as corrected: a step is judged against the events that were
    // not withdrawn, so that after a void the right event can be recorded at
    // the time it really happened (docs/corrections.md).
    auto evs = corrected_events(st.ticket_events(ticket));
    TicketState s = derive_state(evs, kFarFuture);
    if (s.phase == Phase::None) require_ticket(st, ticket);  // NoInputError, did you mean
    check_at(ticket, evs, at, p.tz);
    s = derive_state(evs, at);
    if (check_machine) require_step(ticket, s, step);
    std::vector<Event> out;
    body(evs, s, out, res);
    for (const Event& e : out) res.events.emplace_back(to_string(e.kind));
    append(st, p, out, source.empty() ? source_of(step) : source);
  });
  TicketState after = derive_state(st.ticket_events(ticket), at);
  res.phase = after.phase;
  res.paused = after.paused;
  return res;
}

struct PartInfo {
  std::string name;
  std::optional<std::int64_t> list_cents;
};

PartInfo get_part(Store& st, const std::string& part) {
  SQLite::Statement q(st.db(), "SELECT name, list_cents FROM parts WHERE part = ?");
  q.bind(1, part);
  if (q.executeStep()) {
    PartInfo i;
    i.name = q.getColumn(0).getString();
    if (!q.getColumn(1).isNull()) i.list_cents = q.getColumn(1).getInt64();
    return i;
  }
  std::vector<std::string> all;
  SQLite::Statement a(st.db(), "SELECT part FROM parts ORDER BY part");
  while (a.executeStep()) all.push_back(a.getColumn(0).getString());
  std::string hint = nearest(part, all);
  throw DataError(fmt::format("unknown part '{}'{}", part,
                              hint.empty() ? " (not in the parts catalogue)" : fmt::format(" (did you mean '{}'?)", hint)));
}

std::vector<QuoteLine> price_parts(Store& st, const std::vector<std::pair<std::string, std::int64_t>>& parts) {
  std::vector<QuoteLine> v;
  for (auto& [part, qty] : parts) {
    PartInfo i = get_part(st, part);
    v.push_back({part, i.name, qty, i.list_cents});
  }
  return v;
}

// Parts summed per part number, in first-seen order.
std::vector<std::pair<std::string, std::int64_t>> merge_parts(const std::vector<std::pair<std::string, std::int64_t>>& in) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& pq : in) {
    // (not a structured binding: clang 14, which builds the fuzz targets, cannot capture one in a lambda)
    const std::string& part = pq.first;
    auto it = std::find_if(out.begin(), out.end(), [&](auto& x) { return x.first == part; });
    if (it == out.end()) out.emplace_back(part, pq.second);
    else it->second += pq.second;
  }
  return out;
}

const Event* created_of(const std::vector<Event>& evs) {
  for (const Event& e : evs)
    if (e.kind == EventKind::Created) return &e;
  return nullptr;
}

WarrantyCheck warranty_of(Store& st, const Policy& p, const Event& created) {
  std::string line;
  std::optional<int> months;
  if (created.has(Field::Product)) {
    SQLite::Statement q(st.db(), "SELECT line, warranty_months FROM products WHERE model = ?");
    q.bind(1, created.get(Field::Product));
    if (q.executeStep()) {
      if (!q.getColumn(0).isNull()) line = q.getColumn(0).getString();
      if (!q.getColumn(1).isNull()) months = q.getColumn(1).getInt();
    }
  }
  std::optional<Day> purchased;
  if (created.has(Field::Purchased)) purchased = parse_date(created.get(Field::Purchased));
  return check_warranty(p.warranty, purchased, p.tz.local_day(created.ts), line, months);
}

// Parts for the quote: those fitted (part_used), else those expected at creation.
std::vector<std::pair<std::string, std::int64_t>> quote_parts(Store& st, const std::string& ticket,
                                                               const std::vector<Event>& evs) {
  std::vector<std::pair<std::string, std::int64_t>> v;
  for (const Event& e : evs)
    if (e.kind == EventKind::PartUsed) v.emplace_back(e.get(Field::Part), e.integer(Field::Qty).value_or(1));
  if (!v.empty()) return merge_parts(v);
  SQLite::Statement q(st.db(), "SELECT part, qty FROM ticket_expected_parts WHERE ticket = ? ORDER BY rowid");
  q.bind(1, ticket);
  while (q.executeStep()) v.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64());
  return v;
}

// Like price_parts, but a part that left the catalogue is listed without a price.
std::vector<QuoteLine> price_parts_lenient(Store& st, const std::vector<std::pair<std::string, std::int64_t>>& parts) {
  std::vector<QuoteLine> v;
  for (auto& [part, qty] : parts) {
    SQLite::Statement q(st.db(), "SELECT name, list_cents FROM parts WHERE part = ?");
    q.bind(1, part);
    QuoteLine l{part, "", qty, std::nullopt};
    if (q.executeStep()) {
      l.name = q.getColumn(0).getString();
      if (!q.getColumn(1).isNull()) l.unit_cents = q.getColumn(1).getInt64();
    }
    v.push_back(std::move(l));
  }
  return v;
}

std::optional<std::int64_t> appointment_count(Store& st, const std::string& ticket) {
  SQLite::Statement q(st.db(), "SELECT count(*) FROM appointments WHERE ticket = ?");
  q.bind(1, ticket);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

void bind_opt(SQLite::Statement& q, int i, const std::string& v) {
  if (v.empty()) q.bind(i);
  else q.bind(i, v);
}

Instant add_duration(const Policy& p, Instant from, const Duration& d) {
  if (d.clock == Clock::Calendar) return from + d.micros;
  BusinessCalendar cal(p.calendar, p.tz);
  return cal.add_business(from, d.micros);
}

std::string simple_note(const std::string& a) { return a; }

}  // namespace

std::pair<std::string, std::int64_t> parse_part_qty(std::string_view s) {
  std::string part(s);
  std::int64_t qty = 1;
  if (auto c = s.rfind(':'); c != std::string_view::npos) {
    part = std::string(s.substr(0, c));
    std::string why;
    auto q = canonical_value(Field::Qty, s.substr(c + 1), why);
    if (!q) throw UsageError(fmt::format("--part '{}': {}", s, why));
    qty = std::stoll(*q);
  }
  if (part.empty()) throw UsageError(fmt::format("--part '{}': a part number is needed (PART or PART:QTY)", s));
  return {part, qty};
}

std::pair<Instant, Instant> parse_window(std::string_view s, const TimeZone& tz) {
  auto slash = s.find('/');
  if (slash == std::string_view::npos)
    throw UsageError(fmt::format("--window '{}': expected START/END, e.g. '2026-11-23 14:00/16:00'", s));
  std::string why;
  auto a = parse_timestamp(s.substr(0, slash), tz, &why);
  if (!a) throw UsageError(fmt::format("--window '{}': start: {}", s, why));
  std::string_view end = s.substr(slash + 1);
  std::optional<Instant> b;
  if (end.size() == 5 && end[2] == ':') {
    std::string day = format_date(tz.local_day(*a));
    b = parse_timestamp(day + " " + std::string(end), tz, &why);
  } else {
    b = parse_timestamp(end, tz, &why);
  }
  if (!b) throw UsageError(fmt::format("--window '{}': end: {}", s, why.empty() ? "expected HH:MM or a timestamp" : why));
  if (*b <= *a) throw UsageError(fmt::format("--window '{}': the end must be after the start", s));
  return {*a, *b};
}

// ---------------------------------------------------------------- create

StepResult create_ticket(Store& st, const Policy& p, const CreateRequest& r) {
  StepResult res;
  st.write([&] {
    std::string ticket = r.ticket;
    if (ticket.empty()) {
      IdTemplate t = expand_id_pattern(p.tickets.id_pattern, p.tz.local_day(r.at));
      std::vector<std::string> existing;
      SQLite::Statement q(st.db(), "SELECT DISTINCT ticket FROM events WHERE ticket >= ? AND ticket < ?");
      q.bind(1, t.prefix);
      q.bind(2, t.prefix + "~");
      while (q.executeStep()) existing.push_back(q.getColumn(0).getString());
      ticket = next_ticket_id(t, existing);
    } else if (!valid_ticket_id(ticket)) {
      throw DataError(fmt::format("ticket id '{}' is not valid: 1-64 characters from A-Z a-z 0-9 . _ -", ticket));
    }
    res.ticket = ticket;
    auto evs = st.ticket_events(ticket);
    require_step(ticket, derive_state(evs, kFarFuture), Step::Create);
    if (r.at > svc::now())
      throw DataError(fmt::format("--at {} is in the future (now is {})", format_rfc3339(r.at, p.tz),
                                  format_rfc3339_s(svc::now(), p.tz)));

    // a unit by serial gives what the request does not (explicit options win)
    std::optional<Unit> unit;
    if (!r.serial.empty()) {
      // an install brings a unit not registered yet (completing it registers the unit)
      std::string why;
      if (!canonical_value(Field::Serial, r.serial, why)) throw UsageError(fmt::format("--serial: {}", why));
      if (canon(Field::Type, r.type, "--type") == "install") unit = find_unit(st, r.serial);
      else unit = get_unit(st, r.serial);
    }
    auto or_unit = [&](const std::string& given, const std::string& from_unit) { return given.empty() ? from_unit : given; };
    Outlet outlet = get_outlet(st, r.outlet);
    if (!outlet.active) throw DataError(fmt::format("outlet '{}' is not active: it takes no new tickets", outlet.id));
    Event e = make_event(ticket, EventKind::Created, r.at);
    e.at(Field::Type) = canon(Field::Type, r.type, "--type");
    e.at(Field::Urgency) = canon(Field::Urgency, r.urgency.empty() ? "normal" : r.urgency, "--urgency");
    e.at(Field::Channel) = canon(Field::Channel, r.channel, "--channel");
    e.at(Field::Region) = or_unit(r.region, unit ? unit->region : "");
    if (e.get(Field::Region).empty()) e.at(Field::Region) = outlet.region;
    e.at(Field::Outlet) = outlet.id;
    e.at(Field::Serial) = r.serial;
    e.at(Field::Customer) = or_unit(r.customer, unit ? unit->customer : "");
    e.at(Field::Product) = or_unit(r.product, unit ? unit->model : "");
    e.at(Field::Purchased) = canon(Field::Purchased, or_unit(r.purchased, unit && unit->purchased ? format_date(*unit->purchased) : ""), "--purchased");
    e.at(Field::DistanceKm) = canon(Field::DistanceKm, r.distance_km, "--distance");
    e.at(Field::Note) = r.fault;
    if (!r.due.empty()) {
      std::string why;
      auto due = parse_timestamp(r.due, p.tz, &why);
      if (!due) throw UsageError(fmt::format("--due '{}': {}", r.due, why));
      e.at(Field::Due) = format_utc(*due);
      if (std::string m = due_problem(e); !m.empty()) throw DataError("--" + m);
    }
    if (e.has(Field::Purchased) && *parse_date(e.get(Field::Purchased)) > p.tz.local_day(r.at))
      throw DataError(fmt::format("--purchased {} is after the ticket's date {}", e.get(Field::Purchased),
                                  format_date(p.tz.local_day(r.at))));
    auto expected = merge_parts(r.expected_parts);
    auto priced = price_parts(st, expected);  // validates the part numbers
    std::vector<LimitHit> qty_hits;
    for (auto& pq : expected)
      if (auto h = qty_hit(pq.second, p.limits)) qty_hits.push_back(*h);
    const char* option = qty_hits.empty() ? "--distance" : limit_hits(e, p.limits).empty() ? "--part" : "--distance, --part";
    apply_limits(e, p.limits, r.force, option, qty_hits);

    res.warranty = warranty_of(st, p, e);
    {  // the 三包 entitlement; the fee standard's quote only when it covers nothing
      std::vector<std::string> part_numbers;
      for (auto& pq : expected) part_numbers.push_back(pq.first);
      const Day on = p.tz.local_day(r.at);
      std::optional<Day> bought;
      if (e.has(Field::Purchased)) bought = parse_date(e.get(Field::Purchased));
      if (unit) {
        Unit u = *unit;
        u.model = e.get(Field::Product);
        u.purchased = bought;
        res.entitlement = unit_entitlement(st, p, u, on, ticket, part_numbers);
      } else {
        res.entitlement = entitlement(model_terms(st, p.warranty, e.get(Field::Product)), bought, on, {}, part_numbers);
      }
    }
    if (!res.entitlement->covered()) res.quote = make_quote(p.warranty, e.get(Field::Type), priced);

    std::vector<Event> out;
    const std::string id = add(out, std::move(e));
    SQLite::Statement d(st.db(), "INSERT INTO ticket_details(ticket, created_event, address) VALUES(?, ?, ?)");
    d.bind(1, ticket);
    d.bind(2, id);
    bind_opt(d, 3, r.address);
    d.exec();
    for (auto& [part, qty] : expected) {
      SQLite::Statement x(st.db(), "INSERT INTO ticket_expected_parts(ticket, part, qty) VALUES(?, ?, ?)");
      x.bind(1, ticket);
      x.bind(2, part);
      x.bind(3, qty);
      x.exec();
    }
    res.events.emplace_back("created");
    append(st, p, out, source_of(Step::Create));
  });
  res.phase = Phase::New;
  return res;
}

// ---------------------------------------------------------------- simple steps

StepResult respond_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& note) {
  return run_step(st, p, ticket, Step::Respond, at, [&](auto& evs, auto& s, auto& out, auto&) {
    auto_resume(evs, s, at, ticket, out);
    Event e = make_event(ticket, EventKind::Responded, at);
    e.at(Field::Note) = note;
    add(out, std::move(e));
  });
}

StepResult arrive_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& note) {
  return run_step(st, p, ticket, Step::Arrive, at, [&](auto& evs, auto& s, auto& out, auto&) {
    auto_resume(evs, s, at, ticket, out);
    Event e = make_event(ticket, EventKind::Arrived, at);
    e.at(Field::Note) = note;
    add(out, std::move(e));
  });
}

StepResult sign_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, bool force,
                       const std::string& reason) {
  return run_step(
      st, p, ticket, Step::Sign, at,
      [&](auto&, auto& s, auto& out, auto& res) {
        bool normal = step_allowed(s, Step::Sign);
        if (!normal) {
          if (!force || s.phase == Phase::Cancelled) require_step(ticket, s, Step::Sign);
          if (reason.empty()) throw DataError("sign --force needs --reason: why the customer signed before completion");
          res.info = "signed before completion (forced): this is a sign-before-completion integrity finding";
        }
        Event e = make_event(ticket, EventKind::Signed, at);
        e.at(Field::Note) = normal ? reason : "forced: " + reason;
        add(out, std::move(e));
      },
      false);
}

StepResult reject_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& reason) {
  return run_step(st, p, ticket, Step::Reject, at, [&](auto&, auto&, auto& out, auto&) {
    if (reason.empty()) throw DataError("reject needs --reason: what the customer did not accept");
    Event e = make_event(ticket, EventKind::Rejected, at);
    e.at(Field::Note) = reason;
    add(out, std::move(e));
  });
}

StepResult follow_up_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at,
                            const std::string& satisfaction, const std::string& comment) {
  return run_step(st, p, ticket, Step::FollowUp, at, [&](auto&, auto&, auto& out, auto&) {
    if (satisfaction.empty()) throw DataError("follow-up needs --satisfaction 1-5");
    Event e = make_event(ticket, EventKind::FollowedUp, at);
    e.at(Field::Satisfaction) = canon(Field::Satisfaction, satisfaction, "--satisfaction");
    e.at(Field::Note) = comment;
    add(out, std::move(e));
  });
}

StepResult reopen_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& reason) {
  return run_step(st, p, ticket, Step::Reopen, at, [&](auto&, auto&, auto& out, auto&) {
    if (reason.empty()) throw DataError("reopen needs --reason");
    Event e = make_event(ticket, EventKind::Reopened, at);
    e.at(Field::Note) = reason;
    add(out, std::move(e));
  });
}

StepResult cancel_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& reason) {
  return run_step(st, p, ticket, Step::Cancel, at, [&](auto&, auto&, auto& out, auto&) {
    if (reason.empty()) throw DataError("cancel needs --reason: why the request was withdrawn");
    Event e = make_event(ticket, EventKind::Cancelled, at);
    e.at(Field::Note) = reason;
    add(out, std::move(e));
  });
}

StepResult close_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& note) {
  return run_step(st, p, ticket, Step::Close, at, [&](auto&, auto&, auto& out, auto&) {
    Event e = make_event(ticket, EventKind::Closed, at);
    e.at(Field::Note) = simple_note(note);
    add(out, std::move(e));
  });
}

StepResult note_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& text) {
  return run_step(st, p, ticket, Step::Note, at, [&](auto&, auto&, auto&, auto&) {
    if (text.empty()) throw DataError("note: the text is empty");
    SQLite::Statement q(st.db(), "INSERT INTO ticket_notes(ticket, at, text) VALUES(?, ?, ?)");
    q.bind(1, ticket);
    q.bind(2, static_cast<std::int64_t>(at));
    q.bind(3, text);
    q.exec();
  });
}

StepResult pause_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& reason,
                        bool consent) {
  return run_step(st, p, ticket, Step::Pause, at, [&](auto& evs, auto&, auto& out, auto&) {
    if (reason.empty()) throw DataError("pause needs --reason: what the ticket waits for (the customer, parts)");
    if (!consent) throw DataError("pause needs the customer's consent (--consent): the clock stops only with it");
    for (const Event& e : evs)
      if (e.ts > at && (e.kind == EventKind::Paused || e.kind == EventKind::Resumed))
        throw DataError(fmt::format("ticket '{}' has a pause set by a reschedule until {}; pause after it",
                                    ticket, format_rfc3339(e.ts, p.tz)));
    Event e = make_event(ticket, EventKind::Paused, at);
    e.at(Field::Note) = reason + " (customer consented)";
    add(out, std::move(e));
  });
}

StepResult resume_ticket(Store& st, const Policy& p, const std::string& ticket, Instant at, const std::string& note) {
  return run_step(st, p, ticket, Step::Resume, at, [&](auto& evs, auto&, auto& out, auto&) {
    if (auto r = pending_resume(evs, at))
      throw DataError(fmt::format("ticket '{}' resumes by itself at {} (set by a reschedule)", ticket,
                                  format_rfc3339(*r, p.tz)));
    Event e = make_event(ticket, EventKind::Resumed, at);
    e.at(Field::Note) = note;
    add(out, std::move(e));
  });
}

StepResult resolve_by_phone(Store& st, const Policy& p, const std::string& ticket, Instant at,
                            const std::string& guidance, const std::string& labor_hours,
                            const LimitOverride& force) {
  return run_step(st, p, ticket, Step::ResolveByPhone, at, [&](auto& evs, auto& s, auto& out, auto& res) {
    if (guidance.empty()) throw DataError("resolve-by-phone needs --guidance: what the customer was told to do");
    auto_resume(evs, s, at, ticket, out);
    if (!s.responded) {
      Event r = make_event(ticket, EventKind::Responded, at);
      r.at(Field::Channel) = "phone";
      add(out, std::move(r));
    }
    Event c = make_event(ticket, EventKind::Completed, at);
    c.at(Field::Channel) = "phone";
    c.at(Field::LaborHours) = canon(Field::LaborHours, labor_hours, "--hours");
    c.at(Field::Note) = "resolved by phone: " + guidance;
    apply_limits(c, p.limits, force, "--hours");
    add(out, std::move(c));
    Instant due = add_duration(p, at, p.tickets.phone_followup);
    SQLite::Statement q(st.db(), "UPDATE ticket_details SET phone_followup_due = ? WHERE ticket = ?");
    q.bind(1, static_cast<std::int64_t>(due));
    q.bind(2, ticket);
    if (q.exec() == 0) {
      SQLite::Statement i(st.db(),
                          "INSERT INTO ticket_details(ticket, created_event, phone_followup_due) VALUES(?, ?, ?)");
      i.bind(1, ticket);
      i.bind(2, created_of(evs)->id);
      i.bind(3, static_cast<std::int64_t>(due));
      i.exec();
    }
    res.info = fmt::format("follow-up call due by {}", format_rfc3339(due, p.tz));
  });
}

// ---------------------------------------------------------------- schedule

StepResult schedule_ticket(Store& st, const Policy& p, const std::string& ticket, const ScheduleRequest& r) {
  return run_step(st, p, ticket, Step::Schedule, r.at, [&](auto& evs, auto& s, auto& out, auto& res) {
    Instant at = r.at;
    if (r.window_to <= at)
      throw DataError(fmt::format("the window ends at {}, before the step's time {}", format_rfc3339(r.window_to, p.tz),
                                  format_rfc3339(at, p.tz)));
    bool reschedule = *appointment_count(st, ticket) > 0;
    if (reschedule && r.reason.empty())
      throw DataError(fmt::format("ticket '{}' already has an appointment: a reschedule needs --reason (and --consent "
                                  "when the customer asked for it)",
                                  ticket));
    if (!reschedule && r.consent)
      throw DataError("--consent is for a reschedule; this is the ticket's first appointment");
    std::string dispatched_id, paused_id, resumed_id;
    // the pause of a consented reschedule: from now until the new window starts
    auto pending = pending_resume(evs, at);
    if (r.consent && r.window_from > at) {
      if (s.paused && pending) {
        if (r.window_from > *pending) {  // extend: pause again where the old pause ends
          Event pz = make_event(ticket, EventKind::Paused, *pending);
          pz.at(Field::Note) = "rescheduled again: " + r.reason + " (customer consented)";
          paused_id = add(out, std::move(pz));
        }
      } else if (!s.paused) {
        Event pz = make_event(ticket, EventKind::Paused, at);
        pz.at(Field::Note) = "rescheduled: " + r.reason + " (customer consented)";
        paused_id = add(out, std::move(pz));
      }
      if (!paused_id.empty() || (s.paused && !pending)) {
        Event rs = make_event(ticket, EventKind::Resumed, r.window_from);
        rs.at(Field::Note) = "rescheduled appointment begins";
        resumed_id = add(out, std::move(rs));
      }
    } else {
      auto_resume(evs, s, at, ticket, out);
    }
    if (!s.responded) {
      Event e = make_event(ticket, EventKind::Responded, at);
      e.at(Field::Note) = "appointment confirmed";
      add(out, std::move(e));
    }
    if (!r.engineer.empty()) {
      Engineer eng = get_engineer(st, r.engineer);
      if (!eng.active) throw DataError(fmt::format("engineer '{}' is not active", eng.id));
      if (eng.id != s.engineer || !s.engineer_this_round) {
        Event e = make_event(ticket, EventKind::Dispatched, at);
        e.at(Field::Engineer) = eng.id;
        dispatched_id = add(out, std::move(e));
      }
    }
    // out must be in log order: the resume at the window start goes last
    std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) { return a.ts < b.ts; });
    SQLite::Statement q(st.db(),
                        "INSERT INTO appointments(ticket, recorded_at, window_from, window_to, engineer, reason, consent, "
                        "dispatched_event, paused_event, resumed_event) VALUES(?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, ticket);
    q.bind(2, static_cast<std::int64_t>(at));
    q.bind(3, static_cast<std::int64_t>(r.window_from));
    q.bind(4, static_cast<std::int64_t>(r.window_to));
    bind_opt(q, 5, r.engineer.empty() ? "" : get_engineer(st, r.engineer).id);
    bind_opt(q, 6, r.reason);
    q.bind(7, r.consent ? 1 : 0);
    bind_opt(q, 8, dispatched_id);
    bind_opt(q, 9, paused_id);
    bind_opt(q, 10, resumed_id);
    q.exec();
    if (!resumed_id.empty())
      res.info = fmt::format("the clock is paused until the new window starts at {}", format_rfc3339(r.window_from, p.tz));
  });
}

// ---------------------------------------------------------------- complete

StepResult complete_ticket(Store& st, const Policy& p, const std::string& ticket, const CompleteRequest& r) {
  return run_step(st, p, ticket, Step::Complete, r.at, [&](auto& evs, auto& s, auto& out, auto& res) {
    if (r.content.empty()) throw DataError("complete needs --content: the service done (the service report)");
    auto_resume(evs, s, r.at, ticket, out);
    auto parts = merge_parts(r.parts);
    price_parts(st, parts);  // validates the part numbers
    for (auto& [part, qty] : parts) {
      Event e = make_event(ticket, EventKind::PartUsed, r.at);
      e.at(Field::Part) = part;
      e.at(Field::Qty) = std::to_string(qty);
      apply_limits(e, p.limits, r.force, "--part " + part);
      add(out, std::move(e));
    }
    Event c = make_event(ticket, EventKind::Completed, r.at);
    c.at(Field::LaborHours) = canon(Field::LaborHours, r.labor_hours, "--hours");
    c.at(Field::Note) = r.content;
    apply_limits(c, p.limits, r.force, "--hours");
    add(out, std::move(c));
    if (!r.fee.empty()) {
      Event f = make_event(ticket, EventKind::Fee, r.at);
      f.at(Field::Amount) = canon(Field::Amount, r.fee, "--fee");
      std::int64_t cents = *f.cents();
      if (cents < 0) throw DataError(fmt::format("--fee {}: a fee cannot be negative", r.fee));
      apply_limits(f, p.limits, r.force, "--fee");
      const Event* created = created_of(evs);
      WarrantyCheck w = warranty_of(st, p, *created);
      std::vector<Event> all = evs;
      all.insert(all.end(), out.begin(), out.end());
      Quote q = make_quote(p.warranty, created->get(Field::Type),
                           price_parts_lenient(st, quote_parts(st, ticket, all)));
      bool in = w.known && w.in_warranty;
      bool ok = in ? cents == 0 : cents <= q.total_cents;
      f.at(Field::Approved) = ok ? "yes" : "no";
      res.info = ok ? fmt::format("fee {} within the fee standard", format_cents(cents))
                    : in ? fmt::format("fee {} NOT approved: the product is in warranty (三包), the service is free",
                                       format_cents(cents))
                         : fmt::format("fee {} NOT approved: above the fee standard's quote of {}", format_cents(cents),
                                       format_cents(q.total_cents));
      add(out, std::move(f));
    }
    // an install of a serial not yet known registers the unit (installed_base.hpp)
    if (const Event* cr = created_of(evs); cr && cr->get(Field::Type) == "install" &&
                                           register_installed_unit(st, p, ticket, *cr, r.at)) {
      std::string reg = fmt::format("unit {} registered, installed {}", serial_of_ticket(st, ticket),
                                    format_date(p.tz.local_day(r.at)));
      res.info = res.info.empty() ? reg : res.info + "; " + reg;
    }
  });
}

StepResult part_used_ticket(Store& st, const Policy& p, const std::string& ticket, const PartUsedRequest& r) {
  if (r.qty < 1) throw DataError(fmt::format("qty {}: a fitted quantity is at least 1", r.qty));
  return run_step(
      st, p, ticket, Step::Complete, r.at,
      [&](auto& evs, auto& s, auto& out, auto& res) {
        if (s.phase != Phase::OnSite)
          throw DataError(fmt::format(
              "ticket '{}' is {}{}: a part can be recorded as fitted only while the engineer is on site (on_site); "
              "parts fitted at completion are recorded by 'svc ticket complete --part P:QTY' and linked with "
              "'svc parts consume --event ID' or 'svc parts reconcile'",
              ticket, to_string(s.phase), s.paused ? " and paused" : ""));
        price_parts(st, {{r.part, r.qty}});  // validates the part number
        auto_resume(evs, s, r.at, ticket, out);
        Event e = make_event(ticket, EventKind::PartUsed, r.at);
        e.at(Field::Part) = r.part;
        e.at(Field::Qty) = std::to_string(r.qty);
        e.at(Field::Note) = r.note;
        apply_limits(e, p.limits, r.force, "--qty");
        res.info = add(out, std::move(e));
      },
      false, r.source);
}

// ---------------------------------------------------------------- complaints

std::string_view to_string(ComplaintStep c) {
  switch (c) {
    case ComplaintStep::Investigation: return "investigation";
    case ComplaintStep::Plan: return "plan";
    case ComplaintStep::Resolution: return "resolution";
  }
  return "?";
}

std::string ComplaintView::next_step() const {
  static const char* order[] = {"investigation", "plan", "resolution"};
  return steps.size() < 3 ? order[steps.size()] : "";
}

StepResult complain_ticket(Store& st, const Policy& p, const std::string& ticket, const ComplainRequest& r) {
  return run_step(st, p, ticket, Step::Complain, r.at, [&](auto&, auto&, auto& out, auto& res) {
    if (r.responsible.empty()) throw DataError("complain needs --responsible yes|no: is it the service's own fault?");
    std::string number = r.number;
    if (number.empty()) {
      SQLite::Statement q(st.db(), "SELECT count(*) FROM complaints WHERE ticket = ?");
      q.bind(1, ticket);
      q.executeStep();
      for (std::int64_t n = q.getColumn(0).getInt64() + 1;; ++n) {
        number = fmt::format("{}-C{}", ticket, n);
        SQLite::Statement x(st.db(), "SELECT 1 FROM complaints WHERE number = ?");
        x.bind(1, number);
        if (!x.executeStep()) break;
      }
    } else {
      if (!valid_event_id(number)) throw DataError(fmt::format("complaint number '{}': 1-64 characters, no control characters", number));
      SQLite::Statement x(st.db(), "SELECT ticket FROM complaints WHERE number = ?");
      x.bind(1, number);
      if (x.executeStep())
        throw DataError(fmt::format("complaint number '{}' is already taken (ticket '{}')", number, x.getColumn(0).getString()));
    }
    Event e = make_event(ticket, EventKind::Complaint, r.at);
    e.at(Field::Responsible) = canon(Field::Responsible, r.responsible, "--responsible");
    e.at(Field::Note) = r.text.empty() ? "complaint " + number : "complaint " + number + ": " + r.text;
    std::string resp = e.get(Field::Responsible);
    const std::string id = add(out, std::move(e));
    SQLite::Statement q(st.db(),
                        "INSERT INTO complaints(number, ticket, event_id, responsible, opened_at, text) VALUES(?,?,?,?,?,?)");
    q.bind(1, number);
    q.bind(2, ticket);
    q.bind(3, id);
    q.bind(4, resp);
    q.bind(5, static_cast<std::int64_t>(r.at));
    bind_opt(q, 6, r.text);
    q.exec();
    res.info = fmt::format("complaint {} opened; next: investigation", number);
  });
}

StepResult complaint_step(Store& st, const Policy& p, const std::string& number, const ComplaintStepRequest& r) {
  std::string ticket;
  {
    SQLite::Statement q(st.db(), "SELECT ticket FROM complaints WHERE number = ?");
    q.bind(1, number);
    if (!q.executeStep()) throw NotFound(fmt::format("no complaint '{}' (open one with 'svc ticket complain')", number));
    ticket = q.getColumn(0).getString();
  }
  return run_step(st, p, ticket, Step::Complain, r.at, [&](auto&, auto&, auto&, auto& res) {
    if (r.text.empty()) throw DataError(fmt::format("the {} needs a text", to_string(r.step)));
    SQLite::Statement c(st.db(), "SELECT count(*), max(at) FROM complaint_steps WHERE number = ?");
    c.bind(1, number);
    c.executeStep();
    std::int64_t done = c.getColumn(0).getInt64();
    static const char* order[] = {"investigation", "plan", "resolution"};
    if (done >= 3) throw DataError(fmt::format("complaint {} is resolved: no more steps", number));
    if (std::int64_t(r.step) != done)
      throw DataError(fmt::format("complaint {}: the next step is the {}, not the {}", number, order[done],
                                  to_string(r.step)));
    if (!c.getColumn(1).isNull() && c.getColumn(1).getInt64() > r.at)
      throw DataError(fmt::format("complaint {}: --at is before its previous step", number));
    if (r.step == ComplaintStep::Plan && (r.owner.empty() || !r.deadline))
      throw DataError("a plan needs --owner (who carries it out) and --deadline YYYY-MM-DD");
    if (r.step != ComplaintStep::Plan && (!r.owner.empty() || r.deadline))
      throw DataError("--owner and --deadline belong to the plan");
    SQLite::Statement q(st.db(), "INSERT INTO complaint_steps(number, step, at, text, owner, deadline) VALUES(?,?,?,?,?,?)");
    q.bind(1, number);
    q.bind(2, std::string(to_string(r.step)));
    q.bind(3, static_cast<std::int64_t>(r.at));
    q.bind(4, r.text);
    bind_opt(q, 5, r.owner);
    if (r.deadline) q.bind(6, static_cast<std::int64_t>(*r.deadline));
    else q.bind(6);
    q.exec();
    res.info = done + 1 < 3 ? fmt::format("complaint {}: {} recorded; next: {}", number, to_string(r.step), order[done + 1])
                            : fmt::format("complaint {}: resolved", number);
  });
}

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
  if (!(v.warranty.known && v.warranty.in_warranty))
    v.quote = make_quote(p.warranty, v.created.get(Field::Type), price_parts_lenient(st, quote_parts(st, ticket, v.counting)));
  std::vector<std::pair<std::string, std::int64_t>> used;
  for (const Event& e : v.counting) {
    if (e.kind == EventKind::PartUsed) used.emplace_back(e.get(Field::Part), e.integer(Field::Qty).value_or(1));
    if (e.kind == EventKind::Fee) v.fees.push_back({e.ts, e.cents().value_or(0), e.get(Field::Approved) == "yes"});
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
                          "SELECT step, at, text, owner, deadline FROM complaint_steps WHERE number = ? AND at <= ? "
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

namespace {

std::optional<Instant> first_of(const std::vector<Event>& evs, EventKind k) {
  for (const Event& e : evs)
    if (e.kind == k) return e.ts;
  return std::nullopt;
}

std::optional<Instant> last_of(const std::vector<Event>& evs, EventKind k) {
  std::optional<Instant> r;
  for (const Event& e : evs)
    if (e.kind == k) r = e.ts;
  return r;
}

std::string warranty_text(const WarrantyCheck& w) {
  if (!w.known) return fmt::format("unknown (no purchase date; {} months would apply)", w.months);
  return fmt::format("{} ({} months from {}, last day {}{})", w.in_warranty ? "in warranty" : "out of warranty", w.months,
                     format_date(*w.purchased), format_date(*w.last_day),
                     w.basis == "product" ? ", from the product" : w.basis == "line" ? ", line " + w.line : "");
}

std::string phase_text(const TicketState& s) {
  return std::string(to_string(s.phase)) + (s.paused ? " (paused)" : "");
}

}  // namespace

void write_ticket_text(std::ostream& out, const TicketView& v, const Policy& p) {
  const TimeZone& tz = p.tz;
  const Event& c = v.created;
  auto t = [&](std::optional<Instant> x) { return x ? format_local_minutes(*x, tz) : std::string("-"); };
  Table head;
  head.headers = {"field", "value"};
  head.add({"ticket", v.ticket});
  head.add({"state", phase_text(v.state)});
  head.add({"sla", fmt::format("{}{}", to_string(v.sla.status), v.sla.rule.empty() ? "" : " (rule " + v.sla.rule + ")")});
  head.add({"type", c.get(Field::Type)});
  head.add({"urgency", c.get(Field::Urgency)});
  head.add({"channel", c.get(Field::Channel)});
  head.add({"outlet", c.get(Field::Outlet)});
  head.add({"region", c.get(Field::Region)});
  head.add({"customer", c.get(Field::Customer)});
  head.add({"address", v.address});
  head.add({"distance_km", c.get(Field::DistanceKm)});
  head.add({"product", c.get(Field::Product)});
  head.add({"fault", c.get(Field::Note)});
  head.add({"engineer", v.state.engineer});
  head.add({"warranty", warranty_text(v.warranty)});
  if (v.quote)
    head.add({"quote", fmt::format("{} (labour {} h = {}, parts {}){}", format_cents(v.quote->total_cents),
                                   v.quote->labor_hours, format_cents(v.quote->labor_cents),
                                   format_cents(v.quote->parts_cents),
                                   v.quote->unpriced.empty() ? "" : ", some parts have no list price")});
  if (v.phone_followup_due)
    head.add({"phone follow-up", fmt::format("due {}{}", format_local_minutes(*v.phone_followup_due, tz),
                                             v.phone_followed_up ? " (done)" : *v.phone_followup_due < v.as_of ? " (OVERDUE)" : "")});
  std::string allowed;
  for (Step s : allowed_steps(v.state)) {
    if (!allowed.empty()) allowed += ' ';
    allowed += to_string(s);
  }
  head.add({"next steps", allowed.empty() ? "-" : allowed});
  write_table(out, head);

  out << "\nMilestones\n";
  Table m;
  m.headers = {"milestone", "at"};
  m.add({"created", t(c.ts)});
  m.add({"responded", t(first_of(v.counting, EventKind::Responded))});
  m.add({"dispatched", t(last_of(v.counting, EventKind::Dispatched))});
  m.add({"arrived", t(first_of(v.counting, EventKind::Arrived))});
  m.add({"completed", t(last_of(v.counting, EventKind::Completed))});
  m.add({"signed", t(last_of(v.counting, EventKind::Signed))});
  m.add({"followed up", t(last_of(v.counting, EventKind::FollowedUp))});
  m.add({"closed", t(v.state.phase == Phase::Closed ? last_of(v.counting, EventKind::Closed) : std::nullopt)});
  write_table(out, m);

  if (!v.sla.targets.empty()) {
    out << fmt::format("\nSLA as of {}\n", format_local_minutes(v.as_of, tz));
    Table s;
    s.headers = {"target", "limit", "status", "elapsed", "due / overdue"};
    for (const auto& r : v.sla.targets) {
      std::string st(to_string(r.status));
      if (r.status == TargetStatus::Pending && r.at_risk) st += " (at risk)";
      std::string extra;
      if (r.status == TargetStatus::Breached) extra = fmt::format("overdue {:.1f} h", double(r.overdue) / 3.6e9);
      else if (r.status == TargetStatus::Pending) extra = r.due ? "due " + format_local_minutes(*r.due, tz) : "paused";
      s.add({std::string(to_string(r.target)), r.limit.text, st,
             r.status == TargetStatus::NotApplicable ? "-" : fmt::format("{:.1f} h", double(r.elapsed) / 3.6e9), extra});
    }
    write_table(out, s);
  }
  if (!v.appointments.empty()) {
    out << "\nAppointments\n";
    Table a;
    a.headers = {"#", "agreed", "window", "engineer", "reschedule reason", "consent"};
    for (const auto& x : v.appointments)
      a.add({std::to_string(x.id), format_local_minutes(x.recorded_at, tz),
             format_local_minutes(x.window_from, tz) + "/" + format_local_minutes(x.window_to, tz).substr(11), x.engineer,
             x.reason, x.reason.empty() ? "" : (x.consent ? "yes (clock paused)" : "no")});
    write_table(out, a);
  }
  if (!v.parts_used.empty()) {
    out << "\nParts fitted\n";
    Table a;
    a.headers = {"part", "name", "qty", "list price"};
    a.align = {Align::Left, Align::Left, Align::Right, Align::Right};
    for (const auto& x : v.parts_used)
      a.add({x.part, x.name, std::to_string(x.qty), x.unit_cents ? format_cents(*x.unit_cents) : "-"});
    write_table(out, a);
  }
  if (!v.fees.empty()) {
    out << "\nFees\n";
    Table a;
    a.headers = {"at", "amount", "approved"};
    a.align = {Align::Left, Align::Right, Align::Left};
    for (const auto& f : v.fees) a.add({format_local_minutes(f.ts, tz), format_cents(f.cents), f.approved ? "yes" : "no"});
    write_table(out, a);
  }
  if (!v.complaints.empty()) {
    out << "\nComplaints\n";
    Table a;
    a.headers = {"number", "at", "responsible", "step", "text", "owner", "deadline"};
    for (const auto& x : v.complaints) {
      a.add({x.number, format_local_minutes(x.opened_at, tz), x.responsible, "opened", x.text, "", ""});
      for (const auto& s : x.steps)
        a.add({"", format_local_minutes(s.at, tz), "", s.step, s.text, s.owner, s.deadline ? format_date(*s.deadline) : ""});
      if (!x.next_step().empty()) a.add({"", "", "", "next: " + x.next_step(), "", "", ""});
    }
    write_table(out, a);
  }
  if (!v.notes.empty()) {
    out << "\nNotes\n";
    Table a;
    a.headers = {"at", "note"};
    for (const auto& n : v.notes) a.add({format_local_minutes(n.at, tz), n.text});
    write_table(out, a);
  }
  out << "\nHistory\n";
  Table h;
  h.headers = {"at", "id", "event", "details"};
  for (const Event& e : v.events) {
    std::string d;
    for (int i = 0; i < kFieldCount; ++i) {
      if (e.f[size_t(i)].empty() || e.kind == EventKind::Created) continue;
      if (!d.empty()) d += "  ";
      d += fmt::format("{}={}", to_string(Field(i)), e.f[size_t(i)]);
    }
    std::string kind(to_string(e.kind));
    if (auto m = v.voids.find(e.id); m != v.voids.end()) {
      kind += " (VOIDED)";
      d += fmt::format("{}withdrawn {} by {}: {}", d.empty() ? "" : "  ", format_local_minutes(m->second.at, tz),
                       m->second.by, m->second.reason);
    }
    h.add({format_local_minutes(e.ts, tz), e.id, kind, d});
  }
  write_table(out, h);
}

void write_ticket_json(JsonWriter& w, const TicketView& v, const Policy& p) {
  const TimeZone& tz = p.tz;
  const Event& c = v.created;
  auto opt_text = [&](std::string_view k, const std::string& s) {
    w.key(k);
    if (s.empty()) w.null();
    else w.value(s);
  };
  auto opt_time = [&](std::string_view k, std::optional<Instant> t) {
    w.key(k);
    if (t) w.value(format_rfc3339(*t, tz));
    else w.null();
  };
  w.begin_object();
  w.field("ticket", v.ticket);
  w.field("as_of", format_rfc3339(v.as_of, tz));
  w.field("state", std::string(to_string(v.state.phase)));
  w.field("paused", v.state.paused);
  for (Field f : {Field::Type, Field::Urgency, Field::Channel, Field::Outlet, Field::Region, Field::Customer,
                  Field::Product, Field::Purchased})
    opt_text(to_string(f), c.get(f));
  w.key("distance_km");
  if (auto d = c.number(Field::DistanceKm)) w.raw(c.get(Field::DistanceKm));
  else w.null();
  opt_text("address", v.address);
  opt_text("fault", c.get(Field::Note));
  opt_text("engineer", v.state.engineer);
  w.key("warranty").begin_object();
  w.key("status").value(!v.warranty.known ? "unknown" : v.warranty.in_warranty ? "in" : "out");
  w.field("months", v.warranty.months);
  w.field("basis", v.warranty.basis);
  opt_text("line", v.warranty.line);
  w.key("last_day");
  if (v.warranty.last_day) w.value(format_date(*v.warranty.last_day));
  else w.null();
  w.end_object();
  w.key("quote");
  if (v.quote) {
    w.begin_object();
    w.field("labor_hours", v.quote->labor_hours);
    w.key("labor").money(v.quote->labor_cents);
    w.key("parts").money(v.quote->parts_cents);
    w.key("total").money(v.quote->total_cents);
    w.key("unpriced").begin_array();
    for (auto& u : v.quote->unpriced) w.value(u);
    w.end_array();
    w.end_object();
  } else {
    w.null();
  }
  w.key("milestones").begin_object();
  opt_time("created", c.ts);
  opt_time("responded", first_of(v.counting, EventKind::Responded));
  opt_time("dispatched", last_of(v.counting, EventKind::Dispatched));
  opt_time("arrived", first_of(v.counting, EventKind::Arrived));
  opt_time("completed", last_of(v.counting, EventKind::Completed));
  opt_time("signed", last_of(v.counting, EventKind::Signed));
  opt_time("followed_up", last_of(v.counting, EventKind::FollowedUp));
  opt_time("closed", v.state.phase == Phase::Closed ? last_of(v.counting, EventKind::Closed) : std::nullopt);
  w.end_object();
  opt_time("phone_followup_due", v.phone_followup_due);
  w.key("sla");
  write_sla_json(w, v.sla, tz);
  w.key("next_steps").begin_array();
  for (Step s : allowed_steps(v.state)) w.value(std::string(to_string(s)));
  w.end_array();
  w.key("appointments").begin_array();
  for (const auto& a : v.appointments) {
    w.begin_object();
    w.field("agreed", format_rfc3339(a.recorded_at, tz));
    w.field("from", format_rfc3339(a.window_from, tz));
    w.field("to", format_rfc3339(a.window_to, tz));
    opt_text("engineer", a.engineer);
    opt_text("reason", a.reason);
    w.field("consent", a.consent);
    w.field("paused", a.paused);
    w.end_object();
  }
  w.end_array();
  w.key("parts").begin_array();
  for (const auto& x : v.parts_used) {
    w.begin_object();
    w.field("part", x.part);
    opt_text("name", x.name);
    w.field("qty", x.qty);
    w.key("list_price");
    if (x.unit_cents) w.money(*x.unit_cents);
    else w.null();
    w.end_object();
  }
  w.end_array();
  w.key("fees").begin_array();
  for (const auto& f : v.fees) {
    w.begin_object();
    w.field("at", format_rfc3339(f.ts, tz));
    w.key("amount").money(f.cents);
    w.field("approved", f.approved);
    w.end_object();
  }
  w.end_array();
  w.key("complaints").begin_array();
  for (const auto& x : v.complaints) {
    w.begin_object();
    w.field("number", x.number);
    w.field("at", format_rfc3339(x.opened_at, tz));
    w.field("responsible", x.responsible == "yes");
    opt_text("text", x.text);
    w.key("steps").begin_array();
    for (const auto& s : x.steps) {
      w.begin_object();
      w.field("step", s.step);
      w.field("at", format_rfc3339(s.at, tz));
      w.field("text", s.text);
      opt_text("owner", s.owner);
      w.key("deadline");
      if (s.deadline) w.value(format_date(*s.deadline));
      else w.null();
      w.end_object();
    }
    w.end_array();
    opt_text("next_step", x.next_step());
    w.end_object();
  }
  w.end_array();
  w.key("notes").begin_array();
  for (const auto& n : v.notes) {
    w.begin_object();
    w.field("at", format_rfc3339(n.at, tz));
    w.field("text", n.text);
    w.end_object();
  }
  w.end_array();
  w.key("history").begin_array();
  for (const Event& e : v.events) {
    w.begin_object();
    w.field("id", e.id);
    w.field("ts", format_rfc3339(e.ts, tz));
    w.field("event", std::string(to_string(e.kind)));
    for (int i = 0; i < kFieldCount; ++i)
      if (!e.f[size_t(i)].empty()) w.field(to_string(Field(i)), e.f[size_t(i)]);
    w.key("voided");
    if (auto m = v.voids.find(e.id); m != v.voids.end()) {
      w.begin_object();
      w.field("at", format_rfc3339(m->second.at, tz));
      w.field("by", m->second.by);
      w.field("reason", m->second.reason);
      w.field("void_id", m->second.void_id);
      w.end_object();
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// ---------------------------------------------------------------- list

std::vector<ListRow> list_tickets(Store& st, const Policy& p, const ListFilter& f) {
  std::vector<ListRow> rows;
  BusinessCalendar cal(p.calendar, p.tz);
  std::string cond;
  std::vector<std::string> params;
  auto eq = [&](const char* col, const std::string& v) {
    if (v.empty()) return;
    params.push_back(v);
    cond += fmt::format("{}t.{} = ?{}", cond.empty() ? "" : " AND ", col, params.size());
  };
  eq("outlet", f.outlet);
  eq("region", f.region);
  eq("type", f.type);
  eq("urgency", f.urgency);
  st.for_each_ticket(
      [&](std::vector<Event>& evs) {
        const Event* c = created_of(evs);
        if (!c || c->ts > f.as_of) return;
        Day d = p.tz.local_day(c->ts);
        if ((f.from && d < *f.from) || (f.to && d > *f.to)) return;
        TicketState s = derive_state(evs, f.as_of);
        if (!f.engineer.empty() && s.engineer != f.engineer) return;
        if (!f.phases.empty() && std::find(f.phases.begin(), f.phases.end(), s.phase) == f.phases.end()) return;
        if (f.paused_only && !s.paused) return;
        TicketSla sla = evaluate_ticket(evs, p, cal, f.as_of);
        ListRow r;
        r.breached = sla.any(TargetStatus::Breached);
        r.at_risk = sla.at_risk();
        if ((f.breached || f.at_risk) && !((f.breached && r.breached) || (f.at_risk && r.at_risk))) return;
        r.ticket = c->ticket;
        r.type = c->get(Field::Type);
        r.urgency = c->get(Field::Urgency);
        r.outlet = c->get(Field::Outlet);
        r.region = c->get(Field::Region);
        r.engineer = s.engineer;
        r.phase = s.phase;
        r.paused = s.paused;
        r.created = c->ts;
        r.status = sla.status;
        for (const auto& t : sla.targets)
          if (t.status == TargetStatus::Pending && t.due) r.next_due = std::min(r.next_due.value_or(*t.due), *t.due);
        rows.push_back(std::move(r));
      },
      cond, params);
  auto by = f.sort;
  std::stable_sort(rows.begin(), rows.end(), [&](const ListRow& a, const ListRow& b) {
    if (by == "ticket") return a.ticket < b.ticket;
    if (by == "outlet") return std::tie(a.outlet, a.created, a.ticket) < std::tie(b.outlet, b.created, b.ticket);
    if (by == "state") return std::make_tuple(int(a.phase), a.created, a.ticket) < std::make_tuple(int(b.phase), b.created, b.ticket);
    if (by == "due") {
      // tickets with a due time first, soonest first
      Instant da = a.next_due.value_or(kFarFuture), db = b.next_due.value_or(kFarFuture);
      return std::tie(da, a.ticket) < std::tie(db, b.ticket);
    }
    return std::tie(a.created, a.ticket) < std::tie(b.created, b.ticket);
  });
  return rows;
}

Table list_table(const std::vector<ListRow>& rows, const TimeZone& tz, bool csv) {
  Table t;
  t.headers = {"ticket", "state", "type", "urgency", "outlet", "region", "engineer", "created", "sla", "next_due"};
  for (const auto& r : rows) {
    auto time = [&](Instant x) { return csv ? format_rfc3339(x, tz) : format_local_minutes(x, tz); };
    std::string sla(to_string(r.status));
    if (!csv && r.at_risk && !r.breached) sla += " (at risk)";
    t.add({r.ticket, std::string(to_string(r.phase)) + (r.paused ? (csv ? "" : " (paused)") : ""), r.type, r.urgency,
           r.outlet, r.region, r.engineer, time(r.created), sla, r.next_due ? time(*r.next_due) : ""});
  }
  return t;
}

void write_list_json(JsonWriter& w, const std::vector<ListRow>& rows, const TimeZone& tz) {
  w.begin_array();
  for (const auto& r : rows) {
    w.begin_object();
    w.field("ticket", r.ticket);
    w.field("state", std::string(to_string(r.phase)));
    w.field("paused", r.paused);
    w.field("type", r.type);
    w.field("urgency", r.urgency);
    w.field("outlet", r.outlet);
    w.field("region", r.region);
    w.key("engineer");
    if (r.engineer.empty()) w.null();
    else w.value(r.engineer);
    w.field("created", format_rfc3339(r.created, tz));
    w.field("status", std::string(to_string(r.status)));
    w.field("breached", r.breached);
    w.field("at_risk", r.at_risk);
    w.key("next_due");
    if (r.next_due) w.value(format_rfc3339(*r.next_due, tz));
    else w.null();
    w.end_object();
  }
  w.end_array();
}

}  // namespace svc
