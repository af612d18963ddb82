#include "input.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include "error.hpp"
#include "test_util.hpp"

using namespace svc;

static std::string read_all(ByteSource& s) {
  std::string out;
  char buf[7];  // small reads on purpose
  for (size_t n; (n = s.read(buf, sizeof buf)) > 0;) out.append(buf, n);
  return out;
}

TEST_CASE("input: plain and gzip files read the same bytes; missing file is 66") {
  test::TempDir d;
  std::string text = "ts,ticket,event\n2026-11-02 08:15,T1,created\n";
  auto plain = d.file("a.csv", text);
  std::string gz = d.at("a.csv.gz");
  gzFile g = gzopen(gz.c_str(), "wb");
  gzwrite(g, text.data(), unsigned(text.size()));
  gzclose(g);
  auto a = ByteSource::open(plain);
  auto b = ByteSource::open(gz);
  CHECK(read_all(*a) == text);
  CHECK(read_all(*b) == text);
  CHECK(a->size() == text.size());
  try {
    ByteSource::open(d.at("nope.csv"));
    FAIL("no exception");
  } catch (const NoInputError& e) {
    CHECK(e.exit_code() == 66);
    CHECK(std::string(e.what()).find("nope.csv") != std::string::npos);
  }
  CHECK_THROWS_AS(ByteSource::open(d.path), NoInputError);
}

TEST_CASE("input: truncated gzip data is a data error") {
  test::TempDir d;
  std::string gz = d.at("t.csv.gz");
  gzFile g = gzopen(gz.c_str(), "wb");
  std::string big(100000, 'x');
  gzwrite(g, big.data(), unsigned(big.size()));
  gzclose(g);
  std::string bytes = test::slurp(gz);
  auto cut = d.file("cut.csv.gz", bytes.substr(0, bytes.size() / 2));
  auto s = ByteSource::open(cut);
  CHECK_THROWS_AS(read_all(*s), DataError);
}

TEST_CASE("input: format from extension") {
  CHECK(format_from_extension("a.csv") == "csv");
  CHECK(format_from_extension("a.CSV.gz") == "csv");
  CHECK(format_from_extension("x/y.jsonl") == "jsonl");
  CHECK(format_from_extension("y.ndjson.gz") == "jsonl");
  CHECK(format_from_extension("y.txt") == "");
  CHECK(format_from_extension("-") == "");
}
