// Training records (svc training, docs/training.md): the yearly training plan
// (topics: product knowledge, repair skills, communication, the service
// process, quality), held sessions with their attendees (engineers), scores
// per attendee and assessment method, grades from the [training] thresholds,
// retraining due after a fail and reassignment flagged after two fails in a
// row on a topic. Tables: schemas/010_training.sql.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "output.hpp"
#include "policy.hpp"
#include "store.hpp"

namespace svc {

constexpr std::array<std::string_view, 5> kTrainingTopics = {"product", "repair", "communication", "process", "quality"};
constexpr std::array<std::string_view, 3> kTrainingMethods = {"written", "practical", "customer"};

// excellent | good | pass | fail for a mean score 0..100.
std::string training_grade(double score, const TrainingPolicy& tp);
std::string_view grade_label_zh(std::string_view grade);  // 优秀 良好 合格 不合格

struct TrainingPlan {
  std::int64_t id = 0;
  int year = 0;
  std::string topic, title;
  std::optional<int> month;
  int sessions = 0, attendees = 0;  // when listed
};
// The plausible years of a plan, a listing or a report: UsageError (2)
// "--year 26 is not a plausible year: from 2000 to 2100" outside them.
constexpr int kFirstTrainingYear = 2000, kLastTrainingYear = 2100;
void check_training_year(int year, const char* option = "--year");

// Each one transaction; DataError (65) on bad values, an unknown engineer,
// plan or session, a duplicate, a result for someone who did not attend, or a
// result already recorded (and not voided). Titles and trainers are trimmed of
// blanks; a session may not be dated after `today` (the local date now).
std::int64_t add_training_plan(Store& s, const TrainingPlan& p);
std::vector<TrainingPlan> list_training_plans(Store& s, int year);
void add_training_session(Store& s, const std::string& id, std::int64_t plan, Day day, const std::string& trainer,
                          const std::vector<std::string>& attendees, Day today);
// Returns the result number.
std::int64_t add_training_result(Store& s, const std::string& session, const std::string& engineer,
                                 const std::string& method, double score);

// svc training void: withdraws the standing result of an attendee for a
// method (a mistyped score) by a reversing entry recording who, when and why
// (training_result_voids). The result stays stored and counts for nothing
// from then on; the right score may then be recorded. NotFound (66) for an
// unknown session or no standing result; DataError (65) for an empty reason.
struct TrainingVoid {
  std::int64_t result = 0;
  std::string session, engineer, method, user, reason;
  double score = 0;  // the score withdrawn
  Instant at = 0;
};
TrainingVoid void_training_result(Store& s, const std::string& session, const std::string& engineer,
                                  const std::string& method, const std::string& user, const std::string& reason,
                                  Instant at);

// One person in one session, with the outcome.
struct Attendance {
  std::string session, topic, title, engineer, name, outlet, region;
  int year = 0;
  Day day = 0;
  std::map<std::string, double> scores;  // method -> score
  std::optional<double> mean;            // of the scores; none = not assessed yet
  std::string grade;                     // "" when not assessed
  std::optional<Day> retrain_by;         // a fail not yet followed by a pass on the topic: retrain by this day
  bool reassign = false;                 // the second (or later) fail in a row on the topic
};
// Every attendance (optionally of one year, engineer or outlet), by day, session, engineer.
std::vector<Attendance> training_archive(Store& s, const Policy& p, std::optional<int> year,
                                         const std::string& engineer = "", const std::string& outlet = "");
Table archive_table(const std::vector<Attendance>& v);

struct TrainingReportRow {
  std::string key;  // outlet or region
  int engineers = 0, attendances = 0, assessed = 0;
  std::array<int, 4> grades{};  // excellent, good, pass, fail
  double score_sum = 0;
  int retraining = 0, reassign = 0;
};
// The training score T of each outlet for the assessment's technical dimension
// ([training] assessment_share, docs/training.md): the mean of the session means
// of the assessed attendances held from `from` to `to` (inclusive), by the
// engineer's outlet. Outlets without such an attendance are not listed.
std::map<std::string, double> outlet_training_scores(const std::vector<Attendance>& v, Day from, Day to);

std::vector<TrainingReportRow> training_report(const std::vector<Attendance>& v, bool by_region);
Table training_report_table(const std::vector<TrainingReportRow>& rows);

// svc audit training (docs/training.md "Overdue retraining"): for each active
// engineer and topic, the latest assessed attendance held on or before `today`:
//   retrain  — it is a fail and its session is more than [training]
//              retrain_days old (no assessed session on the topic since);
//   refresh  — it is a pass (or better) and its session is more than
//              [training] refresh_days old (0 = never).
struct OverdueTraining {
  std::string engineer, name, outlet, region, topic;
  std::string kind;  // "retrain" | "refresh"
  std::string session, grade;
  Day last = 0;  // date of that session
  Day due = 0;   // last + retrain_days or refresh_days
  int days_overdue = 0;  // today - due (> 0)
};
// `v`: the whole archive (training_archive with no year); `active`: the ids of
// the active engineers. Ordered by outlet, engineer, topic.
std::vector<OverdueTraining> overdue_training(const std::vector<Attendance>& v, const std::set<std::string>& active,
                                              const TrainingPolicy& tp, Day today);
Table overdue_training_table(const std::vector<OverdueTraining>& v);

}  // namespace svc
