// svc training plan|session|result|list|archive and svc report training.
// See docs/training.md.
#include <fmt/format.h>

#include <memory>
#include <set>

#include "app.hpp"
#include "error.hpp"
#include "masterdata.hpp"
#include "training.hpp"

namespace svc::cli {

void setup_training(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  svc training plan --year 2026 --topic repair --title 变频空调维修 --month 3\n"
      "  svc training session S-0315 --plan 1 --date 2026-03-15 --attendee E-017,E-018\n"
      "  svc training result --session S-0315 --engineer E-017 --method written --score 86\n"
      "  svc training void --session S-0315 --engineer E-017 --method written --reason '86 typed as 68'\n"
      "  svc training archive --engineer E-017\n"
      "  svc audit training --fail-on finding");
  const std::vector<std::string> topics(kTrainingTopics.begin(), kTrainingTopics.end());
  const std::vector<std::string> methods(kTrainingMethods.begin(), kTrainingMethods.end());

  struct PlanOptions {
    int year = 0, month = 0;
    std::string topic, title;
  };
  auto p = std::make_shared<PlanOptions>();
  auto* plan = sub.add_subcommand("plan", "Add a course to a year's training plan; prints its plan number");
  plan->add_option("--year", p->year, "Plan year")->required();
  plan->add_option("--topic", p->topic, "product | repair | communication | process | quality")
      ->required()
      ->check(CLI::IsMember(topics));
  plan->add_option("--title", p->title, "Course title")->required();
  plan->add_option("--month", p->month, "Planned month 1-12");
  plan->footer("Examples:\n  svc training plan --year 2026 --topic quality --title 服务质量标准 --month 5");
  plan->callback([p, &g] {
    TrainingPlan tp;
    tp.year = p->year, tp.topic = p->topic, tp.title = p->title;
    if (p->month) tp.month = p->month;
    Store store = open_store(g);
    auto id = add_training_plan(store, tp);
    std::cout << id << "\n";
  });

  struct SessionOptions {
    std::string id, date, trainer;
    std::int64_t plan = 0;
    std::vector<std::string> attendees;
  };
  auto s = std::make_shared<SessionOptions>();
  auto* session = sub.add_subcommand("session", "Record a held session of a planned course and its attendees");
  session->add_option("ID", s->id, "Session id")->required();
  session->add_option("--plan", s->plan, "Plan number (svc training list)")->required();
  session->add_option("--date", s->date, "Date held, YYYY-MM-DD")->required();
  session->add_option("--attendee", s->attendees, "Engineer ids (repeatable or comma-separated)")
      ->required()
      ->delimiter(',');
  session->add_option("--trainer", s->trainer, "Who taught it");
  session->footer("Examples:\n  svc training session S-0315 --plan 1 --date 2026-03-15 --attendee E-017,E-018 --trainer 李老师");
  session->callback([s, &g] {
    Policy pol = load_policy(g);
    auto d = parse_date(s->date);
    if (!d) throw UsageError(fmt::format("--date '{}': {}", s->date, date_problem(s->date)));
    Store store = open_store(g);
    add_training_session(store, s->id, s->plan, *d, s->trainer, s->attendees, pol.tz.local_day(svc::now()));
    if (!g.quiet)
      std::cerr << fmt::format("svc: session {} recorded with {} attendee{}\n", s->id, s->attendees.size(),
                               s->attendees.size() == 1 ? "" : "s");
  });

  struct ResultOptions {
    std::string session, engineer, method;
    double score = -1;
  };
  auto r = std::make_shared<ResultOptions>();
  auto* result = sub.add_subcommand("result", "Record an attendee's score for one assessment method");
  result->add_option("--session", r->session, "Session id")->required();
  result->add_option("--engineer", r->engineer, "Attendee")->required();
  result->add_option("--method", r->method, "written | practical | customer (customer evaluation)")
      ->required()
      ->check(CLI::IsMember(methods));
  result->add_option("--score", r->score, "Score 0-100")->required();
  result->footer("Examples:\n  svc training result --session S-0315 --engineer E-017 --method practical --score 72");
  result->callback([r, &g] {
    Policy pol = load_policy(g);
    Store store = open_store(g);
    add_training_result(store, r->session, r->engineer, r->method, r->score);
    if (g.quiet) return;
    for (auto& a : training_archive(store, pol, std::nullopt, r->engineer))
      if (a.session == r->session) {
        std::cerr << fmt::format("svc: {} in {}: mean {:.1f} of {} method{} -> {} {}\n", a.engineer, a.session, *a.mean,
                                 a.scores.size(), a.scores.size() == 1 ? "" : "s", a.grade, grade_label_zh(a.grade));
        if (a.retrain_by) std::cerr << fmt::format("svc: {}: retraining due by {}\n", a.engineer, format_date(*a.retrain_by));
        if (a.reassign) std::cerr << fmt::format("svc: {}: failed twice in a row on {}: reassignment flagged\n", a.engineer, a.topic);
      }
  });

