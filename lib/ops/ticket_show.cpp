// Writing a ticket view: text (svc ticket show) and JSON.
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
  // work a part's own warranty covers is "covered", never "out of warranty" (docs/installed-base.md)
  const Entitlement& ent = v.cover.ent;
  head.add({"warranty", ent.covered() && !ent.whole_unit()
                            ? fmt::format("covered: {} (the unit: {})", cover_text(ent), warranty_text(v.warranty))
                            : warranty_text(v.warranty)});
  if (v.quote) {
    std::string covered;
    for (const auto& x : v.quote->covered) covered += (covered.empty() ? "" : ", ") + x;
    head.add({"quote", fmt::format("{} (labour {} h = {}, parts {}){}{}", format_cents(v.quote->total_cents),
                                   v.quote->labor_hours, format_cents(v.quote->labor_cents),
                                   format_cents(v.quote->parts_cents),
                                   v.quote->unpriced.empty() ? "" : ", some parts have no list price",
                                   covered.empty() ? "" : "; covered, free: " + covered)});
  }
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
    for (const auto& f : v.fees)
      a.add({format_local_minutes(f.ts, tz), format_cents(f.cents),
             f.approved ? "yes" : f.covered.empty() ? "no" : "no: " + f.covered});
    write_table(out, a);
  }
  if (!v.repair_warranties.empty()) {
    out << "\nRepair warranty (from this repair's completion)\n";
    Table a;
    a.headers = {"part", "from", "free until"};
    for (const auto& x : v.repair_warranties) a.add({x.part, format_date(x.from), format_date(x.until)});
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
    w.key("covered").begin_array();
    for (auto& u : v.quote->covered) w.value(u);
    w.end_array();
    w.end_object();
  } else {
    w.null();
  }
  w.key("entitlement");
  write_json(w, v.cover.ent);
  opt_text("covered", cover_text(v.cover.ent));
  w.key("repair_warranties").begin_array();
  for (const auto& x : v.repair_warranties) {
    w.begin_object();
    w.field("part", x.part).field("from", format_date(x.from)).field("until", format_date(x.until));
    w.end_object();
  }
  w.end_array();
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
    opt_text("on_covered_work", f.covered);
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

}  // namespace svc
