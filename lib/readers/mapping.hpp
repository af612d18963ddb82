// Reading other systems' exports through a rules file (svc import --map
// RULES.toml FILE), in the spirit of hledger's CSV rules. See docs/mapping.md
// for the format: which source column gives which spec column, constants,
// timestamp formats and zone, value maps, and how a row becomes events
// (one event per row, a request row with opened/closed times, or state
// snapshots that yield an event when the state changes).
#pragma once
#include <map>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "log_source.hpp"
#include "timeutil.hpp"

namespace svc {

enum class RowKind { Events, Request, Snapshot };

struct MapRules {
  std::string path;                           // the rules file, for messages
  RowKind rows = RowKind::Events;
  std::optional<std::string> timezone;        // zone of timestamps without an offset (default: the policy's)
  std::string ts_format = "rfc3339";          // "rfc3339" or a strftime-like pattern (%Y %m %d %H %I %M %S %p %z %f %b)
  std::map<int, std::string> columns;         // spec column index → source column
  std::map<int, int> column_lines;            // spec column index → line in the rules file
  std::map<int, std::string> constants;       // spec column index → value
  std::map<int, std::map<std::string, std::string>> values;  // spec column → (source value → value)
  struct Pattern {
    int line;
    std::string text;     // the regular expression as written
    std::string value;
  };
  std::map<int, std::vector<Pattern>> patterns;  // [patterns.COLUMN]: searched in file order after [values.COLUMN]
  std::map<int, std::string> defaults;           // [defaults]: a source value matched by nothing above → this
  bool fold_case = false;                        // [source] case_insensitive: value maps ignore ASCII case
  std::map<EventKind, std::string> times;        // [times] event = source column of that event's time
  std::map<EventKind, int> time_lines;
  // request rows
  std::string opened, closed, completed;      // source columns of the open, close and resolution times
  int opened_line = 0, closed_line = 0, completed_line = 0;
  // snapshot rows
  std::string state;                          // source column holding the state (mapped by values.event)
  int state_line = 0;
  std::map<int, EventKind> on_change;         // spec column → event emitted when its value changes
  std::map<std::pair<std::string, std::string>, std::string> transitions;  // (from state, to state) → event ("" = none)
  bool open_on_first_row = false;
  // Conditions on a row's source cells ([[skip]] when, [[only]] when).
  struct Condition {
    int line = 0;
    std::string column;                 // source column
    enum Op { Equals, NotEquals, Matches, Empty, NotEmpty, Before, NotBefore } op = Equals;
    std::string arg;                    // value, regular expression, or the other column (Before, NotBefore)
  };
  struct Skip {                         // [[skip]]: a row meeting every condition is skipped and counted
    std::string reason;
    std::vector<Condition> when;
  };
  struct Only {                         // [[only]]: this event is derived only when every condition holds
    EventKind event;
    std::vector<Condition> when;
  };
  std::vector<Skip> skips;
  std::vector<Only> onlys;             // a ticket's first row yields `created` whatever its state
};

// Loads and checks a rules file; throws DataError listing every problem as
// "RULES:LINE: message", NoInputError when it cannot be read.
MapRules load_map_rules(const std::string& path);

// Parses `s` with a strftime-like pattern; local times are read in `tz`.
// Returns nullopt with `why` on failure.
std::optional<Instant> parse_with_format(std::string_view s, const std::string& format, const TimeZone& tz,
                                         std::string& why);

// Opens a CSV export read through `rules`. `policy_tz` is used when the rules
// name no zone; `display` names the file in messages.
std::unique_ptr<RecordSource> open_mapped(const std::string& path, std::shared_ptr<const MapRules> rules,
                                          const std::string& display, const TimeZone& policy_tz);

// `svc import --map RULES --check FILE`: one pass over an export, storing
// nothing. Every distinct source value that no value map of its column
// matched (columns with [values.*], [patterns.*] or [defaults], and snapshot
// states), with the rows it is on; the events the first `tickets` tickets
// become; the rows that cannot be mapped.
struct MapCheck {
  struct Unmapped {
    int column;                   // service-log column
    std::string source_column;    // export column
    std::vector<std::pair<std::string, std::uint64_t>> values;  // value → rows, in order of first appearance
  };
  std::vector<Unmapped> unmapped;
  std::vector<std::string> ticket_order;  // the first tickets, in order of appearance
  std::vector<std::array<std::string, kColumnCount>> events;  // their events, in the order read
  std::uint64_t rows = 0, events_total = 0, bad_rows = 0;
  std::vector<std::pair<std::string, std::uint64_t>> skipped;
  // Tickets whose first event is not `created` (an export starting mid-history):
  // first event → tickets. They fail an import unless in the store already or
  // open_on_first_row is set.
  std::vector<std::pair<std::string, std::uint64_t>> not_opened;
  std::vector<std::string> problems;  // "FILE:LINE: message", the first max_problems
};
MapCheck check_mapped(const std::string& path, std::shared_ptr<const MapRules> rules, const std::string& display,
                      const TimeZone& policy_tz, std::size_t tickets = 3, std::size_t max_problems = 20);

}  // namespace svc
