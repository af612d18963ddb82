// Options and helpers shared by the subcommands: the global options, opening
// the store and the policy, --format, --as-of, and rendering tables.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config.hpp"
#include "filters.hpp"
#include "limits.hpp"
#include "output.hpp"
#include "policy.hpp"
#include "store.hpp"

namespace svc::cli {

// The options every subcommand shares, parsed before it runs. Plain data; each
// subcommand receives it explicitly.
struct Globals {
  std::string db;                // --db (else $SVC_DB, else ./svc.db)
  std::string config;            // --config (else $SVC_CONFIG, ./svc.toml, XDG, built-in)
  int busy_timeout_ms = 10000;   // --busy-timeout
  bool quiet = false;            // --quiet: no progress or summaries on stderr
  int exit_status = 0;           // set by a subcommand that reports findings (1)
  // The calendars of the policies load_policy() gave out: after the command,
  // warn_calendar_coverage() says once if an SLA computation counted days of
  // years they do not cover.
  mutable std::vector<CalendarPolicy> calendars;
};

Store open_store(const Globals& g, bool create = false);
// For a command that only reads and must not change the file (audit verify):
// StoreOptions::read_only.
Store open_store_read_only(const Globals& g);
Policy load_policy(const Globals& g);
// "svc: warning: the calendar covers …" on stderr, once, when some SLA
// computation of the command counted days of years the calendar does not
// cover (before, between or after the covered ones).
void warn_calendar_coverage(const Globals& g);

// --format with the allowed choices (html only for reports).
CLI::Option* add_format(CLI::App* app, std::string& value, bool html = false, const std::string& dflt = "table");
Format format_of(const std::string& value);
// --as-of TS (RFC 3339, local "YYYY-MM-DD HH:MM[:SS]" or a date = end of that day)
CLI::Option* add_as_of(CLI::App* app, std::string& value);
// The instant of --as-of, or now() when empty.
Instant as_of(const std::string& value, const Policy& p);
// A YYYY-MM-DD option: UsageError "OPT 'V': no such date" (exit 2) when it is not one.
Day date_option(const std::string& v, const char* opt);
// The first and last local days of an optional --period (a month or an ISO
// week); both nullopt when it is empty (no bound).
std::pair<std::optional<Day>, std::optional<Day>> period_days(const std::string& period, const Policy& p);

// Writes a table as an aligned table, CSV, or JSON (an array of objects keyed by header).
void emit_table(std::ostream& out, Format f, const Table& t);

// A listing in --format: JSON through `json` (then a newline), else the table
// `table()` builds, aligned or CSV.
void emit_view(std::ostream& out, Format f, const std::function<Table()>& table,
               const std::function<void(JsonWriter&)>& json);

// --force and --reason TEXT (each needs the other): record a value beyond the
// policy's [limits], or a write on a closed or cancelled ticket, with the
// reason (docs/policy.md "[limits]"). `reason` = an existing --reason option
// to use instead of adding one.
void add_force(CLI::App* app, LimitOverride& o, CLI::Option* reason = nullptr);

// The TICKET argument (required).
CLI::Option* add_ticket_arg(CLI::App* app, std::string& value);
// --at for a step on a ticket (svc ticket, svc dispatch): when it happened.
CLI::Option* add_step_at(CLI::App* app, std::string& value);
// The instant of such an --at, or now() truncated to the second when empty; UsageError when it does not parse.
Instant step_at(const std::string& value, const Policy& p);

// A whole-number option from `min` to `max`: "--qty: must be a whole number
// from 1 to 100000, got '0'" (exit 2) instead of CLI11's range with a
// 300-digit bound, and before the value is converted (so 99999999999999999999
// is out of range, not a conversion failure).
CLI::Validator whole_number(long long min, long long max);

bool stderr_is_terminal();

// Who records a write or a correction: `given` (--user), else $SVC_USER, else
// $USER, else $LOGNAME, else "unknown".
std::string user_or_env(const std::string& given = "");
// Colour only on a terminal and when NO_COLOR is unset.
bool color_enabled();

}  // namespace svc::cli
