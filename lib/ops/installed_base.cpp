#include "installed_base.hpp"
#include "limits.hpp"
#include "installed_base_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "error.hpp"
#include "seals.hpp"
#include "small_csv.hpp"
#include "warranty.hpp"

namespace svc {

namespace installed_base_detail {

// ---------------------------------------------------------------- helpers

void bind_text(SQLite::Statement& st, int i, const std::string& v) {
  if (v.empty()) st.bind(i);
  else st.bind(i, v);
}
namespace {
void bind_int(SQLite::Statement& st, int i, const std::optional<int>& v) {
  if (v) st.bind(i, *v);
  else st.bind(i);
}
void bind_day(SQLite::Statement& st, int i, const std::optional<Day>& v) {
  if (v) st.bind(i, format_date(*v));
  else st.bind(i);
}
}  // namespace
std::string text_col(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}
std::optional<int> int_col(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}

std::vector<std::string> column_values(Store& s, const char* sql) {
  std::vector<std::string> v;
  SQLite::Statement st(s.db(), sql);
  while (st.executeStep()) v.push_back(st.getColumn(0).getString());
  return v;
}

namespace {
bool valid_key(std::string_view s) { return !s.empty() && s.size() <= 64 && !has_control(s) && s.find(',') == s.npos; }

void check_list(const char* what, const std::vector<std::string>& v, std::vector<std::string>& p) {
  std::set<std::string> seen;
  for (const auto& x : v) {
    if (!valid_key(x)) p.push_back(fmt::format("{} '{}' must be 1-64 characters without commas or control characters", what, x));
    else if (!seen.insert(x).second) p.push_back(fmt::format("{} '{}' is listed twice", what, x));
  }
}
}  // namespace

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
  seal_key(db, "products", p.model);  // warranty terms decide money: tamper evidence
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
  seal_key(db, "units", u.serial);  // the purchase date decides the warranty: tamper evidence
}

const TermLimit kTerms[] = {{"warranty_months", &Product::warranty_months, 1200},
                            {"key_part_months", &Product::key_part_months, 1200},
                            {"return_days", &Product::return_days, 3650},
                            {"exchange_days", &Product::exchange_days, 3650},
                            {"repairs_before_exchange", &Product::repairs_before_exchange, 100},
                            {"repair_months", &Product::repair_months, 1200}};

std::vector<std::string> product_models(Store& s) { return column_values(s, "SELECT model FROM products ORDER BY model"); }
std::vector<std::string> customer_ids(Store& s) { return column_values(s, "SELECT id FROM customers ORDER BY id"); }

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

}  // namespace installed_base_detail

using namespace installed_base_detail;

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

std::vector<std::string> unit_date_problems(const Unit& u, const Policy* p) {
  std::vector<std::string> v;
  {
    const Limits l = p ? p->limits : Limits{};
    const Day today = (p ? p->tz : TimeZone::utc()).local_day(svc::now());
    for (auto [k, d] : {std::pair{"purchased", &u.purchased}, {"installed", &u.installed}})
      if (*d)
        if (std::string m = purchase_date_problem(k, **d, today, "today", l); !m.empty()) v.push_back(m);
    if (u.purchased && u.installed && *u.installed < *u.purchased)
      v.push_back(fmt::format("installed {} is before purchased {}", format_date(*u.installed), format_date(*u.purchased)));
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

}  // namespace svc
