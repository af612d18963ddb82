// Loading and checking the policy file (svc.toml). Lookup order, first found wins:
//   1. --config FILE   2. $SVC_CONFIG   3. ./svc.toml   4. $XDG_CONFIG_HOME/svc/svc.toml
//      (~/.config/svc/svc.toml when XDG_CONFIG_HOME is unset)   5. the built-in policy.
// A file need not give every key: each key it leaves out keeps its built-in
// value; [[sla.rules]], when given, replace the built-in rules as a whole.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "policy.hpp"

namespace svc {

// The path of the policy file to use, or nullopt for the built-in policy.
// An explicit --config or $SVC_CONFIG that does not exist is an error (66).
std::optional<std::string> find_policy_file(const std::string& cli_value);

// Every problem in a policy file, each "FILE:LINE: message" (empty when valid).
std::vector<std::string> check_policy_file(const std::string& path);
// Same, for TOML text (`name` stands for the file in messages).
std::vector<std::string> check_policy_text(const std::string& text, const std::string& name);

// Loads a policy file over the built-in defaults; throws DataError listing
// every problem (exit 65), NoInputError when it cannot be read (66).
Policy load_policy_file(const std::string& path);
Policy load_policy_text(const std::string& text, const std::string& name);

// find_policy_file + load_policy_file, or default_policy().
Policy load_policy(const std::string& cli_value);

// The effective policy as TOML; with `origins`, a comment after each value
// saying where it came from ("# built-in" or "# FILE:LINE").
std::string policy_to_toml(const Policy& p, bool origins);

}  // namespace svc
