// svc ticket: one service ticket's life by commands — create, the steps of the
// state machine, show, list, and its SLA explained. Every step appends the
// spec's events through the importer (lib/ops/ticket.hpp, docs/tickets.md).
#include <fmt/format.h>

#include <functional>
#include <memory>

#include "app.hpp"
#include "audit.hpp"
#include "error.hpp"
#include "installed_base.hpp"
#include "filters.hpp"
#include "ticket.hpp"
#include "ticket_common.hpp"

namespace svc::cli {

namespace ticket_detail {

std::optional<Day> date_opt(const std::string& opt, const std::string& v) {
  if (v.empty()) return std::nullopt;
  auto d = parse_date(v);
  if (!d) throw UsageError(fmt::format("{} '{}': {}", opt, v, date_problem(v)));
  return d;
}

std::vector<std::pair<std::string, std::int64_t>> parts_of(const std::vector<std::string>& v) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (auto& s : v) out.push_back(parse_part_qty(s));
  return out;
}

}  // namespace ticket_detail

using namespace ticket_detail;

namespace {

void report(const Globals& g, const StepResult& r) {
  if (g.quiet) return;
  std::string events;
  for (auto& e : r.events) {
    if (!events.empty()) events += ", ";
    events += e;
  }
  std::cerr << fmt::format("{}: {} -> {}{}\n", r.ticket, events.empty() ? "recorded" : events, to_string(r.phase),
                           r.paused ? " (paused)" : "");
  if (!r.info.empty()) std::cerr << fmt::format("{}: {}\n", r.ticket, r.info);
}

using Simple = StepResult (*)(Store&, const Policy&, const std::string&, Instant, const std::string&);

// A step on one ticket: TICKET, the step's own options (declared by
// `options` into an Opts), --at; its callback loads the policy, opens the
// store and reports what `run` recorded.
template <class Opts>
void step_command(CLI::App& t, Globals& g, const char* name, const char* desc, const std::string& footer,
                  const std::function<void(CLI::App*, Opts&)>& options,
                  const std::function<StepResult(Store&, const Policy&, const std::string&, Instant, const Opts&)>& run) {
  struct All {
    std::string ticket, at;
    Opts o{};
  };
  auto a = std::make_shared<All>();
  auto* sub = t.add_subcommand(name, desc);
  add_ticket_arg(sub, a->ticket);
  options(sub, a->o);
  add_step_at(sub, a->at);
  sub->footer(footer);
  sub->callback([&g, a, run] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    report(g, run(s, p, a->ticket, step_at(a->at, p), a->o));
  });
}

// A step that takes only the ticket, --at and one text option.
void simple_step(CLI::App& t, Globals& g, const char* name, const char* desc, const char* text_opt,
                 const char* text_help, bool required, Simple fn, const char* examples) {
  step_command<std::string>(
      t, g, name, desc, std::string("Examples:\n") + examples,
      [=](CLI::App* sub, std::string& text) {
        auto* opt = sub->add_option(text_opt, text, text_help);
        if (required) opt->required();
      },
      [fn](Store& s, const Policy& p, const std::string& ticket, Instant at, const std::string& text) {
        return fn(s, p, ticket, at, text);
      });
}

void setup_schedule(CLI::App& t, Globals& g) {
  struct Opts {
    std::string ticket, at, window;
    ScheduleRequest r;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("schedule", "Agree an appointment window (and send an engineer); reschedule with a reason");
  add_ticket_arg(sub, o->ticket);
  sub->add_option("--window", o->window, "Appointment window START/END, e.g. '2026-11-23 14:00/16:00'")->required();
  sub->add_option("--engineer", o->r.engineer, "Send this engineer (writes a dispatched event)");
  sub->add_option("--reason", o->r.reason, "Why the appointment moves (required for a reschedule)");
  sub->add_flag("--consent", o->r.consent,
                "The customer asked for / agreed to the reschedule: the clock pauses until the new window starts");
  add_step_at(sub, o->at);
  sub->footer(
      "Examples:\n"
      "  svc ticket schedule T1001 --window '2026-11-23 14:00/16:00' --engineer E-017\n"
      "  svc ticket schedule T1001 --window '2026-11-25 09:00/11:00' --reason '客户出差' --consent");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    ScheduleRequest r = o->r;
    r.at = step_at(o->at, p);
    std::tie(r.window_from, r.window_to) = parse_window(o->window, p.tz);
    Store s = open_store(g);
    report(g, schedule_ticket(s, p, o->ticket, r));
  });
}

