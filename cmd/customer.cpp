// svc customer add|import|list|show: customers, their units and every ticket
// with its outcome and satisfaction (lib/ops/installed_base.hpp, docs/installed-base.md).
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "error.hpp"
#include "installed_base.hpp"

namespace svc::cli {

void setup_customer(CLI::App& sub, Globals& g) {
  struct Opts {
    Customer c;
    std::string region, format, file;
  };
  auto o = std::make_shared<Opts>();
  sub.require_subcommand(1);
  sub.footer("Examples:\n  svc customer import customers.csv\n  svc customer list --region 华东\n"
             "  svc customer show C-88 --format json");

  auto* add = sub.add_subcommand("add", "Register a customer");
  add->add_option("ID", o->c.id, "Customer id, e.g. C-88 (letters, digits, . _ -)")->required();
  add->add_option("--name", o->c.name, "Name")->required();
  add->add_option("--contact", o->c.contact, "Contact phone (digits, spaces, + - ( )); masked in table output");
  add->add_option("--address", o->c.address, "Address");
  add->add_option("--region", o->c.region, "Region, e.g. 华东 (a region of the outlets)");
  add->footer("Example:\n  svc customer add C-88 --name 王芳 --contact 13812345678 --address '上海市浦东新区张江路1号' --region 华东");
  add->callback([&g, o] {
    if (auto v = validate(o->c); !v.empty()) {
      std::string msg;
      for (auto& m : v) msg += (msg.empty() ? "" : "; ") + m;
      throw UsageError("customer add: " + msg);
    }
    Store s = open_store(g);
    add_customer(s, o->c);
    if (!g.quiet) std::cerr << fmt::format("svc: added customer {}\n", o->c.id);
  });

  auto* import = sub.add_subcommand("import", "Add or update customers from a CSV file, all or nothing");
  import->add_option("FILE", o->file, "CSV with a header row: id,name[,contact,address,region]")->required();
  import->footer("Example:\n  svc customer import customers.csv");
  import->callback([&g, o] {
    Store s = open_store(g);
    auto n = import_customers_csv(s, o->file);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {}: {} customers read, {} added, {} updated, {} unchanged\n", o->file, n.read,
                               n.added, n.updated, n.unchanged);
  });

  auto* list = sub.add_subcommand("list", "List customers (contacts masked in table output)");
  list->add_option("--region", o->region, "Only this region");
  add_format(list, o->format);
  list->footer("Examples:\n  svc customer list\n  svc customer list --region 华东 --format json");
  list->callback([&g, o] {
    Store s = open_store(g);
    auto v = list_customers(s, o->region);
    Format f = format_of(o->format);
    emit_view(std::cout, f, [&] { return customers_table(v, f == Format::Table); },
              [&](JsonWriter& w) {
                w.begin_array();
                for (const auto& c : v) write_json(w, c);
                w.end_array();
              });
  });

  auto* show = sub.add_subcommand("show", "One customer: details, units, and every ticket with its outcome");
  show->add_option("ID", o->c.id, "Customer id")->required();
  show->add_option("--format", o->format, "Output format: table|json")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_val("table");
  show->footer("Examples:\n  svc customer show C-88\n  svc customer show C-88 --format json");
  show->callback([&g, o] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    CustomerView v = load_customer(s, o->c.id);
    if (o->format == "json") {
      JsonWriter w(std::cout);
      w.begin_object();
      w.key("customer");
      write_json(w, v.customer);
      w.key("units").begin_array();
      for (const auto& u : v.units) write_json(w, u);
      w.end_array();
      w.key("tickets").begin_array();
      for (const auto& r : v.tickets) write_json(w, r, p.tz);
      w.end_array();
      w.end_object();
      w.newline();
      return;
    }
    write_table(std::cout, record_table(customers_table({v.customer}, true)));
    std::cout << fmt::format("\nunits ({})\n", v.units.size());
    if (!v.units.empty()) write_table(std::cout, units_table(v.units));
    std::cout << fmt::format("\ntickets ({})\n", v.tickets.size());
    if (!v.tickets.empty()) write_table(std::cout, history_table(v.tickets, p.tz));
  });
}

}  // namespace svc::cli
