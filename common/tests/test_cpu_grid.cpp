// Self-test of the CPU grid (hpc/gpu/cpu_grid.hpp): it grades chapter 12's kernels, so it must itself
// visit every thread, keep its promises about order, barriers and shared memory, and fail loudly.
#include <gtest/gtest.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/common/proc_self.hpp"
#include "hpc/gpu/cpu_grid.hpp"

namespace {

using hpc::gpu::CpuThread;
using hpc::gpu::Dim3;
using hpc::gpu::LaunchOptions;
using hpc::gpu::Order;

#if defined(__SANITIZE_THREAD__)
constexpr bool kConcurrent = true;  // the cooperative launch runs a block's threads at once
#else
constexpr bool kConcurrent = false;
#endif

const std::vector<LaunchOptions> kOrders = {
    {Order::in_order, 0}, {Order::reversed, 0}, {Order::shuffled, 12}, {Order::shuffled, 99}};

// (block, thread) as one number, blocks of the grid and threads of the block numbered x fastest.
std::uint64_t global_id(const CpuThread& t) {
  const std::uint64_t block =
      t.block_idx.x + std::uint64_t{t.grid_dim.x} * (t.block_idx.y + t.grid_dim.y * t.block_idx.z);
  const std::uint64_t thread =
      t.thread_idx.x + std::uint64_t{t.block_dim.x} * (t.thread_idx.y + t.block_dim.y * t.thread_idx.z);
  return block * t.block_dim.count() + thread;
}

std::vector<std::uint64_t> visits(Dim3 grid, Dim3 block, const LaunchOptions& options, bool cooperative) {
  std::vector<std::uint64_t> seen;
  const auto body = [&](const CpuThread& t) {
    // Under TSan the cooperative threads run at the same time: only the first sequence is in order.
    static std::mutex mutex;
    std::scoped_lock lock(mutex);
    seen.push_back(global_id(t));
  };
  if (cooperative)
    hpc::gpu::launch_cooperative(grid, block, 0, body, options);
  else
    hpc::gpu::launch(grid, block, body, options);
  return seen;
}

void expect_each_once(const std::vector<std::uint64_t>& seen, std::uint64_t total, const std::string& what) {
  std::vector<int> count(total, 0);
  for (const auto id : seen) {
    ASSERT_LT(id, total) << what;
    ++count[id];
  }
  for (std::uint64_t id = 0; id < total; ++id) ASSERT_EQ(count[id], 1) << what << ": thread " << id;
}

TEST(CpuGrid, VisitsEveryThreadOnce) {
  const std::vector<std::pair<Dim3, Dim3>> shapes = {
      {{1, 1, 1}, {1, 1, 1}}, {{5, 1, 1}, {7, 1, 1}}, {{3, 2, 1}, {4, 3, 1}}, {{2, 2, 2}, {2, 3, 2}}};
  for (const auto& [grid, block] : shapes)
    for (const auto& options : kOrders)
      for (const bool cooperative : {false, true}) {
        const auto seen = visits(grid, block, options, cooperative);
        EXPECT_EQ(seen.size(), std::uint64_t{grid.count()} * block.count());
        expect_each_once(seen, std::uint64_t{grid.count()} * block.count(),
                         hpc::gpu::to_string(options) + (cooperative ? " cooperative" : ""));
      }
}

TEST(CpuGrid, OrdersAreAsDocumented) {
  const Dim3 grid{4, 1, 1}, block{8, 1, 1};
  const auto in_order = visits(grid, block, {Order::in_order, 0}, false);
  for (std::uint64_t i = 0; i < in_order.size(); ++i) EXPECT_EQ(in_order[i], i);
  const auto reversed = visits(grid, block, {Order::reversed, 0}, false);
  for (std::uint64_t i = 0; i < reversed.size(); ++i) EXPECT_EQ(reversed[i], reversed.size() - 1 - i);
  const auto shuffled = visits(grid, block, {Order::shuffled, 12}, false);
  EXPECT_NE(shuffled, in_order);
  EXPECT_NE(shuffled, reversed);
  EXPECT_EQ(shuffled, visits(grid, block, {Order::shuffled, 12}, false)) << "same seed, same order";
  EXPECT_NE(shuffled, visits(grid, block, {Order::shuffled, 13}, false)) << "another seed, another order";
  // Both levels are shuffled: blocks are not visited in index order, and the threads of a block are not.
  std::vector<std::uint64_t> blocks;
  bool threads_in_order = true;
  for (std::uint64_t i = 0; i < shuffled.size(); i += block.x) {
    blocks.push_back(shuffled[i] / block.x);
    for (std::uint64_t j = 1; j < block.x; ++j) {
      EXPECT_EQ(shuffled[i + j] / block.x, blocks.back()) << "a block's threads run together";
      if (shuffled[i + j] < shuffled[i + j - 1]) threads_in_order = false;
    }
  }
  EXPECT_NE(blocks, (std::vector<std::uint64_t>{0, 1, 2, 3}));
  EXPECT_FALSE(threads_in_order);
  if (!kConcurrent) {
    EXPECT_EQ(visits(grid, block, {Order::shuffled, 12}, true), shuffled)
        << "the baton follows the same order";
  }
  EXPECT_EQ(hpc::gpu::to_string({Order::in_order, 0}), "in order");
  EXPECT_EQ(hpc::gpu::to_string({Order::reversed, 0}), "reversed");
  EXPECT_EQ(hpc::gpu::to_string({Order::shuffled, 12}), "shuffled (seed 12)");
}

// A block's sum of x[global thread] by a tree in shared memory, the way chapter 12 teaches it; with
// `barriers` false the same body without its sync_threads() (the classic mistake).
void block_sum(const CpuThread& t, const double* x, double* sums, bool barriers) {
  double* s = t.shared<double>();
  const unsigned tid = t.thread_idx.x;
  unsigned n = t.block_dim.x;  // live slots at this step
  s[tid] = x[t.block_idx.x * n + tid];
  if (barriers) t.sync_threads();
  unsigned half = 1;
  while (half < n) half *= 2;
  for (half /= 2; half > 0; half /= 2) {
    if (tid < half && tid + half < n) s[tid] += s[tid + half];
    if (barriers) t.sync_threads();
    n = half;
  }
  if (tid == 0) sums[t.block_idx.x] = s[0];
}

struct SumCase {
  std::vector<double> x, sums, expected;
};

SumCase make_sum_case(unsigned blocks, unsigned threads) {
  SumCase c;
  c.x.resize(std::size_t{blocks} * threads);
  for (std::size_t i = 0; i < c.x.size(); ++i) c.x[i] = static_cast<double>(i % 17) + 1.0;  // exact sums
  c.sums.assign(blocks, -1.0);
  c.expected.assign(blocks, 0.0);
  for (std::size_t i = 0; i < c.x.size(); ++i) c.expected[i / threads] += c.x[i];
  return c;
}

TEST(CpuGrid, TreeReductionWithBarriersIsRightInEveryOrder) {
  for (const unsigned threads : {1u, 7u, 32u, 33u, 256u})
    for (const auto& options : kOrders) {
      SumCase c = make_sum_case(3, threads);
      hpc::gpu::launch_cooperative(
          {3, 1, 1}, {threads, 1, 1}, threads * sizeof(double),
          [&](const CpuThread& t) { block_sum(t, c.x.data(), c.sums.data(), true); }, options);
      EXPECT_EQ(c.sums, c.expected) << threads << " threads, " << hpc::gpu::to_string(options);
    }
}

TEST(CpuGrid, TreeReductionWithoutBarriersIsWrongInSomeOrder) {
  if (kConcurrent && std::getenv("HPC_GPU_GRID_RACE_PROOF") == nullptr)
    GTEST_SKIP()
        << "under ThreadSanitizer the missing barrier is a data race TSan reports (that is the point); "
           "set HPC_GPU_GRID_RACE_PROOF=1 to see the report";
  int wrong = 0;
  for (const auto& options : kOrders) {
    SumCase c = make_sum_case(3, 32);
    hpc::gpu::launch_cooperative(
        {3, 1, 1}, {32, 1, 1}, 32 * sizeof(double),
        [&](const CpuThread& t) { block_sum(t, c.x.data(), c.sums.data(), false); }, options);
    if (c.sums != c.expected) ++wrong;
  }
  EXPECT_GT(wrong, 0) << "a reduction without barriers passed in every order: the grid would not catch it";
}

TEST(CpuGrid, SharedMemoryStartsAsFFInEveryBlock) {
  std::vector<int> saw_ff(4 * 8, 0);  // one flag per thread: no two threads write the same one
  hpc::gpu::launch_cooperative({4, 1, 1}, {8, 1, 1}, 8 * sizeof(std::uint32_t),
                               [&](const CpuThread& t) {
                                 auto* s = t.shared<std::uint32_t>();
                                 saw_ff[t.block_idx.x * 8 + t.thread_idx.x] =
                                     s[t.thread_idx.x] == 0xFFFFFFFFu;
                                 t.sync_threads();
                                 s[t.thread_idx.x] = 7;  // the next block must not see this
                               },
                               {Order::in_order, 0});
  EXPECT_EQ(saw_ff, std::vector<int>(4 * 8, 1));
  std::vector<std::uint8_t> first;
  hpc::gpu::launch(
      {2, 1, 1}, {1, 1, 1},
      [&](const CpuThread& t) {
        first.push_back(*t.shared<std::uint8_t>());
        *t.shared<std::uint8_t>() = 0;
      },
      {}, 16);
  EXPECT_EQ(first, (std::vector<std::uint8_t>{0xFF, 0xFF}));
}

template <class Exception, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const Exception& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception of the expected type";
  return {};
}

