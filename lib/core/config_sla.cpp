// [sla] (targets, rules and their `when`), [kpi] and [assessment].
#include "config_internal.hpp"

namespace svc::config_detail {

void Loader::sla(const toml::table& t) {
  known(t, "sla.", {"rules", "warn_at"});
  if (auto n = t.get("warn_at")) {
    if (auto v = num(*n, "sla.warn_at")) {
      if (*v <= 0 || *v > 1) problem(*n, fmt::format("sla.warn_at must be in (0, 1], got {}", *v));
      else p_.warn_at = *v, origin("sla.warn_at", *n);
    }
  }
  auto n = t.get("rules");
  if (!n) return;
  auto arr = n->as_array();
  if (!arr || !arr->is_array_of_tables()) {
    problem(*n, "sla.rules must be an array of tables ([[sla.rules]])");
    return;
  }
  std::vector<SlaRule> rules;
  bool ok = true;
  for (size_t i = 0; i < arr->size(); ++i) {
    const auto& rt = *arr->get(i)->as_table();
    std::string where = fmt::format("sla.rules[{}]", i);
    known(rt, where + ".", {"name", "when", "response", "arrival", "resolution", "followup"});
    SlaRule r;
    r.name = fmt::format("rule{}", i + 1);
    if (auto nm = rt.get("name")) {
      if (auto s = str(*nm, where + ".name")) r.name = *s;
      else ok = false;
    }
    bool has_when = false;  // a `when` with at least one condition
    bool empty_when = false;
    if (auto w = rt.get("when")) {
      if (!when(*w, where + ".when", r.when)) ok = false, has_when = true;
      else has_when = !r.when.empty(), empty_when = r.when.empty();
    }
    for (Target tg : kTargets) {
      auto dn = rt.get(std::string(to_string(tg)));
      if (!dn) continue;
      auto s = str(*dn, fmt::format("{}.{}", where, to_string(tg)));
      if (!s) { ok = false; continue; }
      if (*s == "due") {  // the ticket's own due time (docs/policy.md)
        if (tg == Target::Followup) {
          problem(*dn, fmt::format("{}.followup: 'due' is a target for response, arrival or resolution (a due time "
                                   "is set when the ticket is created; follow-up is measured from completion)",
                                   where));
          ok = false;
        } else r.targets[static_cast<int>(tg)] = Duration{Clock::Calendar, 0, "due", true};
        continue;
      }
      auto d = parse_duration(*s, p_.calendar.day_seconds());
      if (!d && duration_too_long(*s, p_.calendar.day_seconds())) {
        problem(*dn, fmt::format("{}.{}: duration '{}' is longer than 10 years", where, to_string(tg), *s));
        ok = false;
      } else if (!d) {
        problem(*dn, fmt::format("{}.{}: bad duration '{}' (a number and m, h, bh or bd, e.g. 24h, 3bd)", where,
                                 to_string(tg), *s));
        ok = false;
      } else r.targets[static_cast<int>(tg)] = d;
    }
    if (!has_when && !r.uses_due() && i + 1 != arr->size()) {  // a "due" target is a condition of its own
      problem(rt, fmt::format("{} ('{}') has {} so it matches every ticket, but it is not the last rule: "
                              "the rules after it can never apply",
                              where, r.name, empty_when ? "an empty 'when'" : "no 'when'"));
      ok = false;
    }
    rules.push_back(std::move(r));
  }
  if (ok) p_.rules = std::move(rules), origin("sla.rules", *n);
}

bool Loader::when(const toml::node& n, const std::string& where, RuleWhen& w) {
  auto t = n.as_table();
  if (!t) {
    problem(n, where + " must be a table, e.g. { urgency = \"urgent\" }");
    return false;
  }
  known(*t, where + ".", {"urgency", "type", "region", "channel", "outlet", "customer", "product", "serial",
                          "distance_km_over", "has_due"});
  bool ok = true;
  auto enum_list = [&](const char* key, Field f, std::vector<std::string>& out) {
    auto v = t->get(key);
    if (!v) return;
    auto list = strings(*v, where + "." + key);
    if (!list) { ok = false; return; }
    for (auto& s : *list) {
      std::string why;
      if (f != Field::Region && f != Field::Outlet && f != Field::Customer && f != Field::Product &&
          !canonical_value(f, s, why)) {
        problem(*v, fmt::format("{}.{}: {}", where, key, why));
        ok = false;
      }
    }
    out = *list;
  };
  enum_list("urgency", Field::Urgency, w.urgency);
  enum_list("type", Field::Type, w.type);
  enum_list("region", Field::Region, w.region);
  enum_list("channel", Field::Channel, w.channel);
  enum_list("outlet", Field::Outlet, w.outlet);
  enum_list("customer", Field::Customer, w.customer);
  enum_list("product", Field::Product, w.product);
  enum_list("serial", Field::Serial, w.serial);
  if (auto d = t->get("has_due")) {
    if (auto b = d->value<bool>()) w.has_due = *b;
    else problem(*d, where + ".has_due must be true or false"), ok = false;
  }
  if (auto d = t->get("distance_km_over")) {
    if (auto v = num(*d, where + ".distance_km_over")) {
      if (*v < 0) problem(*d, where + ".distance_km_over must be >= 0"), ok = false;
      else w.distance_km_over = *v;
    } else ok = false;
  }
  return ok;
}

void Loader::rate(const toml::table& t, const char* key, const std::string& prefix, double& out) {
  auto n = t.get(key);
  if (!n) return;
  if (auto v = num(*n, prefix + key)) {
    if (*v < 0 || *v > 1) problem(*n, fmt::format("{}{} must be a fraction from 0 to 1, got {}", prefix, key, *v));
    else out = *v, origin(prefix + key, *n);
  }
}

void Loader::kpi(const toml::table& t) {
  known(t, "kpi.", {"timeliness", "satisfaction", "complaint_rate", "repeat_days"});
  rate(t, "timeliness", "kpi.", p_.kpi.timeliness);
  rate(t, "satisfaction", "kpi.", p_.kpi.satisfaction);
  rate(t, "complaint_rate", "kpi.", p_.kpi.complaint_rate);
  if (auto n = t.get("repeat_days")) {
    auto v = n->value<std::int64_t>();
    if (!n->is_integer() || !v || *v < 0 || *v > 3660)
      problem(*n, "kpi.repeat_days must be a whole number of days from 0 to 3660");
    else p_.kpi.repeat_days = int(*v), origin("kpi.repeat_days", *n);
  }
}

void Loader::number(const toml::table& t, const char* key, const std::string& prefix, double& out, double lo, double hi) {
  auto n = t.get(key);
  if (!n) return;
  if (auto v = num(*n, prefix + key)) {
    if (*v < lo || *v > hi) problem(*n, fmt::format("{}{} must be from {} to {}, got {}", prefix, key, lo, hi, *v));
    else out = *v, origin(prefix + key, *n);
  }
}

void Loader::money(const toml::table& t, const char* key, std::int64_t& out) {
  auto n = t.get(key);
  if (!n) return;
  if (auto v = num(*n, std::string("assessment.") + key)) {
    double c = *v * 100;
    if (*v < 0 || std::fabs(c - std::round(c)) > 1e-6)
      problem(*n, fmt::format("assessment.{} must be an amount >= 0 with at most 2 decimals, got {}", key, *v));
    else if (*v > 1e12)  // beyond this, cents no longer fit exactly
      problem(*n, fmt::format("assessment.{} must be at most 1000000000000, got {}", key, *v));
    else out = std::llround(c), origin(std::string("assessment.") + key, *n);
  }
}

void Loader::assessment(const toml::table& t) {
  known(t, "assessment.", {"min_tickets", "weights", "grades", "credit_per_finding", "reward_meets_standard",
                           "reward_excellent", "penalty_per_kpi_missed", "penalty_per_finding",
                           "bonus_requires_standard", "fine_insufficient", "settle_days"});
  auto& a = p_.assessment;
  if (auto n = t.get("min_tickets")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 0 || *n->value<std::int64_t>() > 1'000'000'000)
      problem(*n, "assessment.min_tickets must be an integer from 0 to 1000000000");
    else a.min_tickets = int(*n->value<std::int64_t>()), origin("assessment.min_tickets", *n);
  }
  if (auto n = t.get("weights")) {
    if (auto w = n->as_table()) {
      known(*w, "assessment.weights.", {"credit", "technical", "service", "quality"});
      number(*w, "credit", "assessment.weights.", a.w_credit, 0, 1);
      number(*w, "technical", "assessment.weights.", a.w_technical, 0, 1);
      number(*w, "service", "assessment.weights.", a.w_service, 0, 1);
      number(*w, "quality", "assessment.weights.", a.w_quality, 0, 1);
      double sum = a.w_credit + a.w_technical + a.w_service + a.w_quality;
      if (std::fabs(sum - 1) > 1e-9) problem(*n, fmt::format("assessment.weights must sum to 1, they sum to {}", sum));
    } else problem(*n, "assessment.weights must be a table");
  }
  if (auto n = t.get("grades")) {
    if (auto g = n->as_table()) {
      known(*g, "assessment.grades.", {"excellent", "good", "pass"});
      number(*g, "excellent", "assessment.grades.", a.grade_excellent, 0, 100);
      number(*g, "good", "assessment.grades.", a.grade_good, 0, 100);
      number(*g, "pass", "assessment.grades.", a.grade_pass, 0, 100);
      if (!(a.grade_excellent >= a.grade_good && a.grade_good >= a.grade_pass))
        problem(*n, "assessment.grades must satisfy excellent >= good >= pass");
    } else problem(*n, "assessment.grades must be a table");
  }
  number(t, "credit_per_finding", "assessment.", a.credit_per_finding, 0, 100);
  money(t, "reward_meets_standard", a.reward_meets_cents);
  money(t, "reward_excellent", a.reward_excellent_cents);
  money(t, "penalty_per_kpi_missed", a.penalty_per_kpi_cents);
  money(t, "penalty_per_finding", a.penalty_per_finding_cents);
  for (auto [key, out] : {std::pair<const char*, bool*>{"bonus_requires_standard", &a.bonus_requires_standard},
                          {"fine_insufficient", &a.fine_insufficient}})
    if (auto n = t.get(key)) {
      if (n->is_boolean()) *out = *n->value<bool>(), origin(std::string("assessment.") + key, *n);
      else problem(*n, fmt::format("assessment.{} must be true or false", key));
    }
  if (auto n = t.get("settle_days")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 0 || *n->value<std::int64_t>() > 366)
      problem(*n, "assessment.settle_days must be a whole number of days from 0 to 366");
    else a.settle_days = int(*n->value<std::int64_t>()), origin("assessment.settle_days", *n);
  }
}

}  // namespace svc::config_detail
