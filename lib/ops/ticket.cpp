// Ticket steps: the shared step path and helpers (ticket_internal.hpp), option parsing, and create.
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

namespace ticket_detail {

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

// The common path of every step on an existing ticket: one transaction that
// reads the events, checks --at and the state machine, builds the events,
// records side data and appends the events.
StepResult run_step(Store& st, const Policy& p, const std::string& ticket, Step step, Instant at, const Body& body,
                    bool check_machine, const std::string& source) {
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

}  // namespace ticket_detail


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
    if (e.has(Field::Purchased)) {  // the importer's date rule (limits.hpp), named by where the date came from
      const std::string from = r.purchased.empty() ? fmt::format("unit {}: its purchased date", r.serial) : "--purchased";
      if (std::string m = purchase_date_problem(from, *parse_date(e.get(Field::Purchased)), p.tz.local_day(r.at),
                                                "the ticket's date", p.limits);
          !m.empty())
        throw DataError(m + (r.purchased.empty() ? "; correct the unit with svc unit import" : ""));
    }
    auto expected = merge_parts(r.expected_parts);
    auto priced = price_parts(st, expected);  // validates the part numbers
    std::vector<LimitHit> qty_hits;
    for (auto& pq : expected)
      if (auto h = qty_hit(pq.second, p.limits)) qty_hits.push_back(*h);
    const char* option = qty_hits.empty() ? "--distance" : limit_hits(e, p.limits).empty() ? "--part" : "--distance, --part";
    apply_limits(e, p.limits, r.force, option, qty_hits);

    res.warranty = warranty_of(st, p, e);
    {  // the 三包 entitlement (ticket_money.cpp); the quote unless it covers the whole unit
      std::vector<std::string> part_numbers;
      for (auto& pq : expected) part_numbers.push_back(pq.first);
      TicketCover c = ticket_cover(st, p, e, ticket, p.tz.local_day(r.at), part_numbers);
      if (!c.ent.whole_unit()) res.quote = covered_quote(p.warranty, e.get(Field::Type), priced, c.terms, c.ent);
      res.entitlement = std::move(c.ent);
    }

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

}  // namespace svc
