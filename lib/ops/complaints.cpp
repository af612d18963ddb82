// The complaint register: reading, clocks and the steps (complaints.hpp).
#include "complaints.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>

#include "calendar.hpp"
#include "error.hpp"
#include "free_text.hpp"

namespace svc {

namespace {

constexpr std::array<const char*, 6> kSteps = {"ack", "investigation", "plan", "resolution", "follow_up", "closed"};

int rank_of(const std::string& step) {
  for (std::size_t i = 0; i < kSteps.size(); ++i)
    if (step == kSteps[i]) return int(i);
  return -1;
}

Instant add_clock(const Policy& p, Instant from, const Duration& d) {
  if (d.clock == Clock::Calendar) return from + d.micros;
  BusinessCalendar cal(p.calendar, p.tz);
  return cal.add_business(from, d.micros);
}

// Fills the derived fields of `c` from its register row and log.
void complaint_clocks(ComplaintRecord& c, const Policy& p) {
  for (const auto& r : c.log) {
    if (!c.first_reply) c.first_reply = r.at;  // any step answers the customer
    if (r.step == "ack" && !r.category.empty()) c.category = r.category;
    if (r.step == "investigation" && !r.responsible.empty()) c.responsible = r.responsible;
    if (r.step == "plan") c.plan_deadline = r.deadline;
    if (r.step == "resolution") c.resolved = r.at;
    if (r.step == "follow_up") c.followed_up = r.at, c.verdict = r.verdict;
    if (r.step == "closed") c.closed = r.at;
  }
  c.reply_due = add_clock(p, c.received, p.complaints.reply_of(c.category));
  c.resolution_due = add_clock(p, c.received, p.complaints.resolution_of(c.category));
  if (c.resolved) c.follow_up_due = add_clock(p, *c.resolved, p.complaints.follow_up);
}

ComplaintLogRow log_row(SQLite::Statement& q) {
  ComplaintLogRow r;
  auto s = [&](int i) { return q.getColumn(i).isNull() ? std::string() : q.getColumn(i).getString(); };
  r.id = q.getColumn(0).getInt64();
  r.step = s(1);
  r.at = q.getColumn(2).getInt64();
  r.text = s(3);
  r.category = s(4);
  r.responsible = s(5);
  r.department = s(6);
  r.person = s(7);
  if (!q.getColumn(8).isNull()) r.deadline = Day(q.getColumn(8).getInt64());
  r.approved_by = s(9);
  r.verdict = s(10);
  r.recorded_at = q.getColumn(11).getInt64();
  r.user = s(12);
  return r;
}

std::vector<ComplaintRecord> read_rows(Store& st, const Policy& p, Instant as_of, const std::string& number) {
  std::vector<ComplaintRecord> out;
  SQLite::Statement q(st.db(),
                      "SELECT number, ticket, event_id, responsible, opened_at, text, category, channel, outlet, source "
                      "FROM complaints WHERE opened_at <= ? AND (? = '' OR number = ?) ORDER BY opened_at, number");
  q.bind(1, static_cast<std::int64_t>(as_of));
  q.bind(2, number);
  q.bind(3, number);
  SQLite::Statement l(st.db(),
                      "SELECT id, step, at, text, category, responsible, department, person, deadline, approved_by, "
                      "verdict, recorded_at, user FROM complaint_log WHERE number = ? AND at <= ? ORDER BY id");
  while (q.executeStep()) {
    ComplaintRecord c;
    auto s = [&](int i) { return q.getColumn(i).isNull() ? std::string() : q.getColumn(i).getString(); };
    c.number = s(0);
    c.ticket = s(1);
    c.event_id = s(2);
    c.responsible = s(3);
    c.received = q.getColumn(4).getInt64();
    c.text = s(5);
    c.category = s(6);
    c.channel = s(7);
    c.outlet = s(8);
    c.source = s(9);
    l.reset();
    l.bind(1, c.number);
    l.bind(2, static_cast<std::int64_t>(as_of));
    while (l.executeStep()) c.log.push_back(log_row(l));
    complaint_clocks(c, p);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::string_view to_string(ComplaintStep c) { return kSteps[std::size_t(c)]; }

std::string ComplaintRecord::status() const {
  static const char* names[] = {"replied", "investigating", "planned", "resolved", "followed_up", "closed"};
  return log.empty() ? "received" : names[rank_of(log.back().step)];
}

std::string check_category(const Policy& p, const std::string& key, const char* option) {
  if (p.complaints.categories.count(key)) return key;
  std::vector<std::string> keys;
  for (const auto& [k, c] : p.complaints.categories) keys.push_back(k);
  std::string hint = nearest(key, keys);
  std::string all;
  for (const auto& k : keys) all += (all.empty() ? "" : ", ") + k;
  throw DataError(fmt::format("{}: unknown complaint category '{}'{} (the [complaints] categories: {})", option, key,
                              hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), all));
}

std::vector<ComplaintRecord> read_complaints(Store& s, const Policy& p, Instant as_of, const ComplaintFilter& f) {
  auto all = read_rows(s, p, as_of, "");
  std::erase_if(all, [&](const ComplaintRecord& c) {
    if (f.open_only && !c.open()) return true;
    if (!f.outlet.empty() && c.outlet != f.outlet) return true;
    if (!f.category.empty() && c.category != (f.category == "unclassified" ? "" : f.category)) return true;
    if (f.from && c.received < *f.from) return true;
    if (f.until && c.received >= *f.until) return true;
    if (f.overdue_only && complaint_findings(c, p, as_of).empty()) return true;
    return false;
  });
  return all;
}

ComplaintRecord get_complaint(Store& s, const Policy& p, const std::string& number, Instant as_of) {
  auto v = read_rows(s, p, as_of, number);
  if (!v.empty()) return std::move(v.front());
  std::vector<std::string> all;
  SQLite::Statement q(s.db(), "SELECT number FROM complaints ORDER BY number");
  while (q.executeStep()) all.push_back(q.getColumn(0).getString());
  bool later = std::find(all.begin(), all.end(), number) != all.end();
  if (later) throw NotFound(fmt::format("complaint '{}' was received after {}", number, format_rfc3339(as_of, p.tz)));
  std::string hint = nearest(number, all);
  throw NotFound(fmt::format("no complaint '{}'{}", number, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
}

std::vector<ComplaintFinding> complaint_findings(const ComplaintRecord& c, const Policy& p, Instant as_of) {
  std::vector<ComplaintFinding> v;
  if (c.closed) return v;
  if (!c.first_reply && as_of > c.reply_due) v.push_back({c.number, "reply_overdue", c.reply_due});
  if (!c.resolved && c.plan_deadline) {
    Instant end = p.tz.day_start(*c.plan_deadline + 1);  // the deadline's whole day counts
    if (as_of >= end) v.push_back({c.number, "plan_overdue", end});
  }
  if (!c.resolved && as_of > c.resolution_due) v.push_back({c.number, "resolution_overdue", c.resolution_due});
  if (c.resolved && !c.followed_up && as_of > *c.follow_up_due)
    v.push_back({c.number, "follow_up_overdue", *c.follow_up_due});
  return v;
}

StepResult record_complaint_step(Store& st, const Policy& p, const std::string& number, const ComplaintStepRequest& r) {
  StepResult res;
  st.write([&] {
    ComplaintRecord c = get_complaint(st, p, number, std::numeric_limits<Instant>::max());
    res.ticket = c.ticket;
    const std::string step(to_string(r.step));
    const int rank = int(r.step);
    const int last = c.log.empty() ? -1 : rank_of(c.log.back().step);
    auto has = [&](const char* s) {
      return std::any_of(c.log.begin(), c.log.end(), [&](const auto& x) { return x.step == s; });
    };
    if (c.closed) throw DataError(fmt::format("complaint {} is closed: no more steps", number));
    // a deadline before the complaint is wrong whatever step comes next: said first
    if (r.step == ComplaintStep::Plan && r.deadline && *r.deadline < p.tz.local_day(c.received))
      throw DataError(fmt::format("complaint {}: --deadline {} is before the complaint was received ({})", number,
                                  format_date(*r.deadline), format_date(p.tz.local_day(c.received))));
    static const char* next[] = {"investigation", "plan or resolution", "resolution", "follow_up", "close", ""};
    if (rank == last)
      throw DataError(fmt::format("complaint {}: the {} is already recorded; next: {}", number, step, next[last]));
    if (rank < last)
      throw DataError(fmt::format("complaint {}: the {} comes before the {} already recorded; steps are taken in order "
                                  "(ack, investigation, plan, resolution, follow_up, closed)",
                                  number, step, c.log.back().step));
    if ((r.step == ComplaintStep::Plan || r.step == ComplaintStep::Resolution) && !has("investigation"))
      throw DataError(fmt::format("complaint {}: the {} needs the investigation first", number, step));
    if (r.step == ComplaintStep::FollowUp && !has("resolution"))
      throw DataError(fmt::format("complaint {}: the follow-up needs the resolution first", number));
    if (r.step == ComplaintStep::Close && !has("follow_up"))
      throw DataError(fmt::format("complaint {}: closing needs the follow-up with the customer first", number));
    if (r.at > now())
      throw DataError(fmt::format("--at {} is in the future: steps are recorded when they happen", format_rfc3339(r.at, p.tz)));
    if (r.at < c.received)
      throw DataError(fmt::format("complaint {}: --at {} is before the complaint was received ({})", number,
                                  format_rfc3339(r.at, p.tz), format_rfc3339(c.received, p.tz)));
    if (!c.log.empty() && r.at < c.log.back().at)
      throw DataError(fmt::format("complaint {}: --at {} is before its previous step ({} at {})", number,
                                  format_rfc3339(r.at, p.tz), c.log.back().step, format_rfc3339(c.log.back().at, p.tz)));
    if (r.text.empty() && r.step != ComplaintStep::Close)
      throw DataError(fmt::format("the {} needs a text", step));
    if (!r.text.empty()) check_reason(fmt::format("the {}'s text", step), r.text, TextForm::Lines);
    check_text("--owner", r.owner);
    check_text("--department", r.department);
    check_text("--approved-by", r.approved_by);
    if (!r.category.empty() && r.step != ComplaintStep::Ack) throw DataError("--category belongs to the ack");
    if (!r.responsible.empty() && r.step != ComplaintStep::Investigation)
      throw DataError("--responsible belongs to the investigation");
    if (r.responsible != "" && r.responsible != "yes" && r.responsible != "no")
      throw DataError(fmt::format("--responsible '{}': yes or no", r.responsible));
    const bool plan = r.step == ComplaintStep::Plan;
    if (plan && (r.owner.empty() || !r.deadline))
      throw DataError("a plan needs --owner (the responsible person) and --deadline YYYY-MM-DD");
    if (!plan && (!r.owner.empty() || r.deadline || !r.department.empty() || !r.approved_by.empty()))
      throw DataError("--owner, --department, --deadline and --approved-by belong to the plan");
    if (plan && *r.deadline < p.tz.local_day(r.at))
      throw DataError(fmt::format("complaint {}: --deadline {} is before the plan itself ({})", number,
                                  format_date(*r.deadline), format_date(p.tz.local_day(r.at))));
    const bool fu = r.step == ComplaintStep::FollowUp;
    if (fu && r.verdict != "satisfied" && r.verdict != "unsatisfied")
      throw DataError("the follow-up needs --verdict satisfied|unsatisfied: the customer's verdict on the resolution");
    if (!fu && !r.verdict.empty()) throw DataError("--verdict belongs to the follow-up");
    std::string category = r.category.empty() ? "" : check_category(p, r.category, "--category");
    SQLite::Statement q(st.db(),
                        "INSERT INTO complaint_log(number, step, at, text, category, responsible, department, person, "
                        "deadline, approved_by, verdict, recorded_at, user) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto opt = [&](int i, const std::string& v) { v.empty() ? q.bind(i) : q.bind(i, v); };
    q.bind(1, number);
    q.bind(2, step);
    q.bind(3, static_cast<std::int64_t>(r.at));
    opt(4, r.text);
    opt(5, category);
    opt(6, r.responsible);
    opt(7, r.department);
    opt(8, r.owner);
    if (r.deadline) q.bind(9, static_cast<std::int64_t>(*r.deadline));
    else q.bind(9);
    opt(10, r.approved_by);
    opt(11, r.verdict);
    q.bind(12, static_cast<std::int64_t>(now()));
    opt(13, r.user);
    q.exec();
    res.info = r.step == ComplaintStep::Close ? fmt::format("complaint {}: closed", number)
                                              : fmt::format("complaint {}: {} recorded; next: {}", number, step, next[rank]);
  });
  return res;
}

}  // namespace svc