TEST(CpuGrid, SyncThreadsInAPlainLaunchThrows) {
  EXPECT_EQ(message_of<std::logic_error>([] {
              hpc::gpu::launch({1, 1, 1}, {2, 1, 1}, [](const CpuThread& t) { t.sync_threads(); });
            }),
            "sync_threads() in a kernel launched with launch(): use launch_cooperative");
}

TEST(CpuGrid, DivergentBarrierNamesBlockThreadAndBarrier) {
  const int before = hpc::common::thread_count();
  const std::string message = message_of<std::logic_error>([] {
    hpc::gpu::launch_cooperative({2, 1, 1}, {8, 1, 1}, 0,
                                 [](const CpuThread& t) {
                                   t.sync_threads();
                                   if (t.block_idx.x == 1 && t.thread_idx.x == 3)
                                     return;  // skips the second barrier
                                   t.sync_threads();
                                 },
                                 {Order::in_order, 0});
  });
  EXPECT_NE(message.find("block (1, 0, 0)"), std::string::npos) << message;
  EXPECT_NE(message.find("thread (3, 0, 0) returned"), std::string::npos) << message;
  EXPECT_NE(message.find("barrier 2"), std::string::npos) << message;
  EXPECT_EQ(hpc::common::thread_count(), before) << "a thread of the launch was left behind";
}

