// The weekly report as one self-contained HTML page: tables and three inline
// SVG charts, no script, no external resource; every user string escaped.
#include <fmt/format.h>

#include <algorithm>

#include "reports.hpp"
#include "weekly.hpp"

namespace svc {

namespace {

const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
const char* kDayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string esc(const std::string& s) { return html_escape(sanitize_utf8(s)); }

std::string svg_open(int w, int h, const std::string& label) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{2}\">\n",
      w, h, esc(label));
}

}  // namespace

// The step of a count axis from 0 to at least `maxv` (>= 1): 1, 2 or 5 × 10^k,
// the smallest giving at most 5 intervals. Ticks are whole multiples of it.
std::int64_t count_axis_step(std::int64_t maxv) {
  for (std::int64_t scale = 1;; scale *= 10)
    for (std::int64_t m : {1, 2, 5})
      if (m * scale * 5 >= maxv) return m * scale;
}

namespace {

// Stacked bars: tickets created per day of the week, one colour per region.
std::string volume_chart(const WeeklyReport& r) {
  const int W = 680, H = 300, left = 48, right = 150, top = 20, bottom = 40;
  const int plotw = W - left - right, ploth = H - top - bottom;
  std::int64_t maxv = 1;
  for (auto n : r.total.per_day) maxv = std::max(maxv, n);
  // integer ticks at their true height: the axis runs to the first tick at or above the highest bar
  const std::int64_t step = count_axis_step(maxv), axis = (maxv + step - 1) / step * step;
  std::string s = svg_open(W, H, "Tickets created per day, by region");
  // axis and grid
  for (std::int64_t v = 0; v <= axis; v += step) {
    double y = top + ploth - double(ploth) * double(v) / double(axis);
    s += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>", left, y, left + plotw, y);
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 6, y + 4, v);
  }
  int slot = plotw / 7, bw = slot * 3 / 5;
  for (int d = 0; d < 7; ++d) {
    int x = left + d * slot + (slot - bw) / 2;
    double y = top + ploth;
    for (size_t g = 0; g < r.regions.size(); ++g) {
      auto n = r.regions[g].per_day[size_t(d)];
      if (n == 0) continue;
      double h = double(ploth) * double(n) / double(axis);
      y -= h;
      s += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"{}\"><title>{} {}: {}</title></rect>\n",
                       x, y, bw, h, kPalette[g % 10], esc(r.regions[g].region), format_date(r.week.first + d), n);
    }
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{} {}</text>\n", x + bw / 2, top + ploth + 16,
                     kDayNames[d], format_date(r.week.first + d).substr(5));
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x + bw / 2, top + ploth + 32,
                     r.total.per_day[size_t(d)]);
  }
  s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#333\"/>\n", left, top + ploth,
                   left + plotw);
  for (size_t g = 0; g < r.regions.size(); ++g) {
    int y = top + int(g) * 20;
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>", W - right + 16, y,
                     kPalette[g % 10]);
    s += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", W - right + 34, y + 11, esc(r.regions[g].region));
  }
  return s + "</svg>";
}

// Horizontal bars: timeliness per region, with the threshold as a dashed line.
std::string timeliness_chart(const WeeklyReport& r, const KpiPolicy& kp) {
  std::vector<const RegionWeek*> rows;
  for (const auto& g : r.regions) rows.push_back(&g);
  rows.push_back(&r.total);
  const int W = 680, left = 110, right = 80, top = 24, rowh = 26;
  const int H = top + int(rows.size()) * rowh + 30, plotw = W - left - right;
  std::string s = svg_open(W, H, "Timeliness per region against the threshold");
  for (int i = 0; i <= 4; ++i) {
    int x = left + plotw * i / 4;
    s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#eee\"/>", x, top - 4,
                     top + int(rows.size()) * rowh);
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}%</text>\n", x, top + int(rows.size()) * rowh + 16,
                     i * 25);
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& g = *rows[i];
    int y = top + int(i) * rowh;
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", left - 8, y + 15, esc(g.region));
    auto t = g.kpis.timeliness();
    if (!t) {
      s += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#888\">no finished ticket</text>\n", left + 4, y + 15);
      continue;
    }
    bool ok = *t >= kp.timeliness - kTolerance;
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"><title>{}: {:.1f}%</title></rect>",
                     left, y + 2, plotw * *t, ok ? "#59a14f" : "#e15759", esc(g.region), *t * 100);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{:.1f}%</text>\n", left + plotw * *t + 6, y + 15, *t * 100);
  }
  int tx = left + int(plotw * kp.timeliness);
  s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>", tx,
                   top - 8, top + int(rows.size()) * rowh);
  s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">threshold {:.0f}%</text>\n", tx, top - 10,
                   kp.timeliness * 100);
  return s + "</svg>";
}

