#include "installed_base.hpp"
#include "installed_base_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "error.hpp"
#include "small_csv.hpp"
#include "warranty.hpp"

namespace svc {

using namespace installed_base_detail;

namespace {

std::optional<Day> day_col(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  return c.isNull() ? std::nullopt : parse_date(c.getString());
}

constexpr const char* kProductCols =
    "model, line, name, skills, key_parts, warranty_months, key_part_months, return_days, exchange_days, "
    "repairs_before_exchange, repair_months";
constexpr const char* kCustomerCols = "id, name, phone, address, region";
constexpr const char* kUnitCols = "serial, model, customer, address, region, purchased, installed, install_ticket";

Product product_of_row(SQLite::Statement& st) {
  Product p;
  p.model = text_col(st, 0);
  p.line = text_col(st, 1);
  p.name = text_col(st, 2);
  p.skills = split_skills(text_col(st, 3));
  p.key_parts = split_skills(text_col(st, 4));
  p.warranty_months = int_col(st, 5);
  p.key_part_months = int_col(st, 6);
  p.return_days = int_col(st, 7);
  p.exchange_days = int_col(st, 8);
  p.repairs_before_exchange = int_col(st, 9);
  p.repair_months = int_col(st, 10);
  return p;
}
Customer customer_of_row(SQLite::Statement& st) {
  return Customer{text_col(st, 0), text_col(st, 1), text_col(st, 2), text_col(st, 3), text_col(st, 4)};
}
Unit unit_of_row(SQLite::Statement& st) {
  Unit u;
  u.serial = text_col(st, 0);
  u.model = text_col(st, 1);
  u.customer = text_col(st, 2);
  u.address = text_col(st, 3);
  u.region = text_col(st, 4);
  u.purchased = day_col(st, 5);
  u.installed = day_col(st, 6);
  u.install_ticket = text_col(st, 7);
  return u;
}

std::vector<std::string> unit_serials(Store& s) { return column_values(s, "SELECT serial FROM units ORDER BY serial"); }

}  // namespace

// ---------------------------------------------------------------- reading

std::optional<Product> find_product(Store& s, const std::string& model) {
  return guarded("reading products", [&]() -> std::optional<Product> {
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM products WHERE model = ?", kProductCols));
    st.bind(1, model);
    if (st.executeStep()) return product_of_row(st);
    return std::nullopt;
  });
}
Product get_product(Store& s, const std::string& model) {
  if (auto p = find_product(s, model)) return *p;
  throw NoInputError(unknown_name_message("model", model, product_models(s)) + " (register it with svc product add)");
}
std::vector<Product> list_products(Store& s, const std::string& line) {
  return guarded("reading products", [&] {
    if (!line.empty()) {
      auto lines = column_values(s, "SELECT DISTINCT line FROM products WHERE line IS NOT NULL ORDER BY line");
      if (std::find(lines.begin(), lines.end(), line) == lines.end())
        throw UsageError("--line: " + unknown_name_message("product line", line, lines));
    }
    std::vector<Product> v;
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM products WHERE (?1 IS NULL OR line = ?1) ORDER BY model",
                                             kProductCols));
    bind_text(st, 1, line);
    while (st.executeStep()) v.push_back(product_of_row(st));
    return v;
  });
}

std::optional<Customer> find_customer(Store& s, const std::string& id) {
  return guarded("reading customers", [&]() -> std::optional<Customer> {
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM customers WHERE id = ?", kCustomerCols));
    st.bind(1, id);
    if (st.executeStep()) return customer_of_row(st);
    return std::nullopt;
  });
}
Customer get_customer(Store& s, const std::string& id) {
  if (auto c = find_customer(s, id)) return *c;
  throw NoInputError(unknown_name_message("customer", id, customer_ids(s)));
}
std::vector<Customer> list_customers(Store& s, const std::string& region) {
  return guarded("reading customers", [&] {
    if (!region.empty()) {
      std::vector<std::string> msgs;
      check_region(s, region, msgs);
      if (!msgs.empty()) throw UsageError("--region: " + msgs.front());
    }
    std::vector<Customer> v;
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM customers WHERE (?1 IS NULL OR region = ?1) ORDER BY id",
                                             kCustomerCols));
    bind_text(st, 1, region);
    while (st.executeStep()) v.push_back(customer_of_row(st));
    return v;
  });
}

