#include "masterdata.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "error.hpp"
#include "event.hpp"
#include "small_csv.hpp"

namespace svc {

namespace {

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

bool same(const Outlet& a, const Outlet& b) {
  return a.id == b.id && a.name == b.name && a.region == b.region && a.city == b.city && a.address == b.address &&
         a.phone == b.phone && a.active == b.active;
}
bool same(const Engineer& a, const Engineer& b) {
  return a.id == b.id && a.name == b.name && a.outlet == b.outlet && a.region == b.region && a.skills == b.skills &&
         a.level == b.level && a.leader == b.leader && a.active == b.active;
}

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
  if (old_region != o.region) {
    // engineers of the outlet that were in its old region move with it
    SQLite::Statement mv(db, "UPDATE engineers SET region = ? WHERE outlet = ? AND region = ?");
    mv.bind(1, o.region);
    mv.bind(2, o.id);
    mv.bind(3, old_region);
    mv.exec();
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

template <class Fn>
auto guarded(const char* what, Fn fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, what);
  }
}

// ---------------------------------------------------------------- CSV columns

struct Header {
  std::vector<std::string> cols;           // as in the file
  std::map<std::string, size_t> index;     // column → position
  bool has(const std::string& c) const { return index.count(c) != 0; }
};

// Checks the header row against the known columns; problems go to `problems`.
Header read_header(const CsvRow& rec, const std::vector<std::string>& known,
                   const std::vector<std::string>& required, const std::string& name,
                   std::vector<std::string>& problems) {
  Header h;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    std::string c = trim_blanks(rec.fields[i]);
    h.cols.push_back(c);
    if (std::find(known.begin(), known.end(), c) == known.end()) {
      std::string hint = nearest(c, known);
      problems.push_back(fmt::format("{}:{}: unknown column '{}'{}", name, rec.line, c,
                                     hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    } else if (h.index.count(c)) {
      problems.push_back(fmt::format("{}:{}: column '{}' appears twice", name, rec.line, c));
    } else {
      h.index[c] = i;
    }
  }
  for (const auto& r : required)
    if (!h.has(r)) problems.push_back(fmt::format("{}:{}: missing required column '{}'", name, rec.line, r));
  return h;
}

// One data row: its trimmed cells by column, checked for shape and encoding.
struct Row {
  int line = 0;
  std::map<std::string, std::string> cell;
  bool has(const std::string& c) const { return cell.count(c) != 0; }
  std::string get(const std::string& c) const {
    auto it = cell.find(c);
    return it == cell.end() ? std::string() : it->second;
  }
};

std::vector<Row> read_rows(const std::string& text, const std::string& name, const std::vector<std::string>& known,
                           const std::vector<std::string>& required, std::vector<std::string>& problems,
                           bool& header_ok) {
  auto recs = split_csv(text, name, problems);
  header_ok = false;
  if (recs.empty()) {
    if (problems.empty()) problems.push_back(fmt::format("{}:1: empty file: a header row is needed", name));
    return {};
  }
  size_t before = problems.size();
  Header h = read_header(recs[0], known, required, name, problems);
  if (problems.size() != before) return {};
  header_ok = true;
  std::vector<Row> rows;
  std::map<std::string, int> seen;  // id → line
  for (size_t r = 1; r < recs.size(); ++r) {
    const auto& rec = recs[r];
    if (rec.fields.size() != h.cols.size()) {
      problems.push_back(fmt::format("{}:{}: {} but the header has {}", name, rec.line,
                                     plural(rec.fields.size(), "field"), h.cols.size()));
      continue;
    }
    Row row;
    row.line = rec.line;
    bool ok = true;
    for (const auto& [col, i] : h.index) {
      std::string v = trim_blanks(rec.fields[i]);
      if (sanitize_utf8(v) != v) {
        problems.push_back(fmt::format("{}:{}: {} is not valid UTF-8", name, rec.line, col));
        ok = false;
      }
      row.cell[col] = std::move(v);
    }
    if (!ok) continue;
    const std::string& id = row.cell["id"];
    if (auto it = seen.find(id); it != seen.end() && !id.empty()) {
      problems.push_back(fmt::format("{}:{}: id '{}' appears twice (also on line {})", name, rec.line, id, it->second));
      continue;
    }
    seen[id] = rec.line;
    rows.push_back(std::move(row));
  }
  return rows;
}

const std::vector<std::string> kOutletColumns = {"id", "name", "region", "city", "address", "phone", "active"};
const std::vector<std::string> kEngineerColumns = {"id",    "name",   "outlet", "region",
                                                   "skills", "level", "leader", "active"};

std::optional<int> parse_level(const std::string& s, std::string& why) {
  if (s.size() == 1 && s[0] >= '1' && s[0] <= '5') return s[0] - '0';
  why = fmt::format("level must be an integer 1-5, got '{}'", s);
  return std::nullopt;
}

// Applies a flag cell ("" = `dflt`); false and a message on a bad value.
bool flag_cell(const Row& row, const char* col, bool dflt, bool& out, std::vector<std::string>& msgs) {
  if (!row.has(col)) return true;
  const std::string v = row.get(col);
  if (v.empty()) return out = dflt, true;
  auto f = parse_flag(v);
  if (!f) {
    msgs.push_back(fmt::format("{} must be yes or no, got '{}'", col, v));
    return false;
  }
  out = *f;
  return true;
}

}  // namespace

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

// ---------------------------------------------------------------- writing

void add_outlet(Store& s, const Outlet& o) {
  if (auto p = validate(o); !p.empty()) throw_record_problems(p);
  s.write([&] {
    if (find_outlet(s, o.id)) throw DataError(fmt::format("outlet '{}' already exists (change it with update)", o.id));
    insert_outlet(s.db(), o);
    sync_regions(s.db());
  });
}

Outlet update_outlet(Store& s, const std::string& id, const OutletPatch& p) {
  Outlet o;
  s.write([&] {
    Outlet old = get_outlet(s, id);
    o = old;
    if (p.name) o.name = *p.name;
    if (p.region) o.region = *p.region;
    if (p.city) o.city = *p.city;
    if (p.address) o.address = *p.address;
    if (p.phone) o.phone = *p.phone;
    if (p.active) o.active = *p.active;
    if (auto v = validate(o); !v.empty()) throw_record_problems(v);
    write_outlet(s.db(), o, old.region);
    if (auto c = leader_conflicts(s.db()); !c.empty())
      throw DataError(leader_conflict_message(c.begin()->first, c.begin()->second));
    sync_regions(s.db());
  });
  return o;
}

namespace {
// The outlets and regions an engineer may refer to, read once per change.
struct Network {
  std::map<std::string, std::string> region_of;  // outlet id → region
  std::vector<std::string> outlet_ids, regions;   // sorted
};

Network load_network(Store& s) {
  return guarded("reading outlets", [&] {
    Network n;
    SQLite::Statement st(s.db(), "SELECT id, region FROM outlets ORDER BY id");
    std::set<std::string> regions;
    while (st.executeStep()) {
      std::string id = st.getColumn(0).getString(), region = st.getColumn(1).getString();
      n.outlet_ids.push_back(id);
      regions.insert(region);
      n.region_of.emplace(std::move(id), std::move(region));
    }
    n.regions.assign(regions.begin(), regions.end());
    return n;
  });
}

// Fills the engineer's region from its outlet when empty and checks the
// outlet and region exist; messages go to `msgs`.
void resolve_engineer(const Network& net, Engineer& e, std::vector<std::string>& msgs) {
  if (e.outlet.empty()) return;
  auto it = net.region_of.find(e.outlet);
  if (it == net.region_of.end()) {
    msgs.push_back(unknown_name_message("outlet", e.outlet, net.outlet_ids));
    return;
  }
  if (e.region.empty()) e.region = it->second;
  if (!std::binary_search(net.regions.begin(), net.regions.end(), e.region))
    msgs.push_back(unknown_name_message("region", e.region, net.regions) + " (a region must have an outlet)");
}
}  // namespace

void add_engineer(Store& s, Engineer e) {
  if (auto p = validate(e); !p.empty()) throw_record_problems(p);
  s.write([&] {
    if (find_engineer(s, e.id))
      throw DataError(fmt::format("engineer '{}' already exists (change it with update)", e.id));
    std::vector<std::string> msgs;
    resolve_engineer(load_network(s), e, msgs);
    if (!msgs.empty()) throw_record_problems(msgs);
    insert_engineer(s.db(), e);
    if (auto c = leader_conflicts(s.db()); !c.empty())
      throw DataError(leader_conflict_message(c.begin()->first, c.begin()->second));
    sync_regions(s.db());
  });
}

Engineer update_engineer(Store& s, const std::string& id, const EngineerPatch& p) {
  Engineer e;
  s.write([&] {
    Engineer old = get_engineer(s, id);
    e = old;
    if (p.name) e.name = *p.name;
    if (p.outlet && *p.outlet != old.outlet) {
      e.outlet = *p.outlet;
      e.region.clear();  // follows the new outlet unless given
    }
    if (p.region) e.region = *p.region;
    if (p.skills) e.skills = *p.skills;
    if (p.level) e.level = *p.level;
    if (p.leader) e.leader = *p.leader;
    if (p.active) e.active = *p.active;
    auto msgs = validate(e);
    if (msgs.empty()) resolve_engineer(load_network(s), e, msgs);
    if (!msgs.empty()) throw_record_problems(msgs);
    write_engineer(s.db(), e);
    if (auto c = leader_conflicts(s.db()); !c.empty())
      throw DataError(leader_conflict_message(c.begin()->first, c.begin()->second));
    sync_regions(s.db());
  });
  return e;
}

// ---------------------------------------------------------------- bulk loads

ImportCounts import_outlets_text(Store& s, const std::string& text, const std::string& name) {
  std::vector<std::string> problems;
  bool header_ok = false;
  auto rows = read_rows(text, name, kOutletColumns, {"id", "name", "region"}, problems, header_ok);
  if (!header_ok) throw_problems(fmt::format("outlets '{}'", name), name, problems);
  ImportCounts n;
  n.read = int(rows.size());
  s.write([&] {
    std::vector<std::pair<Outlet, std::optional<Outlet>>> plan;
    std::map<std::string, int> line_of;
    for (const auto& row : rows) {
      line_of[row.get("id")] = row.line;
      auto old = find_outlet(s, row.get("id"));
      Outlet o = old ? *old : Outlet{};
      o.id = row.get("id");
      for (auto [col, field] : {std::pair{"name", &o.name}, {"region", &o.region}, {"city", &o.city},
                                {"address", &o.address}, {"phone", &o.phone}})
        if (row.has(col)) *field = row.get(col);
      std::vector<std::string> msgs;
      flag_cell(row, "active", true, o.active, msgs);
      for (auto& m : validate(o)) msgs.push_back(m);
      for (auto& m : msgs) problems.push_back(fmt::format("{}:{}: {}", name, row.line, m));
      if (msgs.empty()) plan.emplace_back(std::move(o), std::move(old));
    }
    if (!problems.empty()) throw_problems(fmt::format("outlets '{}'", name), name, problems);
    for (auto& [o, old] : plan) {
      if (!old) insert_outlet(s.db(), o), ++n.added;
      else if (same(o, *old)) ++n.unchanged;
      else write_outlet(s.db(), o, old->region), ++n.updated;
    }
    // an outlet that changed region takes its engineers along, which may
    // bring two group leaders into one region
    for (auto& [region, ids] : leader_conflicts(s.db())) {
      int line = 1;
      for (auto& [o, old] : plan)
        if (old && old->region != o.region && o.region == region) line = line_of.at(o.id);
      problems.push_back(fmt::format("{}:{}: {}", name, line, leader_conflict_message(region, ids)));
    }
    if (!problems.empty()) throw_problems(fmt::format("outlets '{}'", name), name, problems);
    sync_regions(s.db());
  });
  return n;
}

ImportCounts import_engineers_text(Store& s, const std::string& text, const std::string& name) {
  std::vector<std::string> problems;
  bool header_ok = false;
  auto rows = read_rows(text, name, kEngineerColumns, {"id", "name", "outlet"}, problems, header_ok);
  if (!header_ok) throw_problems(fmt::format("engineers '{}'", name), name, problems);
  ImportCounts n;
  n.read = int(rows.size());
  s.write([&] {
    std::vector<std::pair<Engineer, std::optional<Engineer>>> plan;
    const Network net = load_network(s);
    for (const auto& row : rows) {
      auto old = find_engineer(s, row.get("id"));
      Engineer e = old ? *old : Engineer{};
      e.id = row.get("id");
      e.name = row.get("name");
      std::vector<std::string> msgs;
      if (row.get("outlet") != e.outlet) e.outlet = row.get("outlet"), e.region.clear();
      if (row.has("region") && !row.get("region").empty()) e.region = row.get("region");
      else if (row.has("region")) e.region.clear();  // empty cell: the outlet's region
      if (row.has("skills")) e.skills = split_skills(row.get("skills"));
      if (row.has("level")) {
        std::string why;
        if (row.get("level").empty()) e.level = 1;
        else if (auto l = parse_level(row.get("level"), why)) e.level = *l;
        else msgs.push_back(why);
      }
      flag_cell(row, "leader", false, e.leader, msgs);
      flag_cell(row, "active", true, e.active, msgs);
      for (auto& m : validate(e)) msgs.push_back(m);
      if (msgs.empty()) resolve_engineer(net, e, msgs);
      for (auto& m : msgs) problems.push_back(fmt::format("{}:{}: {}", name, row.line, m));
      if (msgs.empty()) plan.emplace_back(std::move(e), std::move(old));
    }
    if (!problems.empty()) throw_problems(fmt::format("engineers '{}'", name), name, problems);
    for (auto& [e, old] : plan) {
      if (!old) insert_engineer(s.db(), e), ++n.added;
      else if (same(e, *old)) ++n.unchanged;
      else write_engineer(s.db(), e), ++n.updated;
    }
    std::map<std::string, int> line_of;
    for (const auto& row : rows) line_of[row.get("id")] = row.line;
    for (auto& [region, ids] : leader_conflicts(s.db())) {
      int line = 0;  // the last row of the file that names one of these leaders
      for (const auto& id : ids)
        if (auto it = line_of.find(id); it != line_of.end()) line = std::max(line, it->second);
      problems.push_back(fmt::format("{}:{}: {}", name, line ? line : 1, leader_conflict_message(region, ids)));
    }
    if (!problems.empty()) throw_problems(fmt::format("engineers '{}'", name), name, problems);
    sync_regions(s.db());
  });
  return n;
}

ImportCounts import_outlets_csv(Store& s, const std::string& path) {
  return import_outlets_text(s, read_text_file(path), path);
}

ImportCounts import_engineers_csv(Store& s, const std::string& path) {
  return import_engineers_text(s, read_text_file(path), path);
}

// ---------------------------------------------------------------- rendering

Table outlets_table(const std::vector<Outlet>& v) {
  Table t;
  t.headers = {"id", "name", "region", "city", "address", "phone", "active"};
  for (const auto& o : v) t.add({o.id, o.name, o.region, o.city, o.address, o.phone, o.active ? "yes" : "no"});
  return t;
}

Table engineers_table(const std::vector<Engineer>& v) {
  Table t;
  t.headers = {"id", "name", "outlet", "region", "skills", "level", "leader", "active"};
  t.align = {Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right};
  for (const auto& e : v)
    t.add({e.id, e.name, e.outlet, e.region, join_skills(e.skills), std::to_string(e.level), e.leader ? "yes" : "no",
           e.active ? "yes" : "no"});
  return t;
}

Table regions_table(const std::vector<RegionSummary>& v) {
  Table t;
  t.headers = {"region", "outlets", "engineers", "leader", "leader_name"};
  t.align = {Align::Left, Align::Right, Align::Right};
  for (const auto& r : v)
    t.add({r.name, std::to_string(r.outlets), std::to_string(r.engineers), r.leader, r.leader_name});
  return t;
}

namespace {
void text_or_null(JsonWriter& w, std::string_view key, const std::string& v) {
  w.key(key);
  if (v.empty()) w.null();
  else w.value(v);
}
}  // namespace

void write_json(JsonWriter& w, const Outlet& o) {
  w.begin_object();
  w.field("id", o.id).field("name", o.name).field("region", o.region);
  text_or_null(w, "city", o.city);
  text_or_null(w, "address", o.address);
  text_or_null(w, "phone", o.phone);
  w.field("active", o.active);
  w.end_object();
}

void write_json(JsonWriter& w, const Engineer& e) {
  w.begin_object();
  w.field("id", e.id).field("name", e.name).field("outlet", e.outlet).field("region", e.region);
  w.key("skills").begin_array();
  for (const auto& s : e.skills) w.value(s);
  w.end_array();
  w.field("level", e.level).field("leader", e.leader).field("active", e.active);
  w.end_object();
}

void write_json(JsonWriter& w, const RegionSummary& r) {
  w.begin_object();
  w.field("region", r.name).field("outlets", r.outlets).field("engineers", r.engineers);
  text_or_null(w, "leader", r.leader);
  text_or_null(w, "leader_name", r.leader_name);
  w.end_object();
}

Table record_table(const Table& one_row) {
  Table t;
  t.headers = {"field", "value"};
  for (size_t c = 0; c < one_row.headers.size(); ++c)
    t.add({one_row.headers[c], one_row.rows.empty() || c >= one_row.rows[0].size() ? "" : one_row.rows[0][c]});
  return t;
}

}  // namespace svc
