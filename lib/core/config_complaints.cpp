// [complaints]: the complaint register's clocks and categories (docs/complaints.md).
#include "config_internal.hpp"

namespace svc::config_detail {

void Loader::complaints(const toml::table& t) {
  known(t, "complaints.", {"first_reply", "resolution", "follow_up", "categories"});
  auto& c = p_.complaints;
  auto duration = [&](const toml::node& n, const std::string& key) -> std::optional<Duration> {
    auto s = str(n, key);
    if (!s) return std::nullopt;
    auto d = parse_duration(*s, p_.calendar.day_seconds());
    if (!d || d->micros <= 0) {
      problem(n, fmt::format("{}: bad duration '{}' (a positive number and m, h, bh or bd, e.g. 8bh)", key, *s));
      return std::nullopt;
    }
    return d;
  };
  for (auto [key, field] : {std::pair{"first_reply", &c.first_reply}, {"resolution", &c.resolution},
                            {"follow_up", &c.follow_up}})
    if (auto n = t.get(key))
      if (auto d = duration(*n, std::string("complaints.") + key)) *field = *d, origin(std::string("complaints.") + key, *n);
  auto n = t.get("categories");
  if (!n) return;
  auto ct = n->as_table();
  if (!ct || ct->empty()) {
    problem(*n, "complaints.categories must be a table of key = { name = \"…\", first_reply = \"…\", resolution = \"…\" }");
    return;
  }
  std::map<std::string, ComplaintCategory> cats;
  bool ok = true;
  for (auto&& [k, v] : *ct) {
    const std::string key(k.str());
    const std::string where = "complaints.categories." + key;
    auto vt = v.as_table();
    bool good_key = !key.empty() && key.size() <= 32 &&
                    std::all_of(key.begin(), key.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || ch == '_'; });
    if (!good_key) {
      problem(v, fmt::format("{}: a category key is 1-32 lower-case letters or '_', e.g. attitude", where));
      ok = false;
      continue;
    }
    if (!vt) {
      problem(v, fmt::format("{} must be a table {{ name = \"…\" }} with optional first_reply and resolution", where));
      ok = false;
      continue;
    }
    known(*vt, where + ".", {"name", "first_reply", "resolution"});
    ComplaintCategory cat;
    if (auto nn = vt->get("name")) {
      if (auto s = str(*nn, where + ".name")) cat.name = *s;
      else ok = false;
    }
    if (cat.name.empty()) cat.name = key;
    if (auto d = vt->get("first_reply")) {
      cat.first_reply = duration(*d, where + ".first_reply");
      ok = ok && cat.first_reply.has_value();
    }
    if (auto d = vt->get("resolution")) {
      cat.resolution = duration(*d, where + ".resolution");
      ok = ok && cat.resolution.has_value();
    }
    cats[key] = std::move(cat);
  }
  if (ok) c.categories = std::move(cats), origin("complaints.categories", *n);
}

}  // namespace svc::config_detail
