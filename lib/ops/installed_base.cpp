#include "installed_base.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "error.hpp"
#include "small_csv.hpp"
#include "warranty.hpp"

namespace svc {

namespace {

// ---------------------------------------------------------------- helpers



void bind_text(SQLite::Statement& st, int i, const std::string& v) {
  if (v.empty()) st.bind(i);
  else st.bind(i, v);
}
void bind_int(SQLite::Statement& st, int i, const std::optional<int>& v) {
  if (v) st.bind(i, *v);
  else st.bind(i);
}
void bind_day(SQLite::Statement& st, int i, const std::optional<Day>& v) {
  if (v) st.bind(i, format_date(*v));
  else st.bind(i);
}
std::string text_col(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}
std::optional<int> int_col(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}
std::optional<Day> day_col(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  return c.isNull() ? std::nullopt : parse_date(c.getString());
}

std::vector<std::string> column_values(Store& s, const char* sql) {
  std::vector<std::string> v;
  SQLite::Statement st(s.db(), sql);
  while (st.executeStep()) v.push_back(st.getColumn(0).getString());
  return v;
}

template <class Fn>
auto guarded(const char* what, Fn fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, what);
  }
}

bool valid_key(std::string_view s) { return !s.empty() && s.size() <= 64 && !has_control(s) && s.find(',') == s.npos; }

void check_list(const char* what, const std::vector<std::string>& v, std::vector<std::string>& p) {
  std::set<std::string> seen;
  for (const auto& x : v) {
    if (!valid_key(x)) p.push_back(fmt::format("{} '{}' must be 1-64 characters without commas or control characters", what, x));
    else if (!seen.insert(x).second) p.push_back(fmt::format("{} '{}' is listed twice", what, x));
  }
}

[[noreturn]] void throw_record_problems(const std::vector<std::string>& problems) {
  std::string msg;
  for (const auto& p : problems) msg += (msg.empty() ? "" : "; ") + p;
  throw DataError(msg);
}

[[noreturn]] void throw_problems(const std::string& what, std::vector<std::string> problems) {
  std::string summary =
      fmt::format("{}: {} problem{}, nothing stored", what, problems.size(), problems.size() == 1 ? "" : "s");
  throw DataError(summary, std::move(problems));
}

// ---------------------------------------------------------------- rows

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

bool same(const Product& a, const Product& b) {
  return a.model == b.model && a.line == b.line && a.name == b.name && a.skills == b.skills &&
         a.key_parts == b.key_parts && a.warranty_months == b.warranty_months && a.key_part_months == b.key_part_months &&
         a.return_days == b.return_days && a.exchange_days == b.exchange_days &&
         a.repairs_before_exchange == b.repairs_before_exchange && a.repair_months == b.repair_months;
}
bool same(const Customer& a, const Customer& b) {
  return a.id == b.id && a.name == b.name && a.contact == b.contact && a.address == b.address && a.region == b.region;
}
bool same(const Unit& a, const Unit& b) {
  return a.serial == b.serial && a.model == b.model && a.customer == b.customer && a.address == b.address &&
         a.region == b.region && a.purchased == b.purchased && a.installed == b.installed &&
         a.install_ticket == b.install_ticket;
}