// Vertical bars: how many tickets' last follow-up was rated 1..5.
std::string satisfaction_chart(const WeeklyReport& r) {
  const int W = 420, H = 240, left = 44, top = 20, bottom = 40, plotw = W - left - 20, ploth = H - top - bottom;
  std::int64_t maxv = 1, total = 0;
  for (auto n : r.total.satisfaction) maxv = std::max(maxv, n), total += n;
  std::string s = svg_open(W, H, "Satisfaction distribution of the follow-up calls");
  int slot = plotw / 5, bw = slot * 3 / 5;
  const char* colours[] = {"#e15759", "#f28e2b", "#edc948", "#76b7b2", "#59a14f"};
  for (int i = 0; i < 5; ++i) {
    auto n = r.total.satisfaction[size_t(i)];
    double h = double(ploth) * double(n) / double(maxv);
    int x = left + i * slot + (slot - bw) / 2;
    s += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"{}\"><title>rated {}: {}</title></rect>",
                     x, top + ploth - h, bw, h, colours[i], i + 1, n);
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>", x + bw / 2, top + ploth - h - 4, n);
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}★</text>\n", x + bw / 2, top + ploth + 16, i + 1);
  }
  s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#333\"/>", left, top + ploth, left + plotw);
  s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{} follow-up call(s)</text>\n", left + plotw / 2,
                   H - 6, total);
  return s + "</svg>";
}

std::string delta_cell(std::optional<double> a, std::optional<double> b) {
  if (!a || !b) return "-";
  return fmt::format("{:+.1f} pt", (*a - *b) * 100);
}

}  // namespace

