// The complaint register rendered: the listing, the audit and one complaint (complaints.hpp).
#include <fmt/format.h>

#include <ostream>

#include "complaints.hpp"

namespace svc {

namespace {

std::string when(const std::optional<Instant>& t, const TimeZone& tz) { return t ? format_rfc3339(*t, tz) : ""; }

std::string category_name(const Policy& p, const std::string& key) {
  if (key.empty()) return "";
  auto it = p.complaints.categories.find(key);
  return it == p.complaints.categories.end() ? key : it->second.name;
}

std::string overdue_kinds(const ComplaintRecord& c, const Policy& p, Instant as_of) {
  std::string s;
  for (const auto& f : complaint_findings(c, p, as_of)) s += (s.empty() ? "" : " ") + f.kind;
  return s;
}

}  // namespace

Table complaint_list_table(const std::vector<ComplaintRecord>& cs, const Policy& p, Instant as_of) {
  Table t;
  t.headers = {"number",      "ticket",   "outlet",   "category", "received", "channel",  "source",
               "responsible", "status",   "reply_due", "replied", "reply_on_time", "deadline", "resolved",
               "verdict",     "overdue"};
  for (const auto& c : cs)
    t.add({c.number, c.ticket, c.outlet, c.category, format_rfc3339(c.received, p.tz), c.channel, c.source,
           c.responsible, c.status(), format_rfc3339(c.reply_due, p.tz), when(c.first_reply, p.tz),
           c.first_reply ? (c.reply_on_time() ? "yes" : "no") : "", c.plan_deadline ? format_date(*c.plan_deadline) : "",
           when(c.resolved, p.tz), c.verdict, overdue_kinds(c, p, as_of)});
  return t;
}

Table complaint_audit_table(const std::vector<ComplaintRecord>& cs, const Policy& p, Instant as_of) {
  Table t;
  t.headers = {"number", "ticket", "outlet", "category", "status", "finding", "due", "hours_over"};
  for (const auto& c : cs)
    for (const auto& f : complaint_findings(c, p, as_of))
      t.add({c.number, c.ticket, c.outlet, c.category, c.status(), f.kind, format_rfc3339(f.due, p.tz),
             fmt::format("{:.1f}", double(as_of - f.due) / double(3600 * kMicrosPerSecond))});
  return t;
}

void write_complaint_text(std::ostream& out, const ComplaintRecord& c, const Policy& p, Instant as_of) {
  const TimeZone& tz = p.tz;
  out << fmt::format("Complaint {}  ({})\n", c.number, c.status());
  out << fmt::format("ticket       {}{}\n", c.ticket, c.outlet.empty() ? "" : "  outlet " + c.outlet);
  out << fmt::format("received     {}{}  (from {})\n", format_local_minutes(c.received, tz),
                     c.channel.empty() ? "" : " by " + c.channel, c.source);
  out << fmt::format("category     {}\n", c.category.empty() ? "not classified" : c.category + " " + category_name(p, c.category));
  out << fmt::format("responsible  {}\n", c.responsible);
  if (!c.text.empty()) out << fmt::format("text         {}\n", terminal_safe(c.text));  // stored text: never raw to a terminal
  out << fmt::format("first reply  due {}{}\n", format_local_minutes(c.reply_due, tz),
                     c.first_reply ? fmt::format(", replied {} ({})", format_local_minutes(*c.first_reply, tz),
                                                 c.reply_on_time() ? "on time" : "late")
                                   : "");
  out << fmt::format("resolution   due {}{}\n", format_local_minutes(c.resolution_due, tz),
                     c.resolved ? ", resolved " + format_local_minutes(*c.resolved, tz) : "");
  if (c.follow_up_due)
    out << fmt::format("follow-up    due {}{}\n", format_local_minutes(*c.follow_up_due, tz),
                       c.followed_up ? fmt::format(", done {} ({})", format_local_minutes(*c.followed_up, tz), c.verdict) : "");
  for (const auto& f : complaint_findings(c, p, as_of))
    out << fmt::format("OVERDUE      {} (due {})\n", f.kind, format_local_minutes(f.due, tz));
  out << "\nHistory\n";
  Table h;
  h.headers = {"at", "step", "text", "details", "recorded", "by"};
  h.add({format_local_minutes(c.received, tz), "received", c.text, "", "", ""});
  for (const auto& r : c.log) {
    std::string d;
    auto put = [&](const char* k, const std::string& v) {
      if (!v.empty()) d += fmt::format("{}{}={}", d.empty() ? "" : " ", k, v);
    };
    put("category", r.category);
    put("responsible", r.responsible);
    put("department", r.department);
    put("person", r.person);
    put("deadline", r.deadline ? format_date(*r.deadline) : "");
    put("approved_by", r.approved_by);
    put("verdict", r.verdict);
    h.add({format_local_minutes(r.at, tz), r.step, r.text, d, format_local_minutes(r.recorded_at, tz), r.user});
  }
  write_table(out, h);
}

void write_complaint_json(std::ostream& out, const ComplaintRecord& c, const Policy& p, Instant as_of) {
  const TimeZone& tz = p.tz;
  JsonWriter w(out);
  auto opt = [&](const char* k, const std::string& v) { v.empty() ? (w.key(k), w.null()) : w.field(k, v); };
  auto opt_t = [&](const char* k, const std::optional<Instant>& t) {
    t ? w.field(k, format_rfc3339(*t, tz)) : (w.key(k), w.null());
  };
  w.begin_object();
  w.field("number", c.number);
  w.field("ticket", c.ticket);
  opt("outlet", c.outlet);
  opt("category", c.category);
  w.field("received", format_rfc3339(c.received, tz));
  opt("channel", c.channel);
  w.field("source", c.source);
  w.field("responsible", c.responsible);
  opt("text", c.text);
  w.field("status", c.status());
  w.field("reply_due", format_rfc3339(c.reply_due, tz));
  opt_t("first_reply", c.first_reply);
  w.key("reply_on_time");
  c.first_reply ? w.value(c.reply_on_time()) : w.null();
  w.field("resolution_due", format_rfc3339(c.resolution_due, tz));
  w.key("plan_deadline");
  c.plan_deadline ? w.value(format_date(*c.plan_deadline)) : w.null();
  opt_t("resolved", c.resolved);
  opt_t("follow_up_due", c.follow_up_due);
  opt_t("followed_up", c.followed_up);
  opt("verdict", c.verdict);
  opt_t("closed", c.closed);
  w.key("overdue").begin_array();
  for (const auto& f : complaint_findings(c, p, as_of)) w.value(f.kind);
  w.end_array();
  w.key("history").begin_array();
  for (const auto& r : c.log) {
    w.begin_object();
    w.field("step", r.step);
    w.field("at", format_rfc3339(r.at, tz));
    opt("text", r.text);
    opt("category", r.category);
    opt("responsible", r.responsible);
    opt("department", r.department);
    opt("person", r.person);
    w.key("deadline");
    r.deadline ? w.value(format_date(*r.deadline)) : w.null();
    opt("approved_by", r.approved_by);
    opt("verdict", r.verdict);
    w.field("recorded_at", format_rfc3339(r.recorded_at, tz));
    opt("user", r.user);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.newline();
}

}  // namespace svc
