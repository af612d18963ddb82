#include "assessment_changes.hpp"

#include <fmt/format.h>

#include <map>

#include "report_data.hpp"

namespace svc {

std::vector<OutletChange> outlet_changes(const std::vector<OutletAssessment>& recorded,
                                         const std::vector<OutletAssessment>& now) {
  std::map<std::string, OutletChange> by;
  for (const auto& o : recorded) {
    auto& c = by[o.outlet];
    c.outlet = o.outlet, c.applied_grade = o.grade, c.applied_net = o.net_cents();
  }
  for (const auto& o : now) {
    auto& c = by[o.outlet];
    c.outlet = o.outlet, c.grade = o.grade, c.net = o.net_cents();
  }
  std::vector<OutletChange> out;
  for (auto& [k, c] : by)
    if (c.applied_grade != c.grade || c.applied_net != c.net) out.push_back(c);
  return out;
}

std::optional<AppliedStatus> applied_status(Store& store, const Policy& p, const Period& period) {
  auto rec = latest_assessment(store, period.label);
  if (!rec) return std::nullopt;
  AppliedStatus a;
  a.record = std::move(*rec);
  a.corrections = voids_recorded_after(store, p, period.start, period.end, a.record.as_of, a.record.at);
  if (a.changed()) a.outlets = outlet_changes(a.record.outlets, outlet_report(store, p, period, a.record.as_of).outlets);
  return a;
}

namespace {

std::string grade_text(const std::optional<Grade>& g) { return g ? std::string(to_string(*g)) : "-"; }
std::string net_text(const std::optional<std::int64_t>& c) { return c ? format_cents(*c) : "-"; }

std::string revise_hint(const Period& period) {
  return fmt::format("svc audit outlets --period {} --apply --revise --reason \"corrections after apply\"",
                     period.label);
}

}  // namespace

std::string applied_warning(const std::optional<AppliedStatus>& a, const Period& period, const Policy& p) {
  if (!a || !a->changed()) return "";
  return fmt::format("{} has changed since it was applied (revision {}, recorded {}): {} correction{} recorded "
                     "since take{} effect in it as of {}, changing {} outlet{}; to pay what it now says: {}",
                     period.label, a->record.revision, format_rfc3339_s(a->record.at, p.tz), a->corrections.size(),
                     a->corrections.size() == 1 ? "" : "s", a->corrections.size() == 1 ? "s" : "",
                     format_rfc3339_s(a->record.as_of, p.tz), a->outlets.size(), a->outlets.size() == 1 ? "" : "s",
                     revise_hint(period));
}

void write_applied_text(std::ostream& out, const std::optional<AppliedStatus>& a, const Period& period,
                        const Policy& p) {
  if (!a) {
    out << fmt::format("\nnot applied: {} has no recorded assessment\n", period.label);
    return;
  }
  const auto& r = a->record;
  if (!a->changed()) {
    out << fmt::format("\napplied: revision {}, recorded {} as of {}; unchanged since\n", r.revision,
                       format_rfc3339_s(r.at, p.tz), format_rfc3339_s(r.as_of, p.tz));
    return;
  }
  out << fmt::format("\nCHANGED SINCE APPLIED: revision {} was recorded {} as of {}; these corrections were recorded "
                     "later and take effect in {} as of then:\n\n",
                     r.revision, format_rfc3339_s(r.at, p.tz), format_rfc3339_s(r.as_of, p.tz), period.label);
  Table c;
  c.headers = {"recorded", "at", "ticket", "outlet", "withdrawn", "event", "by", "reason", "id"};
  for (const auto& x : a->corrections)
    c.add({x.recorded ? format_local_minutes(*x.recorded, p.tz) : "", format_local_minutes(x.at, p.tz), x.ticket,
           x.outlet, x.target, x.target_kind, x.by, x.reason, x.id});
  write_table(out, c);
  if (a->outlets.empty()) {
    out << "\nno outlet's grade or net changes\n";
  } else {
    out << fmt::format("\noutlets whose assessment as of {} now differs from the record:\n\n",
                       format_rfc3339_s(r.as_of, p.tz));
    Table t;
    t.headers = {"outlet", "grade applied", "grade now", "net applied", "net now"};
    t.align = {Align::Left, Align::Left, Align::Left, Align::Right, Align::Right};
    for (const auto& o : a->outlets)
      t.add({o.outlet, grade_text(o.applied_grade), grade_text(o.grade), net_text(o.applied_net), net_text(o.net)});
    write_table(out, t);
  }
  out << "\nto record what it now says: " << revise_hint(period) << "\n";
}

void add_applied_columns(Table& t, const std::optional<AppliedStatus>& a) {
  t.headers.push_back("applied_revision");
  t.headers.push_back("changed_by");
  for (auto& row : t.rows) {
    std::string ids;
    if (a)
      for (const auto& x : a->corrections)
        if (x.outlet == row[0]) ids += (ids.empty() ? "" : " ") + x.id;
    row.push_back(a ? std::to_string(a->record.revision) : "");
    row.push_back(ids);
  }
  if (!t.align.empty()) t.align.resize(t.headers.size(), Align::Left);
}

void write_applied_json(JsonWriter& w, const std::optional<AppliedStatus>& a, const Policy& p) {
  if (!a) return;  // never applied: the preview is exactly the report (svc report outlets)
  w.key("applied");
  const auto& r = a->record;
  w.begin_object();
  w.field("revision", r.revision);
  w.field("recorded", format_rfc3339(r.at, p.tz));
  w.field("as_of", format_rfc3339(r.as_of, p.tz));
  w.field("changed", a->changed());
  w.key("corrections").begin_array();
  for (const auto& x : a->corrections) {
    w.begin_object();
    w.field("id", x.id);
    w.field("at", format_rfc3339(x.at, p.tz));
    w.key("recorded");
    if (x.recorded) w.value(format_rfc3339(*x.recorded, p.tz));
    else w.null();
    w.field("ticket", x.ticket);
    w.field("outlet", x.outlet);
    w.field("withdrawn", x.target);
    w.field("event", x.target_kind);
    w.field("by", x.by);
    w.field("reason", x.reason);
    w.field("effect", x.effect);
    w.end_object();
  }
  w.end_array();
  w.key("outlets").begin_array();
  for (const auto& o : a->outlets) {
    w.begin_object();
    w.field("outlet", o.outlet);
    w.key("applied_grade");
    if (o.applied_grade) w.value(to_string(*o.applied_grade));
    else w.null();
    w.key("grade");
    if (o.grade) w.value(to_string(*o.grade));
    else w.null();
    w.key("applied_net");
    if (o.applied_net) w.money(*o.applied_net);
    else w.null();
    w.key("net");
    if (o.net) w.money(*o.net);
    else w.null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace svc
