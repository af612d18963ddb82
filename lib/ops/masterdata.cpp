#include "masterdata.hpp"
#include "masterdata_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "error.hpp"
#include "event.hpp"
#include "seals.hpp"
#include "small_csv.hpp"

namespace svc {

namespace masterdata_detail {

// ---------------------------------------------------------------- CSV input
// Records come from small_csv (split_csv, read_text_file): one CSV reader for
// every master-data file.


std::string plural(size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// Sorts "NAME:LINE: message" problems by line (stable: a row's problems keep
// their order) and throws them.
[[noreturn]] void throw_problems(const std::string& what, const std::string& name, std::vector<std::string> problems) {
  auto line = [&](const std::string& p) { return std::atol(p.c_str() + std::min(p.size(), name.size() + 1)); };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const std::string& a, const std::string& b) { return line(a) < line(b); });
  std::string summary = fmt::format("{}: {}, nothing stored", what, plural(problems.size(), "problem"));
  throw DataError(summary, std::move(problems));
}

// A single-record edit's problems: one message, or all of them joined.
[[noreturn]] void throw_record_problems(const std::vector<std::string>& problems) {
  std::string msg;
  for (const auto& p : problems) msg += (msg.empty() ? "" : "; ") + p;
  throw DataError(msg);
}


// ---------------------------------------------------------------- rows

namespace {

void bind_text(SQLite::Statement& st, int i, const std::string& v) {
  if (v.empty()) st.bind(i);
  else st.bind(i, v);
}

std::string text_col(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}

constexpr const char* kOutletCols = "id, name, region, city, address, phone, active";
constexpr const char* kEngineerCols = "id, name, outlet, region, skills, level, leader, active";

Outlet outlet_of_row(SQLite::Statement& st) {
  Outlet o;
  o.id = text_col(st, 0);
  o.name = text_col(st, 1);
  o.region = text_col(st, 2);
  o.city = text_col(st, 3);
  o.address = text_col(st, 4);
  o.phone = text_col(st, 5);
  o.active = st.getColumn(6).getInt() != 0;
  return o;
}

Engineer engineer_of_row(SQLite::Statement& st) {
  Engineer e;
  e.id = text_col(st, 0);
  e.name = text_col(st, 1);
  e.outlet = text_col(st, 2);
  e.region = text_col(st, 3);
  e.skills = split_skills(text_col(st, 4));
  e.level = st.getColumn(5).getInt();
  e.leader = st.getColumn(6).getInt() != 0;
  e.active = st.getColumn(7).getInt() != 0;
  return e;
}

}  // namespace

void insert_outlet(SQLite::Database& db, const Outlet& o) {
  SQLite::Statement st(db, "INSERT INTO outlets (id, name, region, city, address, phone, active) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, o.id);
  st.bind(2, o.name);
  st.bind(3, o.region);
  bind_text(st, 4, o.city);
  bind_text(st, 5, o.address);
  bind_text(st, 6, o.phone);
  st.bind(7, o.active ? 1 : 0);
  st.exec();
  seal_key(db, "outlets", o.id);
}

void write_outlet(SQLite::Database& db, const Outlet& o, const std::string& old_region) {
  SQLite::Statement st(db, "UPDATE outlets SET name = ?, region = ?, city = ?, address = ?, phone = ?, active = ? "
                           "WHERE id = ?");
  st.bind(1, o.name);
  st.bind(2, o.region);
  bind_text(st, 3, o.city);
  bind_text(st, 4, o.address);
  bind_text(st, 5, o.phone);
  st.bind(6, o.active ? 1 : 0);
  st.bind(7, o.id);
  st.exec();
  seal_key(db, "outlets", o.id);
  if (old_region != o.region) {
    // engineers of the outlet that were in its old region move with it (each sealed as it now stands)
    std::vector<std::string> moved;
    SQLite::Statement who(db, "SELECT id FROM engineers WHERE outlet = ? AND region = ? ORDER BY id");
    who.bind(1, o.id);
    who.bind(2, old_region);
    while (who.executeStep()) moved.push_back(who.getColumn(0).getString());
    SQLite::Statement mv(db, "UPDATE engineers SET region = ? WHERE outlet = ? AND region = ?");
    mv.bind(1, o.region);
    mv.bind(2, o.id);
    mv.bind(3, old_region);
    mv.exec();
    for (const auto& id : moved) seal_key(db, "engineers", id);
  }
}

void insert_engineer(SQLite::Database& db, const Engineer& e) {
  SQLite::Statement st(db, "INSERT INTO engineers (id, name, outlet, region, skills, level, leader, active) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, e.id);
  st.bind(2, e.name);
  st.bind(3, e.outlet);
  st.bind(4, e.region);
  st.bind(5, join_skills(e.skills));
  st.bind(6, e.level);
  st.bind(7, e.leader ? 1 : 0);
  st.bind(8, e.active ? 1 : 0);
  st.exec();
  seal_key(db, "engineers", e.id);
}

void write_engineer(SQLite::Database& db, const Engineer& e) {
  SQLite::Statement st(db, "UPDATE engineers SET name = ?, outlet = ?, region = ?, skills = ?, level = ?, "
                           "leader = ?, active = ? WHERE id = ?");
  st.bind(1, e.name);
  st.bind(2, e.outlet);
  st.bind(3, e.region);
  st.bind(4, join_skills(e.skills));
  st.bind(5, e.level);
  st.bind(6, e.leader ? 1 : 0);
  st.bind(7, e.active ? 1 : 0);
  st.bind(8, e.id);
  st.exec();
  seal_key(db, "engineers", e.id);
}

// Regions with more than one active group leader: region → leader ids.
std::map<std::string, std::vector<std::string>> leader_conflicts(SQLite::Database& db) {
  std::map<std::string, std::vector<std::string>> out;
  SQLite::Statement st(db, "SELECT region, id FROM engineers WHERE leader = 1 AND active = 1 AND region IN "
                           "(SELECT region FROM engineers WHERE leader = 1 AND active = 1 GROUP BY region "
                           "HAVING count(*) > 1) ORDER BY region, id");
  while (st.executeStep()) out[st.getColumn(0).getString()].push_back(st.getColumn(1).getString());
  return out;
}

// Keeps the regions table in step: every region seen in outlets is listed,
// with the id of its active group leader (NULL when none).
void sync_regions(SQLite::Database& db) {
  db.exec("INSERT INTO regions (name) SELECT DISTINCT region FROM outlets "
          "WHERE region NOT IN (SELECT name FROM regions)");
  db.exec("UPDATE regions SET leader = (SELECT e.id FROM engineers e WHERE e.leader = 1 AND e.active = 1 "
          "AND e.region = regions.name ORDER BY e.id LIMIT 1)");
}

std::string leader_conflict_message(const std::string& region, const std::vector<std::string>& ids) {
  std::string list;
  for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
  return fmt::format("region '{}' would have {} active group leaders ({}); at most one per region", region,
                     ids.size(), list);
}

}  // namespace masterdata_detail

using namespace masterdata_detail;

// ---------------------------------------------------------------- helpers

std::optional<bool> parse_flag(std::string_view s) {
  std::string l;
  for (char c : s) l += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (l == "yes" || l == "true" || l == "1" || l == "y") return true;
  if (l == "no" || l == "false" || l == "0" || l == "n") return false;
  return std::nullopt;
}

std::vector<std::string> split_skills(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    std::string item = trim_blanks(s.substr(start, comma - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = comma + 1;
  }
  return out;
}

std::string join_skills(const std::vector<std::string>& skills) {
  std::string out;
  for (const auto& s : skills) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> validate(const Outlet& o) {
  std::vector<std::string> p;
  if (!valid_ticket_id(o.id)) p.push_back(fmt::format("outlet id must be 1-64 characters of A-Z a-z 0-9 . _ -, got '{}'", o.id));
  if (o.name.empty()) p.push_back("name is required");
  if (o.region.empty()) p.push_back("region is required");
  for (auto [k, v] : {std::pair{"name", &o.name}, {"region", &o.region}, {"city", &o.city}, {"address", &o.address}})
    if (has_control(*v)) p.push_back(fmt::format("{} must not contain control characters", k));
  if (!o.phone.empty()) {
    bool ok = std::any_of(o.phone.begin(), o.phone.end(), [](char c) { return c >= '0' && c <= '9'; });
    for (char c : o.phone)
      if (!((c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')')) ok = false;
    if (!ok) p.push_back(fmt::format("phone may hold only digits, spaces and + - ( ), got '{}'", o.phone));
  }
  return p;
}

std::vector<std::string> validate(const Engineer& e) {
  std::vector<std::string> p;
  if (!valid_ticket_id(e.id))
    p.push_back(fmt::format("engineer id must be 1-64 characters of A-Z a-z 0-9 . _ -, got '{}'", e.id));
  if (e.name.empty()) p.push_back("name is required");
  if (e.outlet.empty()) p.push_back("outlet is required");
  for (auto [k, v] : {std::pair{"name", &e.name}, {"outlet", &e.outlet}, {"region", &e.region}})
    if (has_control(*v)) p.push_back(fmt::format("{} must not contain control characters", k));
  std::set<std::string> seen;
  for (const auto& s : e.skills) {
    if (s.empty() || s.find(',') != std::string::npos || has_control(s))
      p.push_back(fmt::format("skill '{}' must be non-empty text without commas or control characters", s));
    else if (!seen.insert(s).second)
      p.push_back(fmt::format("skill '{}' is listed twice", s));
  }
  if (e.level < 1 || e.level > 5) p.push_back(fmt::format("level must be an integer 1-5, got '{}'", e.level));
  return p;
}

// ---------------------------------------------------------------- reading

std::vector<std::string> outlet_ids(Store& s) {
  return guarded("reading outlets", [&] {
    std::vector<std::string> v;
    SQLite::Statement st(s.db(), "SELECT id FROM outlets ORDER BY id");
    while (st.executeStep()) v.push_back(st.getColumn(0).getString());
    return v;
  });
}

std::vector<std::string> region_names(Store& s) {
  return guarded("reading regions", [&] {
    std::vector<std::string> v;
    SQLite::Statement st(s.db(), "SELECT DISTINCT region FROM outlets ORDER BY region");
    while (st.executeStep()) v.push_back(st.getColumn(0).getString());
    return v;
  });
}

static std::vector<std::string> engineer_ids(Store& s) {
  return guarded("reading engineers", [&] {
    std::vector<std::string> v;
    SQLite::Statement st(s.db(), "SELECT id FROM engineers ORDER BY id");
    while (st.executeStep()) v.push_back(st.getColumn(0).getString());
    return v;
  });
}

std::optional<Outlet> find_outlet(Store& s, const std::string& id) {
  return guarded("reading outlets", [&]() -> std::optional<Outlet> {
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM outlets WHERE id = ?", kOutletCols));
    st.bind(1, id);
    if (st.executeStep()) return outlet_of_row(st);
    return std::nullopt;
  });
}

Outlet get_outlet(Store& s, const std::string& id) {
  if (auto o = find_outlet(s, id)) return *o;
  throw NotFound(unknown_name_message("outlet", id, outlet_ids(s)));
}

std::vector<Outlet> list_outlets(Store& s, const OutletFilter& f) {
  if (!f.region.empty()) {
    auto regions = region_names(s);
    if (std::find(regions.begin(), regions.end(), f.region) == regions.end())
      throw DataError(unknown_name_message("region", f.region, regions));
  }
  return guarded("reading outlets", [&] {
    std::vector<Outlet> v;
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM outlets WHERE (?1 IS NULL OR region = ?1) AND "
                                             "(?2 IS NULL OR active = ?2) ORDER BY id",
                                             kOutletCols));
    if (!f.region.empty()) st.bind(1, f.region);
    if (f.active) st.bind(2, *f.active ? 1 : 0);
    while (st.executeStep()) v.push_back(outlet_of_row(st));
    return v;
  });
}

std::optional<Engineer> find_engineer(Store& s, const std::string& id) {
  return guarded("reading engineers", [&]() -> std::optional<Engineer> {
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM engineers WHERE id = ?", kEngineerCols));
    st.bind(1, id);
    if (st.executeStep()) return engineer_of_row(st);
    return std::nullopt;
  });
}

Engineer get_engineer(Store& s, const std::string& id) {
  if (auto e = find_engineer(s, id)) return *e;
  throw NotFound(unknown_name_message("engineer", id, engineer_ids(s)));
}

std::vector<Engineer> list_engineers(Store& s, const EngineerFilter& f) {
  if (!f.region.empty()) {
    auto regions = region_names(s);
    if (std::find(regions.begin(), regions.end(), f.region) == regions.end())
      throw DataError(unknown_name_message("region", f.region, regions));
  }
  if (!f.outlet.empty()) get_outlet(s, f.outlet);
  auto v = guarded("reading engineers", [&] {
    std::vector<Engineer> v;
    SQLite::Statement st(s.db(), fmt::format("SELECT {} FROM engineers WHERE (?1 IS NULL OR region = ?1) AND "
                                             "(?2 IS NULL OR outlet = ?2) AND (?3 IS NULL OR active = ?3) AND "
                                             "(?4 IS NULL OR leader = ?4) ORDER BY id",
                                             kEngineerCols));
    if (!f.region.empty()) st.bind(1, f.region);
    if (!f.outlet.empty()) st.bind(2, f.outlet);
    if (f.active) st.bind(3, *f.active ? 1 : 0);
    if (f.leader) st.bind(4, *f.leader ? 1 : 0);
    while (st.executeStep()) v.push_back(engineer_of_row(st));
    return v;
  });
  if (!f.skill.empty())
    std::erase_if(v, [&](const Engineer& e) {
      return std::find(e.skills.begin(), e.skills.end(), f.skill) == e.skills.end();
    });
  return v;
}

std::vector<RegionSummary> list_regions(Store& s) {
  return guarded("reading regions", [&] {
    std::vector<RegionSummary> v;
    SQLite::Statement st(
        s.db(),
        "SELECT r.region, "
        "  (SELECT count(*) FROM outlets o WHERE o.region = r.region AND o.active = 1), "
        "  (SELECT count(*) FROM engineers e WHERE e.region = r.region AND e.active = 1), "
        "  (SELECT e.id FROM engineers e WHERE e.region = r.region AND e.leader = 1 AND e.active = 1 "
        "   ORDER BY e.id LIMIT 1), "
        "  (SELECT e.name FROM engineers e WHERE e.region = r.region AND e.leader = 1 AND e.active = 1 "
        "   ORDER BY e.id LIMIT 1) "
        "FROM (SELECT DISTINCT region FROM outlets) r ORDER BY r.region");
    while (st.executeStep()) {
      RegionSummary r;
      r.name = st.getColumn(0).getString();
      r.outlets = st.getColumn(1).getInt();
      r.engineers = st.getColumn(2).getInt();
      r.leader = text_col(st, 3);
      r.leader_name = text_col(st, 4);
      v.push_back(std::move(r));
    }
    return v;
  });
}

}  // namespace svc
