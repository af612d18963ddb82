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

const std::vector<std::string> kProductColumns = {"model",       "line",          "name",
                                                  "skills",      "key_parts",     "warranty_months",
                                                  "key_part_months", "return_days", "exchange_days",
                                                  "repairs_before_exchange", "repair_months"};
const std::vector<std::string> kCustomerColumns = {"id", "name", "contact", "address", "region"};
const std::vector<std::string> kUnitColumns = {"serial", "model", "customer", "address",
                                               "region", "purchased", "installed", "install_ticket"};

}  // namespace

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

ImportCounts import_units_text(Store& s, const std::string& text, const std::string& name, const Policy* p) {
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
          for (auto& m : unit_date_problems(u, p)) msgs.push_back(m);
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
ImportCounts import_units_csv(Store& s, const std::string& path, const Policy* p) {
  return import_units_text(s, read_text_file(path), path, p);
}

}  // namespace svc
