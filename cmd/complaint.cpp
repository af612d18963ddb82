// svc complaint: the complaint register (list, show, and the steps of a
// complaint's handling) and svc audit complaints (docs/complaints.md).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app.hpp"
#include "complaints.hpp"
#include "error.hpp"
#include "period.hpp"

namespace svc::cli {

namespace {

struct StepOpts {
  std::string number, at, text, category, responsible, department, person, deadline, approved_by, verdict, user;
};

void step_command(CLI::App* c, Globals& g, ComplaintStep step, const char* name, const char* desc, const char* example) {
  auto o = std::make_shared<StepOpts>();
  auto* sub = c->add_subcommand(name, desc);
  sub->add_option("NUMBER", o->number, "Complaint number (svc complaint list)")->required();
  const bool close = step == ComplaintStep::Close;
  auto* text = sub->add_option("--text", o->text, close ? "A closing note" : "What was said or done");
  if (!close) text->required();
  if (step == ComplaintStep::Ack)
    sub->add_option("--category", o->category, "Classify it: a [complaints] category key (svc config show)");
  if (step == ComplaintStep::Investigation)
    sub->add_option("--responsible", o->responsible, "yes | no: what the investigation found (确属服务责任)")
        ->check(CLI::IsMember({"yes", "no"}));
  if (step == ComplaintStep::Plan) {
    sub->add_option("--department", o->department, "The responsible department");
    sub->add_option("--owner", o->person, "The responsible person")->required();
    sub->add_option("--deadline", o->deadline, "The plan's deadline, YYYY-MM-DD")->required();
    sub->add_option("--approved-by", o->approved_by, "Who approved the plan");
  }
  if (step == ComplaintStep::FollowUp)
    sub->add_option("--verdict", o->verdict, "The customer's verdict: satisfied | unsatisfied")
        ->required()
        ->check(CLI::IsMember({"satisfied", "unsatisfied"}));
  sub->add_option("--user", o->user, "Who records it (default $SVC_USER, $USER)");
  add_step_at(sub, o->at);
  sub->footer(fmt::format("Example:\n  {}", example));
  sub->callback([&g, o, step] {
    Policy p = load_policy(g);
    ComplaintStepRequest r;
    r.step = step;
    r.at = step_at(o->at, p);
    r.text = o->text;
    r.category = o->category;
    r.responsible = o->responsible;
    r.department = o->department;
    r.owner = o->person;
    if (!o->deadline.empty()) r.deadline = date_option(o->deadline, "--deadline");
    r.approved_by = o->approved_by;
    r.verdict = o->verdict;
    r.user = user_or_env(o->user);
    Store s = open_store(g);
    StepResult res = record_complaint_step(s, p, o->number, r);
    if (!g.quiet) std::cerr << res.info << "\n";
  });
}

}  // namespace

void setup_complaint_register(CLI::App& c, Globals& g) {
  c.require_subcommand(1);
  {
    struct Opts {
      std::string as_of, category, outlet, period, format;
      bool open = false, overdue = false;
    };
    auto o = std::make_shared<Opts>();
    auto* sub = c.add_subcommand("list", "The register: every complaint with its category, status and clocks");
    sub->add_flag("--open", o->open, "Only complaints not closed (whatever their ticket's state)");
    sub->add_flag("--overdue", o->overdue, "Only complaints with a clock past due (svc audit complaints)");
    sub->add_option("--category", o->category, "Only this category key ('unclassified': not classified yet)");
    sub->add_option("--outlet", o->outlet, "Only complaints about this outlet's tickets");
    sub->add_option("--period", o->period, "Only complaints received in a month YYYY-MM or ISO week YYYY-Www");
    add_as_of(sub, o->as_of);
    add_format(sub, o->format);
    sub->footer(
        "Examples:\n"
        "  svc complaint list --open\n"
        "  svc complaint list --period 2026-11 --category attitude --format csv");
    sub->callback([&g, o] {
      Policy p = load_policy(g);
      Format f = format_of(o->format);
      Instant at = as_of(o->as_of, p);
      ComplaintFilter cf;
      cf.open_only = o->open;
      cf.overdue_only = o->overdue;
      cf.outlet = o->outlet;
      if (!o->category.empty() && o->category != "unclassified") {
        try {  // a filter: a bad value is a bad command line (exit 2), as for every listing
          check_category(p, o->category, "--category");
        } catch (const DataError& e) {
          throw UsageError(e.what());
        }
      }
      cf.category = o->category;
      if (!o->period.empty()) {
        Period per = parse_period(o->period, p.tz);
        cf.from = per.start, cf.until = per.end;
      }
      Store s = open_store(g);
      check_filter(s, FilterKind::Outlet, o->outlet, "--outlet");
      emit_table(std::cout, f, complaint_list_table(read_complaints(s, p, at, cf), p, at));
    });
  }
  {
    struct Opts {
      std::string number, as_of, format;
    };
    auto o = std::make_shared<Opts>();
    auto* sub = c.add_subcommand("show", "One complaint: its register entry, clocks and whole history");
    sub->add_option("NUMBER", o->number, "Complaint number")->required();
    add_as_of(sub, o->as_of);
    sub->add_option("--format", o->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    sub->footer("Example:\n  svc complaint show T1001-C1 --format json");
    sub->callback([&g, o] {
      Policy p = load_policy(g);
      Instant at = as_of(o->as_of, p);
      Store s = open_store(g);
      ComplaintRecord r = get_complaint(s, p, o->number, at);
      if (o->format == "json") write_complaint_json(std::cout, r, p, at);
      else write_complaint_text(std::cout, r, p, at);
    });
  }
  step_command(&c, g, ComplaintStep::Ack, "ack", "The first reply to the customer (在第一时间答复客户); may classify it",
               "svc complaint ack T1001-C1 --text '已致电用户致歉' --category attitude");
  step_command(&c, g, ComplaintStep::Investigation, "investigate", "What the investigation found",
               "svc complaint investigate T1001-C1 --text '工程师迟到两小时' --responsible yes");
  step_command(&c, g, ComplaintStep::Plan, "plan",
               "The plan: responsible department and person, deadline, who approved it",
               "svc complaint plan T1001-C1 --text '更换工程师并上门致歉' --department 服务部 --owner 王经理 "
               "--deadline 2026-11-30 --approved-by 李总");
  step_command(&c, g, ComplaintStep::Resolution, "resolve", "How it was resolved",
               "svc complaint resolve T1001-C1 --text '已上门致歉并赠送延保'");
  step_command(&c, g, ComplaintStep::FollowUp, "follow-up", "The follow-up with the customer and their verdict",
               "svc complaint follow-up T1001-C1 --text '回访用户' --verdict satisfied");
  step_command(&c, g, ComplaintStep::Close, "close", "Close it (after the follow-up); nothing more is recorded",
               "svc complaint close T1001-C1");
}

void setup_audit_complaints(CLI::App& sub, Globals& g) {
  struct Opts {
    std::string as_of, outlet, format, fail_on;
  };
  auto o = std::make_shared<Opts>();
  add_as_of(&sub, o->as_of);
  sub.add_option("--outlet", o->outlet, "Only complaints about this outlet's tickets");
  sub.add_option("--fail-on", o->fail_on, "Exit 1 when a clock is past due: for cron")
      ->check(CLI::IsMember({"overdue"}));
  add_format(&sub, o->format);
  sub.footer(
      "Findings: reply_overdue (no reply within the category's first_reply), plan_overdue (not resolved by the\n"
      "plan's deadline), resolution_overdue (not resolved within the category's resolution), follow_up_overdue\n"
      "(resolved, no follow-up within [complaints] follow_up). See docs/complaints.md.\n"
      "Examples:\n"
      "  svc audit complaints\n"
      "  svc audit complaints --fail-on overdue --quiet || mail -s 'complaints overdue' service@example.com");
  sub.callback([o, &g] {
    Policy p = load_policy(g);
    Format f = format_of(o->format);
    Instant at = as_of(o->as_of, p);
    Store s = open_store(g);
    check_filter(s, FilterKind::Outlet, o->outlet, "--outlet");
    ComplaintFilter cf;
    cf.outlet = o->outlet;
    cf.overdue_only = true;
    Table t = complaint_audit_table(read_complaints(s, p, at, cf), p, at);
    emit_table(std::cout, f, t);
    if (f != Format::Table && !g.quiet)
      std::cerr << fmt::format("{} overdue complaint clock{}\n", t.rows.size(), t.rows.size() == 1 ? "" : "s");
    if (o->fail_on == "overdue" && !t.rows.empty()) g.exit_status = kExitFindings;
  });
}

}  // namespace svc::cli