void setup_complete(CLI::App& t, Globals& g) {
  struct Opts {
    std::string ticket, at;
    std::vector<std::string> parts;
    CompleteRequest r;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("complete", "The engineer finished: service report, labour hours, parts fitted, fee");
  add_ticket_arg(sub, o->ticket);
  sub->add_option("--content", o->r.content, "What was done (the service report)")->required();
  sub->add_option("--hours", o->r.labor_hours, "Labour hours");
  sub->add_option("--part", o->parts, "A part fitted, PART or PART:QTY (repeatable): a part_used event each");
  sub->add_option("--fee", o->r.fee,
                  "Money collected from the customer; approved when within the fee standard; refused on work the "
                  "三包 entitlement covers (--force --reason records it, an integrity finding)");
  sub->add_option("--new-serial", o->r.new_serial,
                  "An exchange (replacement ticket): the serial of the unit given in exchange (required for one)");
  sub->add_option("--new-model", o->r.new_model,
                  "An exchange: the new unit's model when not the old one's (needs --force --reason)");
  add_force(sub, o->r.force);
  add_step_at(sub, o->at);
  sub->footer(
      "Examples:\n"
      "  svc ticket complete T1001 --content '更换电容' --hours 1.5 --part CAP-35UF:1\n"
      "  svc ticket complete X1 --content '换新机' --new-serial SN-0100\n"
      "  svc ticket complete T1001 --content 'replaced fan motor' --part FM-220 --fee 260.00");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    CompleteRequest r = o->r;
    r.at = step_at(o->at, p);
    r.parts = parts_of(o->parts);
    r.user = user_or_env();
    check_override(r.force);
    Store s = open_store(g);
    report(g, complete_ticket(s, p, o->ticket, r));
  });
}

struct SignOpts {
  std::string reason;
  bool force = false;
};

void setup_sign(CLI::App& t, Globals& g) {
  step_command<SignOpts>(
      t, g, "sign", "The customer signed the service report (acceptance)",
      "Examples:\n  svc ticket sign T1001\n  svc ticket sign T1001 --force --reason 'paper report signed on site'",
      [](CLI::App* sub, SignOpts& o) {
        sub->add_flag("--force", o.force, "Record a signature before completion (an integrity finding); needs --reason");
        sub->add_option("--reason", o.reason, "Why (with --force)");
      },
      [](Store& s, const Policy& p, const std::string& ticket, Instant at, const SignOpts& o) {
        return sign_ticket(s, p, ticket, at, o.force, o.reason);
      });
}

struct FollowUpOpts {
  std::string satisfaction, comment;
};

void setup_follow_up(CLI::App& t, Globals& g) {
  step_command<FollowUpOpts>(
      t, g, "follow-up", "The follow-up call (回访): satisfaction 1-5 and a comment",
      "Example:\n  svc ticket follow-up T1001 --satisfaction 5 --comment '师傅很专业'",
      [](CLI::App* sub, FollowUpOpts& o) {
        sub->add_option("--satisfaction", o.satisfaction, "The customer's rating 1-5")->required();
        sub->add_option("--comment", o.comment, "What the customer said");
      },
      [](Store& s, const Policy& p, const std::string& ticket, Instant at, const FollowUpOpts& o) {
        return follow_up_ticket(s, p, ticket, at, o.satisfaction, o.comment);
      });
}

void setup_complain(CLI::App& t, Globals& g) {
  struct Opts {
    std::string ticket, at;
    ComplainRequest r;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("complain", "Record a complaint about this ticket's service (then track it with 'complaint')");
  add_ticket_arg(sub, o->ticket);
  sub->add_option("--responsible", o->r.responsible, "yes | no: the service's own fault (确属服务责任)")
      ->required()
      ->check(CLI::IsMember({"yes", "no"}));
  sub->add_option("--number", o->r.number, "Complaint number (default TICKET-C<n>)");
  sub->add_option("--text", o->r.text, "What the customer complained about");
  sub->add_option("--category", o->r.category, "A [complaints] category key, e.g. attitude (default: classify it later)");
  sub->add_option("--channel", o->r.channel, "How it came in: phone web app email letter onsite (default: the ticket's)");
  add_step_at(sub, o->at);
  sub->footer("Example:\n  svc ticket complain T1001 --responsible yes --number CP-2026-0042 --text '工程师迟到两小时'");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    ComplainRequest r = o->r;
    r.at = step_at(o->at, p);
    Store s = open_store(g);
    report(g, complain_ticket(s, p, o->ticket, r));
  });
}

void setup_complaint(CLI::App& t, Globals& g) {
  struct Opts {
    std::string number, at, investigation, plan, resolution, owner, deadline;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("complaint", "Track a complaint: investigation, then plan (owner, deadline), then resolution");
  sub->add_option("NUMBER", o->number, "Complaint number")->required();
  auto* i = sub->add_option("--investigation", o->investigation, "What the investigation found");
  auto* pl = sub->add_option("--plan", o->plan, "The corrective plan (with --owner and --deadline)");
  auto* rs = sub->add_option("--resolution", o->resolution, "How it was resolved");
  i->excludes(pl)->excludes(rs);
  pl->excludes(rs);
  sub->add_option("--owner", o->owner, "Who is responsible for the plan");
  sub->add_option("--deadline", o->deadline, "The plan's deadline, YYYY-MM-DD");
  add_step_at(sub, o->at);
  sub->footer(
      "Examples:\n"
      "  svc ticket complaint CP-2026-0042 --investigation '派单延误 40 分钟'\n"
      "  svc ticket complaint CP-2026-0042 --plan '调整派单规则' --owner 王经理 --deadline 2026-11-30\n"
      "  svc ticket complaint CP-2026-0042 --resolution '已致歉并赠送延保'");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    ComplaintStepRequest r;
    r.at = step_at(o->at, p);
    if (!o->investigation.empty()) r.step = ComplaintStep::Investigation, r.text = o->investigation;
    else if (!o->plan.empty()) r.step = ComplaintStep::Plan, r.text = o->plan;
    else if (!o->resolution.empty()) r.step = ComplaintStep::Resolution, r.text = o->resolution;
    else throw UsageError("give one of --investigation, --plan or --resolution");
    r.owner = o->owner;
    r.deadline = date_opt("--deadline", o->deadline);
    Store s = open_store(g);
    report(g, complaint_step(s, p, o->number, r));
  });
}

