// svc unit add|import|list|show|history: the installed base by serial number,
// with the unit's 三包 entitlement and service history (lib/ops/installed_base.hpp,
// docs/installed-base.md).
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "error.hpp"
#include "installed_base.hpp"

namespace svc::cli {

namespace {
std::optional<Day> date_opt(const char* opt, const std::string& v) {
  if (v.empty()) return std::nullopt;
  auto d = parse_date(v);
  if (!d) throw UsageError(fmt::format("{} '{}': {}", opt, v, date_problem(v)));
  return d;
}
}  // namespace

void setup_unit(CLI::App& sub, Globals& g) {
  struct Opts {
    Unit u;
    std::string purchased, installed, format, file, as_of;
    std::vector<std::string> parts;
    UnitFilter f;
  };
  auto o = std::make_shared<Opts>();
  sub.require_subcommand(1);
  sub.footer("Examples:\n  svc unit import units.csv\n  svc unit show SN-0001 --as-of 2026-11-23\n"
             "  svc unit history SN-0001 --format json");

  auto* add = sub.add_subcommand("add", "Register a unit (a machine at a customer's site) by its serial number");
  add->add_option("SERIAL", o->u.serial, "Serial number")->required();
  add->add_option("--model", o->u.model, "Product model (registered with svc product)")->required();
  add->add_option("--customer", o->u.customer, "Owner (a customer id)");
  add->add_option("--address", o->u.address, "Site address (default: the customer's)");
  add->add_option("--region", o->u.region, "Region of the site (default: the customer's)");
  add->add_option("--purchased", o->purchased, "Purchase date YYYY-MM-DD (三包 counts from it)");
  add->add_option("--installed", o->installed, "Install date YYYY-MM-DD");
  add->add_option("--install-ticket", o->u.install_ticket, "The ticket that installed it");
  add->footer("Example:\n  svc unit add SN-0001 --model KFR-35GW --customer C-88 --purchased 2026-11-18 --installed 2026-11-19");
  add->callback([&g, o] {
    Unit u = o->u;
    u.purchased = date_opt("--purchased", o->purchased);
    u.installed = date_opt("--installed", o->installed);
    if (auto v = validate(u); !v.empty()) {
      std::string msg;
      for (auto& m : v) msg += (msg.empty() ? "" : "; ") + m;
      throw UsageError("unit add: " + msg);
    }
    Policy p = load_policy(g);
    Store s = open_store(g);
    add_unit(s, u, &p);
    if (!g.quiet) std::cerr << fmt::format("svc: added unit {}\n", u.serial);
  });

  auto* import = sub.add_subcommand("import", "Add or update units from a CSV file, all or nothing");
  import->add_option("FILE", o->file,
                     "CSV with a header row: serial, model and any of customer, address, region, purchased, "
                     "installed, install_ticket")
      ->required();
  import->footer("Example:\n  svc unit import units.csv");
  import->callback([&g, o] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    auto n = import_units_csv(s, o->file, &p);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {}: {} units read, {} added, {} updated, {} unchanged\n", o->file, n.read,
                               n.added, n.updated, n.unchanged);
  });

  auto* list = sub.add_subcommand("list", "List units");
  list->add_option("--customer", o->f.customer, "Only this customer's units");
  list->add_option("--model", o->f.model, "Only this model");
  list->add_option("--region", o->f.region, "Only this region");
  add_format(list, o->format);
  list->footer("Examples:\n  svc unit list --customer C-88\n  svc unit list --model KFR-35GW --format csv");
  list->callback([&g, o] {
    Store s = open_store(g);
    auto v = list_units(s, o->f);
    emit_view(std::cout, format_of(o->format), [&] { return units_table(v); },
              [&](JsonWriter& w) {
                w.begin_array();
                for (const auto& u : v) write_json(w, u);
                w.end_array();
              });
  });

  auto* show = sub.add_subcommand("show", "One unit: details, its product's 三包 terms, the entitlement today, history");
  show->add_option("SERIAL", o->u.serial, "Serial number")->required();
  add_as_of(show, o->as_of);
  show->add_option("--part", o->parts, "A part the service concerns (for the key-part and repair warranties; repeatable)");
  show->add_option("--format", o->format, "Output format: table|json")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_val("table");
  show->footer("Examples:\n  svc unit show SN-0001\n  svc unit show SN-0001 --as-of 2027-01-05 --part COMP-35 --format json");
  show->callback([&g, o] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    Unit u = get_unit(s, o->u.serial);
    Day on = p.tz.local_day(as_of(o->as_of, p));
    ProductTerms t = model_terms(s, p.warranty, u.model);
    Entitlement e = unit_entitlement(s, p, u, on, "", o->parts);
    auto history = unit_history(s, u.serial);
    auto gone = unit_disposition(s, u.serial);  // exchanged or returned
    auto from = replaced_unit(s, u.serial);     // given in exchange for another unit
    if (o->format == "json") {
      JsonWriter w(std::cout);
      w.begin_object();
      w.key("unit");
      write_json(w, u);
      w.field("as_of", format_date(on));
      w.key("terms");
      write_json(w, t);
      w.key("entitlement");
      write_json(w, e);
      w.key("disposition");
      write_json(w, gone);
      w.key("replaces");
      write_json(w, from);
      w.key("history").begin_array();
      for (const auto& r : history) write_json(w, r, p.tz);
      w.end_array();
      w.end_object();
      w.newline();
      return;
    }
    write_table(std::cout, record_table(units_table({u})));
    if (from) std::cout << fmt::format("\ngiven in exchange for {} on {} ({})", from->serial, format_date(from->day), from->ticket);
    if (gone) std::cout << fmt::format("\n{}", disposition_line(*gone));
    if (from || gone) std::cout << "\n";
    std::cout << fmt::format("\nentitlement on {}: {}\n", format_date(on), entitlement_line(e));
    std::cout << fmt::format("terms: warranty {} months ({}), return {} days, exchange {} days, exchange after {} "
                             "repairs, repaired parts {} months",
                             t.warranty_months, t.warranty_basis, t.return_days, t.exchange_days,
                             t.repairs_before_exchange, t.repair_months);
    if (!t.key_parts.empty()) std::cout << fmt::format(", key parts {} {} months", join_skills(t.key_parts), t.key_part_months);
    std::cout << "\n";
    std::cout << fmt::format("\nhistory ({})\n", history.size());
    if (!history.empty()) write_table(std::cout, history_table(history, p.tz));
  });

  auto* hist = sub.add_subcommand("history", "The tickets of a unit: imported (serial on created) and by command");
  hist->add_option("SERIAL", o->u.serial, "Serial number")->required();
  add_format(hist, o->format);
  hist->footer("Examples:\n  svc unit history SN-0001\n  svc unit history SN-0001 --format csv");
  hist->callback([&g, o] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    Unit u = get_unit(s, o->u.serial);
    auto v = unit_history(s, u.serial);
    emit_view(std::cout, format_of(o->format), [&] { return history_table(v, p.tz); },
              [&](JsonWriter& w) {
                w.begin_array();
                for (const auto& r : v) write_json(w, r, p.tz);
                w.end_array();
              });
  });
}

}  // namespace svc::cli
