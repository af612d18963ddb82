// svc product add|import|list|show: product models, their line, the skills a
// job needs and their 三包 terms (lib/ops/installed_base.hpp, docs/installed-base.md).
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "error.hpp"
#include "installed_base.hpp"

namespace svc::cli {

void setup_product(CLI::App& sub, Globals& g) {
  struct Opts {
    Product p;
    std::string skills, key_parts, line, format, file;
    int warranty = 0, key_months = 0, ret = 0, exch = 0, repairs = 0, repair_months = 0;
  };
  auto o = std::make_shared<Opts>();
  sub.require_subcommand(1);
  sub.footer("Examples:\n  svc product import examples/network/products.csv\n  svc product list --line 空调\n"
             "  svc product show KFR-35GW --format json");

  auto* add = sub.add_subcommand("add", "Register a product model with its line and 三包 terms");
  add->add_option("MODEL", o->p.model, "Product model, e.g. KFR-35GW")->required();
  add->add_option("--line", o->p.line, "Product line, e.g. 空调 (matched against engineers' skills)")->required();
  add->add_option("--name", o->p.name, "Display name");
  add->add_option("--skills", o->skills, "Skills a job on this model needs besides the line, comma list");
  add->add_option("--warranty-months", o->warranty, "Whole-unit warranty (default: [warranty] lines / months)")
      ->check(CLI::Range(0, 1200));
  add->add_option("--key-parts", o->key_parts, "Part numbers of the key parts (e.g. the compressor), comma list");
  add->add_option("--key-part-months", o->key_months, "Warranty of the key parts (default: [warranty] key_part_*)")
      ->check(CLI::Range(0, 1200));
  add->add_option("--return-days", o->ret, "三包 return within N days of sale (default: [warranty] return_days)")
      ->check(CLI::Range(0, 3650));
  add->add_option("--exchange-days", o->exch, "三包 exchange within N days of sale (default: [warranty] exchange_days)")
      ->check(CLI::Range(0, 3650));
  add->add_option("--repairs-before-exchange", o->repairs,
                  "Repairs within warranty after which a fault is exchanged or returned (default: policy)")
      ->check(CLI::Range(0, 100));
  add->add_option("--repair-months", o->repair_months, "Warranty on a repaired part (default: [warranty] repair_months)")
      ->check(CLI::Range(0, 1200));
  add->footer("Examples:\n  svc product add KFR-35GW --line 空调 --name '1.5匹挂机' --warranty-months 72 \\\n"
              "      --key-parts COMP-35 --key-part-months 120\n  svc product add XQG100 --line 洗衣机 --skills 滚筒");
  add->callback([&g, o, add] {
    Product p = o->p;
    p.skills = split_skills(o->skills);
    p.key_parts = split_skills(o->key_parts);
    auto opt = [&](const char* name, int v) { return add->count(name) ? std::optional<int>(v) : std::nullopt; };
    p.warranty_months = opt("--warranty-months", o->warranty);
    p.key_part_months = opt("--key-part-months", o->key_months);
    p.return_days = opt("--return-days", o->ret);
    p.exchange_days = opt("--exchange-days", o->exch);
    p.repairs_before_exchange = opt("--repairs-before-exchange", o->repairs);
    p.repair_months = opt("--repair-months", o->repair_months);
    if (auto v = validate(p); !v.empty()) {
      std::string msg;
      for (auto& m : v) msg += (msg.empty() ? "" : "; ") + m;
      throw UsageError("product add: " + msg);
    }
    Store s = open_store(g);
    add_product(s, p);
    if (!g.quiet) std::cerr << fmt::format("svc: added product {}\n", p.model);
  });

  auto* import = sub.add_subcommand("import", "Add or update products from a CSV file, all or nothing");
  import->add_option("FILE", o->file,
                     "CSV with a header row: model, line and any of name, skills, warranty_months, key_parts, "
                     "key_part_months, return_days, exchange_days, repairs_before_exchange, repair_months")
      ->required();
  import->footer("Example:\n  svc product import examples/network/products.csv");
  import->callback([&g, o] {
    Store s = open_store(g);
    auto n = import_products_csv(s, o->file);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {}: {} products read, {} added, {} updated, {} unchanged\n", o->file, n.read,
                               n.added, n.updated, n.unchanged);
  });

  auto* list = sub.add_subcommand("list", "List product models (terms left empty take the policy's default)");
  list->add_option("--line", o->line, "Only this product line");
  add_format(list, o->format);
  list->footer("Examples:\n  svc product list\n  svc product list --line 空调 --format csv");
  list->callback([&g, o] {
    Store s = open_store(g);
    auto v = list_products(s, o->line);
    emit_view(std::cout, format_of(o->format), [&] { return products_table(v); },
              [&](JsonWriter& w) {
                w.begin_array();
                for (const auto& p : v) write_json(w, p);
                w.end_array();
              });
  });

  auto* show = sub.add_subcommand("show", "One product: its own terms and the effective 三包 terms");
  show->add_option("MODEL", o->p.model, "Product model")->required();
  add_format(show, o->format);
  show->footer("Examples:\n  svc product show KFR-35GW\n  svc product show KFR-35GW --format json");
  show->callback([&g, o] {
    Policy pol = load_policy(g);
    Store s = open_store(g);
    Product p = get_product(s, o->p.model);
    ProductTerms t = terms_of(pol.warranty, p);
    Format f = format_of(o->format);
    if (f == Format::Json) {
      JsonWriter w(std::cout);
      w.begin_object();
      w.key("product");
      write_json(w, p);
      w.key("terms");
      write_json(w, t);
      w.end_object();
      w.newline();
      return;
    }
    Table tab;
    tab.headers = {"field", "value"};
    Table one = products_table({p});
    for (size_t c = 0; c < one.headers.size(); ++c) tab.add({one.headers[c], one.rows[0][c]});
    std::string kp;
    for (auto& k : t.key_parts) kp += (kp.empty() ? "" : ",") + k;
    tab.add({"effective warranty_months", fmt::format("{} ({})", t.warranty_months, t.warranty_basis)});
    tab.add({"effective key_part_months", std::to_string(t.key_part_months)});
    tab.add({"effective return_days", std::to_string(t.return_days)});
    tab.add({"effective exchange_days", std::to_string(t.exchange_days)});
    tab.add({"effective repairs_before_exchange", std::to_string(t.repairs_before_exchange)});
    tab.add({"effective repair_months", std::to_string(t.repair_months)});
    emit_table(std::cout, f, tab);
  });
}

}  // namespace svc::cli
