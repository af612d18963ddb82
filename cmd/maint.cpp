// svc maint: planned maintenance — assets, plans, what is due, generating the
// maintenance tickets, recording visits; and `svc audit maint`. See docs/maint.md.
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "batch.hpp"
#include "error.hpp"
#include "maint.hpp"
#include "maint_audit.hpp"

namespace svc::cli {

namespace {

// "14d", "2w" or a number of days.
int days_option(const std::string& v, const char* opt) {
  std::string s = v;
  int mult = 1;
  if (!s.empty() && (s.back() == 'd' || s.back() == 'w')) mult = s.back() == 'w' ? 7 : 1, s.pop_back();
  if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw UsageError(fmt::format("{} '{}' is not a number of days (14d) or weeks (2w)", opt, v));
  return std::stoi(s) * mult;
}

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

}  // namespace

void setup_visit(CLI::App& sub, Globals& g);  // below

void setup_maint(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  svc maint plan add RS-2W --name 调压站巡检 --select kind=station --interval 2w --crew 2 --item leak_test:yesno\n"
      "  svc maint due --within 14d\n"
      "  svc maint generate --until 2026-12-07\n"
      "  svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item leak_test=yes");
  setup_asset(*sub.add_subcommand("asset", "Assets: add, list, update, retire"), g);
  setup_plan(*sub.add_subcommand("plan", "Plans: add, list, show, update, retire"), g);
  setup_visit(*sub.add_subcommand("visit", "The station log: visit list, visit show"), g);

  struct DueOptions {
    std::string as_of, within = "0d", outlet, format;
  };
  auto d = std::make_shared<DueOptions>();
  auto* due = sub.add_subcommand("due", "What is due or overdue, per outlet (one line per plan and asset)");
  add_as_of(due, d->as_of);
  due->add_option("--within", d->within, "Also what falls due this many days after --as-of (14d, 2w)")
      ->capture_default_str();
  due->add_option("--outlet", d->outlet, "Only this outlet");
  add_format(due, d->format);
  due->footer("Examples:\n  svc maint due --within 14d\n  svc maint due --as-of 2026-12-31 --outlet SH-01 --format csv");
  due->callback([d, &g] {
    Policy p = load_policy(g);
    Instant at = as_of(d->as_of, p);
    int within = days_option(d->within, "--within");
    Format f = format_of(d->format);
    Store store = open_store(g);
    check_filter(store, FilterKind::Outlet, d->outlet, "--outlet");
    emit_table(std::cout, f, due_table(due_work(store, p, at, within, d->outlet)));
  });

