// Lab 07, task 1 (see labs/07-web-requests/LAB.md). Replace each body that calls not_implemented();
// keep the signatures. to_string and HttpError are given.
#include "hpc/web/http.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::web {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_url:
      return "bad_url";
    case ErrorKind::unsupported_scheme:
      return "unsupported_scheme";
    case ErrorKind::connect:
      return "connect";
    case ErrorKind::timeout:
      return "timeout";
    case ErrorKind::aborted:
      return "aborted";
    case ErrorKind::transfer:
      return "transfer";
    case ErrorKind::file:
      return "file";
  }
  return "unknown";
}

HttpError::HttpError(ErrorKind kind, std::string url, const std::string& message)
    : std::runtime_error(url + ": " + std::string(to_string(kind)) + ": " + message),
      kind_(kind),
      url_(std::move(url)),
      message_(message) {}

bool CaseInsensitiveLess::operator()([[maybe_unused]] std::string_view a,
                                     [[maybe_unused]] std::string_view b) const {
  hpc::common::not_implemented();
}

void check_url([[maybe_unused]] const std::string& url) { hpc::common::not_implemented(); }

Response http_get([[maybe_unused]] const std::string& url, [[maybe_unused]] const RequestOptions& options) {
  hpc::common::not_implemented();
}

void save_body([[maybe_unused]] const Response& response,
               [[maybe_unused]] const std::filesystem::path& file) {
  hpc::common::not_implemented();
}

}  // namespace hpc::web
