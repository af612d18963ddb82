// The parts catalogue (add, update, import) and the warehouses.
#include "parts_internal.hpp"

#include <fmt/ranges.h>

#include <algorithm>

#include "error.hpp"
#include "guards.hpp"
#include "seals.hpp"
#include "output.hpp"
#include "small_csv.hpp"

namespace svc {

using namespace detail;

// ---- catalogue -------------------------------------------------------------------

bool valid_part_number(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == ' ' || s.back() == ' ') return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f || c == ',') return false;
  return true;
}

std::optional<bool> parse_yes_no(std::string_view s) {
  if (s == "yes" || s == "true" || s == "1" || s == "y") return true;
  if (s == "no" || s == "false" || s == "0" || s == "n") return false;
  return std::nullopt;
}

namespace {
// Problems with one catalogue entry (empty = fine).
std::vector<std::string> part_problems(const Part& p) {
  std::vector<std::string> out;
  if (!valid_part_number(p.part))
    out.push_back(fmt::format("part number '{}' is not valid (1-64 characters, no commas, no control characters, "
                              "no leading or trailing space)", p.part));
  if (p.name.empty()) out.push_back("name is required");
  if (p.unit.empty()) out.push_back("unit must not be empty");
  if (p.list_cents && *p.list_cents < 0) out.push_back("list price must be >= 0");
  if (p.min_stock < 0) out.push_back("min stock must be >= 0");
  return out;
}

void write_part(SQLite::Database& db, const Part& p, bool replace) {
  SQLite::Statement st(db, replace ? "UPDATE parts SET name=?2, spec=?3, unit=?4, supplier=?5, list_cents=?6, "
                                     "min_stock=?7, claimable=?8 WHERE part=?1"
                                   : "INSERT INTO parts(part, name, spec, unit, supplier, list_cents, min_stock, "
                                     "claimable) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  st.bind(1, p.part);
  st.bind(2, p.name);
  bind_text(st, 3, p.spec);
  st.bind(4, p.unit);
  bind_text(st, 5, p.supplier);
  if (p.list_cents) st.bind(6, *p.list_cents);
  else st.bind(6);
  st.bind(7, p.min_stock);
  st.bind(8, p.claimable ? 1 : 0);
  st.exec();
  seal_key(db, "parts", p.part);  // the list price decides money: tamper evidence
}
}  // namespace

void add_part(Store& s, const Part& p) {
  auto probs = part_problems(p);
  if (!probs.empty()) refuse(fmt::format("part '{}': {}", p.part, fmt::join(probs, "; ")));
  s.write([&] {
    if (find_part_db(s.db(), p.part))
      refuse(fmt::format("part '{}' is already in the catalogue (change it with 'svc parts catalog update')", p.part));
    write_part(s.db(), p, false);
  });
}

void update_part(Store& s, const std::string& part, const PartUpdate& u) {
  s.write([&] {
    Part p = require_part(s.db(), part);
    if (u.name) p.name = *u.name;
    if (u.spec) p.spec = *u.spec;
    if (u.unit) p.unit = *u.unit;
    if (u.supplier) p.supplier = *u.supplier;
    if (u.list_cents) p.list_cents = *u.list_cents;
    if (u.min_stock) p.min_stock = *u.min_stock;
    if (u.claimable) p.claimable = *u.claimable;
    auto probs = part_problems(p);
    if (!probs.empty()) refuse(fmt::format("part '{}': {}", p.part, fmt::join(probs, "; ")));
    write_part(s.db(), p, true);
  });
}

std::optional<Part> find_part(Store& s, const std::string& part) {
  try {
    return find_part_db(s.db(), part);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the catalogue");
  }
}

std::vector<Part> list_parts(Store& s) {
  std::vector<Part> out;
  try {
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM parts ORDER BY part", kPartColumns));
    while (st.executeStep()) out.push_back(part_from_row(st));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the catalogue");
  }
  return out;
}

CatalogImport import_catalog(Store& s, const std::string& path) {
  CsvFile f = read_small_csv(path);
  static const std::vector<std::string> known = {"part", "name", "spec", "unit", "supplier", "list_price",
                                                 "min_stock", "claimable"};
  auto idx = map_columns(f, known, {"part", "name"});
  CatalogImport res;
  std::vector<std::string> problems;
  std::vector<std::pair<Part, bool>> pending;  // entry, exists
  std::map<std::string, int> seen;
  s.write([&] {
    for (const auto& r : f.records) {
      ++res.read;
      std::map<std::string, std::string> v;
      for (size_t c = 0; c < idx.size(); ++c)
        if (!r.fields[c].empty()) v[known[size_t(idx[c])]] = r.fields[c];
      auto bad = [&](const std::string& m) { problems.push_back(fmt::format("{}:{}: {}", path, r.line, m)); };
      if (!v.count("part")) { bad("part is required"); continue; }
      const std::string& id = v["part"];
      if (auto it = seen.find(id); it != seen.end()) {
        bad(fmt::format("part '{}' already given on line {}", id, it->second));
        continue;
      }
      seen[id] = r.line;
      auto existing = find_part_db(s.db(), id);
      Part p = existing ? *existing : Part{};
      p.part = id;
      if (v.count("name")) p.name = v["name"];
      if (v.count("spec")) p.spec = v["spec"];
      if (v.count("unit")) p.unit = v["unit"];
      if (v.count("supplier")) p.supplier = v["supplier"];
      bool ok = true;
      if (v.count("list_price")) {
        auto c = parse_cents(v["list_price"]);
        if (!c || *c < 0) bad(fmt::format("list_price must be an amount >= 0 with at most 2 decimals, got '{}'",
                                          v["list_price"])), ok = false;
        else p.list_cents = *c;
      }
      if (v.count("min_stock")) {
        const std::string& m = v["min_stock"];
        bool digits = !m.empty() && m.size() <= 9 && std::all_of(m.begin(), m.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (!digits) bad(fmt::format("min_stock must be a whole number >= 0, got '{}'", m)), ok = false;
        else p.min_stock = std::stoll(m);
      }
      if (v.count("claimable")) {
        auto b = parse_yes_no(v["claimable"]);
        if (!b) bad(fmt::format("claimable must be yes or no, got '{}'", v["claimable"])), ok = false;
        else p.claimable = *b;
      }
      for (auto& m : part_problems(p)) bad(m), ok = false;
      if (ok) pending.emplace_back(p, existing.has_value());
    }
    if (!problems.empty())
      throw DataError(fmt::format("'{}' has {} problem{}; nothing was imported", path, problems.size(),
                                  problems.size() == 1 ? "" : "s"),
                      problems);
    for (auto& [p, exists] : pending) {
      write_part(s.db(), p, exists);
      ++(exists ? res.updated : res.added);
    }
  });
  return res;
}

// ---- warehouses --------------------------------------------------------------------

void add_warehouse(Store& s, const std::string& id, const std::string& outlet) {
  if (!valid_ticket_id(id))
    refuse(fmt::format("warehouse id '{}' is not valid ([A-Za-z0-9._-], 1-64 characters)", id));
  s.write([&] {
    if (warehouse_exists(s.db(), id)) refuse(fmt::format("warehouse '{}' already exists", id));
    SQLite::Statement st(s.db(), "INSERT INTO warehouses(id, kind, outlet) VALUES (?, 'outlet', ?)");
    st.bind(1, id);
    st.bind(2, outlet.empty() ? id : outlet);
    st.exec();
  });
}

std::vector<Warehouse> list_warehouses(Store& s) {
  std::vector<Warehouse> out;
  try {
    SQLite::Statement st(s.db(), "SELECT id, kind, outlet FROM warehouses ORDER BY kind = 'outlet', id");
    while (st.executeStep()) out.push_back({text_of(st, 0), text_of(st, 1), text_of(st, 2)});
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading warehouses");
  }
  return out;
}
}  // namespace svc