  struct GenOptions {
    std::string until, format, as_of;
    bool dry_run = false;
  };
  auto gen = std::make_shared<GenOptions>();
  auto* gc = sub.add_subcommand("generate", "Create the maintenance tickets of every due date up to --until "
                                            "(idempotent: safe to run from cron)");
  gc->add_option("--until", gen->until, "Last due date to generate, YYYY-MM-DD")->required();
  gc->add_flag("--dry-run", gen->dry_run, "Say which tickets would be created; change nothing");
  add_as_of(gc, gen->as_of);
  add_format(gc, gen->format);
  gc->footer("Generates as of --as-of (default now; never in the future): a due day not begun by then waits.\n"
             "\nExamples:\n  svc maint generate --until 2026-12-07\n  svc maint generate --until \"$(date -d +14days "
             "+%F)\" --quiet\n  svc maint generate --until 2026-12-07 --as-of '2026-11-23 01:30'");
  gc->callback([gen, &g] {
    Policy p = load_policy(g);
    Day until = date_option(gen->until, "--until");
    Format f = format_of(gen->format);
    Store store = open_store(g);
    Instant at = as_of(gen->as_of, p);
    refuse_future_generate(at, p.tz);
    GenerateResult r = generate(store, p, until, at, gen->dry_run);
    for (const auto& w : generate_warnings(r, gen->dry_run)) std::cerr << "svc: " << w << "\n";
    Table t;
    t.headers = {"ticket"};
    for (auto& id : r.created) t.add({id});
    emit_table(std::cout, f, t);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {}{} maintenance ticket{} {}, {} already there{}\n",
                               gen->dry_run ? "dry run, nothing changed: " : "", r.created.size(),
                               r.created.size() == 1 ? "" : "s", gen->dry_run ? "would be created" : "created",
                               r.existing, r.later ? fmt::format(", {} not due yet (created on their due day)", r.later) : "");
  });

  struct RecordOptions {
    std::string ticket, file, crew, at;
    std::vector<std::string> items;
  };
  auto rec = std::make_shared<RecordOptions>();
  auto* rc = sub.add_subcommand("record", "Record a visit's checklist results; out-of-limit values open a repair ticket");
  rc->add_option("TICKET", rec->ticket, "The maintenance ticket")->required();
  rc->add_option("--crew", rec->crew, "The crew: names or engineer ids, comma-separated (张工,李工)")->required();
  rc->add_option("--item", rec->items, "A result KEY=VALUE (repeatable)");
  rc->add_option("--file", rec->file, "Results as CSV with the columns key,value");
  rc->add_option("--at", rec->at, "When the visit took place (default: now)");
  rc->footer(
      "Examples:\n"
      "  svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --item inlet_pressure=3.1 --item leak_test=yes\n"
      "  svc maint record M-RS-2W-RS-01-20261123 --crew 张工,李工 --file results.csv --at '2026-11-23 10:00'");
  rc->callback([rec, &g] {
    Policy p = load_policy(g);
    RecordRequest r;
    r.ticket = rec->ticket;
    r.crew = rec->crew;
    r.at = rec->at.empty() ? svc::now() : parse_as_of(rec->at, p.tz);
    if (rec->items.empty() && rec->file.empty()) throw UsageError("give the results with --item KEY=VALUE or --file FILE");
    if (!rec->file.empty()) read_results_csv(rec->file, r);
    for (auto& kv : rec->items) {
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw UsageError(fmt::format("--item '{}': expected KEY=VALUE", kv));
      r.values.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
      r.where.push_back("--item");
    }
    Store store = open_store(g);
    RecordResult res = record_visit(store, p, r);
    std::cout << r.ticket << "\n";
    if (g.quiet) return;
    std::vector<std::string> why;
    if (!res.missing.empty()) why.push_back(fmt::format("missing {}", fmt::join(res.missing, ", ")));
    if (res.understaffed) why.push_back("the crew is below the plan's minimum");
    std::cerr << fmt::format("{}: visit recorded{}{}\n", r.ticket,
                             res.seq > 1 ? fmt::format(" (record {} of the visit)", res.seq) : "",
                             why.empty() ? "" : fmt::format(" as incomplete: {}", fmt::join(why, "; ")));
    for (auto& [k, why] : res.findings) std::cerr << fmt::format("{}: finding: {}: {}\n", r.ticket, k, why);
    if (!res.repair.empty()) std::cerr << fmt::format("{}: repair ticket {} opened\n", r.ticket, res.repair);
    if (!res.events.empty())
      std::cerr << fmt::format("{}: ticket events: {}{}\n", r.ticket, fmt::join(res.events, ", "),
                               res.missing.empty() && !res.understaffed
                                   ? ""
                                   : " (not completed: the visit is incomplete; record again to complete it)");
  });
}

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

void setup_audit_maint(CLI::App& sub, Globals& g) {
  struct Options {
    std::string as_of, format, fail_on;
  };
  auto o = std::make_shared<Options>();
  add_as_of(&sub, o->as_of);
  add_format(&sub, o->format);
  sub.add_option("--fail-on", o->fail_on, "Exit 1 when there is a finding of this kind: overdue, incomplete, "
                                          "unfollowed, or any")
      ->check(CLI::IsMember(std::vector<std::string>{"overdue", "incomplete", "unfollowed", "any"}));
  sub.footer(
      "Examples:\n"
      "  svc audit maint\n"
      "  svc audit maint --as-of 2026-12-31 --fail-on any --format json");
  sub.callback([o, &g] {
    Policy p = load_policy(g);
    Instant at = as_of(o->as_of, p);
    Format f = format_of(o->format);
    Store store = open_store(g);
    auto v = audit_maint(store, p, at);
    emit_table(std::cout, f, maint_findings_table(v));
    if (!o->fail_on.empty() &&
        std::any_of(v.begin(), v.end(), [&](auto& x) { return o->fail_on == "any" || x.kind == o->fail_on; }))
      g.exit_status = kExitFindings;
    if (!g.quiet) std::cerr << fmt::format("svc: {} maintenance finding{}\n", v.size(), v.size() == 1 ? "" : "s");
  });
}

}  // namespace svc::cli