  struct VoidOptions {
    std::string session, engineer, method, reason, user, format;
  };
  auto v = std::make_shared<VoidOptions>();
  auto* vd = sub.add_subcommand("void", "Withdraw a wrong score (a correction by reversal): recorded with who, when, why");
  vd->add_option("--session", v->session, "Session id")->required();
  vd->add_option("--engineer", v->engineer, "Attendee")->required();
  vd->add_option("--method", v->method, "written | practical | customer")->required()->check(CLI::IsMember(methods));
  vd->add_option("--reason", v->reason, "Why the score was wrong (recorded)")->required();
  vd->add_option("--user", v->user, "Who corrects it (default $SVC_USER, else $USER)");
  vd->add_option("--format", v->format, "Output format: table|json")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_val("table");
  vd->footer(
      "The result stays stored and counts for nothing from now on (archive, reports, audits, the outlet\n"
      "assessment); then record the right score with 'svc training result'. See docs/corrections.md.\n"
      "Examples:\n"
      "  svc training void --session S-0315 --engineer E-017 --method written --reason '86 typed as 68'\n"
      "  svc training result --session S-0315 --engineer E-017 --method written --score 86");
  vd->callback([v, &g] {
    Policy pol = load_policy(g);
    Store store = open_store(g);
    auto r = void_training_result(store, v->session, v->engineer, v->method, user_or_env(v->user), v->reason,
                                  svc::now());
    if (v->format == "json") {
      JsonWriter w(std::cout);
      w.begin_object()
          .field("result", r.result)
          .field("session", r.session)
          .field("engineer", r.engineer)
          .field("method", r.method)
          .field("score", r.score)
          .field("at", format_rfc3339(r.at, pol.tz))
          .field("by", r.user)
          .field("reason", r.reason)
          .end_object();
      w.newline();
    } else if (!g.quiet) {
      std::cout << fmt::format("result {} voided: {} of {} in {} ({}) withdrawn by {}: {}\n", r.result, r.method,
                               r.engineer, r.session, r.score, r.user, r.reason);
    }
  });

  struct ListOptions {
    int year = 0;
    std::string format;
  };
  auto l = std::make_shared<ListOptions>();
  auto* list = sub.add_subcommand("list", "The training plan of a year: courses, sessions held, attendees");
  list->add_option("--year", l->year, "Plan year")->required();
  add_format(list, l->format);
  list->footer("Examples:\n  svc training list --year 2026 --format csv");
  list->callback([l, &g] {
    check_training_year(l->year);
    Format f = format_of(l->format);
    Store store = open_store(g);
    Table t;
    t.headers = {"plan", "year", "month", "topic", "title", "sessions", "attendees"};
    t.align = {Align::Right, Align::Right, Align::Right, Align::Left, Align::Left, Align::Right, Align::Right};
    for (auto& p : list_training_plans(store, l->year))
      t.add({std::to_string(p.id), std::to_string(p.year), p.month ? std::to_string(*p.month) : "", p.topic, p.title,
             std::to_string(p.sessions), std::to_string(p.attendees)});
    emit_table(std::cout, f, t);
  });