void write_weekly_html(std::ostream& out, const WeeklyReport& r, const Policy& p) {
  std::vector<HtmlSection> sections;
  std::vector<const RegionWeek*> all;
  for (const auto& g : r.regions) all.push_back(&g);
  all.push_back(&r.total);

  HtmlSection summary;
  const ReportPolicy& lang = p.report;
  summary.heading = lang.pick("KPIs by region", "各区域服务指标");
  summary.text = fmt::format("Against the thresholds (timeliness ≥ {:.1f}%, satisfaction ≥ {:.1f}%, complaint rate "
                             "≤ {:.1f}%) and against {} (change in percentage points).",
                             p.kpi.timeliness * 100, p.kpi.satisfaction * 100, p.kpi.complaint_rate * 100,
                             r.previous.label);
  summary.table.headers = {"region", "tickets", "vs prev", "timeliness", "vs prev", "satisfaction", "vs prev",
                           "complaint rate", "vs prev", "first-time fix", "resp p50 h", "resp p90 h", "parts cost"};
  for (const auto* g : all) {
    auto c = check_kpis(g->kpis, p.kpi);
    auto wm = [](std::optional<double> v, std::optional<bool> ok) {
      std::string x = percent_cell(v);
      if (ok) {
        x += ' ';
        x += mark_cell(ok);
      }
      return x;
    };
    summary.table.add({g->region, std::to_string(g->kpis.tickets),
                       fmt::format("{:+}", g->kpis.tickets - g->previous.tickets), wm(g->kpis.timeliness(), c.timeliness),
                       delta_cell(g->kpis.timeliness(), g->previous.timeliness()),
                       wm(g->kpis.satisfaction(), c.satisfaction),
                       delta_cell(g->kpis.satisfaction(), g->previous.satisfaction()),
                       wm(g->kpis.complaint_rate(), c.complaint_rate),
                       delta_cell(g->kpis.complaint_rate(), g->previous.complaint_rate()),
                       percent_cell(g->kpis.first_time_fix()), number_cell(g->kpis.response_h(50)),
                       number_cell(g->kpis.response_h(90)), parts_cell(g->parts_cents, g->unpriced_parts)});
  }
  sections.push_back(std::move(summary));

  HtmlSection fees;
  fees.heading = lang.pick("Fees", "收费");
  fees.text = "Fees collected from customers with approval, and apart from them the fees recorded with approved = no: "
              "money taken outside the fee standard, an integrity finding ('svc audit integrity'), not revenue.";
  fees.table.headers = {"region", "fees", "unapproved fees"};
  fees.table.align = {Align::Left, Align::Right, Align::Right};
  for (const auto* g : all)
    fees.table.add({g->region, format_cents(g->fees_cents), format_cents(g->unapproved_fees_cents)});
  sections.push_back(std::move(fees));


  sections.push_back({lang.pick("Volume per day", "每日工单量"),
                      "Tickets created each day of the week, stacked by region.", {}, volume_chart(r)});
  sections.push_back({lang.pick("Timeliness per region", "各区域服务及时率"), "", {}, timeliness_chart(r, p.kpi)});
  sections.push_back({lang.pick("Satisfaction distribution", "满意度分布"),
                      "The rating of each ticket's last follow-up call.", {}, satisfaction_chart(r)});

  HtmlSection vol;
  vol.heading = lang.pick("Volume by type and channel", "按服务类型和渠道的工单量");
  vol.table.headers = {"region"};
  for (auto ty : kServiceTypes) vol.table.headers.emplace_back(ty);
  std::vector<std::string> channels(kChannels.begin(), kChannels.end());
  if (r.total.by_channel.count("")) channels.push_back("");
  for (const auto& c : channels) vol.table.headers.push_back(c.empty() ? "(no channel)" : c);
  for (const auto* g : all) {
    std::vector<std::string> x = {g->region};
    auto get = [](const std::map<std::string, std::int64_t>& m, const std::string& k) {
      auto it = m.find(k);
      return std::to_string(it == m.end() ? 0 : it->second);
    };
    for (auto ty : kServiceTypes) x.push_back(get(g->by_type, std::string(ty)));
    for (const auto& c : channels) x.push_back(get(g->by_channel, c));
    vol.table.add(std::move(x));
  }
  sections.push_back(std::move(vol));

  HtmlSection top;
  top.heading = lang.pick("Outlets with most SLA breaches", "超时最多的网点");
  top.table.headers = {"region", "outlet", "breached targets", "late tickets", "tickets"};
  for (const auto& g : r.regions)
    for (const auto& o : g.top_outlets)
      top.table.add({g.region, o.outlet, std::to_string(o.breaches), std::to_string(o.late), std::to_string(o.tickets)});
  if (top.table.rows.empty()) top.text = "No SLA breaches this week.", top.table.headers.clear();
  sections.push_back(std::move(top));

  HtmlSection oc;
  oc.heading = lang.pick("Open complaints", "未结投诉");
  oc.table.headers = {"region", "ticket", "outlet", "complained", "responsible", "note"};
  for (const auto& g : r.regions)
    for (const auto& c : g.open_complaints)
      oc.table.add({g.region, c.ticket, c.outlet, format_local_minutes(c.complained, p.tz), c.responsible ? "yes" : "no",
                    c.note});
  if (oc.table.rows.empty()) oc.text = "No open complaints.", oc.table.headers.clear();
  sections.push_back(std::move(oc));

  std::string subtitle = fmt::format(fmt::runtime(lang.pick("{} to {}, compared with {}, as of {}{}",
                                                           "{} 至 {}，对比 {}，截至 {}{}")),
                                     format_date(r.week.first), format_date(r.week.last), r.previous.label,
                                     format_rfc3339_s(r.as_of, p.tz),
                                     r.region.empty() ? "" : lang.pick(" — region ", " — 区域 ") + r.region);
  write_html_page(out, lang.pick("Weekly service report ", "服务周报 ") + r.week.label, subtitle, sections,
                  p.report.lang);
}

}  // namespace svc
