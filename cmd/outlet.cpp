// svc outlet add|list|show|update|import: the service outlets (网点).
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "error.hpp"
#include "masterdata.hpp"

namespace svc::cli {

namespace {

struct OutletOpts {
  std::string id, name, region, city, address, phone, active, format, file;
};

// --active yes|no (also true/false, 1/0)
CLI::Option* add_active(CLI::App* app, std::string& v, const char* help) {
  return app->add_option("--active", v, help)->check(
      [](const std::string& s) { return parse_flag(s) ? std::string() : "must be yes or no, got '" + s + "'"; },
      "yes|no");
}

std::optional<std::string> given(CLI::App* app, const char* name, const std::string& v) {
  return app->count(name) ? std::optional<std::string>(v) : std::nullopt;
}

void emit_outlets(const std::vector<Outlet>& v, const std::string& format, bool one) {
  Format f = format_of(format);
  if (f == Format::Json) {
    JsonWriter w(std::cout);
    if (!one) w.begin_array();
    for (const auto& o : v) write_json(w, o);
    if (!one) w.end_array();
    w.newline();
  } else if (one && f == Format::Table) {
    write_table(std::cout, record_table(outlets_table(v)));
  } else {
    emit_table(std::cout, f, outlets_table(v));
  }
}

}  // namespace

void setup_outlet(CLI::App& sub, Globals& g) {
  auto o = std::make_shared<OutletOpts>();
  sub.require_subcommand(1);
  sub.footer("Examples:\n  svc outlet import examples/network/outlets.csv\n  svc outlet list --region 华东\n"
             "  svc outlet show SH-01 --format json");

  auto* add = sub.add_subcommand("add", "Add an outlet");
  add->add_option("ID", o->id, "Outlet id, e.g. SH-01 (letters, digits, . _ -)")->required();
  add->add_option("--name", o->name, "Display name")->required();
  add->add_option("--region", o->region, "Region, e.g. 华东")->required();
  add->add_option("--city", o->city, "City");
  add->add_option("--address", o->address, "Street address");
  add->add_option("--phone", o->phone, "Contact phone (digits, spaces, + - ( ))");
  add_active(add, o->active, "yes (default) or no");
  add->footer("Example:\n  svc outlet add SH-01 --name '上海浦东服务站' --region 华东 --city 上海 --phone 021-5080-1234");
  add->callback([&g, o, add] {
    Store s = open_store(g);
    Outlet x{o->id, o->name, o->region, o->city, o->address, o->phone, true};
    if (add->count("--active")) x.active = *parse_flag(o->active);
    add_outlet(s, x);
    if (!g.quiet) std::cerr << fmt::format("svc: added outlet {}\n", x.id);
  });

  auto* list = sub.add_subcommand("list", "List outlets");
  list->add_option("--region", o->region, "Only this region");
  add_active(list, o->active, "Only active (yes) or closed (no) outlets");
  add_format(list, o->format);
  list->footer("Examples:\n  svc outlet list\n  svc outlet list --region 华南 --active yes --format csv\n"
               "  svc outlet list --format json");
  list->callback([&g, o, list] {
    Store s = open_store(g);
    check_filter(s, FilterKind::Region, o->region, "--region");
    OutletFilter f;
    f.region = o->region;
    if (list->count("--active")) f.active = parse_flag(o->active);
    emit_outlets(list_outlets(s, f), o->format, false);
  });

  auto* show = sub.add_subcommand("show", "Show one outlet");
  show->add_option("ID", o->id, "Outlet id")->required();
  add_format(show, o->format);
  show->footer("Examples:\n  svc outlet show SH-01\n  svc outlet show SH-01 --format json");
  show->callback([&g, o] {
    Store s = open_store(g);
    emit_outlets({get_outlet(s, o->id)}, o->format, true);
  });

  auto* update = sub.add_subcommand("update", "Change an outlet (only the options given)");
  update->add_option("ID", o->id, "Outlet id")->required();
  update->add_option("--name", o->name, "Display name");
  update->add_option("--region", o->region, "Region (its engineers in the old region move along)");
  update->add_option("--city", o->city, "City ('' clears it)");
  update->add_option("--address", o->address, "Street address ('' clears it)");
  update->add_option("--phone", o->phone, "Contact phone ('' clears it)");
  add_active(update, o->active, "yes, or no when the outlet closes");
  update->footer("Examples:\n  svc outlet update SH-01 --phone '021 5080 9999'\n  svc outlet update WH-02 --active no");
  update->callback([&g, o, update] {
    OutletPatch p;
    p.name = given(update, "--name", o->name);
    p.region = given(update, "--region", o->region);
    p.city = given(update, "--city", o->city);
    p.address = given(update, "--address", o->address);
    p.phone = given(update, "--phone", o->phone);
    if (update->count("--active")) p.active = parse_flag(o->active);
    if (!p.name && !p.region && !p.city && !p.address && !p.phone && !p.active)
      throw UsageError("outlet update: nothing to change (give --name, --region, --city, --address, --phone or --active)");
    Store s = open_store(g);
    update_outlet(s, o->id, p);
    if (!g.quiet) std::cerr << fmt::format("svc: updated outlet {}\n", o->id);
  });

  auto* import = sub.add_subcommand("import", "Add or update outlets from a CSV file, all or nothing");
  import->add_option("FILE", o->file, "CSV with a header row: id,name,region[,city,address,phone,active]")->required();
  import->footer("Example:\n  svc outlet import examples/network/outlets.csv");
  import->callback([&g, o] {
    Store s = open_store(g);
    auto n = import_outlets_csv(s, o->file);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {}: {} outlets read, {} added, {} updated, {} unchanged\n", o->file, n.read,
                               n.added, n.updated, n.unchanged);
  });
}

}  // namespace svc::cli
