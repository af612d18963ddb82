// Rendering the KPI and assessment reports in every output format: aligned
// tables (✓/✗ against the thresholds), CSV (raw numbers), the JSON of
// docs/sla.md §6, and plain HTML tables.
#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "assessment.hpp"
#include "kpi.hpp"
#include "output.hpp"
#include "policy.hpp"

namespace svc {

// Cell helpers for tables: "92.1%" / "-", "✓" / "✗" / "", "2.5" / "-".
std::string percent_cell(std::optional<double> r);
std::string mark_cell(std::optional<bool> ok);
std::string number_cell(std::optional<double> v, int decimals = 1);
// A JSON/CSV number of a rate or measure: shortest round-trip form, "" when absent (CSV).
std::string raw_number(std::optional<double> v);
// A parts cost for people (tables, HTML): "120.00", or with parts that had no
// price "120.00 + 2 unpriced" ("2 unpriced" when nothing was priced), never a bare 0.00.
std::string parts_cell(std::int64_t cents, std::int64_t unpriced);

// svc report sla
void write_sla_report(std::ostream& out, Format f, const KpiReport& r, const Policy& p);

struct OutletReport {
  Period period;
  Instant as_of = 0;
  std::vector<OutletAssessment> outlets;
};
// svc report outlets. `json_extra` writes more fields into the JSON object
// (svc audit outlets: "applied").
void write_outlet_report(std::ostream& out, Format f, const OutletReport& r, const Policy& p,
                         const std::function<void(JsonWriter&)>& json_extra = {});
// The CSV table of write_outlet_report.
Table outlets_csv(const OutletReport& r);

// A minimal self-contained HTML page: a title, then sections of a heading, an
// optional paragraph, a table and optional inline SVG. Every string is escaped
// except `svg`, which the caller builds from escaped parts.
struct HtmlSection {
  std::string heading;
  std::string text;
  Table table;
  std::string svg;
};
// `lang` is the [report] lang ("zh" or "en") of the page's <html lang>.
void write_html_page(std::ostream& out, const std::string& title, const std::string& subtitle,
                     const std::vector<HtmlSection>& sections, const std::string& lang = "zh");

}  // namespace svc
