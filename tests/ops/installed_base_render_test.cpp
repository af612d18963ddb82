// The installed base's tables and JSON (lib/ops/installed_base_render.cpp).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "installed_base_fixtures.hpp"

using namespace svc;
using namespace svc::installed_base_test;

TEST_CASE("tables: products with lists comma-joined and empty terms blank; customers masked on request; units with dates") {
  Fixture f;
  Table pt = products_table(list_products(f.s));
  REQUIRE(pt.rows.size() == 1);
  CHECK(pt.headers.size() == 11);
  CHECK(pt.rows[0][0] == "KFR-35GW");
  CHECK(pt.rows[0][1] == "空调");
  CHECK(pt.rows[0][3] == "变频");
  CHECK(pt.rows[0][4] == "");  // warranty_months not given
  CHECK(pt.rows[0][5] == "COMP-35");
  CHECK(pt.rows[0][6] == "60");

  auto cs = list_customers(f.s);
  CHECK(customers_table(cs, true).rows[0][2] == "138****5678");
  CHECK(customers_table(cs, false).rows[0][2] == "13812345678");

  add_unit(f.s, Unit{"SN-1", "KFR-35GW", "C-88", "", "", parse_date("2026-01-10"), std::nullopt, ""});
  Table ut = units_table(list_units(f.s));
  REQUIRE(ut.rows.size() == 1);
  CHECK(ut.rows[0] == std::vector<std::string>{"SN-1", "KFR-35GW", "C-88", "上海市浦东新区张江路1号", "华东", "2026-01-10", "",
                                               ""});
}

TEST_CASE("JSON: absent values are null, numbers are numbers; history rows and the entitlement line") {
  Fixture f;
  auto json = [](auto&& write) {
    std::ostringstream os;
    JsonWriter w(os);
    write(w);
    return nlohmann::json::parse(os.str());
  };
  auto p = json([&](JsonWriter& w) { write_json(w, get_product(f.s, "KFR-35GW")); });
  CHECK(p["model"] == "KFR-35GW");
  CHECK(p["name"].is_null());
  CHECK(p["skills"] == nlohmann::json::array({"变频"}));
  CHECK(p["key_part_months"] == 60);
  CHECK(p["warranty_months"].is_null());
  auto c = json([&](JsonWriter& w) { write_json(w, get_customer(f.s, "C-88")); });
  CHECK(c["contact"] == "13812345678");
  CHECK(c["region"] == "华东");

  add_unit(f.s, Unit{"SN-1", "KFR-35GW", "C-88", "", "", parse_date("2026-01-10"), std::nullopt, ""});
  auto u = json([&](JsonWriter& w) { write_json(w, get_unit(f.s, "SN-1")); });
  CHECK(u["purchased"] == "2026-01-10");
  CHECK(u["installed"].is_null());
  CHECK(u["install_ticket"].is_null());

  f.create("R1", "2026-02-01 08:00", "SN-1");
  f.finish("R1", "2026-02-02", {{"FM-220", 1}});
  auto h = unit_history(f.s, "SN-1");
  REQUIRE(h.size() == 1);
  Table ht = history_table(h, f.p.tz);
  CHECK(ht.rows[0] == std::vector<std::string>{"R1", "2026-02-01 08:00", "repair", "SN-1", "completed", "E-017",
                                               "2026-02-02 10:50", "", "FM-220"});
  auto r = json([&](JsonWriter& w) { write_json(w, h[0], f.p.tz); });
  CHECK(r["created"] == "2026-02-01T08:00:00+08:00");
  CHECK(r["completed"] == "2026-02-02T10:50:00+08:00");
  CHECK(r["satisfaction"].is_null());
  CHECK(r["parts"] == nlohmann::json::array({"FM-220"}));

  auto t = json([&](JsonWriter& w) { write_json(w, model_terms(f.s, f.p.warranty, "KFR-35GW")); });
  CHECK(t["key_parts"] == nlohmann::json::array({"COMP-35"}));
  CHECK(t["key_part_months"] == 60);

  f.create("R2", "2026-03-01 08:00", "SN-1");
  const Entitlement& e = *f.last.entitlement;
  auto ej = json([&](JsonWriter& w) { write_json(w, e); });
  CHECK(ej["remedy"] == std::string(to_string(e.remedy)));
  CHECK(ej["covered"] == e.covered());
  CHECK(ej["purchased"] == "2026-01-10");
  CHECK(ej["repairs_in_warranty"] == 1);
  CHECK(ej["repair_tickets"] == nlohmann::json::array({"R1"}));
  CHECK(entitlement_line(e) == std::string(to_string(e.remedy)) + ": " + e.why);  // one choice: no "(or …)"
}
