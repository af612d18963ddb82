#include "tree.hpp"

#include <algorithm>

namespace svc::cli {

std::string CommandInfo::full_name() const {
  std::string s = "svc";
  for (const auto& p : path) s += " " + p;
  return s;
}

const CLI::App& root_of(const CLI::App& sub) {
  const CLI::App* a = &sub;
  while (a->get_parent()) a = a->get_parent();
  return *a;
}

namespace {

// "TEXT:{a,b,c}" → {"a","b","c"} (CLI::IsMember's description).
std::vector<std::string> choices_of(const std::string& type) {
  std::vector<std::string> out;
  auto open = type.find(":{");
  if (open == std::string::npos) return out;
  auto close = type.find('}', open);
  if (close == std::string::npos) return out;
  std::string list = type.substr(open + 2, close - open - 2);
  size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string v = list.substr(start, comma - start);
    if (!v.empty() && v.find("->") == std::string::npos) out.push_back(v);
    start = comma + 1;
  }
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

OptionInfo option_info(const CLI::Option& o) {
  OptionInfo info;
  info.positional = !o.nonpositional();
  if (info.positional) {
    info.names.push_back(o.get_name(true));
    info.display = o.get_name(true);
  } else {
    for (const auto& s : o.get_snames()) info.names.push_back("-" + s);
    for (const auto& l : o.get_lnames()) info.names.push_back("--" + l);
    info.display = o.get_name(false, true);
  }
  info.description = o.get_description();
  info.type = o.get_type_name();
  info.default_value = o.get_default_str();
  info.choices = choices_of(info.type);
  info.takes_value = o.get_type_size_max() > 0 && o.get_expected_max() > 0;
  info.repeatable = (info.takes_value && o.get_expected_max() > 1) || o.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  info.required = o.get_required();
  // What the value is: the option's or positional's own name says it.
  std::string key = lower(info.positional ? info.names.front()
                                          : (o.get_lnames().empty() ? std::string() : o.get_lnames().front()));
  for (const char* kind : {"ticket", "outlet", "engineer"})
    if (key == kind) info.id_kind = kind;
  if (info.type.find("FILE") != std::string::npos || info.type.find("PATH") != std::string::npos ||
      key == "file" || key == "db" || key == "config" || key == "output" || key == "reject" || key == "map")
    info.file = true;
  return info;
}

CommandInfo walk(const CLI::App& app, std::vector<std::string> path) {
  CommandInfo c;
  c.path = path;
  c.name = path.empty() ? "svc" : path.back();
  c.description = app.get_description();
  c.footer = app.get_footer();
  // Positionals first, then the options, each in declaration order — as --help shows them.
  auto visible = [](const CLI::Option* o) { return !o->get_group().empty(); };
  for (const CLI::Option* o : app.get_options())
    if (visible(o) && !o->nonpositional()) c.options.push_back(option_info(*o));
  for (const CLI::Option* o : app.get_options())
    if (visible(o) && o->nonpositional()) c.options.push_back(option_info(*o));
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty() || sub->get_name().empty()) continue;  // hidden or an option group
    auto p = path;
    p.push_back(sub->get_name());
    c.children.push_back(walk(*sub, p));
  }
  return c;
}

}  // namespace

CommandInfo command_tree(const CLI::App& app) { return walk(app, {}); }

}  // namespace svc::cli
