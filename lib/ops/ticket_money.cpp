// 三包 money on a ticket: the one entitlement that decides what may be charged
// (the fee at completion, the quote of `ticket show`), fees forced on covered
// work, and the repair warranty a completed repair starts. See
// docs/installed-base.md "Money on covered work".
#include "ticket.hpp"
#include "ticket_internal.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "error.hpp"
#include "installed_base.hpp"

namespace svc {

using namespace ticket_detail;

namespace ticket_detail {

namespace {
std::vector<std::string> part_numbers(const std::vector<std::pair<std::string, std::int64_t>>& parts) {
  std::vector<std::string> v;
  for (const auto& pq : parts) v.push_back(pq.first);
  return v;
}
}  // namespace

TicketCover ticket_cover(Store& st, const Policy& p, const Event& created, const std::string& ticket, Day on,
                         const std::vector<std::string>& parts) {
  TicketCover c;
  c.terms = model_terms(st, p.warranty, created.get(Field::Product));
  std::optional<Day> bought;
  if (created.has(Field::Purchased)) bought = parse_date(created.get(Field::Purchased));
  std::vector<PriorRepair> repairs;  // a registered unit's earlier repairs (a plain log has none)
  const std::string serial = created.get(Field::Serial);
  if (!serial.empty() && find_unit(st, serial)) repairs = prior_repairs(unit_history(st, serial), p.tz, ticket);
  c.ent = entitlement(c.terms, bought, on, repairs, parts);
  const Day opened = p.tz.local_day(created.ts);
  if (!c.ent.covered() && opened < on) {
    Entitlement then = entitlement(c.terms, bought, opened, repairs, parts);
    if (then.covered()) c.ent = std::move(then);
  }
  if (!serial.empty())
    if (auto d = unit_disposition(st, serial)) apply_disposition(*d, c.ent, ticket);  // exchanged or returned
  return c;
}

TicketCover ticket_money(Store& st, const Policy& p, const std::string& ticket, const std::vector<Event>& all, Day on,
                         Quote& quote) {
  const Event* created = created_of(all);
  if (!created) throw InternalError(fmt::format("ticket '{}' has no created event", ticket));
  auto parts = quote_parts(st, ticket, all);
  TicketCover c = ticket_cover(st, p, *created, ticket, on, part_numbers(parts));
  quote = covered_quote(p.warranty, created->get(Field::Type), price_parts_lenient(st, parts), c.terms, c.ent);
  return c;
}

std::string decide_fee(Store& st, const Policy& p, const std::string& ticket, const std::vector<Event>& all,
                       Instant at, Event& f, const LimitOverride& force, const std::string& user) {
  const std::int64_t cents = *f.cents();
  Quote q;
  TicketCover c = ticket_money(st, p, ticket, all, p.tz.local_day(at), q);
  if (!c.ent.covered()) {  // the fee standard's quote, as before 三包 was followed through
    const bool ok = cents <= q.total_cents;
    f.at(Field::Approved) = ok ? "yes" : "no";
    return ok ? fmt::format("fee {} within the fee standard", format_cents(cents))
              : fmt::format("fee {} NOT approved: above the fee standard's quote of {}", format_cents(cents),
                            format_cents(q.total_cents));
  }
  const std::string cover = cover_text(c.ent);
  if (cents <= q.total_cents) {
    f.at(Field::Approved) = "yes";
    return cents == 0 ? fmt::format("covered: {}: no fee", cover)
                      : fmt::format("fee {} for the parts not covered (covered: {}; chargeable {})", format_cents(cents),
                                    cover, format_cents(q.total_cents));
  }
  const std::string chargeable =
      q.total_cents == 0 ? "nothing may be charged"
                         : fmt::format("only the parts not covered may be charged, {}", format_cents(q.total_cents));
  if (!force.force)
    throw DataError(fmt::format(
        "--fee {}: the work is covered by 三包 ({}, rule {}): {} (「执行本企业的产品质量三包规定」, 「不准…向用户收取各种费用」); "
        "--force --reason TEXT records it anyway, as an integrity finding fee_on_covered_work",
        format_cents(cents), cover, c.ent.rule, chargeable));
  if (force.reason.empty()) throw UsageError("--force needs --reason: why a fee is taken on covered work");
  f.at(Field::Approved) = "no";
  std::string& note = f.at(Field::Note);
  const std::string mine = fmt::format("fee on covered work ({}), forced: {}", cover, force.reason);
  note = note.empty() ? mine : note + "; " + mine;
  f.id = content_digest(f).substr(0, 32);  // the note is part of the id
  SQLite::Statement ins(st.db(),
                        "INSERT INTO covered_fees(fee_event, ticket, at, amount_cents, rule, cover, user, reason) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  ins.bind(1, f.id);
  ins.bind(2, ticket);
  ins.bind(3, static_cast<std::int64_t>(at));
  ins.bind(4, cents);
  ins.bind(5, c.ent.rule);
  ins.bind(6, cover);
  ins.bind(7, user.empty() ? std::string("unknown") : user);
  ins.bind(8, force.reason);
  ins.exec();
  return fmt::format("fee {} recorded on covered work ({}), NOT approved: an integrity finding fee_on_covered_work",
                     format_cents(cents), cover);
}

std::string record_repair_warranties(Store& st, const Policy& p, const std::string& ticket,
                                     const std::vector<Event>& all, Instant at) {
  const Event* created = created_of(all);
  if (!created || created->get(Field::Type) != "repair") return "";
  std::vector<std::pair<std::string, std::int64_t>> fitted;
  for (const Event& e : all)
    if (e.kind == EventKind::PartUsed) fitted.emplace_back(e.get(Field::Part), 1);
  if (fitted.empty()) return "";
  const ProductTerms t = model_terms(st, p.warranty, created->get(Field::Product));
  const Day from = p.tz.local_day(at);
  const auto until = repair_warranty_until(t, from);
  if (!until) return "";
  std::string line;
  for (const auto& part : part_numbers(merge_parts(fitted))) {
    SQLite::Statement ins(st.db(),
                          "INSERT OR IGNORE INTO repair_warranties(ticket, part, from_day, until_day) VALUES(?, ?, ?, ?)");
    ins.bind(1, ticket);
    ins.bind(2, part);
    ins.bind(3, format_date(from));
    ins.bind(4, format_date(*until));
    ins.exec();
    SQLite::Statement q(st.db(), "SELECT name FROM parts WHERE part = ?");
    q.bind(1, part);
    std::string name = q.executeStep() ? q.getColumn(0).getString() : std::string();
    line += fmt::format("{}{}{} repaired: free until {}", line.empty() ? "" : "; ", name.empty() ? "" : name + " ",
                        part, format_date(*until));
  }
  return fmt::format("{} (repair warranty, {} months from {})", line, t.repair_months, format_date(from));
}

}  // namespace ticket_detail

}  // namespace svc
