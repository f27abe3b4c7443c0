// Known-wrong on purpose (lab 08, task 4): the book's reduce_sum (chapter 14) over processes, for the
// variant reduce_book_queue (chapters/08-processes/reduction.cmake). Everything but reduce_processes is
// the reference. Each round puts every value in a shared queue (an atomic head in shared memory); each
// worker takes two values, combines them and appends the result (an atomic tail), and a worker that finds
// only one value left appends it alone. The caller then assumes the round left exactly ceil(m/2) results,
// as the book's result_size bookkeeping does, instead of reading how many were appended. When two workers
// each end a round holding a lone value, the round leaves one result more than predicted and the last is
// never read: a partial sum, now and then. Pairing whatever comes off the queue also needs commutativity.
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>

#include "hpc/common/watchdog.hpp"
#include "hpc/processes/reduction.hpp"

namespace hpc::processes {

namespace {

// The exit status of a worker in which op threw (any other non-zero status is the op's own doing).
constexpr int kOpThrew = 70;

// n values of T in an anonymous shared mapping: the pages stay shared with every child forked later.
template <class T>
class SharedArray {
 public:
  explicit SharedArray(std::size_t n) : bytes_(std::max<std::size_t>(n, 1) * sizeof(T)) {
    memory_ = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory_ == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap");
  }
  SharedArray(const SharedArray&) = delete;
  SharedArray& operator=(const SharedArray&) = delete;
  ~SharedArray() { ::munmap(memory_, bytes_); }

  // Copied as bytes: T is trivially copyable, and the mapping holds no constructed objects.
  T get(std::size_t i) const {
    T value;
    std::memcpy(&value, static_cast<const char*>(memory_) + i * sizeof(T), sizeof(T));
    return value;
  }
  void* address(std::size_t i) { return static_cast<char*>(memory_) + i * sizeof(T); }
  void set(std::size_t i, const T& value) {
    std::memcpy(static_cast<char*>(memory_) + i * sizeof(T), &value, sizeof(T));
  }

 private:
  std::size_t bytes_;
  void* memory_ = nullptr;
};

// How a worker ended, or "" when it exited with status 0.
std::string failure_of(int status) {
  if (WIFSIGNALED(status)) return "was killed by " + hpc::common::signal_description(WTERMSIG(status));
  if (WIFEXITED(status) && WEXITSTATUS(status) == kOpThrew) return "ended because op threw an exception";
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "";
}

// Waits for the child, retrying when a signal interrupts the wait.
int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 0;  // not our child any more: nothing to wait for
  }
  return status;
}

}  // namespace

template <class T>
T reduce_sequential(const std::vector<T>& xs, const OpFor<T>& op, const ValueFor<T>& identity) {
  T result = identity;
  for (const T& x : xs) result = op(result, x);
  return result;
}

template <class T>
T reduce_tree(const std::vector<T>& xs, const OpFor<T>& op, const ValueFor<T>& identity) {
  if (xs.empty()) return identity;
  std::vector<T> values = xs;
  while (values.size() > 1) {
    const std::size_t pairs = values.size() / 2;
    for (std::size_t i = 0; i < pairs; ++i) values[i] = op(values[2 * i], values[2 * i + 1]);
    if (values.size() % 2 == 1) values[pairs] = std::move(values.back());
    values.resize(pairs + values.size() % 2);
  }
  return values.front();
}

