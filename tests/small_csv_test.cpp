#include "small_csv.hpp"

#include <doctest/doctest.h>

#include "error.hpp"

using namespace svc;

TEST_CASE("small CSV: BOM, CRLF, quotes, embedded newlines, physical lines") {
  auto f = parse_small_csv("\xEF\xBB\xBF" "a, b ,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n2,\"two\nlines\"\n3\n", "t.csv");
  CHECK(f.header == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(f.records.size() == 3);
  CHECK(f.records[0].fields[1] == "x, \"y\"");
  CHECK(f.records[1].line == 4);
  CHECK(f.records[1].fields[1] == "two\nlines");
  CHECK(f.records[2].line == 6);
  CHECK(f.records[2].fields == std::vector<std::string>{"3", "", ""});
}

TEST_CASE("small CSV: problems with FILE:LINE") {
  try {
    parse_small_csv("a,b\n1,2,3\n\"open\n", "t.csv");
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 2);
    CHECK(e.problems[0] == "t.csv:2: 3 fields, but the header names 2 columns");
    CHECK(e.problems[1] == "t.csv:3: unterminated quoted field");
  }
  try {
    parse_small_csv("a\n\xff\n", "t.csv");
    FAIL("not refused");
  } catch (const DataError& e) {
    CHECK(e.problems.at(0) == "t.csv:2: invalid UTF-8");
  }
  try {
    parse_small_csv("", "e.csv");
    FAIL("not refused");
  } catch (const DataError& e) {
    CHECK(e.problems.at(0) == "e.csv:1: no header row (the file is empty)");
  }
  auto f = parse_small_csv("part,part,x\n", "h.csv");
  try {
    map_columns(f, {"part", "y"}, {"y"});
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 3);
    CHECK(e.problems[0] == "h.csv:1: column 'part' named twice");
    CHECK(e.problems[1] == "h.csv:1: unknown column 'x' (did you mean 'y'?)");
    CHECK(e.problems[2] == "h.csv:1: missing column 'y'");
  }
}
