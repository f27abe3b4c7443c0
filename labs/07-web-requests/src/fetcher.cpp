// Lab 07, task 6 (see labs/07-web-requests/LAB.md): the open-design fetcher. Define Impl as you like (the
// header only declares it), then replace each body that calls not_implemented(); keep the signatures.
#include "hpc/web/fetcher.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::web {

struct Fetcher::Impl {};

Fetcher::Fetcher(FetcherOptions options) : options_(options) { hpc::common::not_implemented(); }

// The destructor must not throw, so it is not a stub (while the constructor throws, it never runs).
Fetcher::~Fetcher() = default;

std::vector<FetchResult> Fetcher::fetch_all([[maybe_unused]] const std::vector<std::string>& urls) {
  hpc::common::not_implemented();
}

const FetcherOptions& Fetcher::options() const { return options_; }

}  // namespace hpc::web
