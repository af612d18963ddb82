// svc maint visit list|show: the station log of visit records. Split from
// maint.cpp; `svc maint record` writes the records. See docs/maint.md.
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "batch.hpp"
#include "error.hpp"
#include "maint.hpp"
#include "maint_audit.hpp"
#include "maint_common.hpp"

namespace svc::cli {

namespace {

std::vector<std::string> split_names(const std::string& s) {
  std::vector<std::string> v;
  size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    auto p = s.find(',', start);
    v.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return v;
}

}  // namespace

void write_visit_json(JsonWriter& w, const VisitRow& r, const TimeZone& tz) {
  w.begin_object().field("ticket", r.ticket).field("record", r.rec.seq).field("at", format_rfc3339(r.rec.at, tz));
  w.field("outlet", r.outlet).field("plan", r.plan).field("asset", r.asset).field("kind", r.kind).key("site");
  if (r.site.empty()) w.null();
  else w.value(r.site);
  w.field("due", format_date(r.due)).key("crew").begin_array();
  for (auto& n : split_names(r.rec.crew)) w.value(n);
  w.end_array().field("min_crew", r.min_crew).field("complete", r.complete).key("missing").begin_array();
  for (auto& m : split_names(r.rec.missing)) w.value(m);
  w.end_array().key("readings").begin_array();
  for (auto& x : r.rec.results) {
    w.begin_object().field("key", std::get<0>(x)).field("value", std::get<1>(x)).key("finding");
    if (std::get<2>(x).empty()) w.null();
    else w.value(std::get<2>(x));
    w.end_object();
  }
  w.end_array().key("repair");
  if (r.rec.repair.empty()) w.null();
  else w.value(r.rec.repair);
  w.end_object();
}

void setup_visit(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  struct ListOptions {
    std::string outlet, plan, asset, format;
  };
  auto l = std::make_shared<ListOptions>();
  auto* list = sub.add_subcommand("list", "The station log: every visit record (who, when, which asset, status)");
  list->add_option("--outlet", l->outlet, "Only this outlet's assets");
  list->add_option("--plan", l->plan, "Only this plan");
  list->add_option("--asset", l->asset, "Only this asset");
  add_format(list, l->format);
  list->footer("Examples:\n  svc maint visit list --asset RS-01\n  svc maint visit list --outlet SH-01 --format csv");
  list->callback([l, &g] {
    Policy p = load_policy(g);
    Format f = format_of(l->format);
    Store store = open_store(g);
    check_filter(store, FilterKind::Outlet, l->outlet, "--outlet");
    if (!l->plan.empty()) get_plan(store, l->plan);  // NotFound with did you mean
    if (!l->asset.empty() && !find_asset(store, l->asset)) {
      std::vector<std::string> ids;
      for (auto& a : list_assets(store, "", "", true)) ids.push_back(a.id);
      std::string hint = nearest(l->asset, ids);
      throw NotFound(fmt::format("unknown asset '{}'{}", l->asset,
                                 hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    }
    auto rows = list_visits(store, l->outlet, l->plan, l->asset);
    if (f == Format::Json) {
      JsonWriter w(std::cout);
      w.begin_array();
      for (auto& r : rows) write_visit_json(w, r, p.tz);
      w.end_array().newline();
      return;
    }
    emit_table(std::cout, f, visits_table(rows, p.tz));
  });

  struct ShowOptions {
    std::string ticket, format;
  };
  auto sh = std::make_shared<ShowOptions>();
  auto* show = sub.add_subcommand("show", "One visit: each record's crew, time and every reading with its finding");
  show->add_option("TICKET", sh->ticket, "The maintenance ticket")->required();
  add_format(show, sh->format);
  show->footer("Examples:\n  svc maint visit show M-RS-2W-RS-01-20261109");
  show->callback([sh, &g] {
    Policy p = load_policy(g);
    Format f = format_of(sh->format);
    Store store = open_store(g);
    auto rows = visit_of(store, sh->ticket);
    if (f == Format::Json) {
      JsonWriter w(std::cout);
      w.begin_array();
      for (auto& r : rows) write_visit_json(w, r, p.tz);
      w.end_array().newline();
      return;
    }
    Table t;
    t.headers = {"record", "at", "crew", "item", "value", "finding", "repair"};
    for (auto& r : rows) {
      if (r.rec.results.empty())
        t.add({std::to_string(r.rec.seq), format_rfc3339(r.rec.at, p.tz), r.rec.crew, "", "", "", r.rec.repair});
      for (auto& x : r.rec.results)
        t.add({std::to_string(r.rec.seq), format_rfc3339(r.rec.at, p.tz), r.rec.crew, std::get<0>(x), std::get<1>(x),
               std::get<2>(x), r.rec.repair});
    }
    if (f == Format::Table) {
      const VisitRow& last = rows.back();
      std::cout << fmt::format("{} — {} {} ({} {}), due {}, outlet {}: {}\n", last.ticket, last.plan, last.plan_name,
                               last.kind, last.asset, format_date(last.due), last.outlet,
                               last.complete ? "complete"
                                             : fmt::format("incomplete{}{}",
                                                           last.rec.missing.empty() ? "" : ", missing " + last.rec.missing,
                                                           last.rec.crew_size < last.min_crew
                                                               ? fmt::format(", crew {} below {}", last.rec.crew_size,
                                                                             last.min_crew)
                                                               : ""));
    }
    emit_table(std::cout, f, t);
  });
}

}  // namespace svc::cli
