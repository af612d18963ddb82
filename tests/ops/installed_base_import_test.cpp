// CSV loads of products, customers and units (lib/ops/installed_base_import.cpp):
// upsert by key, all or nothing, every bad row as FILE:LINE.
#include <doctest/doctest.h>

#include "installed_base_fixtures.hpp"

using namespace svc;
using namespace svc::installed_base_test;

TEST_CASE("products: CSV upsert all or nothing; the columns a file lacks keep their values") {
  Fixture f;
  auto n = import_products_text(f.s, "model,line,warranty_months\nKFR-35GW,空调,72\nXQG100,洗衣机,\n", "p2.csv");
  CHECK(n.added == 1);
  CHECK(n.updated == 1);
  CHECK(*get_product(f.s, "KFR-35GW").warranty_months == 72);
  CHECK(get_product(f.s, "KFR-35GW").skills == std::vector<std::string>{"变频"});  // column not in the file: kept

  DataError err("");
  try {
    import_products_text(f.s, "model,line,return_days,exchange_days\nNEW-1,空调,7,15\nNEW-2,,x,3\nNEW-1,空调,,\n", "bad.csv");
  } catch (const DataError& e) {
    err = e;
  }
  CHECK(std::string(err.what()) == "products 'bad.csv': 3 problems, nothing stored");
  REQUIRE(err.problems.size() == 3);
  CHECK(err.problems[0] == "bad.csv:3: return_days must be a whole number from 0 to 3650, got 'x'");
  CHECK(err.problems[1] == "bad.csv:3: line is required (the product line, e.g. 空调)");
  CHECK(err.problems.back().find("bad.csv:4: model 'NEW-1' appears twice (also on line 2)") != std::string::npos);
  CHECK_FALSE(find_product(f.s, "NEW-1"));  // nothing stored

  CHECK(error_of([&] { get_product(f.s, "KFR-35G"); }).rfind("66 unknown model 'KFR-35G' (did you mean 'KFR-35GW'?)", 0) == 0);
  Product dup;
  dup.model = "XQG100";
  dup.line = "洗衣机";
  CHECK(error_of([&] { add_product(f.s, dup); }).rfind("65 product 'XQG100' already exists", 0) == 0);
}