  struct ArchiveOptions {
    int year = 0;
    std::string engineer, outlet, format;
    bool due = false;
  };
  auto a = std::make_shared<ArchiveOptions>();
  auto* archive = sub.add_subcommand("archive", "The training archive: every attendance with scores and grade");
  archive->add_option("--engineer", a->engineer, "Only this engineer");
  archive->add_option("--outlet", a->outlet, "Only this outlet's engineers");
  archive->add_option("--year", a->year, "Only this year");
  archive->add_flag("--due", a->due, "Only fails due for retraining or flagged for reassignment");
  add_format(archive, a->format);
  archive->footer("Examples:\n  svc training archive --engineer E-017\n  svc training archive --year 2026 --due --format json");
  archive->callback([a, &g] {
    if (a->year) check_training_year(a->year);
    Policy pol = load_policy(g);
    Format f = format_of(a->format);
    Store store = open_store(g);
    check_filter(store, FilterKind::Engineer, a->engineer, "--engineer");
    check_filter(store, FilterKind::Outlet, a->outlet, "--outlet");
    auto v = training_archive(store, pol, a->year ? std::optional<int>(a->year) : std::nullopt, a->engineer, a->outlet);
    if (a->due) std::erase_if(v, [](auto& x) { return !x.retrain_by && !x.reassign; });
    emit_table(std::cout, f, archive_table(v));
  });
}

void setup_report_training(CLI::App& sub, Globals& g) {
  struct Options {
    int year = 0;
    std::string by = "outlet", format;
  };
  auto o = std::make_shared<Options>();
  sub.add_option("--year", o->year, "Year")->required();
  sub.add_option("--by", o->by, "outlet | region")
      ->capture_default_str()
      ->check(CLI::IsMember(std::vector<std::string>{"outlet", "region"}));
  add_format(&sub, o->format);
  sub.footer("Examples:\n  svc report training --year 2026\n  svc report training --year 2026 --by region --format csv");
  sub.callback([o, &g] {
    check_training_year(o->year);
    Policy pol = load_policy(g);
    Format f = format_of(o->format);
    Store store = open_store(g);
    auto v = training_archive(store, pol, o->year);
    emit_table(std::cout, f, training_report_table(training_report(v, o->by == "region")));
  });
}

void setup_audit_training(CLI::App& sub, Globals& g) {
  struct Options {
    std::string as_of, outlet, engineer, format, fail_on;
  };
  auto o = std::make_shared<Options>();
  add_as_of(&sub, o->as_of);
  sub.add_option("--outlet", o->outlet, "Only this outlet's engineers");
  sub.add_option("--engineer", o->engineer, "Only this engineer");
  sub.add_option("--fail-on", o->fail_on, "Exit 1 when there is an overdue retraining: for cron")
      ->check(CLI::IsMember({"finding"}));
  add_format(&sub, o->format);
  sub.footer(
      "Overdue: an active engineer whose latest assessed session in a topic is a fail older than [training]\n"
      "retrain_days (retrain), or a pass older than [training] refresh_days (refresh). See docs/training.md.\n"
      "Examples:\n"
      "  svc audit training\n"
      "  svc audit training --as-of 2026-12-31 --outlet SH-01 --format csv\n"
      "  svc audit training --fail-on finding --quiet || mail -s 'retraining overdue' hr@example.com");
  sub.callback([o, &g] {
    Policy pol = load_policy(g);
    Format f = format_of(o->format);
    Instant at = as_of(o->as_of, pol);
    Store store = open_store(g);
    check_filter(store, FilterKind::Engineer, o->engineer, "--engineer");
    check_filter(store, FilterKind::Outlet, o->outlet, "--outlet");
    std::set<std::string> active;
    EngineerFilter ef;
    ef.active = true;
    for (auto& e : list_engineers(store, ef)) active.insert(e.id);
    auto all = training_archive(store, pol, std::nullopt);
    auto rows = overdue_training(all, active, pol.training, pol.tz.local_day(at));
    std::erase_if(rows, [&](auto& r) {
      return (!o->engineer.empty() && r.engineer != o->engineer) || (!o->outlet.empty() && r.outlet != o->outlet);
    });
    emit_table(std::cout, f, overdue_training_table(rows));
    if (f != Format::Table && !g.quiet)
      std::cerr << fmt::format("{} overdue retraining{}\n", rows.size(), rows.size() == 1 ? "" : "s");
    if (o->fail_on == "finding" && !rows.empty()) g.exit_status = kExitFindings;
  });
}

}  // namespace svc::cli