std::optional<Unit> find_unit(Store& s, const std::string& serial) {
  return guarded("reading units", [&]() -> std::optional<Unit> {
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM units WHERE serial = ?", kUnitCols));
    st.bind(1, serial);
    if (st.executeStep()) return unit_of_row(st);
    return std::nullopt;
  });
}
Unit get_unit(Store& s, const std::string& serial) {
  if (auto u = find_unit(s, serial)) return *u;
  throw NoInputError(unknown_name_message("serial", serial, unit_serials(s)) + " (register the unit with svc unit add)");
}
std::vector<Unit> list_units(Store& s, const UnitFilter& f) {
  return guarded("reading units", [&] {
    // a filter that matches nothing known is a usage error, not an empty list (docs/admin.md "Filters")
    if (!f.customer.empty() && !find_customer(s, f.customer))
      throw UsageError("--customer: " + unknown_name_message("customer", f.customer, customer_ids(s)));
    if (!f.model.empty() && !find_product(s, f.model))
      throw UsageError("--model: " + unknown_name_message("model", f.model, product_models(s)));
    if (!f.region.empty()) {
      std::vector<std::string> msgs;
      check_region(s, f.region, msgs);
      if (!msgs.empty()) throw UsageError("--region: " + msgs.front());
    }
    std::vector<Unit> v;
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM units WHERE (?1 IS NULL OR customer = ?1) AND "
                                             "(?2 IS NULL OR model = ?2) AND (?3 IS NULL OR region = ?3) ORDER BY serial",
                                             kUnitCols));
    bind_text(st, 1, f.customer);
    bind_text(st, 2, f.model);
    bind_text(st, 3, f.region);
    while (st.executeStep()) v.push_back(unit_of_row(st));
    return v;
  });
}

ProductTerms terms_of(const WarrantyPolicy& p, const Product& prod) {
  ProductOwnTerms own;
  own.model = prod.model;
  own.line = prod.line;
  own.warranty_months = prod.warranty_months;
  own.key_part_months = prod.key_part_months;
  own.return_days = prod.return_days;
  own.exchange_days = prod.exchange_days;
  own.repairs_before_exchange = prod.repairs_before_exchange;
  own.repair_months = prod.repair_months;
  own.key_parts = prod.key_parts;
  return resolve_terms(p, own);
}

ProductTerms model_terms(Store& s, const WarrantyPolicy& p, const std::string& model) {
  if (auto prod = find_product(s, model)) return terms_of(p, *prod);
  ProductOwnTerms own;
  own.model = model;
  return resolve_terms(p, own);
}

// ---------------------------------------------------------------- writing

void add_product(Store& s, const Product& p) {
  if (auto v = validate(p); !v.empty()) throw_record_problems(v);
  s.write([&] {
    if (find_product(s, p.model)) throw DataError(fmt::format("product '{}' already exists (change it with svc product import)", p.model));
    write_product(s.db(), p);
  });
}

void add_customer(Store& s, const Customer& c) {
  if (auto v = validate(c); !v.empty()) throw_record_problems(v);
  s.write([&] {
    if (find_customer(s, c.id)) throw DataError(fmt::format("customer '{}' already exists (change it with svc customer import)", c.id));
    std::vector<std::string> msgs;
    check_region(s, c.region, msgs);
    if (!msgs.empty()) throw_record_problems(msgs);
    write_customer(s.db(), c);
  });
}

void add_unit(Store& s, Unit u, const Policy* p) {
  if (auto v = validate(u); !v.empty()) throw_record_problems(v);
  if (auto v = unit_date_problems(u, p); !v.empty()) throw_record_problems(v);
  s.write([&] {
    if (find_unit(s, u.serial)) throw DataError(fmt::format("unit '{}' already exists (change it with svc unit import)", u.serial));
    std::vector<std::string> msgs;
    resolve_unit(s, u, msgs);
    if (!msgs.empty()) throw_record_problems(msgs);
    write_unit(s.db(), u);
  });
}

}  // namespace svc
