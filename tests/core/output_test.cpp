#include "output.hpp"

#include <doctest/doctest.h>

#include <climits>
#include <limits>
#include <sstream>

using namespace svc;

TEST_CASE("display width: CJK and fullwidth are two columns, combining marks none") {
  CHECK(display_width("") == 0);
  CHECK(display_width("SH-01") == 5);
  CHECK(display_width("华东") == 4);
  CHECK(display_width("上海浦东服务站") == 14);
  CHECK(display_width("Ａ１") == 4);             // fullwidth forms
  CHECK(display_width("こんにちは") == 10);       // kana
  CHECK(display_width("한국") == 4);              // hangul
  CHECK(display_width("e\xCC\x81") == 1);         // e + combining acute
  CHECK(display_width("，。") == 4);              // CJK punctuation
  CHECK(display_width("\xFF\xFE") == 2);          // invalid bytes: one column each
  CHECK(display_width("a\tb") == 2);              // control characters take no column
}

TEST_CASE("sanitize_utf8 replaces every invalid sequence with U+FFFD") {
  CHECK(sanitize_utf8("华东 ok") == "华东 ok");
  CHECK(sanitize_utf8("a\xFFz") == "a\xEF\xBF\xBDz");
  CHECK(sanitize_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong '/'
  CHECK(sanitize_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(sanitize_utf8("\xE5\x8D") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // truncated
  CHECK(sanitize_utf8("\xF4\x90\x80\x80").find("\xEF\xBF\xBD") == 0);      // beyond U+10FFFF
}

TEST_CASE("tables align by display width") {
  Table t;
  t.headers = {"region", "outlet", "tickets"};
  t.align = {Align::Left, Align::Left, Align::Right};
  t.add({"华东", "SH-01", "212"});
  t.add({"West", "上海浦东服务站", "7"});
  std::ostringstream out;
  write_table(out, t);
  CHECK(out.str() ==
        "region  outlet          tickets\n"
        "------  --------------  -------\n"
        "华东    SH-01               212\n"
        "West    上海浦东服务站        7\n");
  // every line has the same display width up to the right-aligned last column
  std::istringstream lines(out.str());
  std::string line;
  while (std::getline(lines, line)) CHECK(display_width(line) == 31);
}

TEST_CASE("tables: missing cells are blank, trailing blanks trimmed, invalid UTF-8 replaced") {
  Table t;
  t.headers = {"a", "b"};
  t.add({"x"});
  t.add({"\xFF", "y"});
  std::ostringstream out;
  write_table(out, t);
  CHECK(out.str() == "a  b\n-  -\nx\n\xEF\xBF\xBD  y\n");
}

TEST_CASE("CSV per RFC 4180") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\r") == "\"cr\r\"");
  CHECK(csv_field("空调不制冷") == "空调不制冷");
  Table t;
  t.headers = {"id", "note"};
  t.add({"T1", "空调不制冷, 外机异响"});
  std::ostringstream out;
  write_csv(out, t);
  CHECK(out.str() == "id,note\r\nT1,\"空调不制冷, 外机异响\"\r\n");
}

TEST_CASE("CSV cells that a spreadsheet would run as formulas start with ' unless raw (issue 25 §7)") {
  // OWASP: = + - @ TAB CR start a formula or a DDE call
  CHECK(csv_cell("=HYPERLINK(\"http://x\",\"pay\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"pay\"\")\"");
  CHECK(csv_cell("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0");
  CHECK(csv_cell("-2+3") == "'-2+3");
  CHECK(csv_cell("-") == "-");    // the listings' "none" mark stays as it is (dispatch queue, reports)
  CHECK(csv_cell("--") == "'--");
  CHECK(csv_cell("@SUM(A1:A9)") == "'@SUM(A1:A9)");
  CHECK(csv_cell("\t=1") == "'\t=1");
  CHECK(csv_cell("\r=1") == "\"'\r=1\"");
  CHECK(csv_cell("- 2 h late") == "'- 2 h late");
  // numbers stay numbers: negative amounts, signed counts, timestamps, ids
  for (const char* n : {"-120.00", "-5", "+3", "0.5", "-0.75", "2026-11-02 08:00", "SH-01", "a=b", ""})
    CHECK(csv_cell(n) == csv_field(n));
  CHECK(csv_cell("-.") == "'-.");
  CHECK(csv_guard("=1") == "'=1");
  Table t;
  t.headers = {"ticket", "amount", "note"};
  t.add({"T1", "-120.00", "=1+1"});
  std::ostringstream out;
  write_csv(out, t);
  CHECK(out.str() == "ticket,amount,note\r\nT1,-120.00,'=1+1\r\n");
  std::ostringstream data;
  write_csv_data_row(data, {"=1+1", "@x"});  // a file svc reads back keeps its cells as they came
  CHECK(data.str() == "=1+1,@x\r\n");
  set_csv_raw(true);
  CHECK(csv_raw());
  CHECK(csv_cell("=1+1") == "=1+1");
  std::ostringstream raw;
  write_csv(raw, t);
  CHECK(raw.str() == "ticket,amount,note\r\nT1,-120.00,=1+1\r\n");
  set_csv_raw(false);
}

TEST_CASE("JSON strings: escapes, control characters, invalid UTF-8") {
  CHECK(json_escape("华东") == "\"华东\"");
  CHECK(json_escape("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_escape("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(json_escape(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001f\\u007f\"");
  CHECK(json_escape(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(json_escape("bad\xFF") == "\"bad\xEF\xBF\xBD\"");
  CHECK(json_escape("</script>") == "\"</script>\"");
}

TEST_CASE("JSON writer: nesting, separators and number forms") {
  std::ostringstream out;
  JsonWriter w(out);
  w.begin_object();
  w.field("s", "x").field("i", std::int64_t(-3)).field("n", 7).field("d", 2.5).field("whole", 3.0);
  w.field("t", true).field("f", false);
  w.key("null").null();
  w.key("money").money(300000);
  w.key("neg").money(-5);
  w.key("inf").value(std::numeric_limits<double>::infinity());
  w.key("raw").raw("1.500000");
  w.key("opt").value(std::optional<int>());
  w.key("opt2").value(std::optional<double>(0.921053));
  w.key("list").begin_array();
  w.value("a").begin_object().end_object().begin_array().end_array().value(1);
  w.end_array();
  w.end_object();
  w.newline();
  CHECK(out.str() ==
        "{\"s\":\"x\",\"i\":-3,\"n\":7,\"d\":2.5,\"whole\":3.0,\"t\":true,\"f\":false,\"null\":null,"
        "\"money\":3000.00,\"neg\":-0.05,\"inf\":null,\"raw\":1.500000,\"opt\":null,\"opt2\":0.921053,"
        "\"list\":[\"a\",{},[],1]}\n");
}

TEST_CASE("money: integer cents inside, two decimals outside") {
  CHECK(format_cents(0) == "0.00");
  CHECK(format_cents(5) == "0.05");
  CHECK(format_cents(300000) == "3000.00");
  CHECK(format_cents(-1205) == "-12.05");
  CHECK(format_cents(-5) == "-0.05");
  CHECK(format_cents(LLONG_MIN) == "-92233720368547758.08");
  CHECK(parse_cents("12") == 1200);
  CHECK(parse_cents("12.5") == 1250);
  CHECK(parse_cents("12.50") == 1250);
  CHECK(parse_cents("0.05") == 5);
  CHECK(parse_cents("-12.05") == -1205);
  CHECK(parse_cents("+3") == 300);
  CHECK(parse_cents("999999999999999.99") == 99999999999999999);
  CHECK_FALSE(parse_cents(""));
  CHECK_FALSE(parse_cents("-"));
  CHECK_FALSE(parse_cents("12."));
  CHECK_FALSE(parse_cents(".5"));
  CHECK_FALSE(parse_cents("1.234"));
  CHECK_FALSE(parse_cents("1,5"));
  CHECK_FALSE(parse_cents("1e3"));
  CHECK_FALSE(parse_cents("1.2.3"));
  CHECK_FALSE(parse_cents("1000000000000000"));  // 16 digits: beyond the supported range
  for (std::int64_t c : {0LL, 1LL, 99LL, 100LL, 123456LL, -1LL, -100LL, 99999999999999999LL})
    CHECK(parse_cents(format_cents(c)) == c);
}

TEST_CASE("formats and HTML escaping") {
  for (auto f : {Format::Table, Format::Csv, Format::Json, Format::Html}) CHECK(parse_format(to_string(f)) == f);
  CHECK_FALSE(parse_format("xml"));
  CHECK(html_escape("<script>alert('x&y')</script> \"q\"") ==
        "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt; &quot;q&quot;");
  CHECK(html_escape("华东") == "华东");
}

TEST_CASE("terminal_safe: a stored control character is printed as an escape, never raw, in a table") {
  CHECK(terminal_safe("录入错误") == "录入错误");
  CHECK(terminal_safe("a\x1b[2Jb") == "a\\x1B[2Jb");
  CHECK(terminal_safe("x\ry\n\a") == "x\\ry\\n\\x07");
  CHECK(terminal_safe("ok\xe2\x80\xaegnp") == "okU+202Egnp");
  CHECK(terminal_safe("c1\xc2\x9b") == "c1\\x9B");
  CHECK(terminal_safe("bad \xff") == "bad \xEF\xBF\xBD");
  Table t;
  t.headers = {"reason", "n"};
  t.align = {Align::Left, Align::Right};
  t.add({"\x1b]0;pwned\x07", "1"});
  std::ostringstream out;
  write_table(out, t);
  CHECK(out.str() == "reason            n\n----------------  -\n\\x1B]0;pwned\\x07  1\n");  // the column is as wide as the escape: 16
}
