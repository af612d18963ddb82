#include "error.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <cctype>
#include <map>
#include <type_traits>
#include <sstream>

using namespace svc;

TEST_CASE("nearest: the plausible typo, or nothing") {
  std::vector<std::string> cmds = {"init", "config", "version", "outlet", "engineer", "region", "report", "import"};
  CHECK(nearest("reprot", cmds) == "report");   // transposition: two edits in six letters
  CHECK(nearest("confg", cmds) == "config");    // deletion
  CHECK(nearest("outlets", cmds) == "outlet");  // insertion
  CHECK(nearest("enginer", cmds) == "engineer");
  CHECK(nearest("rep", cmds) == "report");      // a prefix is a good guess
  CHECK(nearest("imp", cmds) == "import");
  CHECK(nearest("xyzzy", cmds).empty());        // nothing close
  CHECK(nearest("", cmds).empty());
  CHECK(nearest("report", {}).empty());
  CHECK(nearest("report", cmds) == "report");   // an exact match is its own nearest
}

TEST_CASE("nearest counts characters, not bytes") {
  std::vector<std::string> regions = {"华北", "华东", "华南", "华中", "西南"};
  CHECK(nearest("西男", regions) == "西南");      // one character off (three bytes)
  CHECK(nearest("华冬", {"华东", "西南"}) == "华东");
  CHECK(nearest("东北", regions) == "华北");
  CHECK(nearest("华冬", regions) == "华北");      // a tie: the first of the nearest, in the order given
  CHECK(nearest("东北地区", regions).empty());
  std::vector<std::string> outlets = {"SH-01", "SH-02", "BJ-01", "GZ-01"};
  CHECK(nearest("SH-1", outlets) == "SH-01");
  CHECK(nearest("sh-01", outlets) == "SH-01");  // wrong case: two edits, still plausible
}

TEST_CASE("short words only match one edit away") {
  std::vector<std::string> c = {"GZ", "SH"};
  CHECK(nearest("GX", c) == "GZ");
  CHECK(nearest("XY", c).empty());
}

TEST_CASE("each error carries its exit code") {
  CHECK(UsageError("x").exit_code() == 2);
  CHECK(DataError("x").exit_code() == 65);
  CHECK(NoInputError("x").exit_code() == 66);
  CHECK(StoreUnavailable("x").exit_code() == 69);
  CHECK(InternalError("x").exit_code() == 70);
  CHECK(StoreBusy("x").exit_code() == 75);
  DataError d("2 problems", {"f:1: a", "f:2: b"});
  CHECK(std::string(d.what()) == "2 problems");
  CHECK(d.problems.size() == 2);
  PartlyStored ps("1 of 2 files failed", {"bad.csv:2: x"});
  CHECK(ps.exit_code() == 3);
  CHECK(ps.problems.size() == 1);
  CHECK_THROWS_AS(throw PartlyStored("x", {}), DataError);  // reported like one: problems first
  CHECK(kExitFindings == 1);
  CHECK(kExitOk == 0);
}

TEST_CASE("NotFound is 66 and NoInputError is the same class") {
  CHECK(NotFound("no ticket 'T9'").exit_code() == 66);
  CHECK(std::is_same_v<NoInputError, NotFound>);
  CHECK_THROWS_AS(throw NoInputError("x"), NotFound);
}

TEST_CASE("one mapping from error kinds to exit codes") {
  CHECK(exit_code(ErrorKind::Findings) == 1);
  CHECK(exit_code(ErrorKind::Usage) == 2);
  CHECK(exit_code(ErrorKind::Partial) == 3);
  CHECK(exit_code(ErrorKind::Data) == 65);
  CHECK(exit_code(ErrorKind::NotFound) == 66);
  CHECK(exit_code(ErrorKind::Unavailable) == 69);
  CHECK(exit_code(ErrorKind::Internal) == 70);
  CHECK(exit_code(ErrorKind::Busy) == 75);
  CHECK(Error(ErrorKind::NotFound, "x").exit_code() == 66);
}

TEST_CASE("docs/admin.md's exit code table is exit_code_table()") {
  std::ifstream in(std::string(SVC_SOURCE_DIR) + "/docs/admin.md");
  REQUIRE(in);
  std::string line;
  bool in_section = false;
  std::map<int, std::string> doc;  // code -> meaning cell
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Exit codes";
    if (!in_section || line.rfind("| ", 0) != 0 || line.size() < 3 || !std::isdigit((unsigned char)line[2])) continue;
    std::istringstream cells(line.substr(2));
    std::string code, meaning;
    std::getline(cells, code, '|');
    std::getline(cells, meaning, '|');
    doc[std::stoi(code)] = meaning.substr(meaning.find_first_not_of(' '));
  }
  const auto& table = exit_code_table();
  CHECK(doc.size() == table.size());
  for (const auto& row : table) {
    INFO("exit code ", row.code);
    REQUIRE(doc.count(row.code) == 1);
    CHECK(doc[row.code].rfind(row.meaning, 0) == 0);
  }
}

TEST_CASE("unknown_name_message") {
  CHECK(unknown_name_message("outlet", "SH-1", {"SH-01", "BJ-01"}) == "unknown outlet 'SH-1' (did you mean 'SH-01'?)");
  CHECK(unknown_name_message("outlet", "QQQQQQ", {"SH-01"}) == "unknown outlet 'QQQQQQ'");
}
