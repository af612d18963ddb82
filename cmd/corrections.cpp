// svc ticket void (withdraw a recorded event) and svc audit corrections (every
// void with who, when, why and what it changed): lib/ops/corrections.hpp,
// docs/corrections.md.
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "app.hpp"
#include "corrections.hpp"
#include "error.hpp"

namespace svc::cli {

void setup_ticket_void(CLI::App& sub, Globals& g) {
  struct Opts {
    std::string ticket, event, reason, at, user, format;
  };
  auto o = std::make_shared<Opts>();
  add_ticket_arg(&sub, o->ticket);
  sub.add_option("EVENT", o->event, "Id of the event to withdraw (svc ticket show TICKET lists them)")->required();
  sub.add_option("--reason", o->reason, "Why the event was wrong (recorded as the void's note)")->required();
  add_step_at(&sub, o->at);
  sub.add_option("--user", o->user, "Who corrects it (default $SVC_USER, else $USER)");
  sub.add_option("--format", o->format, "Output format: table|json")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_val("table");
  sub.footer(
      "The event counts for nothing from the void's time (--at, default now) on; an audit as of an earlier\n"
      "instant still sees it. Then record what really happened with the ordinary step, back-dated with --at.\n"
      "Examples:\n"
      "  svc ticket show T1001                      # the History lists each event's id\n"
      "  svc ticket void T1001 4f2a9c… --reason 'labour typed as 999999 h'\n"
      "  svc ticket complete T1001 --content '更换电容' --hours 2 --at '2026-11-02 15:50'\n"
      "See docs/corrections.md.");
  sub.callback([&g, o] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    VoidRequest r;
    r.ticket = o->ticket;
    r.event_id = o->event;
    r.reason = o->reason;
    r.at = step_at(o->at, p);
    r.user = user_or_env(o->user);
    VoidResult res = void_event(s, p, r);
    if (o->format == "json") {
      JsonWriter w(std::cout);
      w.begin_object();
      w.field("ticket", res.ticket);
      w.field("voided", res.event_id);
      w.field("event", std::string(to_string(res.kind)));
      w.field("void_id", res.void_id);
      w.field("at", format_rfc3339(res.at, p.tz));
      w.field("by", r.user);
      w.field("reason", r.reason);
      w.field("effect", res.effect);
      w.key("reversed_movements").begin_array();
      for (auto m : res.reversed_movements) w.value(m);
      w.end_array();
      w.end_object();
      w.newline();
    } else if (!g.quiet) {
      std::cout << fmt::format("{}: {} {} voided (void {}): {}\n", res.ticket, to_string(res.kind), res.event_id,
                               res.void_id, res.effect);
      for (auto m : res.reversed_movements) std::cout << fmt::format("{}: parts movement #{} reversed\n", res.ticket, m);
    }
  });
}

void setup_audit_corrections(CLI::App& sub, Globals& g) {
  struct Opts {
    std::string period, as_of, by, format;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("--period", o->period,
                 "Only corrections that take effect or were recorded in this month (2026-11) or ISO week (2026-W47)");
  add_as_of(&sub, o->as_of);
  sub.add_option("--by", o->by, "Count the corrections per outlet or per user instead of listing them")
      ->check(CLI::IsMember({"outlet", "user"}));
  add_format(&sub, o->format);
  sub.footer(
      "Every correction of any kind: voids (svc ticket void, or a voided event imported from a log), training\n"
      "results withdrawn (svc training void), site update records withdrawn (svc sites update void), parts-ledger\n"
      "reversals (svc parts reverse) and assessment revisions (svc audit outlets --apply --revise), with when it\n"
      "takes effect (at: its ts, which --at may back-date) and when it was recorded, who, why and what it\n"
      "changed. --period matches either time, so a correction made in December that changes November is\n"
      "listed under both months.\n"
      "Examples:\n"
      "  svc audit corrections --period 2026-11\n"
      "  svc audit corrections --period 2026-11 --by outlet --format csv\n"
      "  svc audit corrections --format json");
  sub.callback([&g, o] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    CorrectionsFilter f;
    auto [from, to] = period_days(o->period, p);
    f.from = from, f.to = to;
    f.as_of = as_of(o->as_of, p);
    auto rows = list_corrections(s, p, f);
    Format fmt_ = format_of(o->format);
    if (!o->by.empty()) {
      std::map<std::string, int> n;
      for (auto& r : rows) ++n[o->by == "outlet" ? r.outlet : r.by];
      emit_view(
          std::cout, fmt_,
          [&] {
            Table t;
            t.headers = {o->by, "corrections"};
            t.align = {Align::Left, Align::Right};
            for (auto& [k, c] : n) t.add({k, std::to_string(c)});
            return t;
          },
          [&](JsonWriter& w) {
            w.begin_object();
            w.field("by", o->by);
            w.key("groups").begin_array();
            for (auto& [k, c] : n) {
              w.begin_object();
              w.field("key", k);
              w.field("corrections", c);
              w.end_object();
            }
            w.end_array();
            w.end_object();
          });
      return;
    }
    emit_view(
        std::cout, fmt_,
        [&] {
          Table t;
          t.headers = {"at", "recorded", "kind", "ticket", "outlet", "withdrawn", "event", "by", "reason", "effect"};
          for (auto& r : rows)
            t.add({format_local_minutes(r.at, p.tz), r.recorded ? format_local_minutes(*r.recorded, p.tz) : "",
                   r.kind, r.ticket, r.outlet, r.target, r.target_kind, r.by, r.reason, r.effect});
          return t;
        },
        [&](JsonWriter& w) {
          w.begin_object();
          w.key("corrections").begin_array();
          for (auto& r : rows) {
            w.begin_object();
            w.field("kind", r.kind);
            w.field("id", r.id);
            w.field("at", format_rfc3339(r.at, p.tz));
            w.key("recorded");
            if (r.recorded) w.value(format_rfc3339(*r.recorded, p.tz));
            else w.null();
            w.key("ticket");
            if (r.ticket.empty()) w.null();
            else w.value(r.ticket);
            w.key("outlet");
            if (r.outlet.empty()) w.null();
            else w.value(r.outlet);
            w.field("withdrawn", r.target);
            w.field("event", r.target_kind);
            w.key("by");
            if (r.by.empty()) w.null();
            else w.value(r.by);
            w.field("reason", r.reason);
            w.field("effect", r.effect);
            w.end_object();
          }
          w.end_array();
          w.end_object();
        });
  });
}

}  // namespace svc::cli
