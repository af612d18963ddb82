// Internal to the policy loader (lib/core/config*.cpp): the Loader that walks
// a parsed policy, one file per group of sections (docs/ARCHITECTURE.md).
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

#include "config.hpp"
#include "error.hpp"
#include "event.hpp"

namespace svc::config_detail {

bool file_exists(const std::string& p);
// The whole file; NoInputError when it is missing or not a regular file.
std::string read_file(const std::string& path);

inline constexpr const char* kDayNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Walks a parsed policy, filling `p` and collecting problems ("file:line: message").
//   config.cpp           the walk over the root, the value readers, the public API
//   config_calendar.cpp  [calendar] and calendar files (include)
//   config_sla.cpp       [sla], [kpi], [assessment]
//   config_ops.cpp       [warranty] [tickets] [parts] [dispatch] [report] [engineers]
//                        [costs] [maint] [training] [limits]
//   config_toml.cpp      policy_to_toml (svc config show)
class Loader {
 public:
  Loader(Policy& p, std::string name) : p_(p), name_(std::move(name)) {}
  std::vector<std::string> problems;

  void load(const toml::table& root);

 private:
  Policy& p_;
  std::string name_;

  void problem(const toml::node& n, const std::string& msg) {
    problems.push_back(fmt::format("{}:{}: {}", name_, n.source().begin.line, msg));
  }
  void origin(const std::string& key, const toml::node& n) {
    p_.origins[key] = fmt::format("{}:{}", name_, n.source().begin.line);
  }

  // value readers (config.cpp): each reports a problem and returns nullopt on a bad value
  void known(const toml::table& t, const std::string& prefix, const std::vector<std::string>& keys);
  const toml::table* section(const toml::table& root, const char* name);
  std::optional<std::string> str(const toml::node& n, const std::string& key);
  std::optional<double> num(const toml::node& n, const std::string& key);
  std::optional<std::vector<std::string>> strings(const toml::node& n, const std::string& key);
  std::optional<Day> date(const toml::node& n, const std::string& key);
  static std::optional<int> hhmm(std::string_view s);

  // [calendar] (config_calendar.cpp)
  void calendar(const toml::table& t);
  std::optional<std::set<Day>> dates(const toml::node& n, const std::string& key);
  std::optional<std::set<int>> years(const toml::node& n, const std::string& key);
  void calendar_file(const toml::table& root, CalendarPolicy& out);
  void include(const toml::node& at, const std::string& what);

  // [sla] [kpi] [assessment] (config_sla.cpp)
  void sla(const toml::table& t);
  bool when(const toml::node& n, const std::string& where, RuleWhen& w);
  void rate(const toml::table& t, const char* key, const std::string& prefix, double& out);
  void kpi(const toml::table& t);
  void number(const toml::table& t, const char* key, const std::string& prefix, double& out, double lo, double hi);
  void money(const toml::table& t, const char* key, std::int64_t& out);
  void assessment(const toml::table& t);

  // the operations' sections (config_ops.cpp)
  void warranty(const toml::table& t);
  void tickets(const toml::table& t);
  void days(const toml::table& t, const char* key, int& out);
  void parts(const toml::table& t);
  void dispatch(const toml::table& t);
  void report(const toml::table& t);
  void engineers(const toml::table& t);
  void costs(const toml::table& t);
  void maint(const toml::table& t);
  void training(const toml::table& t);
  void limits(const toml::table& t);
  void complaints(const toml::table& t);  // config_complaints.cpp
};

// Parses `text` and walks it; problems collected, the policy as far as it was read.
Policy load(const std::string& text, const std::string& name, std::vector<std::string>& problems);

}  // namespace svc::config_detail
