#include "app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iostream>

#include "error.hpp"
#include "event.hpp"
#include "filters.hpp"

namespace svc::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"init", "Create a store, or migrate an older one to this version's schema", setup_init},
      {"import", "Import service logs (CSV, JSON Lines, .gz, stdin, or exports via --map rules)", setup_import},
      {"batch", "Nightly one-shot: import the logs, then run the post-import steps (--report)", setup_batch},
      {"ticket", "Service tickets by command: create, respond, schedule, … close; show, list, sla", setup_ticket},
      {"dispatch", "Who goes where, when and why: suggest, assign, reassign, auto, board, queue", setup_dispatch},
      {"audit", "Nightly audits: SLA breaches, integrity findings, tamper-evidence chain", setup_audit},
      {"report", "KPI reports, the outlet assessment, payouts, engineers, weekly and cost reports", setup_report},
      {"complaint", "The complaint register: list, show, and ack, investigate, plan, resolve, follow-up, close",
       setup_complaint_register},
      {"cost", "Record and list other costs of a ticket: travel, transport, compensation", setup_cost},
      {"outlet", "Service outlets (网点): add, list, show, update, import from CSV", setup_outlet},
      {"engineer", "Engineers of the outlets: add, list, show, update, import from CSV", setup_engineer},
      {"region", "Regions of the outlets and their group leaders", setup_region},
      {"product", "Product models: line, skills needed, 三包 terms; add, import, list, show", setup_product},
      {"unit", "The installed base by serial: add, import, list, show (entitlement), history", setup_unit},
      {"customer", "Customers: add, import, list, show (their units and tickets)", setup_customer},
      {"config", "Show the effective policy or check a policy file", setup_config},
      {"calendar", "The business calendar of a year: holidays, make-up workdays, working days", setup_calendar},
      {"admin", "Maintenance: rebuild the tickets projection", setup_admin},
      {"version", "Print the version, the schema version and the SQLite version", setup_version},
      {"parts", "Spare parts: catalogue, receipts, transfers, issues, returns, stock-takes, claims", setup_parts},
      {"maint", "Planned maintenance: assets, plans, what is due, generating tickets, visit records", setup_maint},
      {"training", "Training: yearly plans, sessions, results and grades, retraining, archive", setup_training},
      {"sites", "Software updates at customer sites: record, list", setup_sites},
      {"completion", "Print the bash or zsh completion script (subcommands, options, choices, ids)", setup_completion},
      {"man", "The manual page svc(1), every command and option in one page: svc man | man -l -", setup_man},
  };
  return table;
}

const std::vector<Extension>& extensions() {
  static const std::vector<Extension> table = {
      {"audit", "parts", "Parts not fitted or returned, old parts and claims overdue, ledger checks", setup_audit_parts},
      {"audit", "outlets", "Assess the outlets of a period; --apply records it and its money once", setup_audit_outlets},
      {"audit", "corrections", "Every void with who, when, why and what it changed; per outlet or user", setup_audit_corrections},
      {"ticket", "void", "Withdraw a recorded event (a correction by reversal): it counts for nothing from then on", setup_ticket_void},
      {"audit", "maint", "Overdue maintenance, incomplete visits, findings without a repair ticket", setup_audit_maint},
      {"audit", "complaints", "Complaints with a clock past due: first reply, plan deadline, resolution, follow-up",
       setup_audit_complaints},
      {"audit", "training", "Overdue retraining: fails not retrained in time, passes due for a refresher", setup_audit_training},
      {"report", "training", "Training of a year per outlet or region: grades, retraining, reassignment", setup_report_training},
      {"report", "updates", "Software versions at customer sites per region and model; sites on an old version", setup_report_updates},
  };
  return table;
}

