// The command tree as data, read from the CLI11 App that `svc --help` prints:
// the single source of the man page (cmd/man.cpp) and the shell completions
// (cmd/completion.cpp), so neither can disagree with --help.
#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace svc::cli {

struct OptionInfo {
  std::vector<std::string> names;     // "-q", "--quiet"; a positional: its name, e.g. "TICKET"
  std::string display;                // as --help shows it: "-q,--quiet" or "TICKET"
  std::string description;
  std::string type;                   // "TEXT", "INT:NONNEGATIVE", "TEXT:{a,b}" (validator descriptions appended)
  std::string default_value;          // captured default, "" when none
  std::vector<std::string> choices;   // the values of an IsMember check, e.g. --format's
  bool positional = false;
  bool takes_value = false;           // false for flags
  bool repeatable = false;            // may be given several times / take several values
  bool required = false;
  bool file = false;                  // names a file (ExistingFile check, or the value is a path)
  std::string id_kind;                // "ticket", "outlet", "engineer" when the value is such an id; else ""
};

struct CommandInfo {
  std::vector<std::string> path;      // {"report", "sla"}; empty for svc itself
  std::string name;                   // "sla"; "svc" for the root
  std::string description;
  std::string footer;                 // examples and notes, as --help prints them
  std::vector<OptionInfo> options;    // as --help lists them (hidden ones left out), positionals first
  std::vector<CommandInfo> children;  // visible subcommands, in --help order
  std::string full_name() const;      // "svc report sla"
};

// Reads `app` and its visible subcommands recursively.
CommandInfo command_tree(const CLI::App& app);

// The root of the tree a subcommand hangs in.
const CLI::App& root_of(const CLI::App& sub);

}  // namespace svc::cli
