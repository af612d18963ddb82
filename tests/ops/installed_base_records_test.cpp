// Products, customers and units read and added (lib/ops/installed_base_records.cpp):
// get with did-you-mean, list filters, a model's 三包 terms.
#include <doctest/doctest.h>

#include "installed_base_fixtures.hpp"

using namespace svc;
using namespace svc::installed_base_test;

TEST_CASE("products: terms from the product or the policy") {
  Fixture f;
  auto prod = get_product(f.s, "KFR-35GW");
  CHECK(prod.line == "空调");
  CHECK(prod.skills == std::vector<std::string>{"变频"});
  CHECK_FALSE(prod.warranty_months);
  f.p.warranty.lines["空调"] = 36;
  auto t = terms_of(f.p.warranty, prod);
  CHECK(t.warranty_months == 36);
  CHECK(t.key_part_months == 60);
}

TEST_CASE("reading: find, get with did-you-mean, lists filtered and in key order; a model not in products has the policy's terms") {
  Fixture f;
  Product wm;
  wm.model = "XQG100";
  wm.line = "洗衣机";
  wm.warranty_months = 24;
  add_product(f.s, wm);
  add_outlet(f.s, Outlet{"BJ-01", "北京一店", "华北", "", "", "", true});  // a region must have an outlet
  add_customer(f.s, Customer{"C-01", "李雷", "", "北京市海淀区", "华北"});
  add_unit(f.s, Unit{"SN-2", "XQG100", "C-01", "", "", parse_date("2026-05-01"), std::nullopt, ""});
  add_unit(f.s, Unit{"SN-1", "KFR-35GW", "C-88", "", "", std::nullopt, std::nullopt, ""});

  CHECK(find_product(f.s, "XQG100")->warranty_months == 24);
  CHECK_FALSE(find_product(f.s, "XQG"));
  auto products = list_products(f.s);
  REQUIRE(products.size() == 2);
  CHECK(products[0].model == "KFR-35GW");
  CHECK(list_products(f.s, "洗衣机").size() == 1);
  CHECK(error_of([&] { list_products(f.s, "冰箱"); }).find("--line: unknown product line '冰箱'") != std::string::npos);

  CHECK(get_customer(f.s, "C-01").name == "李雷");
  CHECK(error_of([&] { get_customer(f.s, "C-8"); }).rfind("66 unknown customer 'C-8' (did you mean 'C-88'?)", 0) == 0);
  auto customers = list_customers(f.s);
  REQUIRE(customers.size() == 2);
  CHECK(customers[0].id == "C-01");
  REQUIRE(list_customers(f.s, "华东").size() == 1);
  CHECK(list_customers(f.s, "华东")[0].id == "C-88");

  auto units = list_units(f.s);
  REQUIRE(units.size() == 2);
  CHECK(units[0].serial == "SN-1");
  CHECK(units[1].region == "华北");  // from the customer
  CHECK(list_units(f.s, {"C-01", "", ""}).size() == 1);
  CHECK(list_units(f.s, {"", "KFR-35GW", ""})[0].serial == "SN-1");
  CHECK(list_units(f.s, {"", "", "华北"})[0].serial == "SN-2");
  CHECK(list_units(f.s, {"C-88", "XQG100", ""}).empty());

  auto own = model_terms(f.s, f.p.warranty, "XQG100");
  CHECK(own.warranty_months == 24);
  CHECK(own.warranty_basis == "product");
  auto none = model_terms(f.s, f.p.warranty, "UNKNOWN-1");
  CHECK(none.line == "");
  CHECK(none.warranty_months == f.p.warranty.months);
  CHECK(none.warranty_basis == "default");
}

TEST_CASE("adding: duplicates and invalid records are refused and change nothing") {
  Fixture f;
  CHECK(error_of([&] { add_customer(f.s, Customer{"C-88", "另一个", "", "", ""}); })
            .rfind("65 customer 'C-88' already exists", 0) == 0);
  CHECK(error_of([&] { add_customer(f.s, Customer{"C-02", "", "", "", ""}); }).rfind("65 ", 0) == 0);  // a name is required
  CHECK_FALSE(find_customer(f.s, "C-02"));
  add_unit(f.s, Unit{"SN-1", "KFR-35GW", "", "", "", std::nullopt, std::nullopt, ""});
  CHECK(error_of([&] { add_unit(f.s, Unit{"SN-1", "KFR-35GW", "", "", "", std::nullopt, std::nullopt, ""}); })
            .rfind("65 unit 'SN-1' already exists", 0) == 0);
  CHECK(list_units(f.s).size() == 1);
}
