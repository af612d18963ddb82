#include "reports.hpp"
#include "money.hpp"

#include <fmt/format.h>

#include <cctype>

namespace svc {

std::string percent_cell(std::optional<double> r) { return r ? fmt::format("{:.1f}%", *r * 100) : "-"; }
std::string mark_cell(std::optional<bool> ok) { return ok ? (*ok ? "✓" : "✗") : ""; }
std::string number_cell(std::optional<double> v, int decimals) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "-";
}
std::string parts_cell(std::int64_t cents, std::int64_t unpriced) {
  if (unpriced == 0) return format_cents(cents);
  if (cents == 0) return fmt::format("{} unpriced", unpriced);
  return fmt::format("{} + {} unpriced", format_cents(cents), unpriced);
}
std::string raw_number(std::optional<double> v) {
  if (!v) return "";
  if (*v == double(std::int64_t(*v))) return fmt::format("{:.1f}", *v);
  return fmt::format("{}", *v);
}

namespace {

std::string with_mark(std::optional<double> r, std::optional<bool> ok) {
  std::string s = percent_cell(r);
  if (ok) {
    s += ' ';
    s += mark_cell(ok);
  }
  return s;
}

std::string period_heading(const Period& p, Instant as_of, const TimeZone& tz, const ReportPolicy& l) {
  std::string what =
      p.kind == PeriodKind::Range
          ? fmt::format(fmt::runtime(l.pick("{} to {}", "{} 至 {}")), format_date(p.first), format_date(p.last))
          : fmt::format(fmt::runtime(l.pick("{} ({} to {})", "{}（{} 至 {}）")), p.label, format_date(p.first),
                        format_date(p.last));
  return fmt::format(fmt::runtime(l.pick("{}, as of {}", "{}，截至 {}")), what, format_rfc3339_s(as_of, tz));
}

std::string thresholds_line(const KpiPolicy& k) {
  return fmt::format("thresholds: timeliness >= {:.1f}%, satisfaction >= {:.1f}%, complaint rate <= {:.1f}%",
                     k.timeliness * 100, k.satisfaction * 100, k.complaint_rate * 100);
}

// ---- report sla ----

void sla_json_group(JsonWriter& w, const std::optional<std::string>& key, const Kpis& k, const KpiPolicy& kp) {
  auto c = check_kpis(k, kp);
  w.begin_object();
  w.field("key", key);
  w.field("tickets", k.tickets);
  w.field("on_time", k.on_time);
  w.field("late", k.late);
  w.field("open", k.open());
  w.field("timeliness", k.timeliness());
  w.field("followed_up", k.followed_up);
  w.field("satisfied", k.satisfied);
  w.field("satisfaction", k.satisfaction());
  w.field("complaints", k.complaints);
  w.field("complaint_rate", k.complaint_rate());
  w.field("first_time_fix", k.first_time_fix());
  w.field("repairs_with_serial", k.repairs_with_serial);
  w.field("repeat_repairs", k.repeat_repairs);
  w.field("repeat_repair_rate", k.repeat_repair_rate());
  w.field("response_p50_h", k.response_h(50));
  w.field("response_p90_h", k.response_h(90));
  w.field("timeliness_ok", c.timeliness);
  w.field("satisfaction_ok", c.satisfaction);
  w.field("complaint_rate_ok", c.complaint_rate);
  w.end_object();
}

Table sla_table(const KpiReport& r, const KpiPolicy& kp) {
  Table t;
  std::string keyname = r.by == GroupBy::None ? "group" : std::string(to_string(r.by));
  t.headers = {keyname, "tickets", "on_time", "late", "open", "timeliness", "satisfaction", "complaint_rate",
               "first_time_fix", "repeat_repair", "resp_p50_h", "resp_p90_h"};
  t.align = {Align::Left};
  t.align.resize(t.headers.size(), Align::Right);
  auto row = [&](const std::string& key, const Kpis& k) {
    auto c = check_kpis(k, kp);
    t.add({key, std::to_string(k.tickets), std::to_string(k.on_time), std::to_string(k.late), std::to_string(k.open()),
           with_mark(k.timeliness(), c.timeliness), with_mark(k.satisfaction(), c.satisfaction),
           with_mark(k.complaint_rate(), c.complaint_rate), percent_cell(k.first_time_fix()),
           percent_cell(k.repeat_repair_rate()), number_cell(k.response_h(50)), number_cell(k.response_h(90))});
  };
  for (const auto& g : r.groups) row(g.key.value_or("(none)"), g.kpis);
  row("all", r.total);
  return t;
}

Table sla_csv(const KpiReport& r, const KpiPolicy& kp) {
  Table t;
  t.headers = {"key", "tickets", "on_time", "late", "open", "timeliness", "followed_up", "satisfied", "satisfaction",
               "complaints", "complaint_rate", "first_time_fix", "repairs_with_serial", "repeat_repairs",
               "repeat_repair_rate", "response_p50_h", "response_p90_h",
               "timeliness_ok", "satisfaction_ok", "complaint_rate_ok"};
  auto b = [](std::optional<bool> v) -> std::string { return v ? (*v ? "true" : "false") : ""; };
  auto row = [&](const std::string& key, const Kpis& k) {
    auto c = check_kpis(k, kp);
    t.add({key, std::to_string(k.tickets), std::to_string(k.on_time), std::to_string(k.late), std::to_string(k.open()),
           raw_number(k.timeliness()), std::to_string(k.followed_up), std::to_string(k.satisfied),
           raw_number(k.satisfaction()), std::to_string(k.complaints), raw_number(k.complaint_rate()),
           raw_number(k.first_time_fix()), std::to_string(k.repairs_with_serial), std::to_string(k.repeat_repairs),
           raw_number(k.repeat_repair_rate()), raw_number(k.response_h(50)), raw_number(k.response_h(90)),
           b(c.timeliness), b(c.satisfaction), b(c.complaint_rate)});
  };
  for (const auto& g : r.groups) row(g.key.value_or(""), g.kpis);
  row("all", r.total);
  return t;
}

// ---- report outlets ----

std::string score_cell(std::optional<double> v) { return number_cell(v, 1); }

Table outlets_table(const OutletReport& r) {
  Table t;
  t.headers = {"outlet", "region", "tickets", "credit", "technical", "service", "quality", "score", "grade",
               "meets", "findings", "corr", "reward", "penalty", "net", "actions"};
  t.align = {Align::Left, Align::Left};
  t.align.resize(t.headers.size(), Align::Right);
  t.align[8] = Align::Left;
  t.align.back() = Align::Left;
  for (const auto& o : r.outlets) {
    std::string actions;
    for (const auto& a : o.actions) actions += (actions.empty() ? "" : ",") + a;
    t.add({o.outlet, o.region, std::to_string(o.tickets), score_cell(o.credit), score_cell(o.technical),
           score_cell(o.service), score_cell(o.quality), score_cell(o.score),
           fmt::format("{} {}", to_string(o.grade), chinese_name(o.grade)), o.meets_standard ? "✓" : "✗",
           std::to_string(o.findings), o.corrections ? std::to_string(*o.corrections) : "-",
           format_cents(o.reward_cents), format_cents(o.penalty_cents), format_cents(o.net_cents()), actions});
  }
  return t;
}

}  // namespace

