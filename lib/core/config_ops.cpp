// The operations' sections: [warranty] [tickets] [parts] [dispatch] [report]
// [engineers] [costs] [maint] [training] [limits].
#include "config_internal.hpp"

#include "ticket_id.hpp"

namespace svc::config_detail {

// [warranty]: months, lines, labor_rate, labor_quota (docs/tickets.md).
void Loader::warranty(const toml::table& t) {
  known(t, "warranty.", {"months", "lines", "labor_rate", "labor_quota", "return_days", "exchange_days",
                         "repairs_before_exchange", "repair_months", "key_part_months", "key_part_lines"});
  auto& w = p_.warranty;
  auto months = [&](const toml::node& n, const std::string& key) -> std::optional<int> {
    auto v = n.value<std::int64_t>();
    if (!n.is_integer() || !v || *v < 0 || *v > 1200) {
      problem(n, fmt::format("{} must be a whole number of months from 0 to 1200", key));
      return std::nullopt;
    }
    return int(*v);
  };
  if (auto n = t.get("months"))
    if (auto m = months(*n, "warranty.months")) w.months = *m, origin("warranty.months", *n);
  if (auto n = t.get("lines")) {
    if (auto lt = n->as_table()) {
      std::map<std::string, int> lines;
      bool ok = true;
      for (auto&& [k, v] : *lt) {
        if (auto m = months(v, fmt::format("warranty.lines.{}", k.str()))) lines[std::string(k.str())] = *m;
        else ok = false;
      }
      if (ok) w.lines = lines, origin("warranty.lines", *n);
    } else problem(*n, "warranty.lines must be a table of product line = months, e.g. { AC = 36 }");
  }
  // 三包 terms (docs/installed-base.md): whole numbers of days, repairs or months
  for (auto [key, field, hi] : {std::tuple{"return_days", &w.return_days, 3650}, {"exchange_days", &w.exchange_days, 3650},
                                {"repairs_before_exchange", &w.repairs_before_exchange, 100},
                                {"repair_months", &w.repair_months, 1200}, {"key_part_months", &w.key_part_months, 1200}})
    if (auto n = t.get(key)) {
      auto v = n->value<std::int64_t>();
      if (!n->is_integer() || !v || *v < 0 || *v > hi)
        problem(*n, fmt::format("warranty.{} must be a whole number from 0 to {}", key, hi));
      else *field = int(*v), origin(std::string("warranty.") + key, *n);
    }
  if (auto n = t.get("key_part_lines")) {
    if (auto lt = n->as_table()) {
      std::map<std::string, int> lines;
      bool ok = true;
      for (auto&& [k, v] : *lt) {
        if (auto m = months(v, fmt::format("warranty.key_part_lines.{}", k.str()))) lines[std::string(k.str())] = *m;
        else ok = false;
      }
      if (ok) w.key_part_lines = lines, origin("warranty.key_part_lines", *n);
    } else problem(*n, "warranty.key_part_lines must be a table of product line = months, e.g. { 空调 = 60 }");
  }
  if (w.exchange_days < w.return_days)
    problem(t, fmt::format("warranty.exchange_days ({}) must not be less than warranty.return_days ({})",
                           w.exchange_days, w.return_days));
  if (auto n = t.get("labor_rate")) {
    if (auto v = num(*n, "warranty.labor_rate")) {
      double c = *v * 100;
      if (*v < 0 || *v > 1e9 || std::fabs(c - std::round(c)) > 1e-6)
        problem(*n, fmt::format("warranty.labor_rate must be an amount >= 0 with at most 2 decimals, got {}", *v));
      else w.labor_rate_cents = std::llround(c), origin("warranty.labor_rate", *n);
    }
  }
  if (auto n = t.get("labor_quota")) {
    if (auto qt = n->as_table()) {
      auto quota = w.labor_quota;
      bool ok = true;
      for (auto&& [k, v] : *qt) {
        std::string type(k.str()), why;
        if (!canonical_value(Field::Type, type, why)) {
          problem(v, fmt::format("warranty.labor_quota: {}", why));
          ok = false;
        } else if (auto h = num(v, "warranty.labor_quota." + type)) {
          if (*h < 0 || *h > 1000) problem(v, fmt::format("warranty.labor_quota.{} must be hours from 0 to 1000, got {}", type, *h)), ok = false;
          else quota[type] = *h;
        } else ok = false;
      }
      if (ok) w.labor_quota = quota, origin("warranty.labor_quota", *n);
    } else problem(*n, "warranty.labor_quota must be a table of service type = hours, e.g. { repair = 1.5 }");
  }
}

// [tickets]: id_pattern, phone_followup (docs/tickets.md).
void Loader::tickets(const toml::table& t) {
  known(t, "tickets.", {"id_pattern", "phone_followup"});
  if (auto n = t.get("id_pattern")) {
    if (auto s = str(*n, "tickets.id_pattern")) {
      std::string why = check_id_pattern(*s);
      if (!why.empty()) problem(*n, "tickets.id_pattern: " + why);
      else p_.tickets.id_pattern = *s, origin("tickets.id_pattern", *n);
    }
  }
  if (auto n = t.get("phone_followup")) {
    if (auto s = str(*n, "tickets.phone_followup")) {
      auto d = parse_duration(*s, p_.calendar.day_seconds());
      if (!d) problem(*n, fmt::format("tickets.phone_followup: bad duration '{}' (a number and m, h, bh or bd, e.g. 2h)", *s));
      else p_.tickets.phone_followup = *d, origin("tickets.phone_followup", *n);
    }
  }
}

void Loader::days(const toml::table& t, const char* key, int& out) {
  auto n = t.get(key);
  if (!n) return;
  auto v = n->value<std::int64_t>();
  if (!n->is_integer() || !v || *v < 1 || *v > 3650)
    problem(*n, fmt::format("parts.{} must be a whole number of days from 1 to 3650", key));
  else out = int(*v), origin(std::string("parts.") + key, *n);
}

void Loader::parts(const toml::table& t) {
  known(t, "parts.", {"issue_approval_over", "unconsumed_days", "old_part_days", "claim_days"});
  auto& pp = p_.parts;
  if (auto n = t.get("issue_approval_over")) {
    if (auto v = num(*n, "parts.issue_approval_over")) {
      double c = *v * 100;
      if (*v < 0 || *v > 1e13 || std::fabs(c - std::round(c)) > 1e-6)
        problem(*n, fmt::format("parts.issue_approval_over must be an amount >= 0 with at most 2 decimals, got {}", *v));
      else pp.approval_over_cents = std::llround(c), origin("parts.issue_approval_over", *n);
    }
  }
  days(t, "unconsumed_days", pp.unconsumed_days);
  days(t, "old_part_days", pp.old_part_days);
  days(t, "claim_days", pp.claim_days);
}
// [dispatch]: scoring weights, distance bands, workload cap (docs/dispatch.md).
void Loader::dispatch(const toml::table& t) {
  known(t, "dispatch.", {"service_radius_km", "near_km", "beyond_radius", "max_open", "weights"});
  auto& d = p_.dispatch;
  number(t, "service_radius_km", "dispatch.", d.service_radius_km, 0, 100000);
  number(t, "near_km", "dispatch.", d.near_km, 0, 100000);
  if (d.near_km > d.service_radius_km) {
    const toml::node* n = t.get("near_km") ? t.get("near_km") : t.get("service_radius_km");
    if (n) problem(*n, fmt::format("dispatch.near_km ({}) must not exceed dispatch.service_radius_km ({})", d.near_km,
                                   d.service_radius_km));
  }
  if (auto n = t.get("beyond_radius")) {
    if (auto s = str(*n, "dispatch.beyond_radius")) {
      if (*s != "remote" && *s != "visit")
        problem(*n, fmt::format("dispatch.beyond_radius must be remote or visit, got '{}'", *s));
      else d.beyond_radius = *s, origin("dispatch.beyond_radius", *n);
    }
  }
  if (auto n = t.get("max_open")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 0 || *n->value<std::int64_t>() > 100000)
      problem(*n, "dispatch.max_open must be an integer from 0 (no limit) to 100000");
    else d.max_open = int(*n->value<std::int64_t>()), origin("dispatch.max_open", *n);
  }
  if (auto n = t.get("weights")) {
    if (auto w = n->as_table()) {
      known(*w, "dispatch.weights.", {"same_outlet", "same_region", "skill_type", "skill_line", "workload", "level",
                                      "near", "conflict"});
      number(*w, "same_outlet", "dispatch.weights.", d.w_same_outlet, 0, 1000);
      number(*w, "same_region", "dispatch.weights.", d.w_same_region, 0, 1000);
      number(*w, "skill_type", "dispatch.weights.", d.w_skill_type, 0, 1000);
      number(*w, "skill_line", "dispatch.weights.", d.w_skill_line, 0, 1000);
      number(*w, "workload", "dispatch.weights.", d.w_workload, 0, 1000);
      number(*w, "level", "dispatch.weights.", d.w_level, 0, 1000);
      number(*w, "near", "dispatch.weights.", d.w_near, 0, 1000);
      number(*w, "conflict", "dispatch.weights.", d.w_conflict, 0, 1000);
    } else problem(*n, "dispatch.weights must be a table, e.g. { same_outlet = 30, workload = 5 }");
  }
}

