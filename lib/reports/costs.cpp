#include "costs.hpp"
#include "money.hpp"
#include "seals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "error.hpp"
#include "free_text.hpp"
#include "guards.hpp"
#include "reports.hpp"

namespace svc {

namespace {

int kind_index(std::string_view k) {
  for (size_t i = 0; i < kCostKinds.size(); ++i)
    if (kCostKinds[i] == k) return int(i);
  return -1;
}

}  // namespace

std::int64_t add_cost_entry(Store& store, CostEntry e, const Limits& limits, const LimitOverride& force) {
  if (kind_index(e.kind) < 0)
    throw UsageError(fmt::format("unknown cost kind '{}' (travel, transport or compensation)", e.kind));
  if (e.amount_cents < 0) throw UsageError("a cost amount must be >= 0");
  check_text("--note", e.note);
  std::int64_t id = 0;
  store.write([&] {
    require_ticket(store, e.ticket);  // a cost may come in after the ticket closed
    std::string forced;
    if (auto h = amount_hit(e.amount_cents, limits)) forced = enforce_limits({*h}, force);
    e.note = join_notes(e.note, forced);
    SQLite::Statement ins(store.db(),
                          "INSERT INTO cost_entries (ticket, kind, amount_cents, day, note, at) VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, e.ticket);
    ins.bind(2, e.kind);
    ins.bind(3, e.amount_cents);
    ins.bind(4, format_date(e.day));
    if (e.note.empty()) ins.bind(5);
    else ins.bind(5, e.note);
    ins.bind(6, e.at);
    ins.exec();
    id = store.db().getLastInsertRowid();
    seal_row(store.db(), "cost_entries", id);
  });
  return id;
}

std::vector<CostEntry> list_cost_entries(Store& store, const std::string& ticket, std::optional<Day> first,
                                         std::optional<Day> last) {
  std::vector<CostEntry> out;
  try {
    SQLite::Statement st(store.db(),
                         "SELECT id, ticket, kind, amount_cents, day, coalesce(note, ''), at FROM cost_entries "
                         "WHERE (?1 = '' OR ticket = ?1) AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3) "
                         "ORDER BY day, id");
    st.bind(1, ticket);
    if (first) st.bind(2, format_date(*first));
    if (last) st.bind(3, format_date(*last));
    while (st.executeStep()) {
      CostEntry e;
      e.id = st.getColumn(0).getInt64();
      e.ticket = st.getColumn(1).getString();
      e.kind = st.getColumn(2).getString();
      e.amount_cents = st.getColumn(3).getInt64();
      e.day = parse_date(st.getColumn(4).getString()).value_or(0);
      e.note = st.getColumn(5).getString();
      e.at = st.getColumn(6).getInt64();
      out.push_back(std::move(e));
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading cost entries");
  }
  return out;
}

void write_cost_entries(std::ostream& out, Format f, const std::vector<CostEntry>& entries) {
  if (f == Format::Json) {
    JsonWriter w(out);
    w.begin_array();
    for (const auto& e : entries) {
      w.begin_object();
      w.field("id", e.id);
      w.field("ticket", e.ticket);
      w.field("kind", e.kind);
      w.key("amount").money(e.amount_cents);
      w.field("date", format_date(e.day));
      w.field("note", e.note);
      w.end_object();
    }
    w.end_array();
    w.newline();
    return;
  }
  Table t;
  t.headers = {"id", "ticket", "kind", "amount", "date", "note"};
  t.align = {Align::Right, Align::Left, Align::Left, Align::Right, Align::Left, Align::Left};
  for (const auto& e : entries)
    t.add({std::to_string(e.id), e.ticket, e.kind, format_cents(e.amount_cents), format_date(e.day), e.note});
  if (f == Format::Csv) write_csv(out, t);
  else write_table(out, t);
}

void CostRow::add(const CostRow& r) {
  tickets += r.tickets;
  labor_hours += r.labor_hours;
  add_to(labor_cents, r.labor_cents, "the labour total");
  add_to(parts_cents, r.parts_cents, "the parts total");
  add_to(fees_cents, r.fees_cents, "the fees total");
  add_to(unapproved_fees_cents, r.unapproved_fees_cents, "the unapproved fees total");
  unpriced_parts += r.unpriced_parts;
  for (size_t i = 0; i < other_cents.size(); ++i)
    add_to(other_cents[i], r.other_cents[i], i == 0 ? "the travel total" : i == 1 ? "the transport total"
                                                                               : "the compensation total");
}

PartsCost fitted_parts_cost(const ReportTicket& t, const std::map<std::string, std::optional<std::int64_t>>& prices,
                            const ConsumedParts& consumed) {
  PartsCost out;
  std::map<std::string, std::int64_t> fitted;  // part -> quantity fitted on this ticket
  for (const auto& [part, qty] : t.parts) fitted[part] += qty;
  for (const auto& [part, qty] : fitted) {
    std::int64_t rest = qty;
    if (auto m = consumed.find({t.ticket, part}); m != consumed.end() && m->second.qty > 0 && rest > 0) {
      const Consumed& k = m->second;  // at actual cost, as far as the ledger consumed it
      const std::int64_t covered = std::min(rest, k.qty);
      add_to(out.cents,
             covered == k.qty ? k.value_cents
                              : add_cents(mul_cents(k.value_cents, covered, "a part's value"), k.qty / 2) / k.qty,
             "a ticket's parts cost");  // to the cent
      rest -= covered;
    }
    auto it = prices.find(part);
    if (it != prices.end() && it->second) add_to(out.cents, mul_cents(rest, *it->second, "a part's value"), "a ticket's parts cost");
    else out.unpriced += rest;
  }
  return out;
}

CostReport cost_report(const FactSet& tickets, const Period& period, Instant as_of, GroupBy by,
                       std::int64_t labor_rate_cents,
                       const std::map<std::string, std::optional<std::int64_t>>& prices,
                       const std::map<std::string, std::array<std::int64_t, 3>>& other,
                       const ConsumedParts& consumed) {
  CostReport r;
  r.period = period;
  r.as_of = as_of;
  r.by = by;
  std::map<std::string, CostRow> named;
  std::optional<CostRow> unnamed;
  for (const auto& t : tickets) {
    if (!period.contains(t.created)) continue;
    CostRow c;
    c.tickets = 1;
    c.labor_hours = t.labor_hours;
    c.labor_cents = round_cents(t.labor_hours * double(labor_rate_cents), "a ticket's labour");  // rounded per ticket
    const PartsCost pc = fitted_parts_cost(t, prices, consumed);
    c.parts_cents = pc.cents;
    c.unpriced_parts = pc.unpriced;
    c.fees_cents = t.fees_cents;
    c.unapproved_fees_cents = t.unapproved_fees_cents;
    if (auto it = other.find(t.ticket); it != other.end()) c.other_cents = it->second;
    r.total.add(c);
    if (auto k = group_key(t, by)) named[*k].add(c);
    else {
      if (!unnamed) unnamed.emplace();
      unnamed->add(c);
    }
  }
  for (auto& [k, v] : named) {
    v.key = k;
    r.rows.push_back(v);
  }
  if (unnamed) r.rows.push_back(*unnamed);
  r.total.key = "all";
  return r;
}

ConsumedParts consumed_parts(Store& store, Instant from, Instant to, Instant as_of) {
  ConsumedParts out;
  try {
    SQLite::Statement st(store.db(),
                         "SELECT m.ticket, m.part, m.qty, m.value_cents FROM part_movements m JOIN tickets t "
                         "ON t.ticket = m.ticket WHERE m.kind = 'consume' AND m.ts <= ? AND t.created_at >= ? AND "
                         "t.created_at < ?");
    st.bind(1, as_of);
    st.bind(2, from);
    st.bind(3, to);
    // summed here, checked (SQLite's sum() would fail on an overflow with an internal error)
    while (st.executeStep()) {
      Consumed& c = out[{st.getColumn(0).getString(), st.getColumn(1).getString()}];
      c.qty -= st.getColumn(2).getInt64();
      c.value_cents = sub_cents(c.value_cents, st.getColumn(3).getInt64(), "a ticket's parts consumed");
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading the parts ledger");
  }
  return out;
}

std::map<std::string, std::array<std::int64_t, 3>> cost_entries_by_ticket(Store& store, Instant from, Instant to) {
  std::map<std::string, std::array<std::int64_t, 3>> out;
  try {
    SQLite::Statement st(store.db(),
                         "SELECT c.ticket, c.kind, c.amount_cents FROM cost_entries c JOIN tickets t ON "
                         "t.ticket = c.ticket WHERE t.created_at >= ? AND t.created_at < ?");
    st.bind(1, from);
    st.bind(2, to);
    while (st.executeStep()) {  // summed here, checked
      int k = kind_index(st.getColumn(1).getString());
      if (k >= 0)
        add_to(out[st.getColumn(0).getString()][size_t(k)], st.getColumn(2).getInt64(),
               k == 0 ? "a ticket's travel costs" : k == 1 ? "a ticket's transport costs" : "a ticket's compensation");
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, "reading cost entries");
  }
  return out;
}

void write_cost_report(std::ostream& out, Format f, const CostReport& r, const Policy& p) {
  std::string keyname(to_string(r.by));
  if (f == Format::Json) {
    JsonWriter w(out);
    auto row = [&](const CostRow& c) {
      w.begin_object();
      w.field("key", c.key);
      w.field("tickets", c.tickets);
      w.field("labor_hours", c.labor_hours);
      w.key("labor").money(c.labor_cents);
      w.key("parts").money(c.parts_cents);
      w.field("unpriced_parts", c.unpriced_parts);
      for (size_t i = 0; i < kCostKinds.size(); ++i) w.key(kCostKinds[i]).money(c.other_cents[i]);
      w.key("cost").money(c.cost_cents());
      w.key("fees").money(c.fees_cents);
      w.key("unapproved_fees").money(c.unapproved_fees_cents);
      w.end_object();
    };
    w.begin_object();
    w.field("from", format_date(r.period.first));
    w.field("to", format_date(r.period.last));
    w.field("as_of", format_rfc3339(r.as_of, p.tz));
    w.field("by", keyname);
    w.key("labor_rate").money(p.costs.labor_rate_cents);
    w.key("groups").begin_array();
    for (const auto& c : r.rows) row(c);
    w.end_array();
    w.key("total");
    row(r.total);
    w.end_object();
    w.newline();
    return;
  }
  Table t;
  t.headers = {keyname, "tickets", "labor_hours", "labor", "parts", "unpriced_parts", "travel", "transport",
               "compensation", "cost", "fees",
               "unapproved_fees"};
  t.align = {Align::Left};
  t.align.resize(t.headers.size(), Align::Right);
  auto add = [&](const CostRow& c, const std::string& key) {
    t.add({key, std::to_string(c.tickets), raw_number(c.labor_hours), format_cents(c.labor_cents),
           f == Format::Csv ? format_cents(c.parts_cents) : parts_cell(c.parts_cents, c.unpriced_parts),
           std::to_string(c.unpriced_parts), format_cents(c.other_cents[0]),
           format_cents(c.other_cents[1]), format_cents(c.other_cents[2]), format_cents(c.cost_cents()),
           format_cents(c.fees_cents),
           format_cents(c.unapproved_fees_cents)});
  };
  bool csv = f == Format::Csv;
  for (const auto& c : r.rows) add(c, c.key.value_or(csv ? "" : "(none)"));
  add(r.total, "all");
  std::string heading = fmt::format(fmt::runtime(p.report.pick("{} to {}, as of {}", "{} 至 {}，截至 {}")),
                                    format_date(r.period.first), format_date(r.period.last),
                                    format_rfc3339_s(r.as_of, p.tz));
  std::string note = fmt::format(
      "labour at {} per hour; parts at actual cost where the parts ledger consumed them, else at catalogue price "
      "({} unit(s) without a price counted at 0.00); cost = labour "
      "+ parts + travel + transport + compensation; fees = approved fees collected from customers"
      "; unapproved_fees = fees recorded with approved = no (outside the fee standard: not revenue, see 'svc audit "
      "integrity')",
      format_cents(p.costs.labor_rate_cents), r.total.unpriced_parts);
  switch (f) {
    case Format::Csv: write_csv(out, t); break;
    case Format::Html: write_html_page(out, p.report.pick("Service costs", "服务成本"), heading,
                                       {{p.report.pick("Costs by ", "成本，按 ") + keyname, note, t, ""}}, p.report.lang);
      break;
    default:
      out << p.report.pick("Service costs ", "服务成本 ") << heading << "\n\n";
      write_table(out, t);
      out << "\n" << note << "\n";
  }
}

}  // namespace svc