Table outlets_csv(const OutletReport& r) {
  Table t;
  t.headers = {"outlet", "region", "tickets", "credit", "technical", "service", "quality", "score", "grade",
               "meets_standard", "findings", "corrections", "reward", "penalty", "net", "actions",
               "timeliness_ok", "satisfaction_ok", "complaint_rate_ok"};
  auto b = [](std::optional<bool> v) -> std::string { return v ? (*v ? "true" : "false") : ""; };
  for (const auto& o : r.outlets) {
    std::string actions;
    for (const auto& a : o.actions) actions += (actions.empty() ? "" : " ") + a;
    t.add({o.outlet, o.region, std::to_string(o.tickets), raw_number(o.credit), raw_number(o.technical),
           raw_number(o.service), raw_number(o.quality), raw_number(o.score), std::string(to_string(o.grade)),
           o.meets_standard ? "true" : "false", std::to_string(o.findings),
           o.corrections ? std::to_string(*o.corrections) : "", format_cents(o.reward_cents),
           format_cents(o.penalty_cents), format_cents(o.net_cents()), actions, b(o.checks.timeliness),
           b(o.checks.satisfaction), b(o.checks.complaint_rate)});
  }
  return t;
}

void write_sla_report(std::ostream& out, Format f, const KpiReport& r, const Policy& p) {
  switch (f) {
    case Format::Json: {
      JsonWriter w(out);
      w.begin_object();
      w.field("from", format_date(r.period.first));
      w.field("to", format_date(r.period.last));
      w.field("as_of", format_rfc3339(r.as_of, p.tz));
      w.key("groups").begin_array();
      for (const auto& g : r.groups) sla_json_group(w, g.key, g.kpis, p.kpi);
      w.end_array();
      w.key("total");
      sla_json_group(w, std::string("all"), r.total, p.kpi);
      w.end_object();
      w.newline();
      break;
    }
    case Format::Csv: write_csv(out, sla_csv(r, p.kpi)); break;
    case Format::Html:
      write_html_page(out, p.report.pick("SLA KPIs", "服务指标 SLA"), period_heading(r.period, r.as_of, p.tz, p.report),
                      {{p.report.pick("KPIs", "指标") +
                            (r.by == GroupBy::None ? std::string()
                                                   : p.report.pick(" by ", "，按 ") + std::string(to_string(r.by))),
                        thresholds_line(p.kpi), sla_table(r, p.kpi), ""}},
                      p.report.lang);
      break;
    case Format::Table:
      out << p.report.pick("SLA KPIs ", "服务指标 SLA ") << period_heading(r.period, r.as_of, p.tz, p.report) << "\n\n";
      write_table(out, sla_table(r, p.kpi));
      out << "\n" << thresholds_line(p.kpi) << "\n";
      break;
  }
}

