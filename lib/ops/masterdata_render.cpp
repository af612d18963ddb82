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
