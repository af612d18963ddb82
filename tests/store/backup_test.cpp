#include "backup.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include "error.hpp"
#include "importer.hpp"
#include "test_util.hpp"

using namespace svc;

namespace {
unsigned mode_of(const std::string& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}
std::size_t entries(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}
}  // namespace

TEST_CASE("backup: a checked copy with the store's mode, atomically in place, never over a file without force") {
  test::TempDir dir;
  StoreOptions o;
  o.path = dir.at("svc.db");
  o.create = true;
  Store s(o);
  Policy p = default_policy();
  Importer imp(s, p);
  auto log = dir.file("log.csv", "ts,ticket,event,type,urgency,region,outlet\n2026-11-02 08:00,T1,created,repair,normal,华东,SH-01\n");
  REQUIRE_FALSE(imp.import_file(log).failed);
  std::filesystem::create_directory(dir.at("bk"));
  mode_t old = ::umask(0);  // the most permissive umask: the backup still gets the store's 0600
  BackupResult r = backup_store(s, dir.at("bk/one.db"), false);
  ::umask(old);
  CHECK(r.events == 1);
  CHECK(r.schema_version == Store::latest_schema_version());
  CHECK(mode_of(dir.at("bk/one.db")) == 0600);
  CHECK(r.mode == 0600);
  CHECK(entries(dir.at("bk")) == 1);  // no temporary, -wal or -shm file left
  {
    StoreOptions c;
    c.path = dir.at("bk/one.db");
    Store copy(c);
    CHECK(copy.db().execAndGet("SELECT count(*) FROM events").getInt64() == 1);
  }
  // refused without --force: the file is kept as it was
  auto before = test::slurp(dir.at("bk/one.db"));
  REQUIRE_FALSE(imp.import_file(dir.file("log2.csv", "ts,ticket,event,type,urgency,region,outlet\n2026-11-03 08:00,T2,created,repair,normal,华东,SH-01\n")).failed);
  CHECK_THROWS_AS(backup_store(s, dir.at("bk/one.db"), false), UsageError);
  CHECK(test::slurp(dir.at("bk/one.db")) == before);
  CHECK(entries(dir.at("bk")) == 1);
  // --force replaces it
  CHECK(backup_store(s, dir.at("bk/one.db"), true).events == 2);
  CHECK(entries(dir.at("bk")) == 1);
  // the store's own bits, whatever they are
  ::chmod(dir.at("svc.db").c_str(), 0640);
  CHECK(backup_store(s, dir.at("bk/two.db"), false).mode == 0640);
  ::chmod(dir.at("svc.db").c_str(), 0600);
  // refusals
  CHECK_THROWS_AS(backup_store(s, dir.at("bk"), true), UsageError);         // a directory
  CHECK_THROWS_AS(backup_store(s, dir.at("svc.db"), true), UsageError);     // the store itself
  CHECK_THROWS_AS(backup_store(s, dir.at("no/such/x.db"), false), NotFound);  // no directory
  CHECK_THROWS_AS(backup_store(s, "", false), UsageError);
}
