// svc audit corrections: every correction of any kind, with when it takes
// effect and when it was recorded (docs/corrections.md "svc audit corrections").
#include <fmt/format.h>

#include <algorithm>

#include "corrections.hpp"
#include "output.hpp"

namespace svc {

namespace {

bool in_days(const CorrectionsFilter& f, Day d) { return !((f.from && d < *f.from) || (f.to && d > *f.to)); }

// --period: the correction takes effect in it, or was recorded in it.
bool matches(const CorrectionsFilter& f, const Policy& p, const CorrectionRow& r) {
  if (!f.from && !f.to) return true;
  if (in_days(f, p.tz.local_day(r.at))) return true;
  return r.recorded && in_days(f, p.tz.local_day(*r.recorded));
}

std::string text_or_empty(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

// Voided events: recorded when the command ran (corrections.recorded_at) or,
// for a void that came in a log, when its import ran (imports.at). `q` has
// the columns of kVoidColumns.
#define SVC_VOID_COLUMNS                                                                       \
  "SELECT v.id, v.ts, v.ticket, v.ref, v.note, t.outlet, COALESCE(c.recorded_at, i.at) FROM events v " \
  "LEFT JOIN tickets t ON t.ticket = v.ticket LEFT JOIN corrections c ON c.event_id = v.id "          \
  "LEFT JOIN imports i ON i.id = v.import_id "

void add_voids(Store& s, const Policy& p, const CorrectionsFilter& f, SQLite::Statement& q,
               std::vector<CorrectionRow>& out) {
  std::string last_ticket;
  std::vector<Event> evs;
  while (q.executeStep()) {
    CorrectionRow r;
    r.kind = "void";
    r.id = q.getColumn(0).getString();
    r.at = q.getColumn(1).getInt64();
    if (!q.getColumn(6).isNull()) r.recorded = q.getColumn(6).getInt64();
    if (!matches(f, p, r)) continue;
    r.ticket = q.getColumn(2).getString();
    r.target = q.getColumn(3).getString();
    r.reason = text_or_empty(q.getColumn(4));
    r.outlet = text_or_empty(q.getColumn(5));
    r.by = void_author(s, r.id);
    if (r.ticket != last_ticket) evs = s.ticket_events(r.ticket), last_ticket = r.ticket;
    for (const Event& e : evs)
      if (e.id == r.target) r.target_kind = std::string(to_string(e.kind));
    r.effect = void_effect(evs, r.target, p);
    out.push_back(std::move(r));
  }
}

// Reversals in the parts ledger (svc parts reverse): one row per reversal
// (a transfer's two reversing halves are one), except the reversal of a
// consumption that a ticket void posted in its own transaction (the void's
// row is that correction). The ledger keeps no recording time apart from
// the movement's ts, so `recorded` stays unknown.
void add_part_reversals(Store& s, const Policy& p, const CorrectionsFilter& f, std::vector<CorrectionRow>& out) {
  SQLite::Statement q(s.db(),
                      "SELECT r.id, r.ts, r.user, r.reason, o.id, o.kind, o.part, o.qty, o.warehouse, o.ticket, "
                      "COALESCE(t.outlet, w.outlet), o.value_cents FROM part_movements r "
                      "JOIN part_movements o ON o.id = r.reverses "
                      "LEFT JOIN tickets t ON t.ticket = r.ticket LEFT JOIN warehouses w ON w.id = r.warehouse "
                      "WHERE r.reverses IS NOT NULL AND r.pair_id IS NULL AND r.ts <= ? "
                      "AND NOT (o.event_id IS NOT NULL AND EXISTS (SELECT 1 FROM events v WHERE v.event = 'voided' "
                      "AND v.ref = o.event_id AND v.ts = r.ts)) ORDER BY r.ts, r.id");
  q.bind(1, static_cast<std::int64_t>(f.as_of));
  while (q.executeStep()) {
    CorrectionRow r;
    r.kind = "parts_reversal";
    r.id = std::to_string(q.getColumn(0).getInt64());
    r.at = q.getColumn(1).getInt64();
    if (!matches(f, p, r)) continue;
    r.by = q.getColumn(2).getString();
    r.reason = text_or_empty(q.getColumn(3));
    const std::string kind = q.getColumn(5).getString();
    r.target = "#" + std::to_string(q.getColumn(4).getInt64());
    r.target_kind = kind;
    r.ticket = text_or_empty(q.getColumn(9));
    r.outlet = text_or_empty(q.getColumn(10));
    r.effect = fmt::format("{} #{} of {} x {} at {} (value {}) reversed by movement #{}", kind, q.getColumn(4).getInt64(),
                           q.getColumn(7).getInt64(), q.getColumn(6).getString(), q.getColumn(8).getString(),
                           format_cents(q.getColumn(11).getInt64()), r.id);
    out.push_back(std::move(r));
  }
}

// Revisions of a recorded outlet assessment (svc audit outlets --apply
// --revise): a revision replaces the money finance pays. Recorded and in
// effect at the same instant; the store keeps no user for it.
void add_revisions(Store& s, const Policy& p, const CorrectionsFilter& f, std::vector<CorrectionRow>& out) {
  SQLite::Statement q(s.db(),
                      "SELECT a.id, a.period, a.revision, a.at, a.reason, a.outlets, a.net_cents, b.outlets, "
                      "b.net_cents FROM assessments a LEFT JOIN assessments b ON b.period = a.period AND "
                      "b.revision = a.revision - 1 WHERE a.revision > 1 AND a.at <= ? ORDER BY a.at, a.id");
  q.bind(1, static_cast<std::int64_t>(f.as_of));
  while (q.executeStep()) {
    CorrectionRow r;
    r.kind = "assessment_revision";
    r.id = std::to_string(q.getColumn(0).getInt64());
    r.at = q.getColumn(3).getInt64();
    r.recorded = r.at;
    if (!matches(f, p, r)) continue;
    const std::string period = q.getColumn(1).getString();
    const int rev = q.getColumn(2).getInt();
    r.reason = text_or_empty(q.getColumn(4));
    r.target = fmt::format("{} revision {}", period, rev - 1);
    r.target_kind = "assessment";
    r.effect = q.getColumn(7).isNull()
                   ? fmt::format("revision {} of {}: {} outlets, net {}", rev, period, q.getColumn(5).getInt64(),
                                 format_cents(q.getColumn(6).getInt64()))
                   : fmt::format("revision {} of {} replaces revision {}: outlets {} -> {}, net {} -> {}", rev, period,
                                 rev - 1, q.getColumn(7).getInt64(), q.getColumn(5).getInt64(),
                                 format_cents(q.getColumn(8).getInt64()), format_cents(q.getColumn(6).getInt64()));
    out.push_back(std::move(r));
  }
}

}  // namespace

std::vector<CorrectionRow> list_corrections(Store& s, const Policy& p, const CorrectionsFilter& f) {
  std::vector<CorrectionRow> out;
  {
    SQLite::Statement q(s.db(), SVC_VOID_COLUMNS "WHERE v.event = 'voided' AND v.ts <= ? ORDER BY v.ts, v.seq");
    q.bind(1, static_cast<std::int64_t>(f.as_of));
    add_voids(s, p, f, q, out);
  }
  // The records withdrawn by the same model outside the events: training
  // results (svc training void) and site update records (svc sites update
  // void), withdrawn when the command ran (recorded = in effect).
  auto records = [&](const char* kind, const char* sql, auto&& fill) {
    SQLite::Statement x(s.db(), sql);
    x.bind(1, static_cast<std::int64_t>(f.as_of));
    while (x.executeStep()) {
      CorrectionRow r;
      r.kind = kind;
      r.at = x.getColumn(0).getInt64();
      r.recorded = r.at;
      if (!matches(f, p, r)) continue;
      r.by = x.getColumn(1).getString();
      r.reason = x.getColumn(2).getString();
      fill(x, r);
      out.push_back(std::move(r));
    }
  };
  records("training_void",
          "SELECT v.at, v.user, v.reason, r.id, r.session, r.engineer, r.method, r.score, e.outlet FROM "
          "training_result_voids v JOIN training_results r ON r.id = v.result LEFT JOIN engineers e ON e.id = r.engineer "
          "WHERE v.at <= ? ORDER BY v.at, v.result",
          [](SQLite::Statement& x, CorrectionRow& r) {
            r.id = std::to_string(x.getColumn(3).getInt64());
            r.target = fmt::format("{}/{}/{}", x.getColumn(4).getString(), x.getColumn(5).getString(),
                                   x.getColumn(6).getString());
            r.target_kind = "training_result";
            r.outlet = x.getColumn(8).isNull() ? "" : x.getColumn(8).getString();  // the engineer's outlet
            r.effect = fmt::format("{} score {:g} of {} in session {} withdrawn", x.getColumn(6).getString(),
                                   x.getColumn(7).getDouble(), x.getColumn(5).getString(), x.getColumn(4).getString());
          });
  records("site_void",
          "SELECT v.at, v.user, v.reason, u.id, u.site, u.model, u.version, u.qty, u.day, e.outlet FROM "
          "site_update_voids v JOIN site_updates u ON u.id = v.update_id LEFT JOIN engineers e ON e.id = u.operator "
          "WHERE v.at <= ? ORDER BY v.at, v.update_id",
          [](SQLite::Statement& x, CorrectionRow& r) {
            r.id = std::to_string(x.getColumn(3).getInt64());
            r.target = fmt::format("{}/{}", x.getColumn(4).getString(), x.getColumn(5).getString());
            r.target_kind = "site_update";
            r.outlet = x.getColumn(9).isNull() ? "" : x.getColumn(9).getString();  // the operator's outlet
            r.effect = fmt::format("update of {} {} machine(s) to {} on {} withdrawn", x.getColumn(7).getInt64(),
                                   x.getColumn(5).getString(), x.getColumn(6).getString(), x.getColumn(8).getString());
          });
  // fees taken on work the 三包 entitlement covers, recorded with --force --reason (ticket_money.cpp)
  records("covered_fee",
          "SELECT c.at, c.user, c.reason, c.fee_event, c.ticket, c.amount_cents, c.rule, c.cover, t.outlet FROM "
          "covered_fees c LEFT JOIN tickets t ON t.ticket = c.ticket WHERE c.at <= ? ORDER BY c.at, c.fee_event",
          [](SQLite::Statement& x, CorrectionRow& r) {
            r.id = x.getColumn(3).getString();
            r.ticket = x.getColumn(4).getString();
            r.target = r.id;
            r.target_kind = "fee";
            r.outlet = x.getColumn(8).isNull() ? "" : x.getColumn(8).getString();
            r.effect = fmt::format("fee {} taken on covered work ({}, rule {}): not approved, an integrity finding "
                                   "fee_on_covered_work",
                                   format_cents(x.getColumn(5).getInt64()), x.getColumn(7).getString(),
                                   x.getColumn(6).getString());
          });
  add_part_reversals(s, p, f, out);
  add_revisions(s, p, f, out);
  std::stable_sort(out.begin(), out.end(), [](const CorrectionRow& a, const CorrectionRow& b) { return a.at < b.at; });
  return out;
}

std::vector<CorrectionRow> voids_recorded_after(Store& s, const Policy& p, Instant from, Instant to, Instant as_of,
                                               Instant recorded_after) {
  std::vector<CorrectionRow> out;
  SQLite::Statement q(s.db(), SVC_VOID_COLUMNS
                      "WHERE v.event = 'voided' AND v.ts <= ? AND t.created_at >= ? AND t.created_at < ? "
                      "AND COALESCE(c.recorded_at, i.at) > ? ORDER BY v.ts, v.seq");
  q.bind(1, static_cast<std::int64_t>(as_of));
  q.bind(2, static_cast<std::int64_t>(from));
  q.bind(3, static_cast<std::int64_t>(to));
  q.bind(4, static_cast<std::int64_t>(recorded_after));
  add_voids(s, p, CorrectionsFilter{}, q, out);
  return out;
}

}  // namespace svc
