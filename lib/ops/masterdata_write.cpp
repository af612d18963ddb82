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
#include "small_csv.hpp"

namespace svc {

using namespace masterdata_detail;

namespace {

bool same(const Outlet& a, const Outlet& b) {
  return a.id == b.id && a.name == b.name && a.region == b.region && a.city == b.city && a.address == b.address &&
         a.phone == b.phone && a.active == b.active;
}
bool same(const Engineer& a, const Engineer& b) {
  return a.id == b.id && a.name == b.name && a.outlet == b.outlet && a.region == b.region && a.skills == b.skills &&
         a.level == b.level && a.leader == b.leader && a.active == b.active;
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

}  // namespace svc
