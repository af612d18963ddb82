#include "app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "error.hpp"

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
      {"cost", "Record and list other costs of a ticket: travel, transport, compensation", setup_cost},
      {"outlet", "Service outlets (网点): add, list, show, update, import from CSV", setup_outlet},
      {"engineer", "Engineers of the outlets: add, list, show, update, import from CSV", setup_engineer},
      {"region", "Regions of the outlets and their group leaders", setup_region},
      {"product", "Product models: line, skills needed, 三包 terms; add, import, list, show", setup_product},
      {"unit", "The installed base by serial: add, import, list, show (entitlement), history", setup_unit},
      {"customer", "Customers: add, import, list, show (their units and tickets)", setup_customer},
      {"config", "Show the effective policy or check a policy file", setup_config},
      {"admin", "Maintenance: rebuild the tickets projection", setup_admin},
      {"version", "Print the version, the schema version and the SQLite version", setup_version},
      {"parts", "Spare parts: catalogue, receipts, transfers, issues, returns, stock-takes, claims", setup_parts},
      {"maint", "Planned maintenance: assets, plans, what is due, generating tickets, visit records", setup_maint},
      {"training", "Training: yearly plans, sessions, results and grades, retraining, archive", setup_training},
      {"sites", "Software updates at customer sites: record, list", setup_sites},
      {"completion", "Print the bash or zsh completion script (subcommands, options, choices, ids)", setup_completion},
      {"man", "Write the manual page svc(1) in roff (used by the build; hidden)", setup_man},
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

std::vector<std::string> subcommand_names(CLI::App* app) {
  std::vector<std::string> names;
  for (auto* sub : app->get_subcommands({})) names.push_back(sub->get_name());
  return names;
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
      ->check(CLI::NonNegativeNumber);
  app.add_flag("-q,--quiet", g.quiet, "No progress or summaries on stderr");
  app.footer(
      "Examples:\n"
      "  svc init --db /var/lib/svc/svc.db\n"
      "  svc import logs/2026-11-23.csv\n"
      "  svc audit sla --fail-on breach --format json\n"
      "  svc report sla --period 2026-11 --by region --format csv\n"
      "\nExit codes: 0 ok, 1 findings (with --fail-on), 2 usage, 65 bad input data, 66 input missing,\n"
      "69 store unusable, 70 internal error, 75 store busy.");
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
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    std::cout << version_text();
    return 0;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
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
