#include "batch.hpp"

#include <doctest/doctest.h>

#include "error.hpp"
#include "test_util.hpp"

using namespace svc;

namespace {

struct Fixture {
  test::TempDir dir;
  Policy policy = default_policy();
  std::unique_ptr<Store> store;
  Fixture() {
    StoreOptions o;
    o.path = dir.at("svc.db");
    o.create = true;
    store = std::make_unique<Store>(o);
  }
  Instant at(const char* local) { return *parse_timestamp(local, policy.tz); }
};

const char* kHeader = "id,ts,ticket,event,type,urgency,region,outlet,ref,note\n";

ImportResult stored(const std::string& name, std::uint64_t added) {
  ImportResult r;
  r.source = name;
  r.read = r.added = added;
  return r;
}
ImportResult bad(const std::string& name, std::uint64_t n) {
  ImportResult r;
  r.source = name;
  r.failed = true;
  r.read = r.rejected = r.problem_count = n;
  for (std::uint64_t i = 0; i < n; ++i) r.problems.push_back(name + ":" + std::to_string(i + 2) + ": bad");
  return r;
}
ImportResult unreadable(const std::string& name) {
  ImportResult r;
  r.source = name;
  r.failed = true;
  r.error_code = 66;
  r.error = "cannot read '" + name + "': No such file or directory";
  r.problem_count = 1;
  r.problems = {r.error};
  return r;
}
int code_of(const std::vector<ImportResult>& v, std::string* what = nullptr, std::size_t* problems = nullptr) {
  try {
    throw_import_outcome(v);
  } catch (const DataError& e) {
    if (what) *what = e.what();
    if (problems) *problems = e.problems.size();
    return e.exit_code();
  } catch (const Error& e) {
    if (what) *what = e.what();
    return e.exit_code();
  }
  return 0;
}

}  // namespace

TEST_CASE("the outcome of several files: 0 all stored, 3 some, 65/66 none") {
  CHECK(code_of({}) == 0);
  CHECK(code_of({stored("a.csv", 2), stored("b.csv", 0)}) == 0);
  std::string what;
  std::size_t problems = 0;
  CHECK(code_of({stored("good.csv", 2), bad("bad.csv", 2)}, &what, &problems) == 3);
  CHECK(what == "1 of 2 files failed, nothing of them stored: bad.csv (2 bad records); stored: good.csv (fix the "
                "failed files and import them again)");
  CHECK(problems == 2);
  // a file stored with only duplicates is stored all the same: its records are in the store
  CHECK(code_of({bad("bad.csv", 1), stored("dup.csv", 0)}) == 3);
  CHECK(code_of({stored("good.csv", 2), unreadable("gone.csv")}, &what) == 3);
  CHECK(what.find("gone.csv (cannot read it)") != std::string::npos);
  // nothing stored
  CHECK(code_of({bad("bad.csv", 1)}, &what) == 65);
  CHECK(what == "1 bad record in bad.csv; nothing of it was stored (fix them, or use --skip-bad --reject FILE)");
  CHECK(code_of({bad("a.csv", 1), bad("b.csv", 2)}, &what, &problems) == 65);
  CHECK(what.rfind("3 bad records in a.csv, b.csv; nothing of these files", 0) == 0);
  CHECK(problems == 3);
  CHECK(code_of({unreadable("gone.csv")}, &what) == 66);
  CHECK(what == "cannot read 'gone.csv': No such file or directory");  // its own message, as before
  CHECK(code_of({unreadable("a.csv"), unreadable("b.csv")}, &what) == 66);
  CHECK(what == "cannot read a.csv, b.csv; nothing was stored");
  CHECK(code_of({unreadable("a.csv"), bad("b.csv", 1)}) == 65);  // nothing stored, some of it bad data
  // more problems than shown
  ImportResult many = bad("big.csv", 2);
  many.problem_count = 10;
  CHECK(code_of({many}, &what, &problems) == 65);
  CHECK(problems == 3);  // 2 shown + "... and 8 more problems"
  CHECK(file_status(stored("a", 1)) == std::string("stored"));
  CHECK(file_status(bad("a", 1)) == std::string("failed"));
}

