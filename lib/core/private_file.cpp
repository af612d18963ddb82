#include "private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace svc {

int prepare_private_file(const std::string& path) {
  // the mode of open() is filtered by the umask, which may let others read
  // (umask 000 gives 0666 for 0666): created 0600, then fchmod, which is not
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK, kPrivateFileMode);
  if (fd < 0) return errno == ENXIO ? 0 : errno;  // ENXIO: a fifo with no reader yet, not a file to tighten
  struct stat st {};
  int err = 0;
  if (::fstat(fd, &st) != 0) err = errno;
  else if (S_ISREG(st.st_mode) && (st.st_mode & 0777) != kPrivateFileMode && ::fchmod(fd, kPrivateFileMode) != 0)
    err = errno;
  ::close(fd);
  return err;
}

}  // namespace svc