namespace {

// The subcommand that was being parsed when an error happened (deepest parsed).
CLI::App* deepest(CLI::App* app) {
  for (auto* sub : app->get_subcommands())
    if (sub->parsed()) return deepest(sub);
  return app;
}

// One number parser for every number svc reads (issue 25): CLI11 would read
// 0x10, 0b10, 1e3 or inf into a typed option; every number is a plain decimal
// (parse_plain_decimal, as a log's values and a maintenance reading).
void plain_numbers(CLI::App* a) {
  static const CLI::Validator plain(
      [](std::string& v) -> std::string {
        double d;
        return parse_plain_decimal(v, d) ? std::string() : "must be a plain decimal number, got '" + v + "'";
      },
      "");
  for (CLI::Option* o : a->get_options()) {
    const std::string full = o->get_type_name();  // "INT" or, with a check, "INT:INT in [1 - 5]"
    const std::string t = full.substr(0, full.find(':'));
    if (t == "INT" || t == "UINT" || t == "FLOAT" || t == "NUMBER") o->check(plain);
  }
  for (CLI::App* s : a->get_subcommands({})) plain_numbers(s);
}

std::vector<std::string> subcommand_names(CLI::App* app) {
  std::vector<std::string> names;
  for (auto* sub : app->get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

// Every option name a user can give at `at`: its own and those of the commands
// above it (options fall through to the parent).
std::vector<std::string> option_names(CLI::App* at) {
  std::vector<std::string> names;
  for (CLI::App* a = at; a; a = a->get_parent())
    for (const CLI::Option* o : a->get_options()) {
      for (const auto& l : o->get_lnames()) names.push_back("--" + l);
      for (const auto& sn : o->get_snames()) names.push_back("-" + sn);
    }
  return names;
}

// The first word CLI11 left over that looks like an option ("--outlte",
// "--outlte=SH-01" → "--outlte"), or "".
std::string stray_option(CLI::App* at) {
  for (CLI::App* a = at; a; a = a->get_parent())
    for (const auto& w : a->remaining()) {
      if (w.size() < 2 || w[0] != '-' || (w[1] >= '0' && w[1] <= '9') || w == "--") continue;
      return w.substr(0, w.find('='));
    }
  return {};
}

// "svc: error: unknown option '--outlte' (did you mean '--outlet'?)": an option
// no command on the path has, most likely a typo of one that it has.
int unknown_option(CLI::App* root, CLI::App* at, const std::string& opt) {
  std::string hint = nearest(opt, option_names(at));
  std::string where;
  for (CLI::App* a = at; a && a != root; a = a->get_parent()) where = " " + a->get_name() + where;
  std::cerr << fmt::format("svc: error: unknown option '{}'{}\nRun 'svc{} --help' for its options.\n", opt,
                           hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), where);
  return exit_code(ErrorKind::Usage);
}

// What an option's value is called in messages: --by → grouping, --state → state.
std::string value_noun(const std::string& option) {
  std::string n = option.substr(option.find_first_not_of('-'));
  if (n == "by") return "grouping";
  if (n == "fail-on") return "value";
  for (auto& c : n) c = c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return n;
}

// CLI11's validation messages, said as svc says them. IsMember's
// "--state: nwe not in {new,responded,…}" becomes "--state: unknown state 'nwe'
// (did you mean 'new'?); one of: new, responded, …"; others pass unchanged.
std::string validation_message(const std::string& what) {
  auto colon = what.find(": ");
  auto notin = what.rfind(" not in {");
  if (colon == std::string::npos || notin == std::string::npos || notin < colon || what.back() != '}')
    return what;
  std::string option = what.substr(0, colon);
  std::string value = what.substr(colon + 2, notin - colon - 2);
  std::string list = what.substr(notin + 9, what.size() - notin - 10);
  std::vector<std::string> choices;
  for (size_t start = 0; start <= list.size();) {
    auto comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    choices.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  try {
    check_choice(choices, value, option.c_str(), value_noun(option).c_str());
  } catch (const UsageError& e) {
    return e.what();
  }
  return what;
}

}  // namespace

int run(int argc, char** argv) {
  Globals g;
  CLI::App app{"svc: after-sales service management — tickets, dispatch, parts, SLA audits, KPIs and outlet "
               "assessment on one SQLite store.",
               "svc"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", std::string(SVC_VERSION));
  app.add_option("--db", g.db, "Store file (default: $SVC_DB, else ./svc.db)");
  app.add_option("--config", g.config,
                 "Policy file (default: $SVC_CONFIG, ./svc.toml, $XDG_CONFIG_HOME/svc/svc.toml, built-in)");
  app.add_option("--busy-timeout", g.busy_timeout_ms, "Wait this many ms for a busy store before exit 75")
      ->capture_default_str()
      ->check(whole_number(0, 3600000));
  app.add_flag("-q,--quiet", g.quiet, "No progress or summaries on stderr");
  app.add_flag_function("--csv-raw", [](std::int64_t n) { set_csv_raw(n > 0); },
                        "CSV cells exactly as stored, for machine pipelines: no ' before a text starting with "
                        "= + - @ (default: guarded for spreadsheets; also SVC_CSV_RAW=1)")
      ->envname("SVC_CSV_RAW");
  std::string codes;  // from the one table of exit codes (lib/core/error.cpp, docs/admin.md)
  for (const auto& row : exit_code_table())
    codes += fmt::format("{}{} {}", codes.empty() ? "" : row.code == kExitDataErr ? ",\n" : ", ", row.code, row.meaning);
  app.footer(
      "Examples:\n"
      "  svc init --db /var/lib/svc/svc.db\n"
      "  svc import logs/2026-11-23.csv\n"
      "  svc audit sla --fail-on breach --format json\n"
      "  svc report sla --period 2026-11 --by region --format csv\n"
      "\nExit codes: " + codes + " (docs/admin.md).");
  for (const auto& c : commands()) {
    CLI::App* sub = app.add_subcommand(c.name, c.description);
    c.setup(*sub, g);
  }
  for (const auto& x : extensions()) {
    CLI::App* parent = nullptr;
    for (auto* s : app.get_subcommands({}))
      if (s->get_name() == x.parent) parent = s;
    if (!parent) {
      parent = app.add_subcommand(x.parent, "");
      parent->require_subcommand(1);
    }
    x.setup(*parent->add_subcommand(x.name, x.description), g);
  }
  plain_numbers(&app);

  // A word where a subcommand is expected but no subcommand has that name is most
  // likely a typo: say which one was meant.
  {
    CLI::App* cur = &app;
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      if (cur == &app && (a == "--db" || a == "--config" || a == "--busy-timeout")) { ++i; continue; }
      if (a.rfind("-", 0) == 0) continue;
      auto names = subcommand_names(cur);
      if (names.empty()) break;
      if (std::find(names.begin(), names.end(), a) != names.end()) { cur = cur->get_subcommand(a); continue; }
      std::string hint = nearest(a, names);
      std::string where = cur == &app ? "svc" : "svc " + cur->get_name();
      std::cerr << fmt::format("svc: error: unknown command '{}'{}\nRun '{} --help' for the list of commands.\n", a,
                               hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), where);
      return kExitUsage;
    }
  }
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::ExtrasError& e) {
      CLI::App* at = deepest(&app);
      // An option no command here has: most likely a typo of one that it has.
      if (std::string opt = stray_option(at); !opt.empty()) return unknown_option(&app, at, opt);
      auto names = subcommand_names(at);
      auto rest = at->remaining();
      if (!names.empty() && !rest.empty()) {
        std::string hint = nearest(rest.front(), names);
        std::cerr << fmt::format("svc: error: unknown command '{}'{}\n", rest.front(),
                                 hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint));
        std::cerr << fmt::format("Run '{} --help' for the list of commands.\n", at->get_name());
        return kExitUsage;
      }
      throw;
    }
    warn_calendar_coverage(g);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    std::cout << version_text();
    return 0;
  } catch (const CLI::ValidationError& e) {
    // CLI::ExistingFile: the file named is missing, like any input file (66).
    std::string what = e.what();
    bool missing = what.find("File does not exist") != std::string::npos ||
                   what.find("Path does not exist") != std::string::npos;
    std::cerr << "svc: error: " << validation_message(what) << "\n";
    if (missing) return exit_code(ErrorKind::NotFound);
    std::cerr << "Run 'svc --help' (or 'svc COMMAND --help') for usage.\n";
    return exit_code(ErrorKind::Usage);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    // "--type is required" because --tpye was typed: say so.
    if (std::string opt = stray_option(deepest(&app)); !opt.empty()) return unknown_option(&app, deepest(&app), opt);
    std::cerr << "svc: error: " << e.what() << "\n";
    std::cerr << "Run 'svc --help' (or 'svc COMMAND --help') for usage.\n";
    return kExitUsage;
  } catch (const DataError& e) {
    for (const auto& p : e.problems) std::cerr << p << "\n";
    std::cerr << "svc: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const Error& e) {
    std::cerr << "svc: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const SQLite::Exception& e) {
    std::cerr << "svc: error: store: " << e.what() << "\n";
    return kExitSoftware;
  } catch (const std::exception& e) {
    std::cerr << "svc: error: internal: " << e.what() << "\n";
    return kExitSoftware;
  }
  return g.exit_status;
}

}  // namespace svc::cli