// [report]: lang = "zh" | "en" (docs/policy.md).
void Loader::report(const toml::table& t) {
  known(t, "report.", {"lang"});
  if (auto n = t.get("lang")) {
    if (auto s = str(*n, "report.lang")) {
      if (*s != "zh" && *s != "en") problem(*n, fmt::format("report.lang must be zh or en, got '{}'", *s));
      else p_.report.lang = *s, origin("report.lang", *n);
    }
  }
}

// [engineers]: min_tickets and one table of thresholds per grade.
void Loader::engineers(const toml::table& t) {
  known(t, "engineers.", {"min_tickets", "excellent", "good", "pass"});
  auto& e = p_.engineers;
  if (auto n = t.get("min_tickets")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 0) problem(*n, "engineers.min_tickets must be an integer >= 0");
    else e.min_tickets = int(*n->value<std::int64_t>()), origin("engineers.min_tickets", *n);
  }
  auto grade = [&](const char* name, EngineerThresholds& g) {
    auto n = t.get(name);
    if (!n) return;
    auto gt = n->as_table();
    if (!gt) {
      problem(*n, fmt::format("engineers.{} must be a table {{ timeliness = …, first_time_fix = …, satisfaction = … }}", name));
      return;
    }
    std::string prefix = fmt::format("engineers.{}.", name);
    known(*gt, prefix, {"timeliness", "first_time_fix", "satisfaction"});
    rate(*gt, "timeliness", prefix, g.timeliness);
    rate(*gt, "first_time_fix", prefix, g.first_time_fix);
    rate(*gt, "satisfaction", prefix, g.satisfaction);
  };
  grade("excellent", e.excellent);
  grade("good", e.good);
  grade("pass", e.pass);
  auto ordered = [](const EngineerThresholds& hi, const EngineerThresholds& lo) {
    return hi.timeliness >= lo.timeliness && hi.first_time_fix >= lo.first_time_fix && hi.satisfaction >= lo.satisfaction;
  };
  if (!ordered(e.excellent, e.good) || !ordered(e.good, e.pass))
    problem(t, "engineers: each threshold must satisfy excellent >= good >= pass");
}