template <class T>
T reduce_processes(const std::vector<T>& xs, const OpFor<T>& op, const ValueFor<T>& identity, int workers) {
  static_assert(std::is_trivially_copyable_v<T>, "values cross process boundaries as bytes");
  if (workers < 1) throw std::invalid_argument("reduce_processes: workers must be at least 1");
  if (xs.empty()) return identity;
  if (xs.size() == 1) return xs.front();

  // Room for the lone values the book's workers append beside the pairs.
  SharedArray<T> first(xs.size() + static_cast<std::size_t>(workers));
  SharedArray<T> second(xs.size() + static_cast<std::size_t>(workers));
  SharedArray<std::atomic<std::size_t>> queue(2);  // [0]: the next value to take, [1]: results appended
  std::atomic<std::size_t>& taken = *new (queue.address(0)) std::atomic<std::size_t>(0);
  std::atomic<std::size_t>& appended = *new (queue.address(1)) std::atomic<std::size_t>(0);
  for (std::size_t i = 0; i < xs.size(); ++i) first.set(i, xs[i]);
  SharedArray<T>* in = &first;
  SharedArray<T>* out = &second;

  std::size_t m = xs.size();
  for (int round = 1; m > 1; ++round) {
    taken = 0;
    appended = 0;
    std::vector<pid_t> children;
    std::string failure;
    for (int k = 0; k < workers; ++k) {
      const pid_t pid = ::fork();
      if (pid == 0) {
        int status = 0;
        try {
          for (;;) {
            const std::size_t a = taken++;
            if (a >= m) break;
            // The book's consumer calls task_done() and then get() again: each a trip through the queue's
            // lock and pipe, a system call or two. One system call stands for them here (an atomic head
            // alone would leave a window of nanoseconds, and the race would hardly ever show).
            sched_yield();
            const std::size_t b = taken++;
            if (b >= m) {
              out->set(appended++, in->get(a));  // "Reaching the end with process ... and number ..."
              break;
            }
            const T combined = op(in->get(a), in->get(b));
            out->set(appended++, combined);
          }
        } catch (...) {
          status = kOpThrew;
        }
        ::_exit(status);
      }
      if (pid < 0) {
        failure = std::string("could not start a worker: ") + std::strerror(errno);
        break;
      }
      children.push_back(pid);
    }
    for (std::size_t k = 0; k < children.size(); ++k) {
      const std::string how = failure_of(wait_for(children[k]));
      if (failure.empty() && !how.empty())
        failure = "worker " + std::to_string(k) + " (pid " + std::to_string(children[k]) + ") of round " +
                  std::to_string(round) + " " + how;
    }
    if (!failure.empty()) throw std::runtime_error("reduce_processes: " + failure);
    std::swap(in, out);
    m = m / 2 + m % 2;  // the book's result_size: a prediction, not what the workers appended
  }
  return in->get(0);
}

template <class T>
bool is_associative_on(const OpFor<T>& op, const std::vector<T>& samples) {
  for (const T& a : samples)
    for (const T& b : samples)
      for (const T& c : samples)
        if (!(op(op(a, b), c) == op(a, op(b, c)))) return false;
  return true;
}

template <class T>
bool is_commutative_on(const OpFor<T>& op, const std::vector<T>& samples) {
  for (const T& a : samples)
    for (const T& b : samples)
      if (!(op(a, b) == op(b, a))) return false;
  return true;
}

#define HPC_PROCESSES_REDUCTION_SERIAL(T)                                               \
  template T reduce_sequential<T>(const std::vector<T>&, const BinaryOp<T>&, const T&); \
  template T reduce_tree<T>(const std::vector<T>&, const BinaryOp<T>&, const T&);       \
  template bool is_associative_on<T>(const BinaryOp<T>&, const std::vector<T>&);        \
  template bool is_commutative_on<T>(const BinaryOp<T>&, const std::vector<T>&)
HPC_PROCESSES_REDUCTION_SERIAL(std::int64_t);
HPC_PROCESSES_REDUCTION_SERIAL(double);
HPC_PROCESSES_REDUCTION_SERIAL(std::string);
HPC_PROCESSES_REDUCTION_SERIAL(Matrix2);
#undef HPC_PROCESSES_REDUCTION_SERIAL
template std::int64_t reduce_processes<std::int64_t>(const std::vector<std::int64_t>&,
                                                     const BinaryOp<std::int64_t>&, const std::int64_t&, int);
template double reduce_processes<double>(const std::vector<double>&, const BinaryOp<double>&, const double&,
                                         int);
template Matrix2 reduce_processes<Matrix2>(const std::vector<Matrix2>&, const BinaryOp<Matrix2>&,
                                           const Matrix2&, int);

}  // namespace hpc::processes
