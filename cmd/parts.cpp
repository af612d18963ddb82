// svc parts: the spare-parts catalogue, warehouses, movement ledger, stock,
// stock-takes and supplier claims (docs/parts.md). Options only; the work is
// in lib/ops/parts*.cpp (lib/ops/parts.hpp).
#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <memory>

#include "app.hpp"
#include "error.hpp"
#include "parts.hpp"
#include "parts_common.hpp"

namespace svc::cli {

namespace parts_detail {

void add_recording(CLI::App* app, Recording& r) {
  app->add_option("--at", r.at,
                  "When it happened (RFC 3339 or local 'YYYY-MM-DD HH:MM[:SS]'); default now. Not in the future, "
                  "not before the part's last movement in that warehouse");
  app->add_option("--user", r.user, "Who records it (default $SVC_USER, else $USER)");
  add_format(app, r.format);
}

Actor actor_of(const Recording& r, const Policy& p) {
  Actor a;
  a.user = user_or_env(r.user);
  Instant n = now();
  if (r.at.empty()) {
    a.ts = n;
  } else {
    std::string why;
    auto t = parse_timestamp(r.at, p.tz, &why);
    if (!t) throw UsageError(fmt::format("--at '{}' is not a timestamp{}", r.at, why.empty() ? "" : ": " + why));
    if (*t > n) throw UsageError(fmt::format("--at '{}' is in the future", r.at));
    a.ts = *t;
  }
  return a;
}

std::int64_t cents_option(const std::string& v, const char* name) {
  auto c = parse_cents(v);
  if (!c || *c < 0)
    throw UsageError(fmt::format("{} '{}' must be an amount >= 0 with at most 2 decimals", name, v));
  return *c;
}

std::string when_text(Instant t, const Policy& p, Format f) {
  return f == Format::Table ? format_local_minutes(t, p.tz) : format_rfc3339(t, p.tz);
}

Table movements_table(const std::vector<LedgerRow>& rows, const Policy& p, Format f, bool with_balance) {
  Table t;
  t.headers = {"id", "time", "kind", "warehouse", "part", "book", "qty"};
  if (with_balance) t.headers.push_back("balance");
  for (const char* h : {"unit_cost", "value", "avg_cost", "reference", "ticket", "event", "claim", "user",
                        "approved_by", "reason", "reverses"})
    t.headers.push_back(h);
  if (with_balance) t.headers.push_back("reversed_by");
  t.align = {Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right};
  if (with_balance) t.align.push_back(Align::Right);
  for (int i = 0; i < 3; ++i) t.align.push_back(Align::Right);
  for (const auto& lr : rows) {
    const Movement& m = lr.m;
    std::vector<std::string> r = {std::to_string(m.id), when_text(m.ts, p, f), std::string(to_string(m.kind)),
                                  m.warehouse, m.part, m.book, std::to_string(m.qty)};
    if (with_balance) r.push_back(std::to_string(lr.balance));
    for (auto& v : {format_cents(m.unit_cents), format_cents(m.value_cents), format_cents(m.avg_cents), m.reference,
                    m.ticket, m.event_id, m.claim_id ? std::to_string(m.claim_id) : std::string(), m.user,
                    m.approved_by, m.reason, m.reverses ? std::to_string(m.reverses) : std::string()})
      r.push_back(v);
    if (with_balance) r.push_back(lr.reversed_by ? std::to_string(lr.reversed_by) : std::string());
    t.add(std::move(r));
  }
  return t;
}

void print_movements(const std::vector<Movement>& ms, const Policy& p, const std::string& format) {
  std::vector<LedgerRow> rows;
  for (const auto& m : ms) rows.push_back({m, 0});
  Format f = format_of(format);
  emit_table(std::cout, f, movements_table(rows, p, f, false));
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

// Opens the policy, the store and the ledger, records through `fn` and prints
// the movements it made in --format.
void record(Globals& g, const Recording& rec,
            const std::function<std::vector<Movement>(PartsLedger&, const Actor&)>& fn) {
  Policy p = load_policy(g);
  Store s = open_store(g);
  PartsLedger led(s, p);
  print_movements(fn(led, actor_of(rec, p)), p, rec.format);
}
}  // namespace parts_detail

using namespace parts_detail;

void setup_parts(CLI::App& sub, Globals& g) {
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  svc parts catalog import parts.csv\n"
      "  svc parts receive CAP-35UF --qty 50 --unit-cost 11.80 --receipt GRN-1101\n"
      "  svc parts transfer CAP-35UF --qty 10 --from central --to SH-01\n"
      "  svc parts issue T1001 CAP-35UF --qty 1 --warehouse SH-01 --requisition RQ-778\n"
      "  svc parts stock --below-min\n"
      "  svc parts reverse 42 --reason 'receipt entered twice'\n"
      "  svc audit parts --fail-on any\n"
      "\nSee docs/parts.md.");
  setup_catalog(sub, g);
  setup_warehouse(sub, g);
  setup_movements(sub, g);
  setup_reverse(sub, g);
  setup_claims(sub, g);
  setup_views(sub, g);
}

}  // namespace svc::cli
