#include "assessment_store.hpp"
#include "money.hpp"
#include "seals.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "error.hpp"
#include "free_text.hpp"

namespace svc {

namespace {

std::string join_actions(const std::vector<std::string>& a) {
  std::string s;
  for (const auto& x : a) s += (s.empty() ? "" : " ") + x;
  return s;
}

std::vector<std::string> split_actions(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::optional<double> opt_real(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getDouble();
}

void bind_opt(SQLite::Statement& st, int i, std::optional<double> v) {
  if (v) st.bind(i, *v);
  else st.bind(i);
}

RecordedAssessment header_from_row(SQLite::Statement& st) {
  RecordedAssessment r;
  r.id = st.getColumn(0).getInt64();
  r.period = st.getColumn(1).getString();
  r.revision = st.getColumn(2).getInt();
  r.at = st.getColumn(3).getInt64();
  r.as_of = st.getColumn(4).getInt64();
  if (!st.getColumn(5).isNull()) r.reason = st.getColumn(5).getString();
  return r;
}

const char* kHeaderColumns = "id, period, revision, at, as_of, reason";

std::optional<RecordedAssessment> latest_header(SQLite::Database& db, const std::string& period) {
  SQLite::Statement st(db, fmt::format("SELECT {} FROM assessments WHERE period = ? ORDER BY revision DESC LIMIT 1",
                                       kHeaderColumns));
  st.bind(1, period);
  if (!st.executeStep()) return std::nullopt;
  return header_from_row(st);
}

void load_outlets(SQLite::Database& db, RecordedAssessment& r) {
  SQLite::Statement st(db,
                       "SELECT outlet, region, tickets, credit, technical, service, quality, score, grade, "
                       "meets_standard, findings, reward_cents, penalty_cents, actions, corrections "
                       "FROM assessment_outlets WHERE assessment = ? ORDER BY outlet");
  st.bind(1, r.id);
  while (st.executeStep()) {
    OutletAssessment o;
    o.outlet = st.getColumn(0).getString();
    o.region = st.getColumn(1).getString();
    o.tickets = st.getColumn(2).getInt64();
    o.credit = st.getColumn(3).getDouble();
    o.technical = opt_real(st.getColumn(4));
    o.service = opt_real(st.getColumn(5));
    o.quality = opt_real(st.getColumn(6));
    o.score = opt_real(st.getColumn(7));
    auto g = parse_grade(st.getColumn(8).getString());
    if (!g) throw StoreUnavailable(fmt::format("assessment {} has an unknown grade '{}'", r.id, st.getColumn(8).getString()));
    o.grade = *g;
    o.meets_standard = st.getColumn(9).getInt() != 0;
    o.findings = st.getColumn(10).getInt64();
    o.reward_cents = st.getColumn(11).getInt64();
    o.penalty_cents = st.getColumn(12).getInt64();
    o.actions = split_actions(st.getColumn(13).getString());
    if (!st.getColumn(14).isNull()) o.corrections = st.getColumn(14).getInt64();
    r.outlets.push_back(std::move(o));
  }
}

}  // namespace

ApplyResult record_assessment(Store& store, const std::string& period, Instant as_of, Instant at,
                              const std::vector<OutletAssessment>& outlets, bool revise, const std::string& reason) {
  if (revise && reason.empty()) throw UsageError("--revise needs --reason \"why the assessment is revised\"");
  if (revise) check_reason("--reason", reason);
  ApplyResult res;
  store.write([&] {
    auto& db = store.db();
    auto latest = latest_header(db, period);
    if (!revise && latest) {
      res.recorded = false;
      res.record = *latest;
      load_outlets(db, res.record);
      return;
    }
    if (revise && !latest)
      throw UsageError(fmt::format("period {} was never applied, so there is nothing to revise; record it first with "
                                   "'svc audit outlets --period {} --apply'",
                                   period, period));
    RecordedAssessment r;
    r.period = period;
    r.revision = latest ? latest->revision + 1 : 1;
    r.at = at;
    r.as_of = as_of;
    if (revise) r.reason = reason;
    r.outlets = outlets;
    std::int64_t net = 0;
    for (const auto& o : outlets) add_to(net, o.net_cents(), "the assessment's net total");
    SQLite::Statement ins(db,
                          "INSERT INTO assessments (period, revision, at, as_of, reason, outlets, net_cents) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, period);
    ins.bind(2, r.revision);
    ins.bind(3, at);
    ins.bind(4, as_of);
    if (r.reason) ins.bind(5, *r.reason);
    else ins.bind(5);
    ins.bind(6, std::int64_t(outlets.size()));
    ins.bind(7, net);
    ins.exec();
    r.id = db.getLastInsertRowid();
    seal_row(db, "assessments", r.id);
    SQLite::Statement o(db,
                        "INSERT INTO assessment_outlets (assessment, outlet, region, tickets, credit, technical, "
                        "service, quality, score, grade, meets_standard, findings, reward_cents, penalty_cents, "
                        "net_cents, actions, corrections) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& a : outlets) {
      o.reset();
      o.clearBindings();
      o.bind(1, r.id);
      o.bind(2, a.outlet);
      o.bind(3, a.region);
      o.bind(4, a.tickets);
      o.bind(5, a.credit);
      bind_opt(o, 6, a.technical);
      bind_opt(o, 7, a.service);
      bind_opt(o, 8, a.quality);
      bind_opt(o, 9, a.score);
      o.bind(10, std::string(to_string(a.grade)));
      o.bind(11, a.meets_standard ? 1 : 0);
      o.bind(12, a.findings);
      o.bind(13, a.reward_cents);
      o.bind(14, a.penalty_cents);
      o.bind(15, a.net_cents());
      o.bind(16, join_actions(a.actions));
      if (a.corrections) o.bind(17, *a.corrections);
      else o.bind(17);
      o.exec();
      seal_row(db, "assessment_outlets", db.getLastInsertRowid());
    }
    res.recorded = true;
    res.record = std::move(r);
  });
  return res;
}

Instant settled_at(const Period& period, const Policy& p) {
  return p.tz.day_start(period.last + 1 + p.assessment.settle_days);
}

void check_can_apply(const Period& period, Instant as_of, Instant now, const Policy& p) {
  const Instant settled = settled_at(period, p);
  const std::string when = format_rfc3339_s(settled, p.tz);
  const int d = p.assessment.settle_days;
  const std::string why =
      fmt::format("{} day{} after the period ends ([assessment] settle_days), so that its last follow-up calls are in",
                  d, d == 1 ? "" : "s");
  if (now < settled)
    throw NotYet(fmt::format("{} cannot be applied before {}: {}; run 'svc audit outlets --period {} --apply' then "
                             "(preview it now without --apply)",
                             period.label, when, why, period.label));
  if (as_of > now)
    throw NotYet(fmt::format("--as-of {} is in the future (now is {}); money is recorded only for what has happened — "
                             "leave --as-of out or give an instant from {} to now",
                             format_rfc3339_s(as_of, p.tz), format_rfc3339_s(now, p.tz), when));
  if (as_of < settled)
    throw UsageError(fmt::format("--as-of {} is before {} settles at {} ({}); leave --as-of out or give an instant "
                                 "from {} to now",
                                 format_rfc3339_s(as_of, p.tz), period.label, when, why, when));
}

void check_assessable(Store& store, const Period& period, const std::vector<OutletAssessment>& outlets,
                      const Policy& p) {
  std::optional<Instant> first;
  try {
    SQLite::Statement q(store.db(), "SELECT MIN(created_at) FROM tickets");
    if (q.executeStep() && !q.getColumn(0).isNull()) first = q.getColumn(0).getInt64();
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the first ticket");
  }
  if (!first)
    throw DataError(fmt::format("{} cannot be applied: the store has no tickets, so there is nothing to assess",
                                period.label));
  if (period.end <= *first)
    throw DataError(fmt::format("{} cannot be applied: it ends before the store's first ticket ({}), so there is "
                                "nothing to assess (is the period mistyped?)",
                                period.label, format_rfc3339_s(*first, p.tz)));
  std::int64_t tickets = 0;
  for (const auto& o : outlets) tickets += o.tickets;
  if (tickets == 0)
    throw DataError(fmt::format("{} cannot be applied: no outlet has a ticket created in it, and a record of no "
                                "outlets would stand in for the period's real assessment",
                                period.label));
}

std::optional<std::string> recorded_too_early(const RecordedAssessment& r, const Period& period, const Policy& p) {
  const Instant settled = settled_at(period, p);
  const Instant effective = std::min(r.as_of, r.at);  // events recorded after `at` could not count
  if (effective >= settled) return std::nullopt;
  return fmt::format("revision {} of {} was recorded {} as of {}, before the period settled at {}: it may miss the "
                     "period's last events. Once they are in, record a revision: svc audit outlets --period {} "
                     "--apply --revise --reason \"recorded before the period settled\"",
                     r.revision, period.label, format_rfc3339_s(r.at, p.tz), format_rfc3339_s(r.as_of, p.tz),
                     format_rfc3339_s(settled, p.tz), period.label);
}

std::optional<RecordedAssessment> latest_assessment(Store& store, const std::string& period) {
  try {
    auto r = latest_header(store.db(), period);
    if (r) load_outlets(store.db(), *r);
    return r;
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading assessments");
  }
}

std::vector<RecordedAssessment> assessment_revisions(Store& store, const std::string& period) {
  std::vector<RecordedAssessment> out;
  try {
    SQLite::Statement st(store.db(), fmt::format("SELECT {} FROM assessments WHERE period = ? ORDER BY revision",
                                                 kHeaderColumns));
    st.bind(1, period);
    while (st.executeStep()) out.push_back(header_from_row(st));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading assessments");
  }
  return out;
}

void write_payouts(std::ostream& out, Format f, const RecordedAssessment& r, const TimeZone& tz,
                   const ReportPolicy& lang) {
  Table t;
  t.headers = {"period", "revision", "outlet", "region", "tickets", "grade", "score", "reward", "penalty", "net",
               "actions"};
  t.align = {Align::Left, Align::Right, Align::Left, Align::Left, Align::Right, Align::Left, Align::Right,
             Align::Right, Align::Right, Align::Right, Align::Left};
  std::int64_t reward = 0, penalty = 0;
  for (const auto& o : r.outlets) {
    t.add({r.period, std::to_string(r.revision), o.outlet, o.region, std::to_string(o.tickets),
           std::string(to_string(o.grade)), o.score ? fmt::format("{:.2f}", *o.score) : "",
           format_cents(o.reward_cents), format_cents(o.penalty_cents), format_cents(o.net_cents()),
           join_actions(o.actions)});
    add_to(reward, o.reward_cents, "the rewards' total"), add_to(penalty, o.penalty_cents, "the penalties' total");
  }
  switch (f) {
    case Format::Json: {
      JsonWriter w(out);
      w.begin_object();
      w.field("period", r.period);
      w.field("revision", r.revision);
      w.field("recorded", format_rfc3339(r.at, tz));
      w.field("as_of", format_rfc3339(r.as_of, tz));
      w.field("reason", r.reason);
      w.key("payouts").begin_array();
      for (const auto& o : r.outlets) {
        w.begin_object();
        w.field("outlet", o.outlet);
        w.field("region", o.region);
        w.field("tickets", o.tickets);
        w.field("grade", to_string(o.grade));
        w.field("score", o.score);
        w.key("reward").money(o.reward_cents);
        w.key("penalty").money(o.penalty_cents);
        w.key("net").money(o.net_cents());
        w.key("actions").begin_array();
        for (const auto& a : o.actions) w.value(a);
        w.end_array();
        w.end_object();
      }
      w.end_array();
      w.key("total").begin_object();
      w.key("reward").money(reward);
      w.key("penalty").money(penalty);
      w.key("net").money(sub_cents(reward, penalty, "the net total"));
      w.end_object();
      w.end_object();
      w.newline();
      break;
    }
    case Format::Csv: write_csv(out, t); break;
    default:
      out << fmt::format(fmt::runtime(lang.pick("Payouts {} revision {} (recorded {}, as of {}{})\n\n",
                                                "奖罚发放 {} 第 {} 版（记录于 {}，截至 {}{}）\n\n")),
                         r.period, r.revision, format_rfc3339_s(r.at, tz), format_rfc3339_s(r.as_of, tz),
                         r.reason ? lang.pick(", reason: ", "，原因：") + *r.reason : std::string());
      write_table(out, t);
      out << fmt::format("\ntotal: reward {}, penalty {}, net {}\n", format_cents(reward), format_cents(penalty),
                         format_cents(sub_cents(reward, penalty, "the net total")));
  }
}

}  // namespace svc
