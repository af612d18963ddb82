// svc maint asset and svc maint plan: the assets to maintain and the plans
// (which assets, how often, checklist, crew). Split from maint.cpp; see docs/maint.md.
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "batch.hpp"
#include "error.hpp"
#include "maint.hpp"
#include "maint_audit.hpp"
#include "maint_common.hpp"

namespace svc::cli::maint_detail {

namespace {

void write_asset_json(JsonWriter& w, const Asset& a) {
  auto text_or_null = [&](const char* k, const std::string& v) {  // null when not given, like every typed output
    w.key(k);
    if (v.empty()) w.null();
    else w.value(v);
  };
  w.begin_object().field("id", a.id).field("kind", a.kind);
  text_or_null("site", a.site);
  text_or_null("customer", a.customer);
  w.field("outlet", a.outlet).key("installed");
  if (a.installed) w.value(format_date(*a.installed));
  else w.null();
  w.key("attrs").begin_object();
  for (auto& [k, v] : a.attrs) w.field(k, v);
  w.end_object().end_object();
}

std::string attrs_text(const Asset& a) {
  std::string s;
  for (auto& [k, v] : a.attrs) s += fmt::format("{}{}={}", s.empty() ? "" : " ", k, v);
  return s;
}

// `svc maint asset|plan retire ID --reason TEXT [--at TS]`: `retire` cancels
// the open tickets of the asset or plan and returns them.
using RetireFn = std::vector<std::string> (*)(Store&, const Policy&, const std::string&, const std::string&, Instant);
void add_retire(CLI::App& sub, Globals& g, const char* noun, const char* desc, const char* reason_help,
                const char* footer, RetireFn retire) {
  struct RetireOptions {
    std::string id, reason, at;
  };
  auto rt = std::make_shared<RetireOptions>();
  auto* ret = sub.add_subcommand("retire", desc);
  ret->add_option("ID", rt->id, fmt::format("{} id", noun == std::string("plan") ? "Plan" : "Asset"))->required();
  ret->add_option("--reason", rt->reason, reason_help)->required();
  ret->add_option("--at", rt->at, "When (default: now)");
  ret->footer(footer);
  ret->callback([rt, &g, noun, retire] {
    Policy p = load_policy(g);
    Instant at = rt->at.empty() ? svc::now() : parse_as_of(rt->at, p.tz);
    Store store = open_store(g);
    auto cancelled = retire(store, p, rt->id, rt->reason, at);
    for (auto& t : cancelled) std::cout << t << "\n";
    if (!g.quiet)
      std::cerr << fmt::format("svc: retired {} {}; {} open maintenance ticket{} cancelled\n", noun, rt->id,
                               cancelled.size(), cancelled.size() == 1 ? "" : "s");
  });
}


Table plans_table(const std::vector<MaintPlan>& v, Store& store) {
  auto assets = list_assets(store);
  Table t;
  t.headers = {"plan", "name", "interval", "selector", "start", "crew", "items", "assets"};
  t.align = {Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Right, Align::Right};
  for (auto& p : v) {
    long n = std::count_if(assets.begin(), assets.end(), [&](auto& a) { return matches(p.selector, a); });
    t.add({p.id, p.name, p.interval.text, p.selector.text, format_date(p.start), std::to_string(p.min_crew),
           std::to_string(p.checklist.size()), std::to_string(n)});
  }
  return t;
}

}  // namespace

void setup_asset(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer("Examples:\n  svc maint asset add RS-01 --kind station --outlet SH-01 --site 浦东调压站\n  svc maint asset list");
  struct AddOptions {
    std::string id, kind, site, customer, outlet, installed;
    std::vector<std::string> attrs;
  };
  auto a = std::make_shared<AddOptions>();
  auto* add = sub.add_subcommand("add", "Add an asset: a station, valve pit, valve, regulator, machine …");
  add->add_option("ID", a->id, "Asset id, 1-32 characters A-Z a-z 0-9 . _ -")->required();
  add->add_option("--kind", a->kind, "Kind of asset (station, valve_pit, valve, cp_point, regulator, machine, …)")
      ->required();
  add->add_option("--outlet", a->outlet, "Outlet responsible for its maintenance")->required();
  add->add_option("--site", a->site, "Where it stands");
  add->add_option("--customer", a->customer, "Customer id it belongs to");
  add->add_option("--installed", a->installed, "Date put in service, YYYY-MM-DD");
  add->add_option("--attr", a->attrs, "Attribute KEY=VALUE for selectors (repeatable), e.g. dn=80, origin=imported");
  add->footer(
      "Examples:\n"
      "  svc maint asset add V-100 --kind valve --outlet SH-01 --attr dn=80\n"
      "  svc maint asset add RG-7 --kind regulator --outlet SH-01 --installed 2018-05-01 --attr origin=imported");
  add->callback([a, &g] {
    Asset x;
    x.id = a->id, x.kind = a->kind, x.site = a->site, x.customer = a->customer, x.outlet = a->outlet;
    if (!a->installed.empty()) x.installed = date_option(a->installed, "--installed");
    for (auto& kv : a->attrs) {
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
        throw UsageError(fmt::format("--attr '{}': expected KEY=VALUE", kv));
      std::string k = kv.substr(0, eq);
      if (k == "kind" || k == "site" || k == "customer" || k == "outlet")
        throw UsageError(fmt::format("--attr '{}': '{}' has its own option", kv, k));
      x.attrs[k] = kv.substr(eq + 1);
    }
    Store store = open_store(g);
    add_asset(store, x);
    if (!g.quiet) std::cerr << fmt::format("svc: added asset {} ({})\n", x.id, x.kind);
  });

  struct ListOptions {
    std::string outlet, kind, format;
    bool retired = false;
  };
  auto l = std::make_shared<ListOptions>();
  auto* list = sub.add_subcommand("list", "List the assets");
  list->add_option("--outlet", l->outlet, "Only this outlet's assets");
  list->add_option("--kind", l->kind, "Only this kind");
  list->add_flag("--retired", l->retired, "Also the retired assets (with when and why)");
  add_format(list, l->format);
  list->footer("Examples:\n  svc maint asset list --kind valve --format csv");
  list->callback([l, &g] {
    Format f = format_of(l->format);
    Store store = open_store(g);
    check_filter(store, FilterKind::Outlet, l->outlet, "--outlet");
    check_filter(store, FilterKind::AssetKind, l->kind, "--kind");
    auto v = list_assets(store, l->outlet, l->kind, l->retired);
    if (f == Format::Json) {
      JsonWriter w(std::cout);
      w.begin_array();
      for (auto& x : v) write_asset_json(w, x);
      w.end_array().newline();
      return;
    }
    Table t;
    t.headers = {"id", "kind", "outlet", "site", "customer", "installed", "attrs"};
    if (l->retired) t.headers.push_back("retired");
    for (auto& x : v) {
      std::vector<std::string> row{x.id, x.kind, x.outlet, x.site, x.customer,
                                   x.installed ? format_date(*x.installed) : "", attrs_text(x)};
      if (l->retired)
        row.push_back(x.retired ? fmt::format("{} {}", format_date(load_policy(g).tz.local_day(*x.retired)),
                                              x.retired_reason)
                                : "");
      t.add(row);
    }
    emit_table(std::cout, f, t);
  });

  struct UpdateOptions {
    std::string id, kind, site, customer, outlet, installed;
    std::vector<std::string> attrs, unset;
    CLI::Option *kind_o = nullptr, *site_o = nullptr, *customer_o = nullptr, *outlet_o = nullptr;
  };
  auto u = std::make_shared<UpdateOptions>();
  auto* up = sub.add_subcommand("update", "Change an asset's kind, site, customer, outlet, install date or attributes");
  up->add_option("ID", u->id, "Asset id")->required();
  u->kind_o = up->add_option("--kind", u->kind, "Kind of asset");
  u->outlet_o = up->add_option("--outlet", u->outlet, "Outlet responsible for its maintenance");
  u->site_o = up->add_option("--site", u->site, "Where it stands ('' clears it)");
  u->customer_o = up->add_option("--customer", u->customer, "Customer id it belongs to ('' clears it)");
  up->add_option("--installed", u->installed, "Date put in service, YYYY-MM-DD");
  up->add_option("--attr", u->attrs, "Set attribute KEY=VALUE (repeatable)");
  up->add_option("--unset-attr", u->unset, "Remove attribute KEY (repeatable)");
  up->footer("Examples:\n  svc maint asset update V-80 --attr dn=100\n  svc maint asset update RS-01 --outlet SH-02");
  up->callback([u, &g] {
    AssetPatch p;
    if (u->kind_o->count()) p.kind = u->kind;
    if (u->outlet_o->count()) p.outlet = u->outlet;
    if (u->site_o->count()) p.site = u->site;
    if (u->customer_o->count()) p.customer = u->customer;
    if (!u->installed.empty()) p.installed = date_option(u->installed, "--installed");
    for (auto& kv : u->attrs) {
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
        throw UsageError(fmt::format("--attr '{}': expected KEY=VALUE", kv));
      std::string k = kv.substr(0, eq);
      if (k == "kind" || k == "site" || k == "customer" || k == "outlet")
        throw UsageError(fmt::format("--attr '{}': '{}' has its own option", kv, k));
      p.set_attrs[k] = kv.substr(eq + 1);
    }
    p.unset_attrs = u->unset;
    if (!p.kind && !p.outlet && !p.site && !p.customer && !p.installed && p.set_attrs.empty() && p.unset_attrs.empty())
      throw UsageError("nothing to change: give --kind, --outlet, --site, --customer, --installed, --attr or --unset-attr");
    Store store = open_store(g);
    update_asset(store, u->id, p);
    if (!g.quiet) std::cerr << fmt::format("svc: updated asset {}\n", u->id);
  });

  add_retire(sub, g, "asset", "Take an asset out of service: no more due dates; its open tickets are cancelled",
             "Why it leaves service (recorded, and on the cancelled tickets)",
             "Examples:\n  svc maint asset retire V-50 --reason '2026-11 更换为 V-51'", retire_asset);
}

void setup_plan(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer("Examples:\n  svc maint plan add RS-2W --name 调压站巡检 --select kind=station --interval 2w --crew 2 "
             "--item inlet_pressure:number:kPa:2..4 --item leak_test:yesno\n  svc maint plan list");
  struct AddOptions {
    std::string id, name, select, interval, start;
    int crew = 1;
    std::vector<std::string> items;
  };
  auto a = std::make_shared<AddOptions>();
  auto* add = sub.add_subcommand("add", "Add a plan: which assets, how often, the checklist and the crew");
  add->add_option("ID", a->id, "Plan id, 1-16 characters A-Z a-z 0-9 . _ -")->required();
  add->add_option("--name", a->name, "Display name")->required();
  add->add_option("--select", a->select, "Asset selector: conditions FIELD OP VALUE joined by commas, e.g. "
                                         "'kind=valve, dn>=65' or 'kind=regulator, origin=imported'")
      ->required();
  add->add_option("--interval", a->interval, "2w, 10d, monthly, quarterly, yearly, every 3y, spring+autumn, "
                                             "after 8y in service")
      ->required();
  add->add_option("--crew", a->crew, "Minimum crew size of a visit")->capture_default_str();
  add->add_option("--start", a->start, "Anchor of the interval and first due date, YYYY-MM-DD (default: today)");
  add->add_option("--item", a->items, "Checklist item KEY:TYPE[:UNIT][:MIN..MAX][:optional][:urgent] (repeatable); TYPE is "
                                      "number, yesno or text")
      ->required();
  add->footer(
      "Examples:\n"
      "  svc maint plan add V-BIG --name 大阀门保养 --select 'kind=valve, dn>=65' --interval yearly --item greased:yesno\n"
      "  svc maint plan add RG-IMP --name 进口调压器大修 --select 'kind=regulator, origin=imported' \\\n"
      "      --interval 'after 8y in service' --crew 2 --item outlet_pressure:number:kPa:1.8..2.5 --item note:text:optional");
  add->callback([a, &g] {
    Policy pol = load_policy(g);
    MaintPlan p;
    p.id = a->id, p.name = a->name, p.min_crew = a->crew;
    p.selector = parse_selector(a->select);
    std::string why;
    auto iv = parse_interval(a->interval, &why);
    if (!iv) throw UsageError("--interval " + why);
    p.interval = *iv;
    p.start = a->start.empty() ? pol.tz.local_day(svc::now()) : date_option(a->start, "--start");
    for (auto& s : a->items) p.checklist.push_back(parse_item(s));
    Store store = open_store(g);
    add_plan(store, p);
    if (!g.quiet)
      std::cerr << fmt::format("svc: added plan {} ({}, {} item{}, crew >= {})\n", p.id, p.interval.text,
                               p.checklist.size(), p.checklist.size() == 1 ? "" : "s", p.min_crew);
  });

  auto lf = std::make_shared<std::string>();
  auto* list = sub.add_subcommand("list", "List the plans");
  add_format(list, *lf);
  list->footer("Examples:\n  svc maint plan list --format json");
  list->callback([lf, &g] {
    Format f = format_of(*lf);
    Store store = open_store(g);
    emit_table(std::cout, f, plans_table(list_plans(store), store));
  });

  struct ShowOptions {
    std::string id, format;
  };
  auto sh = std::make_shared<ShowOptions>();
  auto* show = sub.add_subcommand("show", "One plan: its fields, checklist and the assets it selects");
  show->add_option("ID", sh->id, "Plan id")->required();
  add_format(show, sh->format);
  show->footer("Examples:\n  svc maint plan show RS-2W");
  show->callback([sh, &g] {
    Format f = format_of(sh->format);
    Store store = open_store(g);
    MaintPlan p = get_plan(store, sh->id);
    std::vector<std::string> selected;
    for (auto& a : list_assets(store))
      if (matches(p.selector, a)) selected.push_back(a.id);
    if (f == Format::Json) {
      JsonWriter w(std::cout);
      w.begin_object().field("plan", p.id).field("name", p.name).field("interval", p.interval.text);
      w.field("selector", p.selector.text).field("start", format_date(p.start)).field("min_crew", p.min_crew);
      w.key("checklist").begin_array();
      for (auto& c : p.checklist) {
        w.begin_object().field("key", c.key).field("type", c.type).key("unit");
        if (c.unit.empty()) w.null();
        else w.value(c.unit);
        w.field("min", c.min);
        w.field("max", c.max).field("required", c.required).field("urgent", c.urgent).end_object();
      }
      w.end_array().key("assets").begin_array();
      for (auto& a : selected) w.value(a);
      w.end_array().end_object().newline();
      return;
    }
    Table t;
    t.headers = {"item", "type", "unit", "min", "max", "required"};
    for (auto& c : p.checklist)
      t.add({c.key, c.type, c.unit, c.min ? fmt::format("{}", *c.min) : "", c.max ? fmt::format("{}", *c.max) : "",
             c.required ? "yes" : "no"});
    if (f == Format::Csv) {
      emit_table(std::cout, f, t);
      return;
    }
    std::cout << fmt::format("plan      {}\nname      {}\ninterval  {}\nselector  {}\nstart     {}\ncrew      >= {}\n"
                             "assets    {}\n\n",
                             p.id, p.name, p.interval.text, p.selector.text, format_date(p.start), p.min_crew,
                             selected.empty() ? "(none)" : fmt::format("{}", fmt::join(selected, ", ")));
    emit_table(std::cout, f, t);
  });

  struct UpdateOptions {
    std::string id, name, select, interval, start;
    int crew = 0;
  };
  auto u = std::make_shared<UpdateOptions>();
  auto* up = sub.add_subcommand("update", "Change a plan's name, selector, interval, start or minimum crew");
  up->add_option("ID", u->id, "Plan id")->required();
  auto* name_o = up->add_option("--name", u->name, "Display name");
  auto* sel_o = up->add_option("--select", u->select, "Asset selector");
  up->add_option("--interval", u->interval, "Interval (moved due dates are re-planned by the next generate)");
  up->add_option("--start", u->start, "Anchor of the interval, YYYY-MM-DD");
  auto* crew_o = up->add_option("--crew", u->crew, "Minimum crew size of a visit");
  up->footer("Examples:\n  svc maint plan update RS-2W --crew 3\n  svc maint plan update V-BIG --select 'kind=valve, dn>=80'");
  up->callback([u, name_o, sel_o, crew_o, &g] {
    PlanPatch p;
    if (name_o->count()) p.name = u->name;
    if (sel_o->count()) p.selector = parse_selector(u->select);
    if (!u->interval.empty()) {
      std::string why;
      auto iv = parse_interval(u->interval, &why);
      if (!iv) throw UsageError("--interval " + why);
      p.interval = *iv;
    }
    if (!u->start.empty()) p.start = date_option(u->start, "--start");
    if (crew_o->count()) p.min_crew = u->crew;
    if (!p.name && !p.selector && !p.interval && !p.start && !p.min_crew)
      throw UsageError("nothing to change: give --name, --select, --interval, --start or --crew");
    Store store = open_store(g);
    update_plan(store, u->id, p);
    if (!g.quiet) std::cerr << fmt::format("svc: updated plan {}\n", u->id);
  });

  add_retire(sub, g, "plan", "End a plan: no more due dates; its open tickets are cancelled",
             "Why it ends (recorded, and on the cancelled tickets)",
             "Examples:\n  svc maint plan retire RS-2W --reason '改为每周巡检 RS-1W'", retire_plan);
}

}  // namespace svc::cli::maint_detail
