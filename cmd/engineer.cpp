// svc engineer add|list|show|update|import: the engineers of the outlets.
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "error.hpp"
#include "masterdata.hpp"

namespace svc::cli {

namespace {

struct EngineerOpts {
  std::string id, name, outlet, region, skills, skill, active, leader, format, file;
  int level = 1;
};

CLI::Option* add_flag_option(CLI::App* app, const char* name, std::string& v, const char* help) {
  return app->add_option(name, v, help)->check(
      [](const std::string& s) { return parse_flag(s) ? std::string() : "must be yes or no, got '" + s + "'"; },
      "yes|no");
}

void emit_engineers(const std::vector<Engineer>& v, const std::string& format, bool one) {
  Format f = format_of(format);
  if (f == Format::Json) {
    JsonWriter w(std::cout);
    if (!one) w.begin_array();
    for (const auto& e : v) write_json(w, e);
    if (!one) w.end_array();
    w.newline();
  } else if (one && f == Format::Table) {
    write_table(std::cout, record_table(engineers_table(v)));
  } else {
    emit_table(std::cout, f, engineers_table(v));
  }
}

}  // namespace

void setup_engineer(CLI::App& sub, Globals& g) {
  auto o = std::make_shared<EngineerOpts>();
  sub.require_subcommand(1);
  sub.footer("Examples:\n  svc engineer import examples/network/engineers.csv\n"
             "  svc engineer list --outlet SH-01\n  svc engineer show E-017 --format json");

  auto* add = sub.add_subcommand("add", "Add an engineer");
  add->add_option("ID", o->id, "Engineer id, e.g. E-017 (letters, digits, . _ -)")->required();
  add->add_option("--name", o->name, "Full name")->required();
  add->add_option("--outlet", o->outlet, "Home outlet id (must exist)")->required();
  add->add_option("--region", o->region, "Region (default: the outlet's)");
  add->add_option("--skills", o->skills, "Comma list of service types / product lines, e.g. repair,install,空调");
  add->add_option("--level", o->level, "Skill level 1 (junior) .. 5 (expert)")->check(CLI::Range(1, 5))->capture_default_str();
  add_flag_option(add, "--leader", o->leader, "yes when the region's group leader (default no)");
  add_flag_option(add, "--active", o->active, "yes (default) or no");
  add->footer("Example:\n  svc engineer add E-017 --name 王磊 --outlet SH-01 --skills repair,install,空调 --level 3");
  add->callback([&g, o, add] {
    Engineer e;
    e.id = o->id;
    e.name = o->name;
    e.outlet = o->outlet;
    e.region = o->region;
    e.skills = split_skills(o->skills);
    e.level = o->level;
    if (add->count("--leader")) e.leader = *parse_flag(o->leader);
    if (add->count("--active")) e.active = *parse_flag(o->active);
    Store s = open_store(g);
    add_engineer(s, e);
    if (!g.quiet) std::cerr << fmt::format("svc: added engineer {}\n", e.id);
  });

  auto* list = sub.add_subcommand("list", "List engineers");
  list->add_option("--region", o->region, "Only this region");
  list->add_option("--outlet", o->outlet, "Only this outlet");
  list->add_option("--skill", o->skill, "Only engineers with this skill");
  add_flag_option(list, "--active", o->active, "Only active (yes) or inactive (no) engineers");
  add_flag_option(list, "--leader", o->leader, "Only group leaders (yes) or the others (no)");
  add_format(list, o->format);
  list->footer("Examples:\n  svc engineer list --region 华东\n  svc engineer list --outlet SH-01 --format csv\n"
               "  svc engineer list --leader yes --format json");
  list->callback([&g, o, list] {
    EngineerFilter f;
    f.region = o->region;
    f.outlet = o->outlet;
    f.skill = o->skill;
    if (list->count("--active")) f.active = parse_flag(o->active);
    if (list->count("--leader")) f.leader = parse_flag(o->leader);
    Store s = open_store(g);
    check_filter(s, FilterKind::Region, f.region, "--region");
    check_filter(s, FilterKind::Outlet, f.outlet, "--outlet");
    emit_engineers(list_engineers(s, f), o->format, false);
  });

  auto* show = sub.add_subcommand("show", "Show one engineer");
  show->add_option("ID", o->id, "Engineer id")->required();
  add_format(show, o->format);
  show->footer("Examples:\n  svc engineer show E-017\n  svc engineer show E-017 --format json");
  show->callback([&g, o] {
    Store s = open_store(g);
    emit_engineers({get_engineer(s, o->id)}, o->format, true);
  });

  auto* update = sub.add_subcommand("update", "Change an engineer (only the options given)");
  update->add_option("ID", o->id, "Engineer id")->required();
  update->add_option("--name", o->name, "Full name");
  update->add_option("--outlet", o->outlet, "Home outlet (the region follows it unless --region is given)");
  update->add_option("--region", o->region, "Region");
  update->add_option("--skills", o->skills, "Comma list replacing the skills ('' clears them)");
  update->add_option("--level", o->level, "Skill level 1..5")->check(CLI::Range(1, 5));
  add_flag_option(update, "--leader", o->leader, "yes or no: the region's group leader");
  add_flag_option(update, "--active", o->active, "yes, or no when the engineer leaves");
  update->footer("Examples:\n  svc engineer update E-017 --level 4 --skills repair,install,空调,冰箱\n"
                 "  svc engineer update E-017 --outlet SH-02\n  svc engineer update E-003 --leader no");
  update->callback([&g, o, update] {
    EngineerPatch p;
    if (update->count("--name")) p.name = o->name;
    if (update->count("--outlet")) p.outlet = o->outlet;
    if (update->count("--region")) p.region = o->region;
    if (update->count("--skills")) p.skills = split_skills(o->skills);
    if (update->count("--level")) p.level = o->level;
    if (update->count("--leader")) p.leader = parse_flag(o->leader);
    if (update->count("--active")) p.active = parse_flag(o->active);
    if (!p.name && !p.outlet && !p.region && !p.skills && !p.level && !p.leader && !p.active)
      throw UsageError("engineer update: nothing to change (give --name, --outlet, --region, --skills, --level, "
                       "--leader or --active)");
    Store s = open_store(g);
    update_engineer(s, o->id, p);
    if (!g.quiet) std::cerr << fmt::format("svc: updated engineer {}\n", o->id);
  });

  auto* import = sub.add_subcommand("import", "Add or update engineers from a CSV file, all or nothing");
  import->add_option("FILE", o->file,
                     "CSV with a header row: id,name,outlet[,region,skills,level,leader,active]")->required();
  import->footer("Example:\n  svc engineer import examples/network/engineers.csv");
  import->callback([&g, o] {
    Store s = open_store(g);
    auto n = import_engineers_csv(s, o->file);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {}: {} engineers read, {} added, {} updated, {} unchanged\n", o->file, n.read,
                               n.added, n.updated, n.unchanged);
  });
}

}  // namespace svc::cli
