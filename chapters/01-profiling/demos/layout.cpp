// Memory per particle: the fixed 24-byte struct against DynamicParticle, whose attributes live in a
// hash map keyed by name (Python's per-object __dict__). The book measured 100,000 Python particles
// with memory_profiler: 23.7 MiB as ordinary objects, 13.7 MiB with __slots__.
//
//   ch01_demo_layout                  100,000 particles
//   ch01_demo_layout --quick          10,000 particles
#include "hpc/profiling/layout.hpp"

#include <malloc.h>

#include <iostream>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/profiling/simulator.hpp"

namespace {

using namespace hpc::profiling;

// Bytes glibc's malloc holds for live blocks, including its own per-block headers and padding:
// closer to what the operating system sees (memory_profiler reads the process size) than the bytes
// the program asked for. Under AddressSanitizer, whose malloc glibc does not see, this reads 0.
std::size_t malloc_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;  // small blocks from the heap + large blocks mmapped alone
}

// malloc's bytes in use while n particles of each kind are alive.
template <class Build>
double malloc_bytes_for(Build build) {
  const std::size_t before = malloc_in_use();
  [[maybe_unused]] const auto particles = build();  // alive until the function returns
  const std::size_t during = malloc_in_use();
  return during > before ? static_cast<double>(during - before) : 0.0;
}

}  // namespace

int main(int argc, char** argv) {
  using hpc::common::demo::fixed;
  bool quick = false;
  long count = 100'000;
  hpc::common::demo::Args args("ch01_demo_layout",
                               "Heap bytes per particle: fixed struct vs attribute hash map.");
  args.flag("quick", quick, "10,000 particles (CI)")
      .option("particles", count, "how many particles (default 100,000 as in the book)");
  args.parse(argc, argv);
  if (quick && !args.given("particles")) count = 10'000;
  const auto n = static_cast<std::size_t>(count);

  // [snippet:layout-measure]
  const LayoutCost fixed_cost = measure_fixed_layout(n);
  const LayoutCost dynamic_cost = measure_dynamic_layout(n);
  // [/snippet:layout-measure]
  const double fixed_malloc = malloc_bytes_for([&] { return std::vector<Particle>(n); });
  const double dynamic_malloc = malloc_bytes_for([&] {
    std::vector<DynamicParticle> particles;
    particles.reserve(n);
    for (std::size_t i = 0; i < n; ++i) particles.emplace_back(0.1, 0.2, 0.3);
    return particles;
  });

  constexpr double kMiB = 1024.0 * 1024.0;
  const auto malloc_mib = [](double bytes) {
    return bytes > 0 ? fixed(bytes / kMiB, 2) : std::string("n/a");
  };
  std::cout << "Heap used by " << hpc::common::demo::grouped(n)
            << " particles (operator new counts what the program "
            << "asks for; malloc adds its block headers):\n\n";
  hpc::common::demo::Table table({"layout", "bytes/particle (new)", "allocations/particle", "MiB (new)",
                                  "MiB (malloc)", "book: Python, 100,000"});
  table.row({"Particle struct (24 bytes, like __slots__)", fixed(fixed_cost.bytes_per_particle, 1),
             fixed(fixed_cost.allocations_per_particle, 5),
             fixed(fixed_cost.bytes_per_particle * n / kMiB, 2), malloc_mib(fixed_malloc),
             "13.7 MiB (__slots__)"});
  table.row({"DynamicParticle (hash map of attributes)", fixed(dynamic_cost.bytes_per_particle, 1),
             fixed(dynamic_cost.allocations_per_particle, 2),
             fixed(dynamic_cost.bytes_per_particle * n / kMiB, 2), malloc_mib(dynamic_malloc),
             "23.7 MiB (__dict__)"});
  table.print();
  std::cout << "\nDynamicParticle / struct: "
            << fixed(dynamic_cost.bytes_per_particle / fixed_cost.bytes_per_particle, 1)
            << "x the bytes requested";
  if (fixed_malloc > 0) std::cout << ", " << fixed(dynamic_malloc / fixed_malloc, 1) << "x from malloc";
  std::cout << ". In Python, __slots__ saved " << fixed(23.7 - 13.7, 1) << " MiB of 23.7 (1.7x).\n";
  if (n != 100'000) {
    std::cout << "At the book's 100,000 particles that would be about "
              << fixed(fixed_cost.bytes_per_particle * 100'000 / kMiB, 2) << " MiB and "
              << fixed(dynamic_cost.bytes_per_particle * 100'000 / kMiB, 2) << " MiB.\n";
  }
  return 0;
}