TEST_CASE("import_or_fail: a file that cannot be read is a failed result, the run goes on") {
  Fixture f;
  Importer imp(*f.store, f.policy);
  ImportResult gone = import_or_fail(imp, f.dir.at("gone.csv"));
  CHECK(gone.failed);
  CHECK(gone.error_code == 66);
  CHECK(gone.error.find("cannot read") != std::string::npos);
  auto good = f.dir.file("good.csv", std::string(kHeader) + "e1,2026-11-02 08:00,T1,created,repair,normal,华东,SH-01,,\n");
  ImportResult ok = import_or_fail(imp, good);
  CHECK_FALSE(ok.failed);
  CHECK(ok.added == 1);
  auto header = f.dir.file("header.csv", "nonsense\n1\n");
  ImportResult h = import_or_fail(imp, header);
  CHECK(h.failed);
  CHECK(h.error_code == 65);
  CHECK(f.store->db().execAndGet("SELECT count(*) FROM events").getInt64() == 1);
  // usage errors are not a file's failure: they end the run
  auto odd = f.dir.file("odd.txt", "x\n");
  CHECK_THROWS_AS(import_or_fail(imp, odd), UsageError);
}

TEST_CASE("tickets_by_state as of a time: events up to then, voids made later not in force") {
  Fixture f;
  auto log = f.dir.file("log.csv", std::string(kHeader) +
                                       "a1,2026-11-02 08:00,T1,created,repair,normal,华东,SH-01,,\n"
                                       "a2,2026-11-02 10:00,T1,closed,,,,,,\n"
                                       "b1,2026-11-03 08:00,T2,created,repair,normal,华东,SH-01,,\n"
                                       "b2,2026-11-03 09:00,T2,paused,,,,,,wait\n"
                                       "c1,2026-11-04 08:00,T3,created,repair,normal,华东,SH-01,,\n"
                                       "c2,2026-11-04 09:00,T3,cancelled,,,,,,dup\n"
                                       "c3,2026-11-05 09:00,T3,voided,,,,,c2,wrong ticket\n");
  Importer imp(*f.store, f.policy);
  REQUIRE_FALSE(imp.import_file(log).failed);
  using V = std::vector<std::pair<std::string, std::int64_t>>;
  CHECK(tickets_by_state(*f.store, f.at("2026-11-01 00:00")).empty());
  CHECK(tickets_by_state(*f.store, f.at("2026-11-02 09:00")) == V{{"open", 1}});
  CHECK(tickets_by_state(*f.store, f.at("2026-11-02 10:00")) == V{{"closed", 1}});  // at the very instant: in
  CHECK(tickets_by_state(*f.store, f.at("2026-11-03 09:30")) == V{{"paused", 1}, {"closed", 1}});
  // T3's cancel is in force until its void (11-05 09:00)
  CHECK(tickets_by_state(*f.store, f.at("2026-11-05 08:59")) == V{{"paused", 1}, {"closed", 1}, {"cancelled", 1}});
  CHECK(tickets_by_state(*f.store, f.at("2026-11-05 09:00")) == V{{"open", 1}, {"paused", 1}, {"closed", 1}});
  // as of now: the projection's own counts
  SQLite::Statement q(f.store->db(), "SELECT state, count(*) FROM tickets GROUP BY state");
  V proj;
  while (q.executeStep()) proj.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64());
  auto now = tickets_by_state(*f.store, f.at("2026-11-23 12:00"));
  std::sort(proj.begin(), proj.end());
  std::sort(now.begin(), now.end());
  CHECK(now == proj);
}

TEST_CASE("maintenance generate is never ahead of now") {
  Policy p = default_policy();
  CHECK_NOTHROW(refuse_future_generate(svc::now(), p.tz));
  CHECK_THROWS_AS(refuse_future_generate(svc::now() + 3600LL * 1000000, p.tz), DataError);
}