TEST(CpuGrid, BadConfigsThrowWithTheNumbers) {
  const auto body = [](const CpuThread&) {};
  const std::string zero = message_of<std::invalid_argument>([&] {
    hpc::gpu::launch({4, 0, 1}, {32, 1, 1}, body);
  });
  EXPECT_NE(zero.find("grid (4, 0, 1)"), std::string::npos) << zero;
  EXPECT_NE(zero.find("at least 1"), std::string::npos) << zero;
  const std::string big = message_of<std::invalid_argument>([&] {
    hpc::gpu::launch_cooperative({1, 1, 1}, {64, 32, 1}, 0, body);
  });
  EXPECT_NE(big.find("2048 threads per block, at most 1024"), std::string::npos) << big;
  const std::string shared = message_of<std::invalid_argument>([&] {
    hpc::gpu::launch_cooperative({1, 1, 1}, {32, 1, 1}, 49153, body);
  });
  EXPECT_NE(shared.find("49153 bytes of shared memory, at most 49152"), std::string::npos) << shared;
  EXPECT_NO_THROW(hpc::gpu::launch_cooperative({1, 1, 1}, {1024, 1, 1}, 49152, body));
}

TEST(CpuGrid, ExceptionInABodyIsRethrownAndNoThreadIsLeftBehind) {
  const int before = hpc::common::thread_count();
  for (const auto& options : kOrders) {
    EXPECT_EQ(message_of<std::runtime_error>([&] {
                hpc::gpu::launch_cooperative(
                    {3, 1, 1}, {16, 1, 1}, 0,
                    [](const CpuThread& t) {
                      t.sync_threads();
                      if (t.block_idx.x == 1 && t.thread_idx.x == 5) throw std::runtime_error("body failed");
                      t.sync_threads();
                    },
                    options);
              }),
              "body failed");
    EXPECT_EQ(hpc::common::thread_count(), before) << hpc::gpu::to_string(options);
  }
  EXPECT_EQ(
      message_of<std::runtime_error>([] {
        hpc::gpu::launch({2, 1, 1}, {4, 1, 1}, [](const CpuThread&) { throw std::runtime_error("plain"); });
      }),
      "plain");
}

}  // namespace
