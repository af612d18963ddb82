#include "free_text.hpp"

#include <doctest/doctest.h>

#include "error.hpp"

using namespace svc;

TEST_CASE("text_problem refuses every character that can rewrite a terminal, in names and in notes") {
  CHECK(text_problem("张工 E-017, 上海一店") == "");
  CHECK(text_problem("a\x1b[2Jb") == "must not hold control characters (\\x1B at byte 2): one line of plain text");
  CHECK(text_problem("line\rover", TextForm::Lines) == "must not hold control characters (\\r at byte 5)");
  CHECK(text_problem("ring\a") != "");
  CHECK(text_problem("del\x7f") != "");
  CHECK(text_problem("c1 \xc2\x9b" "31m") == "must not hold control characters (\\x9B at byte 4): one line of plain text");
  CHECK(text_problem("ok\xe2\x80\xaegnp.exe") == "must not hold control characters (U+202E at byte 3): one line of plain text");
  CHECK(text_problem("iso\xe2\x81\xa6x") != "");
  // a reason is one line; a note may span lines (LF, TAB), never CR
  CHECK(text_problem("第一行\n第二行") == "must not hold control characters (\\n at byte 10): one line of plain text");
  CHECK(text_problem("第一行\n第二行\tx", TextForm::Lines) == "");
  CHECK(text_problem("a\tb") != "");
  // ordinary punctuation beside the refused ranges stays allowed: U+00A0, U+2014, U+2026, U+2070
  CHECK(text_problem("a\xc2\xa0" "b \xe2\x80\x94 \xe2\x80\xa6 \xe2\x81\xb0") == "");
}

TEST_CASE("blank_text: spaces, tabs, line ends and the ideographic space say nothing") {
  CHECK(blank_text(""));
  CHECK(blank_text("   "));
  CHECK(blank_text(" \t\n\r "));
  CHECK(blank_text("\xe3\x80\x80\xe3\x80\x80"));
  CHECK_FALSE(blank_text(" 录入错误 "));
  CHECK_FALSE(blank_text("."));
}

TEST_CASE("check_reason and check_text: DataError (65) naming the option") {
  CHECK_THROWS_WITH_AS(check_reason("--reason", "   "), "--reason must say why: it is empty or only blanks", DataError);
  CHECK_THROWS_WITH_AS(check_reason("--reason", "\n"), "--reason must say why: it is empty or only blanks", DataError);
  CHECK_THROWS_WITH_AS(check_reason("--reason", "wrong\nline"),
                       "--reason must not hold control characters (\\n at byte 6): one line of plain text", DataError);
  CHECK_NOTHROW(check_reason("--reason", "录入错误"));
  CHECK_NOTHROW(check_reason("--content", "换压缩机\n试机正常", TextForm::Lines));
  CHECK_THROWS_AS(check_text("--note", "x\x1b]0;pwned\x07"), DataError);
  CHECK_NOTHROW(check_text("--note", ""));
}