// [costs]: labor_rate, an amount per labour hour.
void Loader::costs(const toml::table& t) {
  known(t, "costs.", {"labor_rate"});
  auto n = t.get("labor_rate");
  if (!n) return;
  if (auto v = num(*n, "costs.labor_rate")) {
    double c = *v * 100;
    if (*v < 0 || std::fabs(c - std::round(c)) > 1e-6)
      problem(*n, fmt::format("costs.labor_rate must be an amount >= 0 with at most 2 decimals, got {}", *v));
    else if (*v > 1e12)  // beyond this, cents no longer fit exactly
      problem(*n, fmt::format("costs.labor_rate must be at most 1000000000000, got {}", *v));
    else p_.costs.labor_rate_cents = std::llround(c), origin("costs.labor_rate", *n);
  }
}

// [maint]: the spring and autumn due dates, "MM-DD" (docs/maint.md).
void Loader::maint(const toml::table& t) {
  known(t, "maint.", {"spring", "autumn"});
  for (const char* key : {"spring", "autumn"}) {
    auto n = t.get(key);
    if (!n) continue;
    std::string k = std::string("maint.") + key;
    auto s = str(*n, k);
    if (!s) continue;
    int m = 0, d = 0;
    bool ok = s->size() == 5 && (*s)[2] == '-' && std::isdigit((unsigned char)(*s)[0]) &&
              std::isdigit((unsigned char)(*s)[1]) && std::isdigit((unsigned char)(*s)[3]) &&
              std::isdigit((unsigned char)(*s)[4]);
    if (ok) m = std::stoi(s->substr(0, 2)), d = std::stoi(s->substr(3, 2));
    // Feb 29 is refused: it would skip three years of four.
    if (!ok || m < 1 || m > 12 || d < 1 || !valid_civil(2025, unsigned(m), unsigned(d))) {
      problem(*n, fmt::format("{} must be a day of the year \"MM-DD\" (not 02-29), got '{}'", k, *s));
      continue;
    }
    if (std::string(key) == "spring") p_.maint.spring_month = m, p_.maint.spring_day = d;
    else p_.maint.autumn_month = m, p_.maint.autumn_day = d;
    origin(k, *n);
  }
  auto& mp = p_.maint;
  if (mp.spring_month * 100 + mp.spring_day >= mp.autumn_month * 100 + mp.autumn_day)
    problems.push_back(fmt::format("{}: maint.spring ({:02}-{:02}) must come before maint.autumn ({:02}-{:02})", name_,
                                   mp.spring_month, mp.spring_day, mp.autumn_month, mp.autumn_day));
}

