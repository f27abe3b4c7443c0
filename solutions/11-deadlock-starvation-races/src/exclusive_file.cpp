// Reference solution, lab 11 task 8: create a file only if it is not there, in one system call.
#include "hpc/races/exclusive_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace hpc::races {

bool create_exclusive(const std::filesystem::path& path, std::string_view contents) {
  // O_EXCL makes "does it exist?" and "create it" one atomic step inside the kernel: no window between
  // a check and a use for another thread or process to slip into.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    if (error == EEXIST) return false;
    throw std::system_error(error, std::generic_category(), "create_exclusive(" + path.string() + ")");
  }
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      throw std::system_error(error, std::generic_category(), "create_exclusive: writing " + path.string());
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    throw std::system_error(errno, std::generic_category(), "create_exclusive: closing " + path.string());
  }
  return true;
}

}  // namespace hpc::races
