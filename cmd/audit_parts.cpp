// svc audit parts: unconsumed issues, old parts not brought back, overdue
// supplier claims, part_used events without an issue, and the bookkeeping
// checks of the parts ledger (docs/parts.md).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>
#include <set>
#include <sstream>

#include "app.hpp"
#include "error.hpp"
#include "parts_audit.hpp"

namespace svc::cli {

void setup_audit_parts(CLI::App& sub, Globals& g) {
  struct O {
    std::string as_of, format;
    std::vector<std::string> fail_on;
  };
  auto o = std::make_shared<O>();
  add_as_of(&sub, o->as_of);
  add_format(&sub, o->format);
  std::vector<std::string> choices = parts_check_names();
  choices.insert(choices.begin(), "any");
  sub.add_option("--fail-on", o->fail_on,
                 fmt::format("Exit 1 when there is a finding of these checks ({}); repeat or separate by commas",
                             fmt::join(choices, ", ")))
      ->delimiter(',')
      ->check(CLI::IsMember(choices));
  sub.footer(
      "Examples:\n"
      "  svc audit parts\n"
      "  svc audit parts --as-of 2026-11-30 --format csv\n"
      "  svc audit parts --fail-on any            # cron: exit 1 on any finding\n"
      "  svc audit parts --fail-on balance-mismatch,valuation-mismatch\n"
      "\nChecks: unconsumed-issue (parts.unconsumed_days), old-part-overdue (parts.old_part_days, claimable parts),\n"
      "claim-overdue (parts.claim_days), unlinked-part-used, balance-mismatch, valuation-mismatch.");
  sub.callback([&g, o] {
    Policy p = load_policy(g);
    Instant at = as_of(o->as_of, p);
    Store s = open_store(g);
    auto fs = audit_parts(s, p, at);
    Format f = format_of(o->format);
    auto when = [&](Instant t) {
      if (!t) return std::string();
      return f == Format::Table ? format_local_minutes(t, p.tz) : format_rfc3339(t, p.tz);
    };
    Table t;
    t.headers = {"check", "warehouse", "part", "ticket", "ref", "since", "due", "detail"};
    for (const auto& x : fs)
      t.add({std::string(to_string(x.check)), x.warehouse, x.part, x.ticket, x.ref, when(x.since), when(x.due),
             x.detail});
    emit_table(std::cout, f, t);
    std::set<std::string> fail(o->fail_on.begin(), o->fail_on.end());
    for (const auto& x : fs)
      if (fail.count("any") || fail.count(std::string(to_string(x.check)))) g.exit_status = kExitFindings;
    if (!g.quiet && f == Format::Table && fs.empty()) std::cerr << "svc: parts audit clean\n";
  });
}

}  // namespace svc::cli