void write_product(SQLite::Database& db, const Product& p) {
  SQLite::Statement st(db, "INSERT OR REPLACE INTO products (model, line, name, skills, key_parts, warranty_months, "
                           "key_part_months, return_days, exchange_days, repairs_before_exchange, repair_months) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, p.model);
  bind_text(st, 2, p.line);
  bind_text(st, 3, p.name);
  st.bind(4, join_skills(p.skills));
  st.bind(5, join_skills(p.key_parts));
  bind_int(st, 6, p.warranty_months);
  bind_int(st, 7, p.key_part_months);
  bind_int(st, 8, p.return_days);
  bind_int(st, 9, p.exchange_days);
  bind_int(st, 10, p.repairs_before_exchange);
  bind_int(st, 11, p.repair_months);
  st.exec();
}
void write_customer(SQLite::Database& db, const Customer& c) {
  SQLite::Statement st(db, "INSERT OR REPLACE INTO customers (id, name, phone, address, region) VALUES (?, ?, ?, ?, ?)");
  st.bind(1, c.id);
  st.bind(2, c.name);
  bind_text(st, 3, c.contact);
  bind_text(st, 4, c.address);
  bind_text(st, 5, c.region);
  st.exec();
}
void write_unit(SQLite::Database& db, const Unit& u) {
  SQLite::Statement st(db, "INSERT OR REPLACE INTO units (serial, model, customer, address, region, purchased, "
                           "installed, install_ticket) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, u.serial);
  bind_text(st, 2, u.model);
  bind_text(st, 3, u.customer);
  bind_text(st, 4, u.address);
  bind_text(st, 5, u.region);
  bind_day(st, 6, u.purchased);
  bind_day(st, 7, u.installed);
  bind_text(st, 8, u.install_ticket);
  st.exec();
}

// ---------------------------------------------------------------- CSV

struct CsvRowView {
  int line = 0;
  std::map<std::string, std::string> cell;  // trimmed, by column (only the file's columns)
  bool has(const std::string& c) const { return cell.count(c) != 0; }
  std::string get(const std::string& c) const {
    auto it = cell.find(c);
    return it == cell.end() ? std::string() : it->second;
  }
};

std::vector<CsvRowView> csv_rows(const std::string& text, const std::string& name, const std::vector<std::string>& known,
                                 const std::vector<std::string>& required, std::vector<std::string>& problems) {
  CsvFile f = parse_small_csv(text, name);
  auto idx = map_columns(f, known, required);
  std::vector<CsvRowView> rows;
  std::map<std::string, int> seen;
  for (const auto& rec : f.records) {
    CsvRowView r;
    r.line = rec.line;
    for (size_t i = 0; i < idx.size(); ++i) r.cell[known[size_t(idx[i])]] = trim_blanks(rec.fields[i]);
    const std::string key = r.get(known[0]);
    if (auto it = seen.find(key); it != seen.end() && !key.empty()) {
      problems.push_back(fmt::format("{}:{}: {} '{}' appears twice (also on line {})", name, rec.line, known[0], key,
                                     it->second));
      continue;
    }
    seen[key] = rec.line;
    rows.push_back(std::move(r));
  }
  return rows;
}

// A number cell: "" = not given (nullopt), else an integer 0..hi.
void int_cell(const CsvRowView& r, const char* col, int hi, std::optional<int>& out, std::vector<std::string>& msgs) {
  if (!r.has(col)) return;
  std::string v = r.get(col);
  if (v.empty()) return void(out.reset());
  bool ok = v.size() <= 5 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (ok && std::stoi(v) <= hi) out = std::stoi(v);
  else msgs.push_back(fmt::format("{} must be a whole number from 0 to {}, got '{}'", col, hi, v));
}
void date_cell(const CsvRowView& r, const char* col, std::optional<Day>& out, std::vector<std::string>& msgs) {
  if (!r.has(col)) return;
  std::string v = r.get(col);
  if (v.empty()) return void(out.reset());
  if (auto d = parse_date(v)) out = d;
  else msgs.push_back(fmt::format("{} '{}': {}", col, v, date_problem(v)));
}

struct TermLimit {
  const char* col;
  std::optional<int> Product::*field;
  int hi;
};
const TermLimit kTerms[] = {{"warranty_months", &Product::warranty_months, 1200},
                            {"key_part_months", &Product::key_part_months, 1200},
                            {"return_days", &Product::return_days, 3650},
                            {"exchange_days", &Product::exchange_days, 3650},
                            {"repairs_before_exchange", &Product::repairs_before_exchange, 100},
                            {"repair_months", &Product::repair_months, 1200}};

const std::vector<std::string> kProductColumns = {"model",       "line",          "name",
                                                  "skills",      "key_parts",     "warranty_months",
                                                  "key_part_months", "return_days", "exchange_days",
                                                  "repairs_before_exchange", "repair_months"};
const std::vector<std::string> kCustomerColumns = {"id", "name", "contact", "address", "region"};
const std::vector<std::string> kUnitColumns = {"serial", "model", "customer", "address",
                                               "region", "purchased", "installed", "install_ticket"};

std::vector<std::string> product_models(Store& s) { return column_values(s, "SELECT model FROM products ORDER BY model"); }
std::vector<std::string> customer_ids(Store& s) { return column_values(s, "SELECT id FROM customers ORDER BY id"); }
std::vector<std::string> unit_serials(Store& s) { return column_values(s, "SELECT serial FROM units ORDER BY serial"); }

// The references of a unit (model, customer, region), checked against the
// store; the region defaults to the customer's. Messages to `msgs`.
void resolve_unit(Store& s, Unit& u, std::vector<std::string>& msgs) {
  if (!u.model.empty() && !find_product(s, u.model)) msgs.push_back(unknown_name_message("model", u.model, product_models(s)));
  if (!u.customer.empty()) {
    if (auto c = find_customer(s, u.customer)) {
      if (u.region.empty()) u.region = c->region;
      if (u.address.empty()) u.address = c->address;
    } else {
      msgs.push_back(unknown_name_message("customer", u.customer, customer_ids(s)));
    }
  }
  if (!u.region.empty()) {
    auto regions = region_names(s);
    if (!regions.empty() && !std::binary_search(regions.begin(), regions.end(), u.region))
      msgs.push_back(unknown_name_message("region", u.region, regions) + " (a region must have an outlet)");
  }
}

void check_region(Store& s, const std::string& region, std::vector<std::string>& msgs) {
  if (region.empty()) return;
  auto regions = region_names(s);
  if (!regions.empty() && !std::binary_search(regions.begin(), regions.end(), region))
    msgs.push_back(unknown_name_message("region", region, regions) + " (a region must have an outlet)");
}

}  // namespace

// ---------------------------------------------------------------- validation

std::vector<std::string> validate(const Product& p) {
  std::vector<std::string> v;
  if (!valid_key(p.model)) v.push_back(fmt::format("model must be 1-64 characters without commas or control characters, got '{}'", p.model));
  if (p.line.empty()) v.push_back("line is required (the product line, e.g. 空调)");
  else if (!valid_key(p.line)) v.push_back(fmt::format("line '{}' must be 1-64 characters without commas or control characters", p.line));
  if (has_control(p.name)) v.push_back("name must not contain control characters");
  check_list("skill", p.skills, v);
  check_list("key part", p.key_parts, v);
  for (const auto& t : kTerms)
    if (auto x = p.*(t.field); x && (*x < 0 || *x > t.hi))
      v.push_back(fmt::format("{} must be a whole number from 0 to {}, got {}", t.col, t.hi, *x));
  if (p.return_days && p.exchange_days && *p.exchange_days < *p.return_days)
    v.push_back(fmt::format("exchange_days ({}) must not be less than return_days ({})", *p.exchange_days, *p.return_days));
  return v;
}

std::vector<std::string> validate(const Customer& c) {
  std::vector<std::string> v;
  if (!valid_ticket_id(c.id)) v.push_back(fmt::format("customer id must be 1-64 characters of A-Z a-z 0-9 . _ -, got '{}'", c.id));
  if (c.name.empty()) v.push_back("name is required");
  for (auto [k, x] : {std::pair{"name", &c.name}, {"address", &c.address}, {"region", &c.region}})
    if (has_control(*x)) v.push_back(fmt::format("{} must not contain control characters", k));
  if (!c.contact.empty()) {
    bool ok = std::any_of(c.contact.begin(), c.contact.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    for (char ch : c.contact)
      if (!((ch >= '0' && ch <= '9') || ch == ' ' || ch == '+' || ch == '-' || ch == '(' || ch == ')')) ok = false;
    if (!ok) v.push_back(fmt::format("contact may hold only digits, spaces and + - ( ), got '{}'", c.contact));
  }
  return v;
}

std::vector<std::string> validate(const Unit& u) {
  std::vector<std::string> v;
  if (u.serial.empty() || u.serial.size() > 64 || has_control(u.serial))
    v.push_back(fmt::format("serial must be 1-64 characters without control characters, got '{}'", u.serial));
  if (u.model.empty()) v.push_back("model is required");
  for (auto [k, x] : {std::pair{"customer", &u.customer}, {"address", &u.address}, {"region", &u.region},
                      {"install_ticket", &u.install_ticket}})
    if (has_control(*x)) v.push_back(fmt::format("{} must not contain control characters", k));
  if (!u.install_ticket.empty() && !valid_ticket_id(u.install_ticket))
    v.push_back(fmt::format("install_ticket '{}' is not a ticket id (1-64 characters of A-Z a-z 0-9 . _ -)", u.install_ticket));
  return v;
}

std::string mask_contact(const std::string& c) {
  if (c.size() >= 8) return c.substr(0, 3) + std::string(c.size() - 7, '*') + c.substr(c.size() - 4);
  if (c.size() > 2) return std::string(c.size() - 2, '*') + c.substr(c.size() - 2);
  return std::string(c.size(), '*');
}

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

void add_unit(Store& s, Unit u) {
  if (auto v = validate(u); !v.empty()) throw_record_problems(v);
  s.write([&] {
    if (find_unit(s, u.serial)) throw DataError(fmt::format("unit '{}' already exists (change it with svc unit import)", u.serial));
    std::vector<std::string> msgs;
    resolve_unit(s, u, msgs);
    if (!msgs.empty()) throw_record_problems(msgs);
    write_unit(s.db(), u);
  });
}

// ---------------------------------------------------------------- bulk loads

namespace {
// The common plan of an upsert: every row builds its record from the stored
// one (or a new one) and the file's cells; all problems first, then writes.
template <class T>
ImportCounts upsert(const std::string& what, const std::string& name, const std::vector<CsvRowView>& rows,
                    std::vector<std::string>& problems,
                    const std::function<std::optional<T>(const CsvRowView&)>& find,
                    const std::function<void(const CsvRowView&, T&, std::vector<std::string>&)>& apply,
                    const std::function<void(const T&)>& write) {
  ImportCounts n;
  n.read = int(rows.size());
  std::vector<std::pair<T, std::optional<T>>> plan;
  for (const auto& row : rows) {
    auto old = find(row);
    T x = old ? *old : T{};
    std::vector<std::string> msgs;
    apply(row, x, msgs);
    for (auto& m : msgs) problems.push_back(fmt::format("{}:{}: {}", name, row.line, m));
    if (msgs.empty()) plan.emplace_back(std::move(x), std::move(old));
  }
  if (!problems.empty()) {
    auto line_of = [&](const std::string& p) { return std::atol(p.c_str() + std::min(p.size(), name.size() + 1)); };
    std::stable_sort(problems.begin(), problems.end(),
                     [&](const std::string& a, const std::string& b) { return line_of(a) < line_of(b); });
    throw_problems(fmt::format("{} '{}'", what, name), problems);
  }
  for (auto& [x, old] : plan) {
    if (!old) write(x), ++n.added;
    else if (same(x, *old)) ++n.unchanged;
    else write(x), ++n.updated;
  }
  return n;
}
}  // namespace

ImportCounts import_products_text(Store& s, const std::string& text, const std::string& name) {
  std::vector<std::string> problems;
  auto rows = csv_rows(text, name, kProductColumns, {"model", "line"}, problems);
  ImportCounts n;
  s.write([&] {
    n = upsert<Product>(
        "products", name, rows, problems, [&](const CsvRowView& r) { return find_product(s, r.get("model")); },
        [&](const CsvRowView& r, Product& p, std::vector<std::string>& msgs) {
          p.model = r.get("model");
          p.line = r.get("line");
          if (r.has("name")) p.name = r.get("name");
          if (r.has("skills")) p.skills = split_skills(r.get("skills"));
          if (r.has("key_parts")) p.key_parts = split_skills(r.get("key_parts"));
          for (const auto& t : kTerms) int_cell(r, t.col, t.hi, p.*(t.field), msgs);
          for (auto& m : validate(p)) msgs.push_back(m);
        },
        [&](const Product& p) { write_product(s.db(), p); });
  });
  return n;
}

ImportCounts import_customers_text(Store& s, const std::string& text, const std::string& name) {
  std::vector<std::string> problems;
  auto rows = csv_rows(text, name, kCustomerColumns, {"id", "name"}, problems);
  ImportCounts n;
  s.write([&] {
    n = upsert<Customer>(
        "customers", name, rows, problems, [&](const CsvRowView& r) { return find_customer(s, r.get("id")); },
        [&](const CsvRowView& r, Customer& c, std::vector<std::string>& msgs) {
          c.id = r.get("id");
          c.name = r.get("name");
          if (r.has("contact")) c.contact = r.get("contact");
          if (r.has("address")) c.address = r.get("address");
          if (r.has("region")) c.region = r.get("region");
          for (auto& m : validate(c)) msgs.push_back(m);
          if (msgs.empty()) check_region(s, c.region, msgs);
        },
        [&](const Customer& c) { write_customer(s.db(), c); });
  });
  return n;
}

ImportCounts import_units_text(Store& s, const std::string& text, const std::string& name) {
  std::vector<std::string> problems;
  auto rows = csv_rows(text, name, kUnitColumns, {"serial", "model"}, problems);
  ImportCounts n;
  s.write([&] {
    n = upsert<Unit>(
        "units", name, rows, problems, [&](const CsvRowView& r) { return find_unit(s, r.get("serial")); },
        [&](const CsvRowView& r, Unit& u, std::vector<std::string>& msgs) {
          u.serial = r.get("serial");
          u.model = r.get("model");
          for (auto [col, f] : {std::pair{"customer", &u.customer}, {"address", &u.address}, {"region", &u.region},
                                {"install_ticket", &u.install_ticket}})
            if (r.has(col)) *f = r.get(col);
          date_cell(r, "purchased", u.purchased, msgs);
          date_cell(r, "installed", u.installed, msgs);
          for (auto& m : validate(u)) msgs.push_back(m);
          if (msgs.empty()) resolve_unit(s, u, msgs);
        },
        [&](const Unit& u) { write_unit(s.db(), u); });
  });
  return n;
}

ImportCounts import_products_csv(Store& s, const std::string& path) {
  return import_products_text(s, read_text_file(path), path);
}
ImportCounts import_customers_csv(Store& s, const std::string& path) {
  return import_customers_text(s, read_text_file(path), path);
}
ImportCounts import_units_csv(Store& s, const std::string& path) {
  return import_units_text(s, read_text_file(path), path);
}

// ---------------------------------------------------------------- serial link

std::string serial_of_ticket(Store& s, const std::string& ticket) {
  // the tickets projection keeps the created event's serial (spec v2, migration 013)
  SQLite::Statement st(s.db(), "SELECT serial FROM tickets WHERE ticket = ?");
  st.bind(1, ticket);
  return st.executeStep() ? text_col(st, 0) : std::string();
}

std::vector<std::string> tickets_of_serial(Store& s, const std::string& serial) {
  std::vector<std::string> v;
  SQLite::Statement st(s.db(), "SELECT ticket FROM tickets WHERE serial = ? ORDER BY created_at, ticket");
  st.bind(1, serial);
  while (st.executeStep()) v.push_back(st.getColumn(0).getString());
  return v;
}

// ---------------------------------------------------------------- history

namespace {
std::optional<ServiceRecord> service_record(Store& s, const std::string& ticket) {
  SQLite::Statement st(s.db(), "SELECT ticket, type, product, state, engineer, created_at, completed_at, satisfaction "
                               "FROM tickets WHERE ticket = ?");
  st.bind(1, ticket);
  if (!st.executeStep()) return std::nullopt;
  ServiceRecord r;
  r.ticket = text_col(st, 0);
  r.type = text_col(st, 1);
  r.product = text_col(st, 2);
  r.state = text_col(st, 3);
  r.engineer = text_col(st, 4);
  if (!st.getColumn(5).isNull()) r.created = st.getColumn(5).getInt64();
  if (!st.getColumn(6).isNull()) r.completed = st.getColumn(6).getInt64();
  r.satisfaction = int_col(st, 7);
  SQLite::Statement q(s.db(), "SELECT part FROM events WHERE ticket = ? AND event = 'part_used' AND part IS NOT NULL "
                              "ORDER BY ts, seq");
  q.bind(1, ticket);
  while (q.executeStep()) {
    std::string part = q.getColumn(0).getString();
    if (std::find(r.parts.begin(), r.parts.end(), part) == r.parts.end()) r.parts.push_back(part);
  }
  r.serial = serial_of_ticket(s, ticket);
  return r;
}

void sort_records(std::vector<ServiceRecord>& v) {
  std::stable_sort(v.begin(), v.end(), [](const ServiceRecord& a, const ServiceRecord& b) {
    return std::tie(a.created, a.ticket) < std::tie(b.created, b.ticket);
  });
}
}  // namespace

std::vector<ServiceRecord> unit_history(Store& s, const std::string& serial) {
  return guarded("reading unit history", [&] {
    std::vector<ServiceRecord> v;
    for (const auto& t : tickets_of_serial(s, serial))
      if (auto r = service_record(s, t)) v.push_back(std::move(*r));
    sort_records(v);
    return v;
  });
}

std::vector<PriorRepair> prior_repairs(const std::vector<ServiceRecord>& history, const TimeZone& tz,
                                       const std::string& except) {
  std::vector<PriorRepair> v;
  for (const auto& r : history) {
    if (r.ticket == except || r.type != "repair" || r.state == "cancelled") continue;
    PriorRepair p;
    p.ticket = r.ticket;
    p.opened = tz.local_day(r.created);
    if (r.completed) p.completed = tz.local_day(*r.completed);
    p.parts = r.parts;
    v.push_back(std::move(p));
  }
  return v;
}

Entitlement unit_entitlement(Store& s, const Policy& p, const Unit& u, Day on, const std::string& except,
                             const std::vector<std::string>& parts) {
  ProductTerms t = model_terms(s, p.warranty, u.model);
  return entitlement(t, u.purchased, on, prior_repairs(unit_history(s, u.serial), p.tz, except), parts);
}

bool register_installed_unit(Store& s, const Policy& p, const std::string& ticket, const Event& created,
                             Instant completed_at) {
  const std::string serial = serial_of_ticket(s, ticket);
  if (serial.empty() || find_unit(s, serial)) return false;
  Unit u;
  u.serial = serial;
  u.model = created.get(Field::Product);
  u.customer = created.get(Field::Customer);
  u.region = created.get(Field::Region);
  if (created.has(Field::Purchased)) u.purchased = parse_date(created.get(Field::Purchased));
  u.installed = p.tz.local_day(completed_at);
  u.install_ticket = ticket;
  if (auto c = u.customer.empty() ? std::nullopt : find_customer(s, u.customer)) u.address = c->address;
  write_unit(s.db(), u);
  return true;
}

CustomerView load_customer(Store& s, const std::string& id) {
  CustomerView v;
  v.customer = get_customer(s, id);
  UnitFilter f;
  f.customer = id;
  v.units = list_units(s, f);
  guarded("reading customer tickets", [&] {
    std::set<std::string> seen;
    SQLite::Statement st(s.db(), "SELECT ticket FROM tickets WHERE customer = ?");
    st.bind(1, id);
    std::vector<std::string> ids;
    while (st.executeStep()) ids.push_back(st.getColumn(0).getString());
    for (const auto& u : v.units)
      for (auto& t : tickets_of_serial(s, u.serial)) ids.push_back(t);
    for (const auto& t : ids)
      if (seen.insert(t).second)
        if (auto r = service_record(s, t)) v.tickets.push_back(std::move(*r));
    sort_records(v.tickets);
    return 0;
  });
  return v;
}

// ---------------------------------------------------------------- rendering

namespace {
std::string opt_text(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }
std::string opt_date(const std::optional<Day>& v) { return v ? format_date(*v) : ""; }
void text_or_null(JsonWriter& w, std::string_view key, const std::string& v) {
  w.key(key);
  if (v.empty()) w.null();
  else w.value(v);
}
void list_json(JsonWriter& w, std::string_view key, const std::vector<std::string>& v) {
  w.key(key).begin_array();
  for (const auto& x : v) w.value(x);
  w.end_array();
}
}  // namespace

Table products_table(const std::vector<Product>& v) {
  Table t;
  t.headers = {"model", "line", "name", "skills", "warranty_months", "key_parts", "key_part_months", "return_days",
               "exchange_days", "repairs_before_exchange", "repair_months"};
  for (const auto& p : v)
    t.add({p.model, p.line, p.name, join_skills(p.skills), opt_text(p.warranty_months), join_skills(p.key_parts),
           opt_text(p.key_part_months), opt_text(p.return_days), opt_text(p.exchange_days),
           opt_text(p.repairs_before_exchange), opt_text(p.repair_months)});
  return t;
}

Table customers_table(const std::vector<Customer>& v, bool mask) {
  Table t;
  t.headers = {"id", "name", "contact", "address", "region"};
  for (const auto& c : v) t.add({c.id, c.name, mask ? mask_contact(c.contact) : c.contact, c.address, c.region});
  return t;
}

Table units_table(const std::vector<Unit>& v) {
  Table t;
  t.headers = {"serial", "model", "customer", "address", "region", "purchased", "installed", "install_ticket"};
  for (const auto& u : v)
    t.add({u.serial, u.model, u.customer, u.address, u.region, opt_date(u.purchased), opt_date(u.installed),
           u.install_ticket});
  return t;
}

Table history_table(const std::vector<ServiceRecord>& v, const TimeZone& tz) {
  Table t;
  t.headers = {"ticket", "created", "type", "serial", "state", "engineer", "completed", "satisfaction", "parts"};
  for (const auto& r : v)
    t.add({r.ticket, format_local_minutes(r.created, tz), r.type, r.serial, r.state, r.engineer,
           r.completed ? format_local_minutes(*r.completed, tz) : "", opt_text(r.satisfaction), join_skills(r.parts)});
  return t;
}

void write_json(JsonWriter& w, const Product& p) {
  w.begin_object();
  w.field("model", p.model).field("line", p.line);
  text_or_null(w, "name", p.name);
  list_json(w, "skills", p.skills);
  list_json(w, "key_parts", p.key_parts);
  w.field("warranty_months", p.warranty_months).field("key_part_months", p.key_part_months);
  w.field("return_days", p.return_days).field("exchange_days", p.exchange_days);
  w.field("repairs_before_exchange", p.repairs_before_exchange).field("repair_months", p.repair_months);
  w.end_object();
}

void write_json(JsonWriter& w, const Customer& c) {
  w.begin_object();
  w.field("id", c.id).field("name", c.name);
  text_or_null(w, "contact", c.contact);
  text_or_null(w, "address", c.address);
  text_or_null(w, "region", c.region);
  w.end_object();
}

void write_json(JsonWriter& w, const Unit& u) {
  w.begin_object();
  w.field("serial", u.serial);
  text_or_null(w, "model", u.model);
  text_or_null(w, "customer", u.customer);
  text_or_null(w, "address", u.address);
  text_or_null(w, "region", u.region);
  text_or_null(w, "purchased", opt_date(u.purchased));
  text_or_null(w, "installed", opt_date(u.installed));
  text_or_null(w, "install_ticket", u.install_ticket);
  w.end_object();
}

void write_json(JsonWriter& w, const ServiceRecord& r, const TimeZone& tz) {
  w.begin_object();
  w.field("ticket", r.ticket).field("created", format_rfc3339(r.created, tz));
  text_or_null(w, "type", r.type);
  text_or_null(w, "serial", r.serial);
  w.field("state", r.state);
  text_or_null(w, "engineer", r.engineer);
  w.key("completed");
  if (r.completed) w.value(format_rfc3339(*r.completed, tz));
  else w.null();
  w.field("satisfaction", r.satisfaction);
  list_json(w, "parts", r.parts);
  w.end_object();
}

void write_json(JsonWriter& w, const ProductTerms& t) {
  w.begin_object();
  w.field("warranty_months", t.warranty_months).field("warranty_basis", t.warranty_basis);
  list_json(w, "key_parts", t.key_parts);
  w.field("key_part_months", t.key_part_months).field("return_days", t.return_days);
  w.field("exchange_days", t.exchange_days).field("repairs_before_exchange", t.repairs_before_exchange);
  w.field("repair_months", t.repair_months);
  w.end_object();
}

void write_json(JsonWriter& w, const Entitlement& e) {
  w.begin_object();
  w.field("remedy", to_string(e.remedy));
  w.key("choices").begin_array();
  for (auto c : e.choices) w.value(to_string(c));
  w.end_array();
  w.field("covered", e.covered()).field("rule", e.rule).field("why", e.why);
  text_or_null(w, "purchased", opt_date(e.purchased));
  w.field("days_since_purchase", e.days_since_purchase);
  text_or_null(w, "warranty_end", opt_date(e.warranty_end));
  text_or_null(w, "key_part_end", opt_date(e.key_part_end));
  w.field("repairs_in_warranty", e.repairs_in_warranty);
  list_json(w, "repair_tickets", e.repair_tickets);
  w.key("covered_parts").begin_array();
  for (const auto& c : e.covered_parts) {
    w.begin_object();
    w.field("part", c.part).field("ticket", c.ticket).field("repaired", format_date(c.repaired));
    w.field("until", format_date(c.until));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::string entitlement_line(const Entitlement& e) {
  std::string choices;
  for (size_t i = 1; i < e.choices.size(); ++i) choices += (choices.empty() ? "" : ", ") + std::string(to_string(e.choices[i]));
  return fmt::format("{}{}: {}", to_string(e.remedy), choices.empty() ? "" : " (or " + choices + ")", e.why);
}

}  // namespace svc
