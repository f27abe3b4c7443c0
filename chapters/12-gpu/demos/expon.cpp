// The book's GPU ufunc, exp(x) + exp(y) over 10^6 floats called 100 times, every way this course has:
// a serial loop, the loop on every core with OpenMP, Thrust's transform on its OpenMP backend, the lab's
// kernel body on the CPU grid (for scale: it runs one simulated GPU thread at a time), and, where a CUDA
// device exists, the same body as a kernel, timed with and without the copies to and from the device.
//
//   ch12_demo_expon                   10^6 elements x 100 calls (the book's size)
//   ch12_demo_expon --quick           10^5 x 3 (CI)
//   ch12_demo_expon --n 4000000 --iterations 20
#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "cpu_paths.hpp"
#include "gpu_demo.hpp"
#include "hpc/common/demo.hpp"
#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu_lab/device.hpp"
#include "hpc/gpu_lab/elementwise.hpp"

namespace demo = hpc::common::demo;
namespace gd = hpc::gpu_demo;
namespace lab = hpc::gpu_lab;

int main(int argc, char** argv) {
  bool quick = false;
  long n = 1'000'000, iterations = 100;
  demo::Args args(
      argv[0], "exp(x) + exp(y) over n floats, `iterations` calls: serial, OpenMP, Thrust, CPU grid, GPU.");
  args.flag("quick", quick, "10^5 elements, 3 calls (CI)")
      .option("n", n, "elements per array (the book: 10^6)")
      .option("iterations", iterations, "calls per timing (the book: 100)")
      .parse(argc, argv);
  if (quick && !args.given("n")) n = 100'000;
  if (quick && !args.given("iterations")) iterations = 3;

  const bool device = gd::print_machine_and_device();

  const auto size = static_cast<std::size_t>(n);
  std::vector<float> x(size), y(size), reference(size), out(size);
  for (std::size_t i = 0; i < size; ++i) {  // the book draws uniform [0, 1) floats; any fixed values do
    x[i] = static_cast<float>(i % 1024) / 1024.0f;
    y[i] = static_cast<float>((i * 13) % 1024) / 1024.0f;
  }
  gd::expon_serial(x, y, reference);

  const auto time_calls = [&](auto&& call) {
    return demo::best_seconds(
        [&] {
          for (long k = 0; k < iterations; ++k) call();
          demo::keep(out.front());
        },
        quick ? 1 : 3);
  };
  struct Row {
    std::string way;
    double seconds;
    std::string book;
    std::uint32_t ulps;
  };
  std::vector<Row> rows;
  const auto add = [&](std::string way, double seconds, std::string book) {
    rows.push_back({std::move(way), seconds, std::move(book), gd::max_ulps_apart(out, reference)});
    std::fill(out.begin(), out.end(), 0.0f);  // a way that wrote nothing cannot pass on the last one's output
  };

  add("serial loop (expf)", time_calls([&] { gd::expon_serial(x, y, out); }), "2.476 s (Numba, CPU target)");
  add("OpenMP loop, all cores", time_calls([&] { gd::expon_openmp(x, y, out); }), "");
  add("Thrust transform, OpenMP backend", time_calls([&] { gd::expon_thrust(x, y, out); }), "");
  // The CPU grid runs one simulated thread at a time, on one core: it checks the kernel, it does not race.
  // One call, scaled to `iterations`, is enough to see by how much.
  const double grid_once =
      demo::best_seconds([&] { lab::expon_on_cpu_grid(x, y, out, {}, gd::kTimedInOrder); }, 1);
  add("lab kernel body on the CPU grid (1 call, scaled)", grid_once * static_cast<double>(iterations), "");

  if (device) {
    lab::DeviceTiming best{1e300, 1e300};
    for (int r = 0; r < (quick ? 1 : 3); ++r) {
      lab::DeviceTiming sum{};
      for (long k = 0; k < iterations; ++k) {
        const auto t = lab::expon_on_device(x, y, out);
        sum.total_seconds += t.total_seconds;
        sum.kernel_seconds += t.kernel_seconds;
      }
      best.total_seconds = std::min(best.total_seconds, sum.total_seconds);
      best.kernel_seconds = std::min(best.kernel_seconds, sum.kernel_seconds);
    }
    add("GPU kernel, copies to and from the device included", best.total_seconds,
        "0.867 s (Numba, CUDA target)");
    rows.push_back(
        {"GPU kernel alone (data already on the device)", best.kernel_seconds, "", rows.back().ulps});
  } else {
    rows.push_back({"GPU (not run: no CUDA device)", 0, "0.867 s (Numba, CUDA target)", 0});
  }

  std::cout << "\nexp(x) + exp(y), " << demo::grouped(size) << " floats, " << iterations
            << " calls (book: 10^6 floats, 100 calls, lines 5788-5810 of the seed)\n\n";
  demo::Table table(
      {"way", "seconds", "ms per call", "speed-up over serial", "max ulps from serial", "book"});
  const double serial = rows.front().seconds;
  for (const Row& r : rows) {
    if (r.seconds <= 0) {
      table.row({r.way, "-", "-", "-", "-", r.book});
      continue;
    }
    table.row({r.way, demo::fixed(r.seconds, 3),
               demo::fixed(1e3 * r.seconds / static_cast<double>(iterations), 3),
               demo::fixed(serial / r.seconds, 2) + "x", std::to_string(r.ulps), r.book});
  }
  table.print();
  if (!device) {
    std::cout
        << "\nOn a GPU the two device rows show what the book's 3x hides: the kernel alone is a small part\n"
           "of a call that also copies 12 bytes per element over PCIe and back.\n";
  }
  const bool agree = std::all_of(rows.begin(), rows.end(), [](const Row& r) { return r.ulps <= 2; });
  if (!agree) std::cout << "\nerror: a way differs from the serial loop by more than 2 ulps\n";
  return agree ? 0 : 1;
}