// [training]: grade thresholds and the retraining deadline (docs/training.md).
void Loader::training(const toml::table& t) {
  known(t, "training.", {"excellent", "good", "pass", "retrain_days", "refresh_days", "assessment_share"});
  auto& tp = p_.training;
  number(t, "excellent", "training.", tp.excellent, 0, 100);
  number(t, "good", "training.", tp.good, 0, 100);
  number(t, "pass", "training.", tp.pass, 0, 100);
  if (!(tp.excellent >= tp.good && tp.good >= tp.pass))
    problems.push_back(fmt::format("{}: training thresholds must satisfy excellent ({}) >= good ({}) >= pass ({})",
                                   name_, tp.excellent, tp.good, tp.pass));
  if (auto n = t.get("retrain_days")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 1 || *n->value<std::int64_t>() > 3660)
      problem(*n, "training.retrain_days must be an integer from 1 to 3660");
    else tp.retrain_days = int(*n->value<std::int64_t>()), origin("training.retrain_days", *n);
  }
  if (auto n = t.get("refresh_days")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 0 || *n->value<std::int64_t>() > 3660)
      problem(*n, "training.refresh_days must be an integer from 0 (never) to 3660");
    else tp.refresh_days = int(*n->value<std::int64_t>()), origin("training.refresh_days", *n);
  }
  number(t, "assessment_share", "training.", tp.assessment_share, 0, 1);
}

// [limits]: plausibility limits, each positive (docs/policy.md).
void Loader::limits(const toml::table& t) {
  known(t, "limits.", {"labor_hours", "amount", "qty", "distance_km", "unit_cost", "purchase_years", "future_minutes"});
  auto& l = p_.limits;
  for (auto [key, out, hi] : {std::tuple<const char*, double*, double>{"labor_hours", &l.labor_hours, kMaxLaborHours},
                              {"distance_km", &l.distance_km, kMaxDistanceKm}}) {
    auto n = t.get(key);
    if (!n) continue;
    std::string k = std::string("limits.") + key;
    if (auto v = num(*n, k)) {
      if (!(*v > 0) || *v > hi) problem(*n, fmt::format("{} must be a number > 0 and at most {}, got {}", k, hi, *v));
      else *out = *v, origin(k, *n);
    }
  }
  for (auto [key, out] : {std::pair<const char*, std::int64_t*>{"amount", &l.amount_cents},
                          {"unit_cost", &l.unit_cost_cents}}) {
    auto n = t.get(key);
    if (!n) continue;
    std::string k = std::string("limits.") + key;
    if (auto v = num(*n, k)) {
      double c = *v * 100;
      if (!(*v > 0) || *v * 100 > double(kMaxAmountCents) || std::fabs(c - std::round(c)) > 1e-6)
        problem(*n, fmt::format("{} must be an amount > 0 with at most 2 decimals, at most 1000000000000, got {}", k, *v));
      else *out = std::llround(c), origin(k, *n);
    }
  }
  if (auto n = t.get("qty")) {
    if (!n->is_integer() || *n->value<std::int64_t>() < 1 || *n->value<std::int64_t>() > kMaxQty)
      problem(*n, "limits.qty must be a whole number from 1 to 1000000000");
    else l.qty = *n->value<std::int64_t>(), origin("limits.qty", *n);
  }
  for (auto [key, out, lo, hi] : {std::tuple<const char*, int*, int, int>{"purchase_years", &l.purchase_years, 1, 200},
                                  {"future_minutes", &l.future_minutes, 0, 1440}}) {
    auto n = t.get(key);
    if (!n) continue;
    std::string k = std::string("limits.") + key;
    if (!n->is_integer() || *n->value<std::int64_t>() < lo || *n->value<std::int64_t>() > hi)
      problem(*n, fmt::format("{} must be a whole number from {} to {}", k, lo, hi));
    else *out = int(*n->value<std::int64_t>()), origin(k, *n);
  }
}

}  // namespace svc::config_detail
