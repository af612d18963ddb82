#include "jsonl_reader.hpp"

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace svc;

TEST_CASE("jsonl: strings, numbers as text, unicode escapes, blank lines, null") {
  test::TempDir d;
  auto p = d.file("x.jsonl",
                  "{\"ticket\": \"T1\", \"distance_km\": 12.50, \"qty\": 2, \"note\": \"\\u7a7a\\u8c03 \\\"ok\\\"\"}\r\n"
                  "\n   \n"
                  "{\"ticket\": \"T2\", \"customer\": null, \"satisfaction\": -0}\n");
  auto src = ByteSource::open(p);
  JsonlReader r(*src);
  JsonlRecord rec;
  REQUIRE(r.next(rec));
  CHECK(rec.error == "");
  CHECK(rec.line == 1);
  REQUIRE(rec.values.size() == 4);
  CHECK(rec.values[1] == std::pair<std::string, std::string>{"distance_km", "12.50"});
  CHECK(rec.values[2].second == "2");
  CHECK(rec.values[3].second == "空调 \"ok\"");
  REQUIRE(r.next(rec));
  CHECK(rec.line == 4);
  CHECK(rec.values.size() == 2);  // null is absent
  CHECK_FALSE(r.next(rec));
}

TEST_CASE("jsonl: nested values, arrays, booleans, non-objects and bad JSON are bad records") {
  test::TempDir d;
  auto p = d.file("x.jsonl",
                  "{\"a\": {\"b\": 1}}\n"
                  "{\"a\": [1]}\n"
                  "{\"a\": true}\n"
                  "[1, 2]\n"
                  "\"text\"\n"
                  "{\"a\": 1,}\n"
                  "{\"a\": 1, \"a\": 2}\n"
                  "{\"a\": \"\\u0000\"}\n");
  auto src = ByteSource::open(p);
  JsonlReader r(*src);
  JsonlRecord rec;
  std::vector<std::string> errs;
  while (r.next(rec)) errs.push_back(rec.error);
  REQUIRE(errs.size() == 8);
  CHECK(errs[0] == "value of 'a' is an object (only strings and numbers are allowed)");
  CHECK(errs[1] == "value of 'a' is an array (only strings and numbers are allowed)");
  CHECK(errs[2] == "value of 'a' is a boolean (only strings and numbers are allowed)");
  CHECK(errs[3].find("not a JSON object") != std::string::npos);
  CHECK(errs[4].find("not a JSON object") != std::string::npos);
  CHECK(errs[5].find("bad JSON") == 0);
  CHECK(errs[6] == "key 'a' appears twice");
  CHECK(errs[7] == "NUL byte in 'a'");
}
