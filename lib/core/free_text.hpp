// Free text (reasons, notes, names, cost notes): one check for every command
// and for the importer, so that a log and a command refuse the same texts
// (docs/import.md "Free text"), and the escaping of what an old store may
// still hold when it is printed to a terminal (terminal_safe, output.hpp).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace svc {

// A single line (a reason, a name, a cost note) or several (an event's note,
// a ticket note, a service report: LF and TAB allowed).
enum class TextForm { Line, Lines };

// The length in bytes of the character at s[i] when it is one that can
// rewrite what a terminal shows, else 0: a C0 control (but LF and TAB when
// `lines`), DEL, a C1 control (U+0080-U+009F), a bidirectional embedding,
// override or isolate (U+202A-U+202E, U+2066-U+2069).
std::size_t unsafe_char_at(std::string_view s, std::size_t i, bool lines);
// "\x1B", "\n", "U+202E": how terminal_safe and the messages show it.
std::string describe_char(std::string_view s, std::size_t i, std::size_t len);

// The problem of free text `v`, or "": "must not hold control characters
// (\x1B at byte 4)".
std::string text_problem(std::string_view v, TextForm form = TextForm::Line);
// Whether `v` holds nothing but blanks (spaces, tabs, line ends, U+3000).
bool blank_text(std::string_view v);

// Command options: DataError (65) "WHAT must not hold control characters (…)".
void check_text(std::string_view what, std::string_view v, TextForm form = TextForm::Line);
// The same, and "WHAT must say why: it is empty or only blanks" when blank.
void check_reason(std::string_view what, std::string_view v, TextForm form = TextForm::Line);

}  // namespace svc
