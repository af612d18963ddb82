// Native service logs opened as record sources (lib/readers/log_source.cpp):
// CSV headers mapped to the spec's columns, JSON Lines keys, the format from
// the extension, and every header problem at once.
#include "log_source.hpp"

#include <doctest/doctest.h>

#include "error.hpp"
#include "test_util.hpp"

using namespace svc;

TEST_CASE("log source: a CSV header in any order maps to the spec columns; reason is ignored; original keeps the row") {
  test::TempDir d;
  auto p = d.file("log.csv",
                  "event,ticket,ts,outlet,reason\n"
                  "created,T1,2026-11-02T08:00:00+08:00,SH-01,fixed\n"
                  "responded,T1,2026-11-02T09:00:00+08:00\n");
  auto src = open_log(p, "", "log.csv");
  CHECK(src->name() == "log.csv");
  CHECK(src->format() == "csv");
  CHECK(src->columns() == std::vector<std::string>{"event", "ticket", "ts", "outlet", "reason"});
  RawRecord r;
  REQUIRE(src->next(r));
  CHECK(r.line == 2);
  CHECK(r.error.empty());
  CHECK(r.col[kColEvent] == "created");
  CHECK(r.col[kColTicket] == "T1");
  CHECK(r.col[kColTs] == "2026-11-02T08:00:00+08:00");
  CHECK(r.col[col_of(Field::Outlet)] == "SH-01");
  CHECK(r.col[kColId].empty());
  auto orig = src->original();
  REQUIRE(orig.size() == 5);
  CHECK(orig[4] == std::pair<std::string, std::string>{"reason", "fixed"});
  REQUIRE(src->next(r));
  CHECK(r.line == 3);
  CHECK(r.col[kColEvent] == "responded");
  CHECK(r.col[col_of(Field::Outlet)].empty());  // a short row: the rest absent
  CHECK_FALSE(src->next(r));
  CHECK(src->bytes_done() == src->bytes_total());
}

TEST_CASE("log source: every header problem at once, with did-you-mean; a missing required column") {
  test::TempDir d;
  try {
    open_log(d.file("h.csv", "ts,ticket,event,urgncy,ts,\nx\n"), "csv", "h.csv");
    FAIL("no DataError");
  } catch (const DataError& e) {
    CHECK(std::string(e.what()) == "h.csv: bad header, nothing imported");
    CHECK(e.problems == std::vector<std::string>{"h.csv:1: unknown column 'urgncy' (did you mean 'urgency'?)",
                                                 "h.csv:1: column 'ts' appears twice in the header",
                                                 "h.csv:1: empty column name in the header"});
  }
  CHECK_THROWS_WITH_AS(open_log(d.file("n.csv", "ts,ticket\n"), "", "n.csv"),
                       "n.csv: bad header, nothing imported", DataError);
  try {
    open_log(d.file("n2.csv", "ts,ticket\n"), "", "n2.csv");
  } catch (const DataError& e) {
    CHECK(e.problems == std::vector<std::string>{
                            "n2.csv:1: the header has no 'event' column (every event needs ts, ticket and event)"});
  }
  // a data row where the header should be: the problems are capped and the cause suggested
  std::string row;
  for (int i = 0; i < 25; ++i) row += (i ? "," : "") + std::string("v") + std::to_string(i);
  try {
    open_log(d.file("d.csv", row + "\n"), "", "d.csv");
  } catch (const DataError& e) {
    REQUIRE(e.problems.size() == 21);
    CHECK(e.problems.back() == "d.csv:1: ... and 5 more problems in the header (is the first row a header?)");
  }
  auto empty = open_log(d.file("e.csv", ""), "", "e.csv");  // an empty file has no records
  RawRecord r;
  CHECK_FALSE(empty->next(r));
}

TEST_CASE("log source: JSON Lines keys are columns; an unknown key makes that record bad, not the file") {
  test::TempDir d;
  auto p = d.file("log.jsonl",
                  "{\"ts\":\"2026-11-02T08:00:00+08:00\",\"ticket\":\"T1\",\"event\":\"created\",\"reason\":\"x\"}\n"
                  "{\"ts\":\"2026-11-02T09:00:00+08:00\",\"ticket\":\"T1\",\"evnt\":\"responded\"}\n");
  auto src = open_log(p, "");
  CHECK(src->format() == "jsonl");
  CHECK(src->name() == p);  // no display name: the path
  CHECK(src->columns().empty());
  RawRecord r;
  REQUIRE(src->next(r));
  CHECK(r.error.empty());
  CHECK(r.col[kColTicket] == "T1");
  CHECK(src->raw_line().find("\"reason\":\"x\"") != std::string::npos);
  REQUIRE(src->next(r));
  CHECK(r.line == 2);
  CHECK(r.error == "unknown column 'evnt' (did you mean 'event'?)");
  CHECK_FALSE(src->next(r));
}

TEST_CASE("log source: the format from the extension, else a usage error; a missing file is NoInputError") {
  test::TempDir d;
  auto p = d.file("log.txt", "ts,ticket,event\n");
  CHECK_THROWS_WITH_AS(open_log(p, "", "log.txt"),
                       "cannot tell the format of 'log.txt' from its name: use --format csv or --format jsonl", UsageError);
  CHECK_THROWS_WITH_AS(open_log(p, "xml", "log.txt"), "unknown input format 'xml' (expected csv or jsonl)", UsageError);
  CHECK(open_log(p, "csv", "log.txt")->format() == "csv");
  CHECK_THROWS_AS(open_log(d.at("missing.csv"), ""), NoInputError);
  CHECK(unknown_column_message("tiket") == "unknown column 'tiket' (did you mean 'ticket'?)");
  CHECK(unknown_column_message("zzzzzzzzzz") == "unknown column 'zzzzzzzzzz'");
}
