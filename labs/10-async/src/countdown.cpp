// Lab 10, task 3 (see labs/10-async/LAB.md). Replace each body; keep the signatures.
// You will need Asio here (and only here): <asio/io_context.hpp>, <asio/co_spawn.hpp>, <asio/detached.hpp>,
// <asio/steady_timer.hpp>, <asio/use_awaitable.hpp>, <asio/this_coro.hpp>, <asio/post.hpp>,
// <asio/thread_pool.hpp>.
#include "hpc/async/countdown.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::async {

void run_countdowns_sync([[maybe_unused]] std::span<const Countdown> countdowns,
                         [[maybe_unused]] EventLog& log) {
  hpc::common::not_implemented();
}

void run_countdowns_async([[maybe_unused]] std::span<const Countdown> countdowns,
                          [[maybe_unused]] EventLog& log) {
  hpc::common::not_implemented();
}

void run_countdowns_blocking([[maybe_unused]] std::span<const Countdown> countdowns,
                             [[maybe_unused]] EventLog& log) {
  hpc::common::not_implemented();
}

void run_countdowns_in_executor([[maybe_unused]] std::span<const Countdown> countdowns,
                                [[maybe_unused]] EventLog& log, [[maybe_unused]] unsigned workers) {
  hpc::common::not_implemented();
}

std::vector<bool> check_primes_sync([[maybe_unused]] std::span<const std::uint64_t> numbers,
                                    [[maybe_unused]] EventLog& log) {
  hpc::common::not_implemented();
}

std::vector<bool> check_primes_async([[maybe_unused]] std::span<const std::uint64_t> numbers,
                                     [[maybe_unused]] EventLog& log,
                                     [[maybe_unused]] std::uint64_t yield_every) {
  hpc::common::not_implemented();
}

std::vector<bool> check_primes_in_executor([[maybe_unused]] std::span<const std::uint64_t> numbers,
                                           [[maybe_unused]] EventLog& log,
                                           [[maybe_unused]] unsigned workers) {
  hpc::common::not_implemented();
}

}  // namespace hpc::async
