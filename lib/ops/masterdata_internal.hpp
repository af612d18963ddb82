#pragma once

// Helpers shared by the master-data files (masterdata.cpp,
// masterdata_write.cpp, masterdata_render.cpp); defined in masterdata.cpp.
// Not part of the public interface.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "masterdata.hpp"
#include "store.hpp"

namespace svc::masterdata_detail {

std::string plural(size_t n, const char* word);

// Sorts "NAME:LINE: message" problems by line (stable: a row's problems keep
// their order) and throws them.
[[noreturn]] void throw_problems(const std::string& what, const std::string& name, std::vector<std::string> problems);

// A single-record edit's problems: one message, or all of them joined.
[[noreturn]] void throw_record_problems(const std::vector<std::string>& problems);

void insert_outlet(SQLite::Database& db, const Outlet& o);
void write_outlet(SQLite::Database& db, const Outlet& o, const std::string& old_region);
void insert_engineer(SQLite::Database& db, const Engineer& e);
void write_engineer(SQLite::Database& db, const Engineer& e);

// Regions with more than one active group leader: region → leader ids.
std::map<std::string, std::vector<std::string>> leader_conflicts(SQLite::Database& db);

// Keeps the regions table in step: every region seen in outlets is listed,
// with the id of its active group leader (NULL when none).
void sync_regions(SQLite::Database& db);

std::string leader_conflict_message(const std::string& region, const std::vector<std::string>& ids);

template <class Fn>
auto guarded(const char* what, Fn fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, what);
  }
}

}  // namespace svc::masterdata_detail
