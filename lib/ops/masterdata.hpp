// Master data: the service network of outlets (网点) and their engineers, and
// the regions they belong to. Validation, single-record edits, listings and
// all-or-nothing CSV bulk loads. Tables: outlets, engineers, regions
// (schemas/001_init.sql). See docs/master-data.md.
#pragma once
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "output.hpp"
#include "store.hpp"

namespace svc {

struct Outlet {
  std::string id;       // [A-Za-z0-9._-]{1,64}, e.g. SH-01
  std::string name;     // display name, required
  std::string region;   // region name, required, e.g. 华东
  std::string city;     // optional
  std::string address;  // optional
  std::string phone;    // optional: digits, spaces and + - ( ) only
  bool active = true;
};

struct Engineer {
  std::string id;      // [A-Za-z0-9._-]{1,64}, e.g. E-017
  std::string name;    // required
  std::string outlet;  // home outlet id, must exist
  std::string region;  // defaults to the outlet's region
  std::vector<std::string> skills;  // service types / product lines, no duplicates
  int level = 1;       // 1 (junior) .. 5 (expert)
  bool leader = false; // the region's group leader (at most one active per region)
  bool active = true;
};

// A change to an existing record: only the fields that are set change.
struct OutletPatch {
  std::optional<std::string> name, region, city, address, phone;
  std::optional<bool> active;
};
struct EngineerPatch {
  std::optional<std::string> name, outlet, region;
  std::optional<std::vector<std::string>> skills;
  std::optional<int> level;
  std::optional<bool> leader, active;
};

struct OutletFilter {
  std::string region;           // empty = any
  std::optional<bool> active;
};
struct EngineerFilter {
  std::string region, outlet, skill;  // empty = any
  std::optional<bool> active;
  std::optional<bool> leader;
};

struct RegionSummary {
  std::string name;
  int outlets = 0;    // active outlets
  int engineers = 0;  // active engineers
  std::string leader, leader_name;  // empty when the region has no active group leader
};

// Counts of a bulk load.
struct ImportCounts {
  int read = 0, added = 0, updated = 0, unchanged = 0;
};

// Parses a yes/no flag: yes|no|true|false|1|0 (any case).
std::optional<bool> parse_flag(std::string_view s);
// Splits a comma list of skills: items trimmed, empty items dropped.
std::vector<std::string> split_skills(std::string_view s);
std::string join_skills(const std::vector<std::string>& skills);

// Problems with one record's own values (no store lookups), as messages
// without a location; empty when valid.
std::vector<std::string> validate(const Outlet& o);
std::vector<std::string> validate(const Engineer& e);

// Reading. get_* throw DataError ("unknown outlet 'SH-1' (did you mean 'SH-01'?)")
// when the id does not exist.
std::optional<Outlet> find_outlet(Store& s, const std::string& id);
Outlet get_outlet(Store& s, const std::string& id);
std::vector<Outlet> list_outlets(Store& s, const OutletFilter& f = {});
std::optional<Engineer> find_engineer(Store& s, const std::string& id);
Engineer get_engineer(Store& s, const std::string& id);
std::vector<Engineer> list_engineers(Store& s, const EngineerFilter& f = {});
std::vector<RegionSummary> list_regions(Store& s);
std::vector<std::string> outlet_ids(Store& s);
std::vector<std::string> region_names(Store& s);  // regions seen in outlets

// Writing, each one transaction. Throw DataError (65) on invalid values, a
// duplicate id (add), a missing id (update), an unknown outlet, or a second
// active group leader in a region.
void add_outlet(Store& s, const Outlet& o);
Outlet update_outlet(Store& s, const std::string& id, const OutletPatch& p);
void add_engineer(Store& s, Engineer e);
Engineer update_engineer(Store& s, const std::string& id, const EngineerPatch& p);

// Bulk loads from CSV (RFC 4180, header row, UTF-8, optional BOM). Upsert: a
// new id is added; an existing id takes the row's values for the columns the
// file has and keeps the others. All or nothing: every bad row is reported as
// "FILE:LINE: message" in one DataError and nothing is stored. NoInputError
// when the file cannot be read. `name` is the file name used in messages.
ImportCounts import_outlets_csv(Store& s, const std::string& path);
ImportCounts import_engineers_csv(Store& s, const std::string& path);
ImportCounts import_outlets_text(Store& s, const std::string& text, const std::string& name);
ImportCounts import_engineers_text(Store& s, const std::string& text, const std::string& name);

// Renderings: a Table (for table and CSV output; flags as yes/no, skills
// comma-joined) and JSON with proper types (booleans, numbers, skills as an
// array, absent text as null).
Table outlets_table(const std::vector<Outlet>& v);
Table engineers_table(const std::vector<Engineer>& v);
Table regions_table(const std::vector<RegionSummary>& v);
void write_json(JsonWriter& w, const Outlet& o);
void write_json(JsonWriter& w, const Engineer& e);
void write_json(JsonWriter& w, const RegionSummary& r);
// One record as "field  value" lines (for `show`).
Table record_table(const Table& one_row);

}  // namespace svc
