// svc parts catalog and svc parts warehouse: the parts catalogue and the
// warehouses (docs/parts.md). Split from parts.cpp; the work is in lib/ops/parts.cpp.
#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <memory>

#include "app.hpp"
#include "money.hpp"
#include "error.hpp"
#include "parts.hpp"
#include "parts_common.hpp"

namespace svc::cli::parts_detail {

namespace {

struct PartOpts {
  std::string part, name, spec, unit, supplier, list_price, min_stock, claimable, format;
};

void add_part_options(CLI::App* c, PartOpts& o) {
  c->add_option("PART", o.part, "Part number")->required();
  c->add_option("--name", o.name, "Name");
  c->add_option("--spec", o.spec, "Specification");
  c->add_option("--unit", o.unit, "Unit of measure (default pc)");
  c->add_option("--supplier", o.supplier, "Supplier");
  c->add_option("--list-price", o.list_price, "List price, e.g. 35.50");
  c->add_option("--min-stock", o.min_stock, "Minimum stock per warehouse");
  c->add_option("--claimable", o.claimable, "yes: old parts can be claimed back from the supplier")
      ->check(CLI::IsMember({"yes", "no"}));
}

std::int64_t min_stock_option(const std::string& v) {
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError(fmt::format("--min-stock '{}' must be a whole number >= 0", v));
  return std::stoll(v);
}

}  // namespace

void setup_catalog(CLI::App& parent, Globals& g) {
  auto* cat = parent.add_subcommand("catalog", "The parts catalogue: add, update, list, show, import");
  cat->require_subcommand(1);
  cat->footer("Examples:\n  svc parts catalog add CAP-35UF --name '电容 35µF' --unit pc --list-price 12.00 --claimable yes\n"
              "  svc parts catalog import parts.csv\n  svc parts catalog list --format csv");

  auto o = std::make_shared<PartOpts>();
  auto* add = cat->add_subcommand("add", "Add a part to the catalogue");
  add_part_options(add, *o);
  add->footer("Example:\n  svc parts catalog add CAP-35UF --name 'Run capacitor' --spec '35µF 450V' --supplier Acme "
              "--list-price 12.00 --min-stock 20 --claimable yes");
  add->callback([&g, o] {
    if (o->name.empty()) throw UsageError("--name is required");
    Part p;
    p.part = o->part, p.name = o->name, p.spec = o->spec, p.supplier = o->supplier;
    if (!o->unit.empty()) p.unit = o->unit;
    if (!o->list_price.empty()) p.list_cents = cents_option(o->list_price, "--list-price");
    if (!o->min_stock.empty()) p.min_stock = min_stock_option(o->min_stock);
    if (!o->claimable.empty()) p.claimable = o->claimable == "yes";
    Store s = open_store(g);
    add_part(s, p);
    if (!g.quiet) std::cerr << fmt::format("svc: added part {}\n", p.part);
  });

  auto u = std::make_shared<PartOpts>();
  auto* upd = cat->add_subcommand("update", "Change catalogue fields of a part (only those given)");
  add_part_options(upd, *u);
  upd->footer("Example:\n  svc parts catalog update CAP-35UF --min-stock 30 --list-price 13.50");
  upd->callback([&g, u, upd] {
    PartUpdate pu;
    if (upd->count("--name")) pu.name = u->name;
    if (upd->count("--spec")) pu.spec = u->spec;
    if (upd->count("--unit")) pu.unit = u->unit;
    if (upd->count("--supplier")) pu.supplier = u->supplier;
    if (upd->count("--list-price")) pu.list_cents = cents_option(u->list_price, "--list-price");
    if (upd->count("--min-stock")) pu.min_stock = min_stock_option(u->min_stock);
    if (upd->count("--claimable")) pu.claimable = u->claimable == "yes";
    Store s = open_store(g);
    update_part(s, u->part, pu);
  });

  auto lf = std::make_shared<std::string>();
  auto* list = cat->add_subcommand("list", "List the catalogue");
  add_format(list, *lf);
  list->footer("Examples:\n  svc parts catalog list\n  svc parts catalog list --format json");
  list->callback([&g, lf] {
    Store s = open_store(g);
    Table t;
    t.headers = {"part", "name", "spec", "unit", "supplier", "list_price", "min_stock", "claimable"};
    t.align = {Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Right};
    for (const auto& p : list_parts(s))
      t.add({p.part, p.name, p.spec, p.unit, p.supplier, p.list_cents ? format_cents(*p.list_cents) : "",
             std::to_string(p.min_stock), yes_no(p.claimable)});
    emit_table(std::cout, format_of(*lf), t);
  });

  auto so = std::make_shared<PartOpts>();
  auto* show = cat->add_subcommand("show", "Show one part: catalogue fields, average cost, stock");
  show->add_option("PART", so->part, "Part number")->required();
  add_format(show, so->format);
  show->footer("Example:\n  svc parts catalog show CAP-35UF");
  show->callback([&g, so] {
    Store s = open_store(g);
    auto p = find_part(s, so->part);
    if (!p) {
      std::vector<std::string> ids;
      for (auto& x : list_parts(s)) ids.push_back(x.part);
      std::string h = nearest(so->part, ids);
      throw NotFound(fmt::format("unknown part '{}'{}", so->part, h.empty() ? "" : " (did you mean '" + h + "'?)"));
    }
    std::int64_t qty = 0, old = 0, avg = 0;
    for (const auto& r : stock(s, "", false))
      if (r.part == p->part) qty += r.qty, old += r.old_qty, avg = r.avg_cents;
    // one row for csv/json; field per line for the table
    Table row;
    row.headers = {"part", "name", "spec", "unit", "supplier", "list_price", "min_stock", "claimable", "avg_cost",
                   "stock", "old_parts", "stock_value"};
    row.add({p->part, p->name, p->spec, p->unit, p->supplier, p->list_cents ? format_cents(*p->list_cents) : "",
             std::to_string(p->min_stock), yes_no(p->claimable), format_cents(avg), std::to_string(qty),
             std::to_string(old), format_cents(mul_cents(avg, qty, "the stock value"))});
    Table t = row;
    if (format_of(so->format) == Format::Table) {
      t = Table{};
      t.headers = {"field", "value"};
      for (size_t i = 0; i < row.headers.size(); ++i) t.add({row.headers[i], row.rows[0][i]});
    }
    emit_table(std::cout, format_of(so->format), t);
  });

  auto file = std::make_shared<std::string>();
  auto* imp = cat->add_subcommand("import", "Add or update parts from a CSV file, all or nothing");
  imp->add_option("FILE", *file, "CSV with columns part,name[,spec,unit,supplier,list_price,min_stock,claimable]")
      ->required();
  imp->footer("Example:\n  svc parts catalog import parts.csv\n\nA bad line is reported as FILE:LINE and nothing is "
              "imported (exit 65).");
  imp->callback([&g, file] {
    Store s = open_store(g);
    auto r = import_catalog(s, *file);
    if (!g.quiet)
      std::cerr << fmt::format("svc: {}: {} read, {} added, {} updated\n", *file, r.read, r.added, r.updated);
  });
}

// ---- warehouses ---------------------------------------------------------------

void setup_warehouse(CLI::App& parent, Globals& g) {
  auto* wh = parent.add_subcommand("warehouse", "Warehouses: central and one per outlet");
  wh->require_subcommand(1);
  wh->footer("Examples:\n  svc parts warehouse add SH-01\n  svc parts warehouse list");
  struct O {
    std::string id, outlet, format;
  };
  auto o = std::make_shared<O>();
  auto* add = wh->add_subcommand("add", "Add an outlet warehouse (an outlet's warehouse is also added on first use)");
  add->add_option("ID", o->id, "Warehouse id, normally the outlet id")->required();
  add->add_option("--outlet", o->outlet, "The outlet it belongs to (default: ID)");
  add->footer("Example:\n  svc parts warehouse add SH-01");
  add->callback([&g, o] {
    Store s = open_store(g);
    add_warehouse(s, o->id, o->outlet);
  });
  auto* list = wh->add_subcommand("list", "List warehouses");
  add_format(list, o->format);
  list->footer("Example:\n  svc parts warehouse list --format csv");
  list->callback([&g, o] {
    Store s = open_store(g);
    Table t;
    t.headers = {"warehouse", "kind", "outlet"};
    for (const auto& w : list_warehouses(s)) t.add({w.id, w.kind, w.outlet});
    emit_table(std::cout, format_of(o->format), t);
  });
}

}  // namespace svc::cli::parts_detail
