#pragma once

// Helpers shared by the installed-base files (installed_base.cpp,
// installed_base_records.cpp, installed_base_import.cpp,
// installed_base_history.cpp, installed_base_render.cpp); defined in
// installed_base.cpp. Not part of the public interface.

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "error.hpp"
#include "installed_base.hpp"

namespace svc::installed_base_detail {

void bind_text(SQLite::Statement& st, int i, const std::string& v);
std::string text_col(SQLite::Statement& st, int i);
std::optional<int> int_col(SQLite::Statement& st, int i);

std::vector<std::string> column_values(Store& s, const char* sql);

template <class Fn>
auto guarded(const char* what, Fn fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, what);
  }
}

[[noreturn]] void throw_record_problems(const std::vector<std::string>& problems);
[[noreturn]] void throw_problems(const std::string& what, std::vector<std::string> problems);

void write_product(SQLite::Database& db, const Product& p);
void write_customer(SQLite::Database& db, const Customer& c);
void write_unit(SQLite::Database& db, const Unit& u);

struct TermLimit {
  const char* col;
  std::optional<int> Product::*field;
  int hi;
};
extern const TermLimit kTerms[6];

std::vector<std::string> product_models(Store& s);
std::vector<std::string> customer_ids(Store& s);

// The references of a unit (model, customer, region), checked against the
// store; the region defaults to the customer's. Messages to `msgs`.
void resolve_unit(Store& s, Unit& u, std::vector<std::string>& msgs);

void check_region(Store& s, const std::string& region, std::vector<std::string>& msgs);

}  // namespace svc::installed_base_detail
