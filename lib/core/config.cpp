// The policy loader's walk over the root and its value readers, and the public
// API: finding, checking and loading a policy file (docs/policy.md).
#include "config.hpp"

#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "config_internal.hpp"

namespace svc {

namespace config_detail {

bool file_exists(const std::string& p) {
  struct stat sb;
  return ::stat(p.c_str(), &sb) == 0 && S_ISREG(sb.st_mode);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  // a directory opens as a stream on Linux and reads as empty: refuse it too
  if (!in || !file_exists(path)) throw NoInputError(fmt::format("cannot read policy file '{}'", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Loader::load(const toml::table& root) {
  known(root, "", {"timezone", "calendar", "sla", "kpi", "assessment", "warranty", "tickets", "parts", "engineers",
                   "costs", "dispatch", "maint", "training", "limits",
                   "report", "complaints"});
  if (auto n = root.get("timezone")) {
    if (auto s = str(*n, "timezone")) {
      if (!TimeZone::exists(*s)) problem(*n, fmt::format("timezone: unknown time zone '{}' (an IANA name such as Asia/Shanghai)", *s));
      else p_.timezone = *s, p_.tz = TimeZone::locate(*s), origin("timezone", *n);
    }
  }
  if (auto t = section(root, "calendar")) calendar(*t);
  if (auto t = section(root, "sla")) sla(*t);
  if (auto t = section(root, "kpi")) kpi(*t);
  if (auto t = section(root, "assessment")) assessment(*t);
  if (auto t = section(root, "warranty")) warranty(*t);
  if (auto t = section(root, "tickets")) tickets(*t);
  if (auto t = section(root, "parts")) parts(*t);
  if (auto t = section(root, "engineers")) engineers(*t);
  if (auto t = section(root, "costs")) costs(*t);
  if (auto t = section(root, "dispatch")) dispatch(*t);
  if (auto t = section(root, "maint")) maint(*t);
  if (auto t = section(root, "training")) training(*t);
  if (auto t = section(root, "limits")) limits(*t);
  if (auto t = section(root, "report")) report(*t);
  if (auto t = section(root, "complaints")) complaints(*t);
}

void Loader::known(const toml::table& t, const std::string& prefix, const std::vector<std::string>& keys) {
  for (auto&& [k, v] : t) {
    std::string key(k.str());
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    std::string hint = nearest(key, keys);
    problem(v, fmt::format("unknown key '{}{}'{}", prefix, key,
                           hint.empty() ? "" : fmt::format(" (did you mean '{}{}'?)", prefix, hint)));
  }
}

const toml::table* Loader::section(const toml::table& root, const char* name) {
  auto n = root.get(name);
  if (!n) return nullptr;
  if (!n->is_table()) {
    problem(*n, fmt::format("'{}' must be a table ([{}])", name, name));
    return nullptr;
  }
  return n->as_table();
}

std::optional<std::string> Loader::str(const toml::node& n, const std::string& key) {
  if (auto s = n.value<std::string>(); s && n.is_string()) return *s;
  problem(n, fmt::format("{} must be a string", key));
  return std::nullopt;
}

std::optional<double> Loader::num(const toml::node& n, const std::string& key) {
  if (n.is_floating_point() && !std::isfinite(*n.value<double>())) {  // TOML allows nan and inf
    problem(n, fmt::format("{} must be a finite number, got {}", key, *n.value<double>()));
    return std::nullopt;
  }
  if (n.is_integer() || n.is_floating_point()) return n.value<double>();
  problem(n, fmt::format("{} must be a number", key));
  return std::nullopt;
}

// A string or an array of strings.
std::optional<std::vector<std::string>> Loader::strings(const toml::node& n, const std::string& key) {
  std::vector<std::string> out;
  if (n.is_string()) return std::vector<std::string>{*n.value<std::string>()};
  if (auto a = n.as_array()) {
    for (auto&& e : *a) {
      if (!e.is_string()) {
        problem(e, fmt::format("{} must hold strings", key));
        return std::nullopt;
      }
      out.push_back(*e.value<std::string>());
    }
    return out;
  }
  problem(n, fmt::format("{} must be a string or an array of strings", key));
  return std::nullopt;
}

std::optional<Day> Loader::date(const toml::node& n, const std::string& key) {
  if (auto d = n.as_date()) {
    auto v = d->get();
    if (valid_civil(v.year, v.month, v.day)) return days_from_civil(v.year, v.month, v.day);
  } else if (n.is_string()) {
    if (auto d = parse_date(*n.value<std::string>())) return *d;
  }
  if (n.is_string()) problem(n, fmt::format("{}: '{}' is not a date YYYY-MM-DD", key, *n.value<std::string>()));
  else problem(n, fmt::format("{}: expected a date YYYY-MM-DD (a string or a TOML date)", key));
  return std::nullopt;
}

std::optional<int> Loader::hhmm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  auto dg = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (!dg(0) || !dg(1) || !dg(3) || !dg(4)) return std::nullopt;
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m)) return std::nullopt;
  return h * 60 + m;
}

Policy load(const std::string& text, const std::string& name, std::vector<std::string>& problems) {
  Policy p = default_policy();
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    problems.push_back(fmt::format("{}:{}: {}", name, e.source().begin.line, e.description()));
    return p;
  }
  Loader l(p, name);
  l.load(root);
  problems = std::move(l.problems);
  return p;
}

}  // namespace config_detail

using namespace config_detail;

std::optional<std::string> find_policy_file(const std::string& cli_value) {
  if (!cli_value.empty()) {
    if (!file_exists(cli_value)) throw NoInputError(fmt::format("policy file '{}' (--config) not found", cli_value));
    return cli_value;
  }
  if (const char* env = std::getenv("SVC_CONFIG"); env && *env) {
    if (!file_exists(env)) throw NoInputError(fmt::format("policy file '{}' ($SVC_CONFIG) not found", env));
    return std::string(env);
  }
  if (file_exists("svc.toml")) return std::string("svc.toml");
  std::string xdg;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) xdg = x;
  else if (const char* h = std::getenv("HOME"); h && *h) xdg = std::string(h) + "/.config";
  if (!xdg.empty() && file_exists(xdg + "/svc/svc.toml")) return xdg + "/svc/svc.toml";
  return std::nullopt;
}

std::vector<std::string> check_policy_text(const std::string& text, const std::string& name) {
  std::vector<std::string> problems;
  load(text, name, problems);
  return problems;
}

std::vector<std::string> check_policy_file(const std::string& path) {
  return check_policy_text(read_file(path), path);
}

Policy load_policy_text(const std::string& text, const std::string& name) {
  std::vector<std::string> problems;
  Policy p = load(text, name, problems);
  if (!problems.empty())
    throw DataError(fmt::format("policy '{}' has {} problem{}", name, problems.size(), problems.size() == 1 ? "" : "s"),
                    problems);
  return p;
}

Policy load_policy_file(const std::string& path) { return load_policy_text(read_file(path), path); }

Policy load_policy(const std::string& cli_value) {
  auto f = find_policy_file(cli_value);
  return f ? load_policy_file(*f) : default_policy();
}

}  // namespace svc
