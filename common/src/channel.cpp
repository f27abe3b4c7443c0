#include "hpc/common/channel.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace hpc::common {

bool channel_send(int fd, char type, std::string_view payload) {
  std::string record(1, type);
  record += std::to_string(payload.size());
  record += ':';
  record.append(payload);
  std::size_t done = 0;
  while (done < record.size()) {
    const ssize_t n = ::write(fd, record.data() + done, record.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool ChannelReader::read_from(int fd) {
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    return false;  // end of file or a real error
  }
}

std::optional<ChannelRecord> ChannelReader::next() {
  const std::size_t colon = buffer_.find(':');
  if (buffer_.empty() || colon == std::string::npos) return std::nullopt;
  std::size_t length = 0;
  const auto [end, error] = std::from_chars(buffer_.data() + 1, buffer_.data() + colon, length);
  if (error != std::errc{} || end != buffer_.data() + colon) {
    buffer_.clear();  // not our protocol: drop it rather than loop on it
    return std::nullopt;
  }
  if (buffer_.size() < colon + 1 + length) return std::nullopt;
  ChannelRecord record{buffer_[0], buffer_.substr(colon + 1, length)};
  buffer_.erase(0, colon + 1 + length);
  return record;
}

}  // namespace hpc::common
