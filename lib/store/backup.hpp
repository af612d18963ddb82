// svc admin backup (docs/admin.md "Backups"): a consistent copy of the store,
// taken with SQLite's online backup API while other svc may write, written to
// a temporary file created with mode 0600 in the destination's directory,
// given the store's own permission bits, checked (quick_check), synced and
// then renamed into place atomically: a reader never sees a half-written
// backup, and a backup is never more readable than the store it copies.
#pragma once
#include <cstdint>
#include <string>

#include "store.hpp"

namespace svc {

struct BackupResult {
  std::string path;
  std::uintmax_t bytes = 0;
  unsigned mode = 0;         // permission bits of the backup (those of the store)
  int schema_version = 0;    // PRAGMA user_version of the copy
  std::int64_t events = 0;   // events in the copy
  int stale_removed = 0;     // files of killed backups removed from the directory first
};

// Copies `s` to `dest`, a file path whose directory exists. Refused, nothing
// written: UsageError (2) when dest exists and `force` is not given, when it
// is a directory or anything but a regular file (a device, fifo, socket), or
// when it is part of the store (the store, its -wal, -shm or -journal, also
// through a symbolic or hard link); NotFound (66) when its directory does not
// exist or cannot be written. A single-file copy (journal mode DELETE: no -wal
// or -shm beside it). With `force` an existing dest is replaced in one rename.
// First removes what killed backups left in that directory (their temporary
// ".NAME.svc-backup.XXXXXX" and its journal).
BackupResult backup_store(Store& s, const std::string& dest, bool force);

}  // namespace svc