void write_outlet_report(std::ostream& out, Format f, const OutletReport& r, const Policy& p,
                         const std::function<void(JsonWriter&)>& json_extra) {
  switch (f) {
    case Format::Json: {
      JsonWriter w(out);
      w.begin_object();
      w.field("period", r.period.label);
      w.key("outlets").begin_array();
      for (const auto& o : r.outlets) {
        w.begin_object();
        w.field("outlet", o.outlet);
        w.field("region", o.region);
        w.field("tickets", o.tickets);
        w.field("credit", o.credit);
        w.field("technical", o.technical);
        w.field("service", o.service);
        w.field("quality", o.quality);
        w.field("score", o.score);
        w.field("grade", to_string(o.grade));
        w.field("meets_standard", o.meets_standard);
        w.field("findings", o.findings);
        w.field("corrections", o.corrections);
        w.key("reward").money(o.reward_cents);
        w.key("penalty").money(o.penalty_cents);
        w.key("net").money(o.net_cents());
        w.key("actions").begin_array();
        for (const auto& a : o.actions) w.value(a);
        w.end_array();
        w.field("timeliness_ok", o.checks.timeliness);
        w.field("satisfaction_ok", o.checks.satisfaction);
        w.field("complaint_rate_ok", o.checks.complaint_rate);
        w.end_object();
      }
      w.end_array();
      if (json_extra) json_extra(w);
      w.end_object();
      w.newline();
      break;
    }
    case Format::Csv: write_csv(out, outlets_csv(r)); break;
    case Format::Html:
      write_html_page(out, p.report.pick("Outlet assessment ", "网点考核 ") + r.period.label,
                      period_heading(r.period, r.as_of, p.tz, p.report),
                      {{p.report.pick("Outlets", "网点"), thresholds_line(p.kpi), outlets_table(r), ""}}, p.report.lang);
      break;
    case Format::Table:
      out << p.report.pick("Outlet assessment ", "网点考核 ") << period_heading(r.period, r.as_of, p.tz, p.report) << "\n\n";
      write_table(out, outlets_table(r));
      std::int64_t reward = 0, penalty = 0;
      for (const auto& o : r.outlets)
        add_to(reward, o.reward_cents, "the rewards' total"), add_to(penalty, o.penalty_cents, "the penalties' total");
      out << fmt::format("\n{} outlets; reward {}, penalty {}, net {}\n", r.outlets.size(), format_cents(reward),
                         format_cents(penalty), format_cents(sub_cents(reward, penalty, "the net total")));
      break;
  }
}

void write_html_page(std::ostream& out, const std::string& title, const std::string& subtitle,
                     const std::vector<HtmlSection>& sections, const std::string& lang) {
  out << "<!DOCTYPE html>\n<html lang=\"" << (lang == "en" ? "en" : "zh-CN") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << html_escape(sanitize_utf8(title)) << "</title>\n"
      << "<style>\n"
         "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif;"
         "margin:2em;color:#222;background:#fff}\n"
         "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}\n"
         ".sub{color:#666;margin-top:0}table{border-collapse:collapse;margin:.5em 0;font-size:.9em}\n"
         "th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}th{background:#f3f3f3}\n"
         "td.n{text-align:right}.ok{color:#1a7f37}.bad{color:#c62828}\n"
         "svg{display:block;margin:.6em 0;max-width:100%;height:auto}svg text{font-size:12px;fill:#333}\n"
         "</style>\n</head>\n<body>\n";
  out << "<h1>" << html_escape(sanitize_utf8(title)) << "</h1>\n";
  if (!subtitle.empty()) out << "<p class=\"sub\">" << html_escape(sanitize_utf8(subtitle)) << "</p>\n";
  for (const auto& s : sections) {
    if (!s.heading.empty()) out << "<h2>" << html_escape(sanitize_utf8(s.heading)) << "</h2>\n";
    if (!s.text.empty()) out << "<p>" << html_escape(sanitize_utf8(s.text)) << "</p>\n";
    if (!s.svg.empty()) out << s.svg << "\n";
    if (!s.table.headers.empty()) {
      out << "<table>\n<thead><tr>";
      for (const auto& h : s.table.headers) out << "<th>" << html_escape(sanitize_utf8(h)) << "</th>";
      out << "</tr></thead>\n<tbody>\n";
      for (const auto& r : s.table.rows) {
        out << "<tr>";
        for (const auto& c : r) {
          // numbers (and "-" for an absent one) align right; a ✓/✗ mark colours the cell
          bool num = !c.empty() && (std::isdigit(static_cast<unsigned char>(c[0])) || c == "-" ||
                                    ((c[0] == '+' || c[0] == '-') && c.size() > 1 &&
                                     std::isdigit(static_cast<unsigned char>(c[1]))));
          std::string cls = num ? "n" : "";
          if (c.find("✓") != std::string::npos) cls += " ok";
          else if (c.find("✗") != std::string::npos) cls += " bad";
          if (!cls.empty()) cls = " class=\"" + cls + "\"";
          out << "<td" << cls << ">" << html_escape(sanitize_utf8(c)) << "</td>";
        }
        out << "</tr>\n";
      }
      out << "</tbody>\n</table>\n";
    }
  }
  out << "</body>\n</html>\n";
}

}  // namespace svc
