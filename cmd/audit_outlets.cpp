// svc audit outlets: computes a period's outlet assessment and, with --apply,
// records it and its money exactly once (--revise --reason adds a revision).
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "money.hpp"
#include "assessment_changes.hpp"
#include "assessment_store.hpp"
#include "error.hpp"
#include "period.hpp"
#include "report_data.hpp"

namespace svc::cli {

void setup_audit_outlets(CLI::App& sub, Globals& g) {
  struct Options {
    std::string period, as_of, format, reason, fail_on;
    bool apply = false, revise = false;
  };
  auto o = std::make_shared<Options>();
  sub.add_option("--period", o->period, "A month YYYY-MM (2026-11) or an ISO week YYYY-Www (2026-W47)")->required();
  sub.add_flag("--apply", o->apply, "Record the assessment and its money (once per period)");
  sub.add_flag("--revise", o->revise, "With --apply: record a new revision of an applied period, keeping the old");
  sub.add_option("--reason", o->reason, "Why the assessment is revised (required with --revise)");
  sub.add_option("--fail-on", o->fail_on,
                 "changed: exit 1 when the period was applied and corrections recorded since change it (for cron)")
      ->check(CLI::IsMember({"changed"}));
  add_as_of(&sub, o->as_of);
  add_format(&sub, o->format);
  sub.footer(
      "Examples:\n"
      "  svc audit outlets --period 2026-11                 # preview, records nothing\n"
      "  svc audit outlets --period 2026-11 --apply\n"
      "  svc audit outlets --period 2026-11 --apply --revise --reason \"late follow-up calls imported\"\n"
      "  svc audit outlets --period 2026-11 --as-of 2026-12-04 --apply    # as of the day it settles\n"
      "--apply is refused (exit 75, try later) until the period has ended plus [assessment]\n"
      "settle_days (default 3: 2026-11 from 2026-12-04 00:00 local), and for an --as-of in the future.\n"
      "A second --apply of the same period changes nothing (exit 0); the payouts are in\n"
      "'svc report payouts --period 2026-11 --format csv'.\n"
      "An applied period whose tickets were corrected afterwards (a void recorded later but in effect by the\n"
      "record's as-of) is said to have changed, with the corrections and the outlets they change (table: a\n"
      "paragraph; csv: applied_revision, changed_by; json: applied); --fail-on changed exits 1 then:\n"
      "  svc audit outlets --period 2026-11 --fail-on changed --format csv || mail -s 'November changed' finance");
  sub.callback([o, &g] {
    if (o->revise && !o->apply) throw UsageError("--revise goes with --apply");
    if (!o->reason.empty() && !o->revise) throw UsageError("--reason goes with --revise");
    if (o->revise && o->reason.empty()) throw UsageError("--revise needs --reason \"why the assessment is revised\"");
    Policy p = load_policy(g);
    Period period = parse_period(o->period, p.tz);
    Instant at = as_of(o->as_of, p);
    Format f = format_of(o->format);
    Store store = open_store(g);
    // A period recorded before it settled (by an older svc) is said on every run, even with --quiet.
    auto warn_early = [&] {
      if (auto rec = latest_assessment(store, period.label))
        if (auto note = recorded_too_early(*rec, period, p)) std::cerr << "svc: warning: " << *note << "\n";
    };
    // A recorded period corrected since: said on stderr in every format, exit 1 with --fail-on changed.
    auto say_changed = [&](const std::optional<AppliedStatus>& a) {
      std::string w = applied_warning(a, period, p);
      if (w.empty()) return;
      std::cerr << "svc: warning: " << w << "\n";
      if (o->fail_on == "changed") g.exit_status = kExitFindings;
    };
    if (!o->apply) {
      OutletReport r = outlet_report(store, p, period, at);
      auto applied = applied_status(store, p, period);
      if (f == Format::Csv) {
        Table t = outlets_csv(r);
        add_applied_columns(t, applied);
        write_csv(std::cout, t);
      } else {
        write_outlet_report(std::cout, f, r, p, [&](JsonWriter& w) { write_applied_json(w, applied, p); });
        if (f == Format::Table) write_applied_text(std::cout, applied, period, p);
      }
      warn_early();
      say_changed(applied);
      if (!g.quiet) {
        Instant settled = settled_at(period, p);
        if (svc::now() < settled)
          std::cerr << fmt::format("not final: {} can be applied from {} ([assessment] settle_days)\n", period.label,
                                   format_rfc3339_s(settled, p.tz));
        std::cerr << fmt::format("not recorded: add --apply to record the assessment of {}\n", period.label);
      }
      return;
    }
    check_can_apply(period, at, svc::now(), p);
    OutletReport r = outlet_report(store, p, period, at);
    // (a --revise of a period never applied is refused first, as a usage error, by record_assessment)
    if (!o->revise || latest_assessment(store, period.label)) check_assessable(store, period, r.outlets, p);
    ApplyResult res = record_assessment(store, period.label, at, svc::now(), r.outlets, o->revise, o->reason);
    if (!res.recorded) say_changed(applied_status(store, p, period));
    std::int64_t net = 0;
    for (const auto& x : res.record.outlets) add_to(net, x.net_cents(), "the assessment's net total");
    if (f == Format::Json) {
      JsonWriter w(std::cout);
      w.begin_object();
      w.field("period", res.record.period);
      w.field("revision", res.record.revision);
      w.field("recorded", res.recorded);
      w.field("outlets", std::int64_t(res.record.outlets.size()));
      w.key("net").money(net);
      w.end_object();
      w.newline();
      return;
    }
    if (!res.recorded) warn_early();
    if (res.recorded)
      std::cout << fmt::format("recorded the assessment of {} as revision {}: {} outlets, net {}\n", period.label,
                               res.record.revision, res.record.outlets.size(), format_cents(net));
    else
      std::cout << fmt::format("{} was already applied (revision {}, recorded {}); nothing changed. Use --revise "
                               "--reason \"…\" to record a new revision.\n",
                               period.label, res.record.revision, format_rfc3339_s(res.record.at, p.tz));
  });
}

}  // namespace svc::cli
