// Seed 000's primes(kmax) example: the seed times it once with time.time() in CPython and as a Cython
// module; we time the same algorithm compiled by g++, many calls per sample, and summarise the
// samples the way pytest-benchmark does.
//
//   ch01_demo_primes                  kmax = 500, 200 samples of 10 calls
//   ch01_demo_primes --quick          kmax = 500, 20 samples of 10 calls
//   ch01_demo_primes --kmax 1000
#include "primes.hpp"

#include <iostream>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/profiling/timing.hpp"

int main(int argc, char** argv) {
  using namespace hpc::profiling::demo;
  using namespace hpc::common::demo;
  bool quick = false;
  long kmax = 500;
  long samples = 200;
  long calls = 10;
  Args args("ch01_demo_primes", "Times the seed's primes(kmax) (trial division by the primes so far).");
  args.flag("quick", quick, "20 samples instead of 200 (CI)")
      .option("kmax", kmax, "how many primes to find, 1 to 1000 (default 500, as in the seed)")
      .option("samples", samples, "timed samples (default 200)")
      .option("calls", calls, "calls per sample (default 10)");
  args.parse(argc, argv);
  if (kmax > kMaxPrimes) {
    std::cerr << "ch01_demo_primes: --kmax is at most " << kMaxPrimes << " (the seed's fixed array)\n";
    return 2;
  }
  if (quick && !args.given("samples")) samples = 20;

  const std::vector<int> primes = first_primes(static_cast<int>(kmax));
  std::cout << "first_primes(" << kmax << "): ";
  for (std::size_t i = 0; i < std::min<std::size_t>(10, primes.size()); ++i) std::cout << primes[i] << ' ';
  std::cout << "... " << primes.back() << "  (" << primes.size() << " primes)\n";
  const std::vector<int> first_ten = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
  const bool ok = std::equal(primes.begin(), primes.begin() + std::min<long>(10, kmax), first_ten.begin()) &&
                  (kmax != 500 || primes.back() == 3571);
  std::cout << (ok ? "check: first ten primes correct" : "check FAILED")
            << (kmax == 500 ? ", the 500th prime is 3571\n\n" : "\n\n");

  // [snippet:primes-timing]
  volatile int sink = 0;  // reading the result keeps the compiler from dropping the calls
  const auto call = [&] { sink = sink + first_primes(static_cast<int>(kmax)).back(); };
  const std::vector<double> totals =
      hpc::profiling::repeat(call, static_cast<int>(calls), static_cast<int>(samples));
  std::vector<double> per_call;
  for (const double total : totals) per_call.push_back(total / static_cast<double>(calls));
  const hpc::profiling::Summary s = hpc::profiling::summarize(per_call);
  // [/snippet:primes-timing]

  std::cout << "Time per call of primes(" << kmax << "); the seed timed one call (and printing the list) "
            << "with time.time():\n\n";
  Table table({"implementation", "machine", "seconds per call", "vs Python on the same machine"});
  table.row({"seed: CPython", "dual-core AMD E-450, 1.6 GHz", "0.0566", "1x"});
  table.row({"seed: Cython", "dual-core AMD E-450, 1.6 GHz", "0.0054", fixed(0.0566 / 0.0054, 1) + "x"});
  table.row({"seed: CPython", "BeagleBone (ARM)", "0.3302", "1x"});
  table.row({"seed: Cython", "BeagleBone (ARM)", "0.0196", fixed(0.3302 / 0.0196, 1) + "x"});
  table.row({"ours: g++ (min)", "this machine", fixed(s.min, 6), "-"});
  table.row({"ours: g++ (median)", "this machine", fixed(s.median, 6), "-"});
  table.print();
  std::cout << "\n(" << s.rounds << " samples of " << calls << " calls: min " << fixed(s.min * 1e6, 1)
            << " us, median " << fixed(s.median * 1e6, 1) << " us, max " << fixed(s.max * 1e6, 1)
            << " us, IQR " << fixed(s.iqr * 1e6, 2) << " us per call.)\n";
  return ok ? 0 : 1;
}
