// svc config show|check: the effective policy, and validation of a policy file.
#include <fmt/format.h>

#include "app.hpp"
#include "error.hpp"
#include "limits.hpp"

namespace svc::cli {

void setup_config(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  auto* show = sub.add_subcommand("show", "Print the effective policy as TOML");
  static bool origin = false;
  show->add_flag("--origin", origin, "Say after each value where it came from (built-in or FILE:LINE)");
  show->footer("Examples:\n  svc config show\n  svc --config /etc/svc/svc.toml config show --origin");
  show->callback([&g] {
    Policy p = load_policy(g);
    auto file = find_policy_file(g.config);
    std::cout << fmt::format("# policy: {}\n", file ? *file : "built-in");
    std::cout << policy_to_toml(p, origin);
  });

  auto* check = sub.add_subcommand("check", "Validate a policy file; every problem as FILE:LINE, exit 65");
  static std::string file;
  check->add_option("FILE", file, "Policy file to check")->required();
  check->footer(
      "Prints \"FILE: ok; the calendar covers YEARS\": the years whose holidays and make-up workdays\n"
      "the policy knows (its [calendar] include and covers, docs/policy.md).\n"
      "Example:\n  svc config check examples/svc.toml");
  check->callback([&g] {
    auto problems = check_policy_file(file);
    if (!problems.empty())
      throw DataError(fmt::format("policy '{}' has {} problem{}", file, problems.size(), problems.size() == 1 ? "" : "s"),
                      problems);
    if (g.quiet) return;
    Policy p = load_policy_file(file);
    std::cout << fmt::format("{}: ok; the calendar covers {}\n", file, describe_years(p.calendar.covers));
    std::cout << fmt::format("limits: {}\n", limits_summary(p.limits));
  });
}

}  // namespace svc::cli
