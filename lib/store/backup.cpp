#include "backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "error.hpp"

namespace svc {

namespace {

// The temporary file: removed unless it was moved into place. Its name is
// recognisable (kTempMarker) and it is flock()ed while the backup runs, so
// that the next backup into the same directory removes what a killed run left
// (remove_stale_temps) and never a running backup's file.
constexpr const char* kTempMarker = ".svc-backup.";
constexpr const char* kCompanions[] = {"-journal", "-wal", "-shm"};

struct TempFile {
  std::string path;
  int fd = -1;  // holds the flock
  bool keep = false;
  ~TempFile() {
    if (!path.empty() && !keep) {
      ::unlink(path.c_str());
      for (const char* suffix : kCompanions) ::unlink((path + suffix).c_str());
    }
    if (fd >= 0) ::close(fd);
  }
};

// ".NAME.svc-backup.XXXXXX", with or without a companion's suffix: the
// temporary name of a backup (the base name, without suffix, in `base`).
bool temp_name(const std::string& name, std::string& base) {
  if (name.size() < 2 || name[0] != '.') return false;
  std::string n = name;
  for (const char* suffix : kCompanions) {
    std::string_view sv(suffix);
    if (n.size() > sv.size() && n.compare(n.size() - sv.size(), sv.size(), sv) == 0) {
      n.resize(n.size() - sv.size());
      break;
    }
  }
  const std::string marker = kTempMarker;
  if (n.size() < marker.size() + 6 + 2) return false;
  if (n.compare(n.size() - 6 - marker.size(), marker.size(), marker) != 0) return false;
  for (size_t i = n.size() - 6; i < n.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(n[i]))) return false;
  base = n;
  return true;
}

// Removes the temporary files of backups into `dir` that were killed (their
// flock is free): the half-written copy and its journal. A file just created
// by a backup that has not locked it yet is empty and recent: kept.
int remove_stale_temps(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) names.push_back(it->path().filename());
  std::sort(names.begin(), names.end());  // a base before its companions
  int removed = 0;
  for (const auto& name : names) {
    std::string base;
    if (!temp_name(name, base)) continue;
    std::string path = (dir / name).string();
    if (name != base) {  // a companion: stale when its base is gone
      struct stat st {};
      if (::stat((dir / base).c_str(), &st) != 0 && errno == ENOENT && ::unlink(path.c_str()) == 0) ++removed;
      continue;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) continue;
    struct stat st {};
    // a killed copy may still be empty with its pages in the journal
    struct stat journal {};
    bool stale = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0 &&
                 (st.st_size > 0 || ::stat((path + "-journal").c_str(), &journal) == 0 ||
                  st.st_mtime + 10 < ::time(nullptr));
    if (stale && ::unlink(path.c_str()) == 0) {
      ++removed;
      for (const char* suffix : kCompanions)
        if (::unlink((path + suffix).c_str()) == 0) ++removed;  // every file removed is counted
    }
    ::close(fd);
  }
  return removed;
}

// Refuses a destination that is the store or one of SQLite's files beside it
// (-wal, -shm, -journal): by name, through symbolic links, and by inode (a
// hard link). Replacing the WAL would drop committed transactions.
void refuse_store_part(const std::string& store, const std::string& dest, const struct stat* dest_st) {
  namespace fs = std::filesystem;
  std::error_code ec1, ec2;
  fs::path store_real = fs::weakly_canonical(fs::absolute(store), ec1);
  fs::path dest_real = fs::weakly_canonical(fs::absolute(dest), ec2);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::string part = store + suffix;
    bool same = !ec1 && !ec2 && dest_real == fs::path(store_real.string() + suffix);
    struct stat st {};
    if (!same && dest_st && ::stat(part.c_str(), &st) == 0)
      same = st.st_dev == dest_st->st_dev && st.st_ino == dest_st->st_ino;
    if (!same) continue;
    if (!*suffix) throw UsageError(fmt::format("'{}' is the store itself: back it up to another file", dest));
    throw UsageError(fmt::format("'{}' is the store's {} file ('{}{}'), part of the store: back it up to another "
                                 "file; nothing written",
                                 dest, suffix + 1, store, suffix));
  }
}

// One SQLite connection to the temporary file.
struct Connection {
  sqlite3* db = nullptr;
  ~Connection() {
    if (db) sqlite3_close_v2(db);
  }
  std::string error() const { return db ? sqlite3_errmsg(db) : "out of memory"; }
};

void fsync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Moves tmp to dest: replacing it with `force`, else only when dest does not
// exist, atomically (renameat2 RENAME_NOREPLACE, or link + unlink where the
// file system has no such rename). Returns errno, 0 on success.
int move_into_place(const std::string& tmp, const std::string& dest, bool force) {
  if (force) return ::rename(tmp.c_str(), dest.c_str()) == 0 ? 0 : errno;
#ifdef RENAME_NOREPLACE
  if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, dest.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return errno;
#endif
  if (::link(tmp.c_str(), dest.c_str()) != 0) return errno;
  ::unlink(tmp.c_str());
  return 0;
}

}  // namespace

