#include "backup.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <filesystem>
#include <vector>

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

TEST_CASE("backup: never over a part of the store or a file that is not regular; a killed run's files are removed "
          "(issue 25 §6)") {
  namespace fs = std::filesystem;
  test::TempDir dir;
  StoreOptions o;
  o.path = dir.at("svc.db");
  o.create = true;
  Store s(o);
  Policy p = default_policy();
  Importer imp(s, p);
  REQUIRE_FALSE(imp.import_file(dir.file("log.csv", "ts,ticket,event,type,urgency,region,outlet\n"
                                                    "2026-11-02 08:00,T1,created,repair,normal,华东,SH-01\n"))
                    .failed);
  REQUIRE(fs::exists(dir.at("svc.db-wal")));
  auto wal = test::slurp(dir.at("svc.db-wal"));
  // the WAL, the shared memory and the journal, existing or not, also through links
  for (const char* part : {"svc.db-wal", "svc.db-shm", "svc.db-journal"})
    for (bool force : {false, true}) {
      auto msg = std::string();
      try {
        backup_store(s, dir.at(part), force);
      } catch (const UsageError& e) {
        msg = e.what();
      }
      CHECK_MESSAGE(msg.find("part of the store") != std::string::npos, part);
    }
  CHECK(test::slurp(dir.at("svc.db-wal")) == wal);
  fs::create_symlink(dir.at("svc.db-wal"), dir.at("link.db"));
  CHECK_THROWS_AS(backup_store(s, dir.at("link.db"), true), UsageError);
  fs::create_hard_link(dir.at("svc.db"), dir.at("hard.db"));
  CHECK_THROWS_AS(backup_store(s, dir.at("hard.db"), true), UsageError);
  fs::create_directory(dir.at("sub"));
  fs::create_directory_symlink(dir.path, dir.at("sub/up"));
  CHECK_THROWS_AS(backup_store(s, dir.at("sub/up/svc.db-wal"), true), UsageError);
  // a fifo, a device
  REQUIRE(::mkfifo(dir.at("fifo").c_str(), 0600) == 0);
  auto msg = std::string();
  try {
    backup_store(s, dir.at("fifo"), true);
  } catch (const UsageError& e) {
    msg = e.what();
  }
  CHECK(msg.find("is not a regular file") != std::string::npos);
  // a node of the null device where we may create one (root), else /dev/null itself
  std::string dev = dir.at("null");
  if (::mknod(dev.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) dev = "/dev/null";
  CHECK_THROWS_AS(backup_store(s, dev, true), UsageError);
  struct stat st {};
  REQUIRE(::stat(dev.c_str(), &st) == 0);
  CHECK(S_ISCHR(st.st_mode));

  // what a killed backup left: its temporary copy and journal; not another file
  fs::create_directory(dir.at("bk"));
  dir.file("bk/.day.db.svc-backup.Ab12Cd", std::string(4096, 'x'));
  dir.file("bk/.day.db.svc-backup.Ab12Cd-journal", std::string(512, 'j'));
  dir.file("bk/.old.db.svc-backup.Zz99zz-journal", "j");  // its copy already gone
  dir.file("bk/.hidden-notes", "mine");
  dir.file("bk/.x.svc-backup.short", "not ours: 5 characters");
  BackupResult r = backup_store(s, dir.at("bk/day.db"), false);
  CHECK(r.stale_removed == 3);
  std::vector<std::string> left;
  for (auto& e : fs::directory_iterator(dir.at("bk"))) left.push_back(e.path().filename());
  std::sort(left.begin(), left.end());
  CHECK(left == std::vector<std::string>{".hidden-notes", ".x.svc-backup.short", "day.db"});
}
