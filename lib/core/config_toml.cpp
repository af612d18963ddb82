// policy_to_toml: the effective policy as TOML (svc config show), with origins.
#include "config.hpp"

#include "config_internal.hpp"

namespace svc {

using namespace config_detail;

namespace {
// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_quote(std::string_view v) {
  std::string o = "\"";
  for (unsigned char c : v) {
    if (c == '"') o += "\\\"";
    else if (c == '\\') o += "\\\\";
    else if (c < 0x20 || c == 0x7f) o += fmt::format("\\u{:04X}", c);
    else o += char(c);
  }
  return o + "\"";
}
}  // namespace

std::string policy_to_toml(const Policy& p, bool origins) {
  auto org = [&](const std::string& key) -> std::string {
    if (!origins) return "";
    auto it = p.origins.find(key);
    return fmt::format("  # {}", it == p.origins.end() ? "built-in" : it->second);
  };
  auto qlist = [](const std::vector<std::string>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + toml_quote(v[i]);
    return s + "]";
  };
  auto days = [&](const std::set<Day>& ds) {
    std::vector<std::string> v;
    for (Day d : ds) v.push_back(format_date(d));
    return qlist(v);
  };
  std::string o;
  o += fmt::format("timezone = {}{}\n\n[calendar]\n", toml_quote(p.timezone), org("timezone"));
  std::vector<std::string> wd, hours;
  for (int i = 0; i < 7; ++i)
    if (p.calendar.workdays[size_t(i)]) wd.push_back(kDayNames[i]);
  for (auto& h : p.calendar.hours)
    hours.push_back(fmt::format("{:02}:{:02}-{:02}:{:02}", h.start_min / 60, h.start_min % 60, h.end_min / 60, h.end_min % 60));
  o += fmt::format("include = {}{}\n", qlist(p.calendar.include), org("calendar.include"));
  {
    std::string ys;
    for (int y : p.calendar.covers) ys += fmt::format("{}{}", ys.empty() ? "" : ", ", y);
    o += fmt::format("covers = [{}]{}\n", ys, org("calendar.covers"));
  }
  o += fmt::format("workdays = {}{}\n", qlist(wd), org("calendar.workdays"));
  o += fmt::format("hours = {}{}\n", qlist(hours), org("calendar.hours"));
  o += fmt::format("holidays = {}{}\n", days(p.calendar.holidays), org("calendar.holidays"));
  o += fmt::format("extra_workdays = {}{}\n", days(p.calendar.extra_workdays), org("calendar.extra_workdays"));
  for (const auto& r : p.rules) {
    o += fmt::format("\n[[sla.rules]]{}\nname = {}\n", org("sla.rules"), toml_quote(r.name));
    std::vector<std::string> conds;
    auto add = [&](const char* k, const std::vector<std::string>& v) {
      if (v.size() == 1) conds.push_back(fmt::format("{} = {}", k, toml_quote(v[0])));
      else if (!v.empty()) conds.push_back(fmt::format("{} = {}", k, qlist(v)));
    };
    add("urgency", r.when.urgency);
    add("type", r.when.type);
    add("region", r.when.region);
    add("channel", r.when.channel);
    add("outlet", r.when.outlet);
    add("customer", r.when.customer);
    add("product", r.when.product);
    add("serial", r.when.serial);
    if (r.when.distance_km_over) conds.push_back(fmt::format("distance_km_over = {}", *r.when.distance_km_over));
    if (r.when.has_due) conds.push_back(fmt::format("has_due = {}", *r.when.has_due ? "true" : "false"));
    if (!conds.empty()) {
      std::string w;
      for (size_t i = 0; i < conds.size(); ++i) w += (i ? ", " : "") + conds[i];
      o += fmt::format("when = {{ {} }}\n", w);
    }
    for (Target t : kTargets)
      if (auto& d = r.target(t)) o += fmt::format("{} = {}\n", to_string(t), toml_quote(d->text));
  }
  o += fmt::format("\n[sla]\nwarn_at = {}{}\n", p.warn_at, org("sla.warn_at"));
  o += fmt::format("\n[kpi]\ntimeliness = {}{}\nsatisfaction = {}{}\ncomplaint_rate = {}{}\nrepeat_days = {}{}\n",
                   p.kpi.timeliness, org("kpi.timeliness"), p.kpi.satisfaction, org("kpi.satisfaction"),
                   p.kpi.complaint_rate, org("kpi.complaint_rate"), p.kpi.repeat_days, org("kpi.repeat_days"));
  const auto& a = p.assessment;
  o += fmt::format("\n[assessment]\nmin_tickets = {}{}\n", a.min_tickets, org("assessment.min_tickets"));
  auto group = [&](const std::string& prefix, std::initializer_list<const char*> keys) -> std::string {
    if (!origins) return "";
    // one origin when every key came from the same place, else each key's
    std::vector<std::string> each;
    std::set<std::string> distinct;
    for (const char* k : keys) {
      auto it = p.origins.find(prefix + k);
      std::string from = it == p.origins.end() ? "built-in" : it->second;
      distinct.insert(from);
      each.push_back(fmt::format("{} {}", k, from));
    }
    if (distinct.size() == 1) return fmt::format("  # {}", *distinct.begin());
    std::string all;
    for (const auto& e : each) {
      if (!all.empty()) all += ", ";
      all += e;
    }
    return fmt::format("  # {}", all);
  };
  o += fmt::format("weights = {{ credit = {}, technical = {}, service = {}, quality = {} }}{}\n", a.w_credit,
                   a.w_technical, a.w_service, a.w_quality,
                   group("assessment.weights.", {"credit", "technical", "service", "quality"}));
  o += fmt::format("grades = {{ excellent = {}, good = {}, pass = {} }}{}\n", a.grade_excellent, a.grade_good,
                   a.grade_pass, group("assessment.grades.", {"excellent", "good", "pass"}));
  o += fmt::format("credit_per_finding = {}{}\n", a.credit_per_finding, org("assessment.credit_per_finding"));
  auto m = [](std::int64_t c) { return fmt::format("{}.{:02}", c / 100, c % 100); };
  o += fmt::format("reward_meets_standard = {}{}\n", m(a.reward_meets_cents), org("assessment.reward_meets_standard"));
  o += fmt::format("reward_excellent = {}{}\n", m(a.reward_excellent_cents), org("assessment.reward_excellent"));
  o += fmt::format("penalty_per_kpi_missed = {}{}\n", m(a.penalty_per_kpi_cents), org("assessment.penalty_per_kpi_missed"));
  o += fmt::format("penalty_per_finding = {}{}\n", m(a.penalty_per_finding_cents), org("assessment.penalty_per_finding"));
  o += fmt::format("bonus_requires_standard = {}{}\n", a.bonus_requires_standard,
                   org("assessment.bonus_requires_standard"));
  o += fmt::format("fine_insufficient = {}{}\n", a.fine_insufficient, org("assessment.fine_insufficient"));
  o += fmt::format("settle_days = {}{}\n", a.settle_days, org("assessment.settle_days"));
  const auto& e = p.engineers;
  o += fmt::format("\n[engineers]\nmin_tickets = {}{}\n", e.min_tickets, org("engineers.min_tickets"));
  for (auto [name, g] : {std::pair<const char*, const EngineerThresholds*>{"excellent", &e.excellent},
                         {"good", &e.good}, {"pass", &e.pass}})
    o += fmt::format("{} = {{ timeliness = {}, first_time_fix = {}, satisfaction = {} }}{}\n", name, g->timeliness,
                     g->first_time_fix, g->satisfaction,
                     group(fmt::format("engineers.{}.", name), {"timeliness", "first_time_fix", "satisfaction"}));
  o += fmt::format("\n[costs]\nlabor_rate = {}{}\n", m(p.costs.labor_rate_cents), org("costs.labor_rate"));
  const auto& wp = p.warranty;
  o += fmt::format("\n[warranty]\nmonths = {}{}\n", wp.months, org("warranty.months"));
  {
    std::string l;
    for (auto& [k, v] : wp.lines) l += fmt::format("{}{} = {}", l.empty() ? "" : ", ", toml_quote(k), v);
    o += fmt::format("lines = {{{}{}}}{}\n", l.empty() ? "" : " ", l.empty() ? l : l + " ", org("warranty.lines"));
    std::string q;
    for (auto& [k, v] : wp.labor_quota) q += fmt::format("{}{} = {}", q.empty() ? "" : ", ", k, v);
    o += fmt::format("labor_rate = {}{}\n", m(wp.labor_rate_cents), org("warranty.labor_rate"));
    o += fmt::format("labor_quota = {{ {} }}{}\n", q, org("warranty.labor_quota"));
    o += fmt::format("return_days = {}{}\n", wp.return_days, org("warranty.return_days"));
    o += fmt::format("exchange_days = {}{}\n", wp.exchange_days, org("warranty.exchange_days"));
    o += fmt::format("repairs_before_exchange = {}{}\n", wp.repairs_before_exchange, org("warranty.repairs_before_exchange"));
    o += fmt::format("repair_months = {}{}\n", wp.repair_months, org("warranty.repair_months"));
    o += fmt::format("key_part_months = {}{}\n", wp.key_part_months, org("warranty.key_part_months"));
    std::string kl;
    for (auto& [k, v] : wp.key_part_lines) kl += fmt::format("{}{} = {}", kl.empty() ? "" : ", ", toml_quote(k), v);
    o += fmt::format("key_part_lines = {{{}{}}}{}\n", kl.empty() ? "" : " ", kl.empty() ? kl : kl + " ",
                     org("warranty.key_part_lines"));
  }
  o += fmt::format("\n[tickets]\nid_pattern = {}{}\n", toml_quote(p.tickets.id_pattern), org("tickets.id_pattern"));
  o += fmt::format("phone_followup = {}{}\n", toml_quote(p.tickets.phone_followup.text), org("tickets.phone_followup"));
  const auto& pp = p.parts;
  o += fmt::format("\n[parts]\nissue_approval_over = {}{}\n", m(pp.approval_over_cents), org("parts.issue_approval_over"));
  o += fmt::format("unconsumed_days = {}{}\n", pp.unconsumed_days, org("parts.unconsumed_days"));
  o += fmt::format("old_part_days = {}{}\n", pp.old_part_days, org("parts.old_part_days"));
  o += fmt::format("claim_days = {}{}\n", pp.claim_days, org("parts.claim_days"));
  const auto& dp = p.dispatch;
  o += fmt::format("\n[dispatch]\nservice_radius_km = {}{}\n", dp.service_radius_km, org("dispatch.service_radius_km"));
  o += fmt::format("near_km = {}{}\n", dp.near_km, org("dispatch.near_km"));
  o += fmt::format("beyond_radius = {}{}\n", toml_quote(dp.beyond_radius), org("dispatch.beyond_radius"));
  o += fmt::format("max_open = {}{}\n", dp.max_open, org("dispatch.max_open"));
  o += fmt::format("weights = {{ same_outlet = {}, same_region = {}, skill_type = {}, skill_line = {}, workload = {}, "
                   "level = {}, near = {}, conflict = {} }}{}\n",
                   dp.w_same_outlet, dp.w_same_region, dp.w_skill_type, dp.w_skill_line, dp.w_workload, dp.w_level,
                   dp.w_near, dp.w_conflict,
                   group("dispatch.weights.", {"same_outlet", "same_region", "skill_type", "skill_line", "workload",
                                               "level", "near", "conflict"}));
  const auto& mp = p.maint;
  o += fmt::format("\n[maint]\nspring = \"{:02}-{:02}\"{}\n", mp.spring_month, mp.spring_day, org("maint.spring"));
  o += fmt::format("autumn = \"{:02}-{:02}\"{}\n", mp.autumn_month, mp.autumn_day, org("maint.autumn"));
  const auto& tp = p.training;
  o += fmt::format("\n[training]\nexcellent = {}{}\n", tp.excellent, org("training.excellent"));
  o += fmt::format("good = {}{}\n", tp.good, org("training.good"));
  o += fmt::format("pass = {}{}\n", tp.pass, org("training.pass"));
  o += fmt::format("retrain_days = {}{}\n", tp.retrain_days, org("training.retrain_days"));
  o += fmt::format("refresh_days = {}{}\n", tp.refresh_days, org("training.refresh_days"));
  o += fmt::format("assessment_share = {}{}\n", tp.assessment_share, org("training.assessment_share"));
  const auto& lm = p.limits;
  o += fmt::format("\n[limits]\nlabor_hours = {}{}\n", lm.labor_hours, org("limits.labor_hours"));
  o += fmt::format("amount = {}{}\n", m(lm.amount_cents), org("limits.amount"));
  o += fmt::format("qty = {}{}\n", lm.qty, org("limits.qty"));
  o += fmt::format("distance_km = {}{}\n", lm.distance_km, org("limits.distance_km"));
  o += fmt::format("unit_cost = {}{}\n", m(lm.unit_cost_cents), org("limits.unit_cost"));
  o += fmt::format("purchase_years = {}{}\n", lm.purchase_years, org("limits.purchase_years"));
  o += fmt::format("future_minutes = {}{}\n", lm.future_minutes, org("limits.future_minutes"));
  o += fmt::format("\n[report]\nlang = {}{}\n", toml_quote(p.report.lang), org("report.lang"));
  const auto& cp = p.complaints;
  o += fmt::format("\n[complaints]\nfirst_reply = {}{}\n", toml_quote(cp.first_reply.text), org("complaints.first_reply"));
  o += fmt::format("resolution = {}{}\n", toml_quote(cp.resolution.text), org("complaints.resolution"));
  o += fmt::format("follow_up = {}{}\n", toml_quote(cp.follow_up.text), org("complaints.follow_up"));
  std::string cs;
  for (const auto& [k, c] : cp.categories) {
    cs += fmt::format("{}{} = {{ name = {}", cs.empty() ? "" : ", ", k, toml_quote(c.name));
    if (c.first_reply) cs += fmt::format(", first_reply = {}", toml_quote(c.first_reply->text));
    if (c.resolution) cs += fmt::format(", resolution = {}", toml_quote(c.resolution->text));
    cs += " }";
  }
  o += fmt::format("categories = {{ {} }}{}\n", cs, org("complaints.categories"));
  return o;
}

}  // namespace svc