struct PauseOpts {
  std::string reason;
  bool consent = false;
};

void setup_pause(CLI::App& t, Globals& g) {
  step_command<PauseOpts>(
      t, g, "pause", "Stop the clock: waiting on the customer or on parts, with the customer's consent",
      "Example:\n  svc ticket pause T1001 --reason '等待压缩机到货' --consent",
      [](CLI::App* sub, PauseOpts& o) {
        sub->add_option("--reason", o.reason, "What the ticket waits for")->required();
        sub->add_flag("--consent", o.consent, "The customer agreed (required)");
      },
      [](Store& s, const Policy& p, const std::string& ticket, Instant at, const PauseOpts& o) {
        return pause_ticket(s, p, ticket, at, o.reason, o.consent);
      });
}

struct PhoneOpts {
  std::string guidance, hours;
  LimitOverride force;
};

void setup_resolve_by_phone(CLI::App& t, Globals& g) {
  step_command<PhoneOpts>(
      t, g, "resolve-by-phone", "A simple fault solved by phone guidance: completed, follow-up call due soon after",
      "Example:\n  svc ticket resolve-by-phone T1001 --guidance '指导用户重置遥控器'",
      [](CLI::App* sub, PhoneOpts& o) {
        sub->add_option("--guidance", o.guidance, "What the customer was guided to do")->required();
        sub->add_option("--hours", o.hours, "Labour hours spent on the call");
        add_force(sub, o.force);
      },
      [](Store& s, const Policy& p, const std::string& ticket, Instant at, const PhoneOpts& o) {
        check_override(o.force);
        return resolve_by_phone(s, p, ticket, at, o.guidance, o.hours, o.force);
      });
}

}  // namespace

void setup_ticket(CLI::App& t, Globals& g) {
  t.require_subcommand(1);
  t.footer(
      "Examples:\n"
      "  T=$(svc ticket create --type repair --outlet SH-01 --fault '不制冷' --quiet)\n"
      "  svc ticket respond $T --note '已电话联系'\n"
      "  svc ticket schedule $T --window '2026-11-23 14:00/16:00' --engineer E-017\n"
      "  svc ticket arrive $T && svc ticket complete $T --content '更换电容' --part CAP-35UF\n"
      "  svc ticket sign $T && svc ticket follow-up $T --satisfaction 5 && svc ticket close $T\n"
      "  svc ticket show $T\n"
      "States and allowed steps: docs/tickets.md.");
  setup_create(t, g);
  setup_show(t, g);
  setup_list(t, g);
  setup_sla_one(t, g);
  simple_step(t, g, "respond", "First real contact with the customer (call back)", "--note", "What was agreed", false,
              respond_ticket, "  svc ticket respond T1001 --note '预约 11-02 下午'");
  setup_schedule(t, g);
  simple_step(t, g, "arrive", "The engineer arrived on site", "--note", "A note", false, arrive_ticket,
              "  svc ticket arrive T1001 --at '2026-11-02 14:30'");
  setup_complete(t, g);
  setup_sign(t, g);
  simple_step(t, g, "reject", "The customer refused acceptance: rework needed", "--reason", "What was not accepted",
              true, reject_ticket, "  svc ticket reject T1001 --reason '仍有异响'");
  setup_follow_up(t, g);
  setup_complain(t, g);
  setup_complaint(t, g);
  simple_step(t, g, "reopen", "Open a completed or closed ticket again", "--reason", "Why", true, reopen_ticket,
              "  svc ticket reopen T1001 --reason '故障复发'");
  simple_step(t, g, "cancel", "The request was withdrawn (final)", "--reason", "Why", true, cancel_ticket,
              "  svc ticket cancel T1001 --reason '客户自行解决'");
  simple_step(t, g, "close", "Close a completed ticket", "--note", "A note", false, close_ticket,
              "  svc ticket close T1001");
  simple_step(t, g, "note", "Add a free-text note (no event)", "--text", "The note", true, note_ticket,
              "  svc ticket note T1001 --text '客户要求上午上门'");
  setup_pause(t, g);
  simple_step(t, g, "resume", "Start the clock again after a pause", "--note", "A note", false, resume_ticket,
              "  svc ticket resume T1001 --note '配件已到'");
  setup_resolve_by_phone(t, g);
}

}  // namespace svc::cli
