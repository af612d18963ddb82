// Files svc writes besides the store — the reject file of an import (raw
// customer rows), a report written with --output — hold customer data: they
// get the store's own mode, 0600, whatever the umask (docs/RELIABILITY.md).
#pragma once
#include <string>

namespace svc {

inline constexpr unsigned kPrivateFileMode = 0600;

// Creates `path` (or truncates it) readable and writable by its owner only,
// tightening an existing regular file to 0600; a device or fifo (/dev/stdout)
// is opened as it is and its mode left alone. Returns 0, or the errno of the
// failure. The caller then opens the file for writing (std::ofstream) as usual.
int prepare_private_file(const std::string& path);

}  // namespace svc
