// Exchange and return of a unit under 三包 (docs/installed-base.md "Exchange",
// "Return"): the unit_dispositions table of schema 024, the new unit of an
// exchange, and the entitlement after either.
#include "installed_base.hpp"
#include "installed_base_internal.hpp"

#include <fmt/format.h>

#include "error.hpp"

namespace svc {

using namespace installed_base_detail;

namespace {
std::optional<Disposition> disposition_where(Store& s, const char* sql, const std::string& serial) {
  return guarded("reading unit dispositions", [&]() -> std::optional<Disposition> {
    SQLite::Statement q(s.db(), sql);
    q.bind(1, serial);
    if (!q.executeStep()) return std::nullopt;
    Disposition d;
    d.serial = text_col(q, 0);
    d.kind = text_col(q, 1);
    d.day = parse_date(text_col(q, 2)).value_or(0);
    d.ticket = text_col(q, 3);
    d.new_serial = text_col(q, 4);
    d.note = text_col(q, 5);
    return d;
  });
}
}  // namespace

std::optional<Disposition> unit_disposition(Store& s, const std::string& serial) {
  return disposition_where(s, "SELECT serial, kind, day, ticket, new_serial, note FROM unit_dispositions WHERE serial = ?",
                           serial);
}

std::optional<Disposition> replaced_unit(Store& s, const std::string& serial) {
  return disposition_where(
      s, "SELECT serial, kind, day, ticket, new_serial, note FROM unit_dispositions WHERE new_serial = ?", serial);
}

std::string disposition_line(const Disposition& d) {
  if (d.kind == "exchanged")
    return fmt::format("exchanged on {} for {} ({})", format_date(d.day), d.new_serial, d.ticket);
  return fmt::format("returned on {} ({})", format_date(d.day), d.ticket);
}

void apply_disposition(const Disposition& d, Entitlement& e, const std::string& ticket) {
  if (e.on < d.day || (!ticket.empty() && d.ticket == ticket)) return;
  e.remedy = Remedy::PaidRepair;
  e.choices = {Remedy::PaidRepair};
  e.rule = d.kind;
  e.why = fmt::format("none ({}): the unit left 三包 then", disposition_line(d));
  e.cover_part.clear();
  e.cover_until.reset();
}

std::string exchange_unit(Store& s, const Policy& p, const Event& created, const ExchangeRequest& r) {
  if (r.new_serial.empty())
    throw DataError(fmt::format("ticket '{}' is an exchange (replacement): completing it needs --new-serial, the serial "
                                "of the unit given in exchange",
                                r.ticket));
  std::string why;
  if (!canonical_value(Field::Serial, r.new_serial, why)) throw DataError(fmt::format("--new-serial: {}", why));
  const std::string old_serial = created.get(Field::Serial);
  if (old_serial.empty())
    throw DataError(fmt::format("ticket '{}' names no unit (no serial): an exchange needs the unit it takes back",
                                r.ticket));
  auto old = find_unit(s, old_serial);
  if (!old)
    throw DataError(fmt::format("unit '{}' of ticket '{}' is not registered: register it ('svc unit add') before "
                                "exchanging it",
                                old_serial, r.ticket));
  if (auto d = unit_disposition(s, old_serial))
    throw DataError(fmt::format("unit '{}' was already {}: it cannot be exchanged again", old_serial,
                                disposition_line(*d)));
  if (auto u = find_unit(s, r.new_serial))
    throw DataError(fmt::format("--new-serial {}: that serial is already registered (model {}{}): the unit given in "
                                "exchange is a new one",
                                r.new_serial, u->model, u->customer.empty() ? "" : ", customer " + u->customer));
  Unit n = *old;
  n.serial = r.new_serial;
  std::string note;
  if (!r.new_model.empty() && r.new_model != old->model) {
    get_product(s, r.new_model);  // NoInputError (66) with did-you-mean
    if (!r.force.force)
      throw DataError(fmt::format("--new-model {}: the unit given in exchange must be the same model as {} "
                                  "(「更换的新产品应与原产品型号、规格一致」); --force --reason TEXT records another model",
                                  r.new_model, old->model));
    if (r.force.reason.empty()) throw UsageError("--force needs --reason: why another model is given in exchange");
    n.model = r.new_model;
    note = fmt::format("model {} for {}, forced: {}", r.new_model, old->model, r.force.reason);
  }
  const Day day = p.tz.local_day(r.at);
  n.purchased = day;  // its 三包 starts on the exchange day
  n.installed.reset();
  n.install_ticket.clear();
  write_unit(s.db(), n);
  SQLite::Statement ins(s.db(),
                        "INSERT INTO unit_dispositions(serial, kind, day, ticket, new_serial, note, at, user) "
                        "VALUES(?, 'exchanged', ?, ?, ?, ?, ?, ?)");
  ins.bind(1, old_serial);
  ins.bind(2, format_date(day));
  ins.bind(3, r.ticket);
  ins.bind(4, r.new_serial);
  if (note.empty()) ins.bind(5);
  else ins.bind(5, note);
  ins.bind(6, static_cast<std::int64_t>(r.at));
  ins.bind(7, r.user.empty() ? std::string("unknown") : r.user);
  ins.exec();
  return fmt::format("unit {} exchanged for {} ({}): the new unit's 三包 starts {}; {}'s repairs do not count against it",
                     old_serial, n.serial, n.model, format_date(day), old_serial);
}

void write_json(JsonWriter& w, const std::optional<Disposition>& d) {
  if (!d) {
    w.null();
    return;
  }
  w.begin_object();
  w.field("serial", d->serial).field("kind", d->kind).field("day", format_date(d->day)).field("ticket", d->ticket);
  w.key("new_serial");
  if (d->new_serial.empty()) w.null();
  else w.value(d->new_serial);
  w.key("note");
  if (d->note.empty()) w.null();
  else w.value(d->note);
  w.end_object();
}

}  // namespace svc
