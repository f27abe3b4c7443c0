// Lab 08, task 1 (see labs/08-processes/LAB.md). Replace each body; keep the signatures.
#include "hpc/processes/process.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::processes {

Process::Process(std::function<int()> body, std::string name, int)
    : body_(std::move(body)), name_(std::move(name)) {}

Process::Process(Process&& other) noexcept
    : body_(std::move(other.body_)),
      name_(std::move(other.name_)),
      pid_(std::exchange(other.pid_, 0)),
      pidfd_(std::exchange(other.pidfd_, -1)),
      reaped_(other.reaped_),
      status_(other.status_) {}

Process& Process::operator=(Process&& other) noexcept {
  std::swap(body_, other.body_);
  std::swap(name_, other.name_);
  std::swap(pid_, other.pid_);
  std::swap(pidfd_, other.pidfd_);
  std::swap(reaped_, other.reaped_);
  std::swap(status_, other.status_);
  return *this;
}

Process::~Process() = default;

void Process::start() { hpc::common::not_implemented(); }

bool Process::join([[maybe_unused]] std::optional<std::chrono::milliseconds> timeout) {
  hpc::common::not_implemented();
}

bool Process::is_alive() { hpc::common::not_implemented(); }

void Process::terminate([[maybe_unused]] std::chrono::milliseconds grace) { hpc::common::not_implemented(); }

std::optional<int> Process::exit_code() const { hpc::common::not_implemented(); }

std::optional<int> Process::term_signal() const { hpc::common::not_implemented(); }

pid_t Process::pid() const { return pid_; }

const std::string& Process::name() const { return name_; }

Process spawn([[maybe_unused]] const std::string& path, [[maybe_unused]] const std::vector<std::string>& args,
              [[maybe_unused]] std::string name) {
  hpc::common::not_implemented();
}

}  // namespace hpc::processes
