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

TEST_CASE("small CSV: malformed quoting is refused with FILE:LINE, like the streaming reader") {
  auto problems_of = [](const std::string& text) {
    try {
      parse_small_csv(text, "q.csv");
    } catch (const DataError& e) {
      return e.problems;
    }
    return std::vector<std::string>{};
  };
  CHECK(problems_of("a,b\n\"x\"y,1\n") ==
        std::vector<std::string>{"q.csv:2: text after a closing quote (a quote inside a quoted field must be doubled: \"\")"});
  CHECK(problems_of("a,b\nx\"y,1\n2,3\n") ==
        std::vector<std::string>{
            "q.csv:2: a quote inside an unquoted field (quote the whole field and double the quote: \"\")"});
  CHECK(problems_of(std::string("a,b\n1,x\0y\n", 10)) == std::vector<std::string>{"q.csv:2: NUL byte in a field"});
  // a quoted empty line is a record, not a blank line
  CHECK(problems_of("a,b\n\"\"\n") == std::vector<std::string>{});
  std::vector<std::string> probs;
  auto rows = split_csv("h\n\"two\nlines\"\n\nlast", "s.csv", probs);
  CHECK(probs.empty());
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].fields[0] == "two\nlines");
  CHECK(rows[2].line == 5);
}

TEST_CASE("small CSV: problems with FILE:LINE") {
  try {
    parse_small_csv("a,b\n1,2,3\n\"open\n", "t.csv");
    FAIL("not refused");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 2);
    CHECK(e.problems[0] == "t.csv:2: 3 fields, but the header names 2 columns");
    CHECK(e.problems[1] == "t.csv:3: unterminated quoted field (a '\"' is missing)");
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
