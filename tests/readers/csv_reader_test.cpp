#include "csv_reader.hpp"

#include <doctest/doctest.h>

#include "error.hpp"
#include "test_util.hpp"

using namespace svc;
using namespace std::string_literals;

namespace {
struct Parsed {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
  std::vector<std::string> errors;
};
Parsed parse(const std::string& text) {
  test::TempDir d;
  auto p = d.file("x.csv", text);
  auto src = ByteSource::open(p);
  CsvReader r(*src);
  Parsed out;
  r.read_header(out.header);
  CsvRecord rec;
  while (r.next(rec)) {
    out.rows.emplace_back(rec.fields.begin(), rec.fields.end());
    out.lines.push_back(rec.line);
    out.errors.push_back(rec.error);
  }
  return out;
}
}  // namespace

TEST_CASE("csv: BOM, CRLF, quotes, commas, newlines, CJK, empty trailing fields") {
  auto p = parse("\xEF\xBB\xBFts,ticket,note\r\n"
                 "1,T1,\"空调不制冷, 外机异响\"\r\n"
                 "2,T2,\"she said \"\"hi\"\"\"\r\n"
                 "3,T3,\"two\nlines\"\r\n"
                 "4,T4,\r\n"
                 "\r\n"
                 "5,T5\n"
                 "6,,");
  CHECK(p.header == std::vector<std::string>{"ts", "ticket", "note"});
  REQUIRE(p.rows.size() == 6);
  CHECK(p.rows[0][2] == "空调不制冷, 外机异响");
  CHECK(p.rows[1][2] == "she said \"hi\"");
  CHECK(p.rows[2][2] == "two\nlines");
  CHECK(p.rows[3] == std::vector<std::string>{"4", "T4", ""});
  CHECK(p.rows[4] == std::vector<std::string>{"5", "T5"});
  CHECK(p.rows[5] == std::vector<std::string>{"6", "", ""});
  // physical lines: the quoted newline moves the following records down; the blank line is skipped
  CHECK(p.lines == std::vector<std::uint64_t>{2, 3, 4, 6, 8, 9});
  for (auto& e : p.errors) CHECK(e.empty());
}

TEST_CASE("csv: records larger than the read buffer and many records") {
  std::string big(3 << 20, 'a');  // 3 MiB field: the buffer grows
  std::string text = "ts,note\n1,\"" + big + "\"\n";
  for (int i = 0; i < 50000; ++i) text += std::to_string(i) + ",\"x,y\"\n";
  auto p = parse(text);
  REQUIRE(p.rows.size() == 50001);
  CHECK(p.rows[0][1].size() == big.size());
  CHECK(p.rows[50000] == std::vector<std::string>{"49999", "x,y"});
  CHECK(p.lines.back() == 50002);
}

TEST_CASE("csv: structural problems make the record bad, with its line") {
  auto p = parse("a,b\n1,2,3\n\"x\"y,2\n4,\xff\n5,a\x00z\n6,\"open\nquote never closes"s);
  REQUIRE(p.rows.size() == 5);
  CHECK(p.errors[0] == "record has 3 fields, the header has 2");
  CHECK(p.errors[1].find("after a closing quote") != std::string::npos);
  CHECK(p.errors[2] == "invalid UTF-8 (byte 0xff at offset 0) in column 'b'");
  CHECK(p.errors[3] == "NUL byte in column 'b'");
  CHECK(p.errors[4].find("unterminated quoted field") != std::string::npos);
  CHECK(p.lines == std::vector<std::uint64_t>{2, 3, 4, 5, 6});
}

TEST_CASE("csv: utf8_problem") {
  CHECK(utf8_problem("plain ascii text, long enough for the fast path") == "");
  CHECK(utf8_problem("华东 SH-01 外机异响") == "");
  CHECK(utf8_problem("\xC0\xAF").find("invalid UTF-8") == 0);      // overlong
  CHECK(utf8_problem("\xED\xA0\x80").find("surrogate") != std::string::npos);
  CHECK(utf8_problem("ab\xE4\xB8").find("truncated") != std::string::npos);
  CHECK(utf8_problem(std::string("12345678\0", 9)) == "NUL byte");
}