BackupResult backup_store(Store& s, const std::string& dest, bool force) {
  namespace fs = std::filesystem;
  if (dest.empty()) throw UsageError("name the backup file: svc admin backup DEST");
  struct stat store_st {}, dest_st {};
  if (::stat(s.path().c_str(), &store_st) != 0)
    throw StoreUnavailable(fmt::format("store '{}': {}", s.path(), std::strerror(errno)));
  const bool dest_exists = ::stat(dest.c_str(), &dest_st) == 0;
  refuse_store_part(s.path(), dest, dest_exists ? &dest_st : nullptr);
  if (dest_exists) {
    if (S_ISDIR(dest_st.st_mode))
      throw UsageError(fmt::format("'{}' is a directory: name the backup file, e.g. {}/svc-YYYY-MM-DD.db", dest,
                                   fs::path(dest).lexically_normal().string()));
    // a device (/dev/null), fifo or socket would be replaced by a file, even with --force
    if (!S_ISREG(dest_st.st_mode))
      throw UsageError(fmt::format("'{}' is not a regular file (a device, fifo or socket): name a backup file; "
                                   "nothing written",
                                   dest));
    if (!force) throw UsageError(fmt::format("'{}' exists: nothing written (give --force to replace it)", dest));
  }
  fs::path dir = fs::path(dest).parent_path();
  if (dir.empty()) dir = ".";
  struct stat dir_st {};
  if (::stat(dir.c_str(), &dir_st) != 0 || !S_ISDIR(dir_st.st_mode))
    throw NotFound(fmt::format("cannot write the backup '{}': no directory '{}'", dest, dir.string()));

  BackupResult res;
  res.stale_removed = remove_stale_temps(dir);
  // mkstemp creates the file with mode 0600, whatever the umask
  TempFile tmp;
  std::string templ = (dir / ("." + fs::path(dest).filename().string() + kTempMarker + "XXXXXX")).string();
  int fd = ::mkstemp(templ.data());
  if (fd < 0) throw NotFound(fmt::format("cannot write the backup '{}': {}", dest, std::strerror(errno)));
  tmp.path = templ;
  tmp.fd = fd;
  ::flock(fd, LOCK_EX);  // ours: the next run's remove_stale_temps leaves it alone
  const unsigned mode = store_st.st_mode & 0777;  // the store's own bits (0600 for a store svc created)
  if (::fchmod(fd, mode) != 0) throw NotFound(fmt::format("cannot write the backup '{}': {}", dest, std::strerror(errno)));
  int rc = 0;
  {
    Connection dst;
    if (sqlite3_open_v2(tmp.path.c_str(), &dst.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      throw NotFound(fmt::format("cannot write the backup '{}': {}", dest, dst.error()));
    sqlite3* src = s.db().getHandle();
    sqlite3_backup* b = sqlite3_backup_init(dst.db, "main", src, "main");
    if (!b) throw InternalError(fmt::format("backup of '{}': {}", s.path(), dst.error()));
    // one step copies every page inside one read transaction of the source: a
    // consistent snapshot while other connections write (WAL readers do not block)
    for (int attempt = 0;; ++attempt) {
      rc = sqlite3_backup_step(b, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      if (attempt >= 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    int finish = sqlite3_backup_finish(b);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) throw StoreBusy("the store stayed busy: no backup written; try again later");
    if (rc != SQLITE_DONE || finish != SQLITE_OK) {
      if (rc == SQLITE_FULL || rc == SQLITE_IOERR || finish == SQLITE_FULL || finish == SQLITE_IOERR)
        throw NotFound(fmt::format("cannot write the backup '{}': {}", dest, dst.error()));
      throw InternalError(fmt::format("backup of '{}': {}", s.path(), dst.error()));
    }
    // a single file: the copy carries the store's WAL mode in its header
    auto one = [&](const char* sql) -> std::string {
      sqlite3_stmt* st = nullptr;
      std::string out;
      if (sqlite3_prepare_v2(dst.db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char* t = sqlite3_column_text(st, 0);
        out = t ? reinterpret_cast<const char*>(t) : "";
      }
      sqlite3_finalize(st);
      return out;
    };
    if (one("PRAGMA journal_mode = DELETE") != "delete")
      throw InternalError(fmt::format("backup '{}': cannot leave WAL mode: {}", dest, dst.error()));
    std::string check = one("PRAGMA quick_check");
    if (check != "ok") throw InternalError(fmt::format("backup '{}' fails its check: {}", dest, check));
    res.schema_version = std::stoi("0" + one("PRAGMA user_version"));
    res.events = std::stoll("0" + one("SELECT count(*) FROM events"));
  }
  fsync_path(tmp.path, O_RDONLY);
  if (int e = move_into_place(tmp.path, dest, force)) {
    if (e == EEXIST) throw UsageError(fmt::format("'{}' exists: nothing written (give --force to replace it)", dest));
    throw NotFound(fmt::format("cannot write the backup '{}': {}", dest, std::strerror(e)));
  }
  tmp.keep = !fs::exists(tmp.path);  // link + unlink, or rename: the temporary name is gone
  fsync_path(dir.string(), O_RDONLY | O_DIRECTORY);
  struct stat out {};
  ::stat(dest.c_str(), &out);
  res.path = dest;
  res.bytes = std::uintmax_t(out.st_size);
  res.mode = out.st_mode & 0777;
  return res;
}

}  // namespace svc
