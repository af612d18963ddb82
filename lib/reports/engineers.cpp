#include "engineers.hpp"

#include <fmt/format.h>

#include <map>

#include "reports.hpp"

namespace svc {

Grade engineer_grade(const Kpis& k, const EngineerPolicy& p) {
  auto t = k.timeliness(), f = k.first_time_fix(), s = k.satisfaction();
  if (k.tickets < p.min_tickets || (!t && !f && !s)) return Grade::Insufficient;
  auto meets = [&](const EngineerThresholds& th) {
    return (!t || *t >= th.timeliness - kTolerance) && (!f || *f >= th.first_time_fix - kTolerance) &&
           (!s || *s >= th.satisfaction - kTolerance);
  };
  if (meets(p.excellent)) return Grade::Excellent;
  if (meets(p.good)) return Grade::Good;
  if (meets(p.pass)) return Grade::Pass;
  return Grade::Fail;
}

EngineerReport engineer_report(const FactSet& tickets, const Period& period, Instant as_of,
                               const EngineerPolicy& p) {
  EngineerReport r;
  r.period = period;
  r.as_of = as_of;
  std::map<std::string, Kpis> by;
  for (const auto& t : tickets) {
    if (!in_scope(t, period)) continue;
    if (t.engineer) by[*t.engineer].add(t);
    else ++r.undispatched;
  }
  for (auto& [e, k] : by) {
    k.finish();
    r.engineers.push_back({e, k, engineer_grade(k, p)});
  }
  return r;
}

void write_engineer_report(std::ostream& out, Format f, const EngineerReport& r, const Policy& p) {
  if (f == Format::Json) {
    JsonWriter w(out);
    w.begin_object();
    w.field("from", format_date(r.period.first));
    w.field("to", format_date(r.period.last));
    w.field("as_of", format_rfc3339(r.as_of, p.tz));
    w.key("engineers").begin_array();
    for (const auto& e : r.engineers) {
      const auto& k = e.kpis;
      w.begin_object();
      w.field("engineer", e.engineer);
      w.field("tickets", k.tickets);
      w.field("on_time", k.on_time);
      w.field("late", k.late);
      w.field("open", k.open());
      w.field("timeliness", k.timeliness());
      w.field("first_time_fix", k.first_time_fix());
      w.field("satisfaction", k.satisfaction());
      w.field("labor_hours", k.labor_hours);
      w.field("grade", to_string(e.grade));
      w.field("grade_zh", chinese_name(e.grade));
      w.end_object();
    }
    w.end_array();
    w.field("undispatched", r.undispatched);
    w.end_object();
    w.newline();
    return;
  }
  Table t;
  bool raw = f == Format::Csv;
  t.headers = {"engineer", "tickets", "on_time", "late", "open", "timeliness", "first_time_fix", "satisfaction",
               "labor_hours", "grade"};
  if (raw) t.headers.push_back("grade_zh");
  t.align = {Align::Left};
  t.align.resize(t.headers.size(), Align::Right);
  t.align[9] = Align::Left;
  for (const auto& e : r.engineers) {
    const auto& k = e.kpis;
    std::vector<std::string> row = {e.engineer, std::to_string(k.tickets), std::to_string(k.on_time),
                                    std::to_string(k.late), std::to_string(k.open())};
    if (raw) {
      row.insert(row.end(), {raw_number(k.timeliness()), raw_number(k.first_time_fix()), raw_number(k.satisfaction()),
                             raw_number(k.labor_hours), std::string(to_string(e.grade)),
                             std::string(chinese_name(e.grade))});
    } else {
      row.insert(row.end(), {percent_cell(k.timeliness()), percent_cell(k.first_time_fix()),
                             percent_cell(k.satisfaction()), fmt::format("{:.1f}", k.labor_hours),
                             fmt::format("{} {}", to_string(e.grade), chinese_name(e.grade))});
    }
    t.add(std::move(row));
  }
  const auto& ep = p.engineers;
  std::string note = fmt::format(
      "grades (timeliness / first-time fix / satisfaction at least): excellent {:.0f}/{:.0f}/{:.0f}%, good "
      "{:.0f}/{:.0f}/{:.0f}%, pass {:.0f}/{:.0f}/{:.0f}%; fewer than {} tickets: insufficient. {} ticket(s) never "
      "dispatched are not counted.",
      ep.excellent.timeliness * 100, ep.excellent.first_time_fix * 100, ep.excellent.satisfaction * 100,
      ep.good.timeliness * 100, ep.good.first_time_fix * 100, ep.good.satisfaction * 100, ep.pass.timeliness * 100,
      ep.pass.first_time_fix * 100, ep.pass.satisfaction * 100, ep.min_tickets, r.undispatched);
  std::string heading = fmt::format(fmt::runtime(p.report.pick("{} to {}, as of {}", "{} 至 {}，截至 {}")),
                                    format_date(r.period.first), format_date(r.period.last),
                                    format_rfc3339_s(r.as_of, p.tz));
  switch (f) {
    case Format::Csv: write_csv(out, t); break;
    case Format::Html: write_html_page(out, p.report.pick("Engineers", "工程师考核"), heading,
                                       {{p.report.pick("Engineers", "工程师"), note, t, ""}}, p.report.lang);
      break;
    default:
      out << p.report.pick("Engineers ", "工程师考核 ") << heading << "\n\n";
      write_table(out, t);
      out << "\n" << note << "\n";
  }
}

}  // namespace svc
