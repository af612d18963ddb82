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

namespace svc::cli {

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

void setup_create(CLI::App& t, Globals& g) {
  struct Opts {
    CreateRequest r;
    std::string at, format;
    std::vector<std::string> parts;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("create", "Open a ticket (受理): prints its id; warranty and quote on stderr");
  sub->add_option("--id", o->r.ticket, "Ticket id (default: the next id from the policy's tickets.id_pattern)");
  sub->add_option("--type", o->r.type, "Service type: repair install maintenance consultation complaint return replacement")
      ->required();
  sub->add_option("--urgency", o->r.urgency, "urgent | normal (default normal)");
  sub->add_option("--channel", o->r.channel, "How the request came in: phone web app email letter onsite");
  sub->add_option("--outlet", o->r.outlet, "Service outlet responsible (must be in the master data, active)")->required();
  sub->add_option("--region", o->r.region, "Region (default: the outlet's region)");
  sub->add_option("--customer", o->r.customer, "Customer id");
  sub->add_option("--address", o->r.address, "Service address");
  sub->add_option("--distance", o->r.distance_km, "Customer's distance from the outlet in km");
  sub->add_option("--product", o->r.product, "Product model (its line and warranty come from the products table)");
  sub->add_option("--purchased", o->r.purchased, "Purchase date YYYY-MM-DD, for the warranty check");
  sub->add_option("--serial", o->r.serial,
                  "The unit's serial number (svc unit): its model, customer, region and purchase date fill the options "
                  "not given; the entitlement counts its earlier repairs");
  sub->add_option("--due", o->r.due,
                  "The ticket's own due time (a contract's or agency's promise), RFC 3339 or local 'YYYY-MM-DD HH:MM'; "
                  "a policy rule with a target of \"due\" measures against it");
  sub->add_option("--fault", o->r.fault, "The customer's fault description");
  sub->add_option("--part", o->parts, "A part expected to be needed, PART or PART:QTY, for the quote (repeatable)");
  add_force(sub, o->r.force);
  add_step_at(sub, o->at);
  sub->add_option("--format", o->format, "Output: id (just the id) or json (id, warranty, quote)")
      ->check(CLI::IsMember({"id", "json"}))
      ->default_val("id");
  sub->footer(
      "Examples:\n"
      "  svc ticket create --type repair --outlet SH-01 --channel phone --customer C-88 \\\n"
      "      --product KFR-35GW --purchased 2025-06-01 --distance 12 --fault '空调不制冷'\n"
      "  T=$(svc ticket create --type install --urgency urgent --outlet BJ-02 --quiet)\n"
      "  svc ticket create --type repair --outlet SH-01 --serial SN-0001 --fault 异响 --format json\n"
      "  svc ticket create --id T1001 --type repair --outlet SH-01 --at '2026-11-02 08:15'");
  sub->callback([&g, o] {
    check_choice(FilterKind::Type, o->r.type, "--type");
    check_choice(FilterKind::Urgency, o->r.urgency, "--urgency");
    check_choice(FilterKind::Channel, o->r.channel, "--channel");
    date_opt("--purchased", o->r.purchased);
    Policy p = load_policy(g);
    Store s = open_store(g);
    o->r.at = step_at(o->at, p);
    o->r.expected_parts = parts_of(o->parts);
    check_override(o->r.force);
    StepResult r = create_ticket(s, p, o->r);
    if (o->format == "json") {
      JsonWriter w(std::cout);
      w.begin_object();
      w.field("ticket", r.ticket);
      w.key("warranty").value(!r.warranty->known ? "unknown" : r.warranty->in_warranty ? "in" : "out");
      w.key("last_day");
      if (r.warranty->last_day) w.value(format_date(*r.warranty->last_day));
      else w.null();
      w.key("quote");
      if (r.quote) w.money(r.quote->total_cents);
      else w.null();
      w.key("serial");
      if (o->r.serial.empty()) w.null();
      else w.value(o->r.serial);
      w.key("entitlement");
      write_json(w, *r.entitlement);
      w.end_object();
      w.newline();
    } else {
      std::cout << r.ticket << "\n";
    }
    if (g.quiet) return;
    const auto& wc = *r.warranty;
    if (!wc.known)
      std::cerr << fmt::format("{}: warranty unknown (no purchase date): charged as out of warranty\n", r.ticket);
    else
      std::cerr << fmt::format("{}: {} ({} months, last day {})\n", r.ticket,
                               wc.in_warranty ? "in warranty (三包): free of charge" : "out of warranty", wc.months,
                               format_date(*wc.last_day));
    std::cerr << fmt::format("{}: entitlement: {}\n", r.ticket, entitlement_line(*r.entitlement));
    if (r.quote)
      std::cerr << fmt::format("{}: quote {} = labour {} h × {} = {} + parts {}{}\n", r.ticket,
                               format_cents(r.quote->total_cents), r.quote->labor_hours,
                               format_cents(p.warranty.labor_rate_cents), format_cents(r.quote->labor_cents),
                               format_cents(r.quote->parts_cents),
                               r.quote->unpriced.empty() ? "" : " (some parts have no list price)");
  });
}

void setup_show(CLI::App& t, Globals& g) {
  struct Opts {
    std::string ticket, as_of, format;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("show", "One ticket: state, milestones, SLA, warranty, parts, fees, full history");
  add_ticket_arg(sub, o->ticket);
  add_as_of(sub, o->as_of);
  sub->add_option("--format", o->format, "Output format: table|json")->check(CLI::IsMember({"table", "json"}))->default_val("table");
  sub->footer("Examples:\n  svc ticket show T1001\n  svc ticket show T1001 --format json --as-of 2026-11-03");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    Store s = open_store(g);
    TicketView v = load_ticket(s, p, o->ticket, as_of(o->as_of, p));
    if (o->format == "json") {
      JsonWriter w(std::cout);
      write_ticket_json(w, v, p);
      w.newline();
    } else {
      write_ticket_text(std::cout, v, p);
    }
  });
}

void setup_list(CLI::App& t, Globals& g) {
  struct Opts {
    std::string as_of, format, state, from, to, sort;
    ListFilter f;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("list", "Tickets, filtered and sorted, with their state and SLA status");
  std::vector<std::string> states = phase_names();
  states.push_back("paused");
  sub->add_option("--state", o->state, "Only tickets in this state: new responded scheduled on_site completed signed "
                                       "rework closed cancelled, or paused")
      ->check(CLI::IsMember(states));
  sub->add_option("--outlet", o->f.outlet, "Only this outlet's tickets");
  sub->add_option("--region", o->f.region, "Only this region's tickets");
  sub->add_option("--engineer", o->f.engineer, "Only tickets whose last dispatched engineer is this one");
  sub->add_option("--type", o->f.type, "Only this service type");
  sub->add_option("--urgency", o->f.urgency, "urgent | normal")->check(CLI::IsMember({"urgent", "normal"}));
  sub->add_option("--from", o->from, "Only tickets created on or after this local date (YYYY-MM-DD)");
  sub->add_option("--to", o->to, "Only tickets created on or before this local date (YYYY-MM-DD)");
  sub->add_flag("--breached", o->f.breached, "Only tickets with a breached target");
  sub->add_flag("--at-risk", o->f.at_risk, "Only tickets with an at-risk target (with --breached: either)");
  sub->add_option("--sort", o->sort, "Order: created | ticket | due | outlet | state")
      ->check(CLI::IsMember({"created", "ticket", "due", "outlet", "state"}))
      ->default_val("created");
  add_as_of(sub, o->as_of);
  add_format(sub, o->format);
  sub->footer(
      "Examples:\n"
      "  svc ticket list --state scheduled --outlet SH-01\n"
      "  svc ticket list --breached --at-risk --sort due\n"
      "  svc ticket list --from 2026-11-01 --to 2026-11-30 --region 华东 --format csv > nov.csv");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    ListFilter f = o->f;
    f.as_of = as_of(o->as_of, p);
    f.from = date_opt("--from", o->from);
    f.to = date_opt("--to", o->to);
    if (f.from && f.to && *f.from > *f.to) throw UsageError(fmt::format("--from {} is after --to {}", o->from, o->to));
    if (o->state == "paused") f.paused_only = true;
    else if (!o->state.empty()) f.phases = {*parse_phase(o->state)};
    f.sort = o->sort;
    Format fmt_ = format_of(o->format);
    check_choice(FilterKind::Type, f.type, "--type");
    Store s = open_store(g);
    check_filter(s, FilterKind::Outlet, f.outlet, "--outlet");
    check_filter(s, FilterKind::Region, f.region, "--region");
    check_filter(s, FilterKind::Engineer, f.engineer, "--engineer");
    auto rows = list_tickets(s, p, f);
    emit_view(std::cout, fmt_, [&] { return list_table(rows, p.tz, fmt_ == Format::Csv); },
              [&](JsonWriter& w) { write_list_json(w, rows, p.tz); });
  });
}

