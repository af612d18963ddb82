#include "training.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "error.hpp"
#include "free_text.hpp"
#include "masterdata.hpp"
#include "seals.hpp"
#include "small_csv.hpp"

namespace svc {

std::string training_grade(double score, const TrainingPolicy& tp) {
  if (score >= tp.excellent) return "excellent";
  if (score >= tp.good) return "good";
  if (score >= tp.pass) return "pass";
  return "fail";
}

std::string_view grade_label_zh(std::string_view g) {
  if (g == "excellent") return "优秀";
  if (g == "good") return "良好";
  if (g == "pass") return "合格";
  if (g == "fail") return "不合格";
  return "";
}

void check_training_year(int year, const char* option) {
  if (year < kFirstTrainingYear || year > kLastTrainingYear)
    throw UsageError(fmt::format("{} {} is not a plausible year: from {} to {}", option, year, kFirstTrainingYear,
                                 kLastTrainingYear));
}

std::int64_t add_training_plan(Store& s, const TrainingPlan& p) {
  check_training_year(p.year);
  if (std::find(kTrainingTopics.begin(), kTrainingTopics.end(), p.topic) == kTrainingTopics.end())
    throw DataError(fmt::format("unknown topic '{}' (product, repair, communication, process, quality)", p.topic));
  const std::string title = trim_blanks(p.title);
  if (title.empty()) throw DataError("--title must not be empty");
  if (has_control(title)) throw DataError("--title must not hold control characters");
  if (p.month && (*p.month < 1 || *p.month > 12)) throw DataError(fmt::format("--month {} must be from 1 to 12", *p.month));
  std::int64_t id = 0;
  s.write([&] {
    // Titles stored before they were trimmed are compared trimmed too.
    SQLite::Statement d(s.db(),
                        "SELECT id, title FROM training_plans WHERE year = ? AND topic = ? AND trim(title, ' ' || "
                        "char(9)) = ?");
    d.bind(1, p.year);
    d.bind(2, p.topic);
    d.bind(3, title);
    if (d.executeStep())
      throw DataError(fmt::format("the {} plan already has {} course '{}' (plan {})", p.year, p.topic,
                                  d.getColumn(1).getString(), d.getColumn(0).getInt64()));
    SQLite::Statement q(s.db(), "INSERT INTO training_plans(year, topic, title, month, added_at) VALUES(?, ?, ?, ?, ?)");
    q.bind(1, p.year);
    q.bind(2, p.topic);
    q.bind(3, title);
    if (p.month) q.bind(4, *p.month);
    q.bind(5, std::int64_t(svc::now()));
    q.exec();
    id = s.db().getLastInsertRowid();
  });
  return id;
}

std::vector<TrainingPlan> list_training_plans(Store& s, int year) {
  std::vector<TrainingPlan> v;
  SQLite::Statement q(s.db(),
                      "SELECT p.id, p.year, p.topic, p.title, p.month, (SELECT count(*) FROM training_sessions x WHERE "
                      "x.plan = p.id), (SELECT count(*) FROM training_attendees a JOIN training_sessions x ON x.id = "
                      "a.session WHERE x.plan = p.id) FROM training_plans p WHERE p.year = ? ORDER BY p.month IS NULL, "
                      "p.month, p.id");
  q.bind(1, year);
  while (q.executeStep()) {
    TrainingPlan p;
    p.id = q.getColumn(0).getInt64();
    p.year = q.getColumn(1).getInt();
    p.topic = q.getColumn(2).getString();
    p.title = q.getColumn(3).getString();
    if (!q.getColumn(4).isNull()) p.month = q.getColumn(4).getInt();
    p.sessions = q.getColumn(5).getInt();
    p.attendees = q.getColumn(6).getInt();
    v.push_back(std::move(p));
  }
  return v;
}

void add_training_session(Store& s, const std::string& id, std::int64_t plan, Day day, const std::string& trainer_in,
                          const std::vector<std::string>& attendees, Day today) {
  if (id.empty() || id.size() > 64 ||
      !std::all_of(id.begin(), id.end(),
                   [](char c) { return std::isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-'; }))
    throw DataError(fmt::format("session id '{}' is not valid: 1-64 characters from A-Z a-z 0-9 . _ -", id));
  if (attendees.empty()) throw DataError("a session needs at least one --attendee");
  if (day > today)
    throw DataError(fmt::format("--date {} is in the future (today is {}): a session is recorded once it is held",
                                format_date(day), format_date(today)));
  const std::string trainer = trim_blanks(trainer_in);
  if (has_control(trainer)) throw DataError("--trainer must not hold control characters");
  s.write([&] {
    SQLite::Statement p(s.db(), "SELECT year FROM training_plans WHERE id = ?");
    p.bind(1, plan);
    if (!p.executeStep()) throw NotFound(fmt::format("unknown training plan {} (see 'svc training list')", plan));
    int y;
    unsigned m, d;
    civil_from_days(day, y, m, d);
    if (y != p.getColumn(0).getInt())
      throw DataError(fmt::format("--date {} is not in the plan's year {}", format_date(day), p.getColumn(0).getInt()));
    SQLite::Statement x(s.db(), "SELECT count(*) FROM training_sessions WHERE id = ?");
    x.bind(1, id);
    x.executeStep();
    if (x.getColumn(0).getInt()) throw DataError(fmt::format("session '{}' already exists", id));
    SQLite::Statement q(s.db(),
                        "INSERT INTO training_sessions(id, plan, day, trainer, added_at) VALUES(?, ?, ?, ?, ?)");
    q.bind(1, id);
    q.bind(2, plan);
    q.bind(3, format_date(day));
    if (!trainer.empty()) q.bind(4, trainer);
    q.bind(5, std::int64_t(svc::now()));
    q.exec();
    seal_row(s.db(), "training_sessions", s.db().getLastInsertRowid());
    std::set<std::string> seen;
    for (auto& e : attendees) {
      get_engineer(s, e);
      if (!seen.insert(e).second) throw DataError(fmt::format("attendee '{}' is given twice", e));
      SQLite::Statement a(s.db(), "INSERT INTO training_attendees(session, engineer) VALUES(?, ?)");
      a.bind(1, id);
      a.bind(2, e);
      a.exec();
      seal_row(s.db(), "training_attendees", s.db().getLastInsertRowid());
    }
  });
}

namespace {
// The standing (not voided) result of an attendee for a method: (id, score).
std::optional<std::pair<std::int64_t, double>> standing_result(Store& s, const std::string& session,
                                                              const std::string& engineer, const std::string& method) {
  SQLite::Statement r(s.db(),
                      "SELECT id, score FROM training_results WHERE session = ? AND engineer = ? AND method = ? AND id "
                      "NOT IN (SELECT result FROM training_result_voids) ORDER BY id DESC LIMIT 1");
  r.bind(1, session);
  r.bind(2, engineer);
  r.bind(3, method);
  if (!r.executeStep()) return std::nullopt;
  return std::pair{r.getColumn(0).getInt64(), r.getColumn(1).getDouble()};
}

void require_session(Store& s, const std::string& session) {
  SQLite::Statement x(s.db(), "SELECT id FROM training_sessions");
  std::vector<std::string> ids;
  while (x.executeStep()) ids.push_back(x.getColumn(0).getString());
  if (std::find(ids.begin(), ids.end(), session) == ids.end())
    throw NotFound(unknown_name_message("session", session, ids));
}
}  // namespace

std::int64_t add_training_result(Store& s, const std::string& session, const std::string& engineer,
                                 const std::string& method, double score) {
  std::int64_t id = 0;
  if (std::find(kTrainingMethods.begin(), kTrainingMethods.end(), method) == kTrainingMethods.end())
    throw DataError(fmt::format("unknown method '{}' (written, practical, customer)", method));
  if (!(score >= 0 && score <= 100)) throw DataError(fmt::format("--score {} must be from 0 to 100", score));
  s.write([&] {
    require_session(s, session);
    SQLite::Statement a(s.db(), "SELECT count(*) FROM training_attendees WHERE session = ? AND engineer = ?");
    a.bind(1, session);
    a.bind(2, engineer);
    a.executeStep();
    if (!a.getColumn(0).getInt())
      throw DataError(fmt::format("'{}' did not attend session '{}': no result can be recorded", engineer, session));
    if (auto r = standing_result(s, session, engineer, method))
      throw DataError(fmt::format("the {} result of '{}' in session '{}' is already recorded ({}); a wrong score is "
                                  "withdrawn with 'svc training void' first",
                                  method, engineer, session, r->second));
    SQLite::Statement q(s.db(),
                        "INSERT INTO training_results(session, engineer, method, score, recorded_at) VALUES(?, ?, ?, "
                        "?, ?)");
    q.bind(1, session);
    q.bind(2, engineer);
    q.bind(3, method);
    q.bind(4, score);
    q.bind(5, std::int64_t(svc::now()));
    q.exec();
    id = s.db().getLastInsertRowid();
    seal_row(s.db(), "training_results", id);
  });
  return id;
}

TrainingVoid void_training_result(Store& s, const std::string& session, const std::string& engineer,
                                  const std::string& method, const std::string& user, const std::string& reason_in,
                                  Instant at) {
  TrainingVoid v;
  v.session = session, v.engineer = engineer, v.method = method, v.at = at;
  v.reason = trim_blanks(reason_in);
  v.user = trim_blanks(user);
  if (v.reason.empty()) throw DataError("--reason must say why the score was wrong");
  check_reason("--reason", v.reason);
  check_text("--user", v.user);
  if (v.user.empty()) throw DataError("--user must not be empty");
  if (std::find(kTrainingMethods.begin(), kTrainingMethods.end(), method) == kTrainingMethods.end())
    throw DataError(fmt::format("unknown method '{}' (written, practical, customer)", method));
  s.write([&] {
    require_session(s, session);
    auto r = standing_result(s, session, engineer, method);
    if (!r)
      throw NotFound(fmt::format("'{}' has no standing {} result in session '{}' to withdraw", engineer, method,
                                 session));
    v.result = r->first, v.score = r->second;
    SQLite::Statement q(s.db(), "INSERT INTO training_result_voids(result, user, reason, at) VALUES(?, ?, ?, ?)");
    q.bind(1, v.result);
    q.bind(2, v.user);
    q.bind(3, v.reason);
    q.bind(4, std::int64_t(at));
    q.exec();
    seal_row(s.db(), "training_result_voids", s.db().getLastInsertRowid());
  });
  return v;
}

std::vector<Attendance> training_archive(Store& s, const Policy& pol, std::optional<int> year,
                                         const std::string& engineer, const std::string& outlet) {
  if (!engineer.empty()) get_engineer(s, engineer);
  if (!outlet.empty()) get_outlet(s, outlet);
  // Every attendance of every year: retraining and reassignment depend on the history.
  std::vector<Attendance> all;
  SQLite::Statement q(s.db(),
                      "SELECT x.id, p.topic, p.title, p.year, x.day, a.engineer, e.name, e.outlet, e.region FROM "
                      "training_attendees a JOIN training_sessions x ON x.id = a.session JOIN training_plans p ON p.id "
                      "= x.plan JOIN engineers e ON e.id = a.engineer ORDER BY x.day, x.id, a.engineer");
  while (q.executeStep()) {
    Attendance t;
    t.session = q.getColumn(0).getString();
    t.topic = q.getColumn(1).getString();
    t.title = q.getColumn(2).getString();
    t.year = q.getColumn(3).getInt();
    t.day = *parse_date(q.getColumn(4).getString());
    t.engineer = q.getColumn(5).getString();
    t.name = q.getColumn(6).getString();
    t.outlet = q.getColumn(7).getString();
    t.region = q.getColumn(8).getString();
    // The corrected view: a voided result counts for nothing.
    SQLite::Statement r(s.db(),
                        "SELECT method, score FROM training_results WHERE session = ? AND engineer = ? AND id NOT IN "
                        "(SELECT result FROM training_result_voids)");
    r.bind(1, t.session);
    r.bind(2, t.engineer);
    double sum = 0;
    while (r.executeStep()) {
      t.scores[r.getColumn(0).getString()] = r.getColumn(1).getDouble();
      sum += r.getColumn(1).getDouble();
    }
    if (!t.scores.empty()) {
      t.mean = sum / double(t.scores.size());
      t.grade = training_grade(*t.mean, pol.training);
    }
    all.push_back(std::move(t));
  }
  // Per engineer and topic in date order: fails in a row; a fail stays due for
  // retraining until a later assessed session on the topic.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> runs;
  for (size_t i = 0; i < all.size(); ++i) runs[{all[i].engineer, all[i].topic}].push_back(i);
  for (auto& [k, idx] : runs) {
    int fails = 0;
    for (size_t n = 0; n < idx.size(); ++n) {
      Attendance& t = all[idx[n]];
      if (t.grade.empty()) continue;
      if (t.grade != "fail") {
        fails = 0;
        continue;
      }
      t.reassign = ++fails >= 2;
      bool later = false;
      for (size_t m = n + 1; m < idx.size(); ++m) later = later || !all[idx[m]].grade.empty();
      if (!later) t.retrain_by = t.day + pol.training.retrain_days;
    }
  }
  std::vector<Attendance> out;
  for (auto& t : all)
    if ((!year || t.year == *year) && (engineer.empty() || t.engineer == engineer) &&
        (outlet.empty() || t.outlet == outlet))
      out.push_back(std::move(t));
  return out;
}

Table archive_table(const std::vector<Attendance>& v) {
  Table t;
  t.headers = {"date", "session", "topic", "title", "engineer", "name", "outlet", "written", "practical", "customer",
               "mean", "grade", "retrain_by", "reassign"};
  for (auto& a : v) {
    auto sc = [&](const char* m) {
      auto it = a.scores.find(m);
      return it == a.scores.end() ? std::string() : fmt::format("{}", it->second);
    };
    t.add({format_date(a.day), a.session, a.topic, a.title, a.engineer, a.name, a.outlet, sc("written"),
           sc("practical"), sc("customer"), a.mean ? fmt::format("{:.1f}", *a.mean) : "",
           a.grade.empty() ? "" : fmt::format("{} {}", a.grade, grade_label_zh(a.grade)),
           a.retrain_by ? format_date(*a.retrain_by) : "", a.reassign ? "yes" : ""});
  }
  return t;
}

std::map<std::string, double> outlet_training_scores(const std::vector<Attendance>& v, Day from, Day to) {
  std::map<std::string, std::pair<double, int>> sum;  // outlet → (sum of means, attendances)
  for (const auto& a : v) {
    if (!a.mean || a.day < from || a.day > to) continue;
    auto& s = sum[a.outlet];
    s.first += *a.mean;
    ++s.second;
  }
  std::map<std::string, double> out;
  for (const auto& [outlet, s] : sum) out[outlet] = s.first / double(s.second);
  return out;
}

std::vector<TrainingReportRow> training_report(const std::vector<Attendance>& v, bool by_region) {
  std::map<std::string, TrainingReportRow> m;
  std::map<std::string, std::set<std::string>> people;
  for (auto& a : v) {
    const std::string& key = by_region ? a.region : a.outlet;
    auto& r = m[key];
    r.key = key;
    people[key].insert(a.engineer);
    ++r.attendances;
    if (a.mean) {
      ++r.assessed;
      r.score_sum += *a.mean;
      int g = a.grade == "excellent" ? 0 : a.grade == "good" ? 1 : a.grade == "pass" ? 2 : 3;
      ++r.grades[size_t(g)];
    }
    if (a.retrain_by) ++r.retraining;
    if (a.reassign) ++r.reassign;
  }
  std::vector<TrainingReportRow> rows;
  for (auto& [k, r] : m) {
    r.engineers = int(people[k].size());
    rows.push_back(r);
  }
  return rows;
}

Table training_report_table(const std::vector<TrainingReportRow>& rows) {
  Table t;
  t.headers = {"group", "engineers", "attendances", "assessed", "excellent", "good", "pass", "fail", "mean_score",
               "retraining_due", "reassign"};
  t.align = std::vector<Align>(t.headers.size(), Align::Right);
  t.align[0] = Align::Left;
  for (auto& r : rows)
    t.add({r.key, std::to_string(r.engineers), std::to_string(r.attendances), std::to_string(r.assessed),
           std::to_string(r.grades[0]), std::to_string(r.grades[1]), std::to_string(r.grades[2]),
           std::to_string(r.grades[3]), r.assessed ? fmt::format("{:.1f}", r.score_sum / r.assessed) : "",
           std::to_string(r.retraining), std::to_string(r.reassign)});
  return t;
}

std::vector<OverdueTraining> overdue_training(const std::vector<Attendance>& v, const std::set<std::string>& active,
                                              const TrainingPolicy& tp, Day today) {
  std::map<std::pair<std::string, std::string>, const Attendance*> latest;  // (engineer, topic) -> latest assessed
  for (const auto& a : v)  // in date order: a later one replaces
    if (a.mean && a.day <= today && active.count(a.engineer)) latest[{a.engineer, a.topic}] = &a;
  std::vector<OverdueTraining> out;
  for (const auto& [k, a] : latest) {
    const bool fail = a->grade == "fail";
    const int days = fail ? tp.retrain_days : tp.refresh_days;
    if (days <= 0 || a->day + days >= today) continue;
    OverdueTraining o;
    o.engineer = a->engineer, o.name = a->name, o.outlet = a->outlet, o.region = a->region, o.topic = a->topic;
    o.kind = fail ? "retrain" : "refresh";
    o.session = a->session, o.grade = a->grade, o.last = a->day, o.due = a->day + days;
    o.days_overdue = int(today - o.due);
    out.push_back(std::move(o));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) {
    return std::tie(a.outlet, a.engineer, a.topic) < std::tie(b.outlet, b.engineer, b.topic);
  });
  return out;
}

Table overdue_training_table(const std::vector<OverdueTraining>& v) {
  Table t;
  t.headers = {"outlet", "engineer", "name", "region", "topic", "kind", "session", "last", "grade", "due",
               "days_overdue"};
  t.align = std::vector<Align>(t.headers.size(), Align::Left);
  t.align.back() = Align::Right;
  for (const auto& o : v)
    t.add({o.outlet, o.engineer, o.name, o.region, o.topic, o.kind, o.session, format_date(o.last), o.grade,
           format_date(o.due), std::to_string(o.days_overdue)});
  return t;
}

}  // namespace svc