void setup_sla_one(CLI::App& t, Globals& g) {
  struct Opts {
    std::string ticket, as_of, format;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = t.add_subcommand("sla", "One ticket's SLA explained: the rule and why, each target's clock, pauses, due");
  add_ticket_arg(sub, o->ticket);
  add_as_of(sub, o->as_of);
  sub->add_option("--format", o->format, "Output format: table (the explanation) | json (spec §6)")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_val("table");
  sub->footer("Examples:\n  svc ticket sla T1001\n  svc ticket sla T1001 --as-of '2026-11-09 16:00' --format json");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    SlaAuditOptions a;
    a.as_of = as_of(o->as_of, p);
    a.ticket = o->ticket;
    a.all = true;
    a.format = format_of(o->format);
    Store s = open_store(g);
    audit_sla(s, p, a, std::cout);
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
  sub->add_option("--fee", o->r.fee, "Money collected from the customer; approved when within the fee standard");
  add_force(sub, o->r.force);
  add_step_at(sub, o->at);
  sub->footer(
      "Examples:\n"
      "  svc ticket complete T1001 --content '更换电容' --hours 1.5 --part CAP-35UF:1\n"
      "  svc ticket complete T1001 --content 'replaced fan motor' --part FM-220 --fee 260.00");
  sub->callback([&g, o] {
    Policy p = load_policy(g);
    CompleteRequest r = o->r;
    r.at = step_at(o->at, p);
    r.parts = parts_of(o->parts);
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
