// Vector add and SAXPY (y = a x + y), the "hello world" of GPU kernels, on a length that is not a multiple
// of any block size. The lab's kernel body runs on the CPU grid with the launch the lab computes (one
// thread per element), with a small grid whose threads each take many elements (the grid-stride loop),
// and in reversed thread order; every result must equal the serial loop's. Then the same work timed on
// the CPU (serial, OpenMP, Thrust) and, where a CUDA device exists, on it with and without the copies.
//
//   ch12_demo_saxpy                   n = 10,000,019 (a prime: no block size divides it)
//   ch12_demo_saxpy --quick           n = 100,003 (CI)
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cpu_paths.hpp"
#include "gpu_demo.hpp"
#include "hpc/common/demo.hpp"
#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu_lab/device.hpp"
#include "hpc/gpu_lab/elementwise.hpp"
#include "hpc/gpu_lab/launch.hpp"

namespace demo = hpc::common::demo;
namespace gd = hpc::gpu_demo;
namespace lab = hpc::gpu_lab;

int main(int argc, char** argv) {
  bool quick = false;
  long n = 10'000'019;
  demo::Args args(argv[0],
                  "Vector add and SAXPY: the lab's kernel body on the CPU grid, the CPU ways, the GPU.");
  args.flag("quick", quick, "n = 100,003 (CI)")
      .option("n", n, "elements (default 10,000,019)")
      .parse(argc, argv);
  if (quick && !args.given("n")) n = 100'003;

  const bool device = gd::print_machine_and_device();
  const auto size = static_cast<std::size_t>(n);
  std::vector<float> x(size), y0(size);
  for (std::size_t i = 0; i < size; ++i) {
    x[i] = static_cast<float>(i % 977) * 0.25f;
    y0[i] = static_cast<float>(i % 613) - 300.0f;
  }

  // Correctness first: three launches of the same body, each compared with the serial loop.
  const float a = 2.5f;
  std::vector<float> expected = y0;
  gd::saxpy_serial(a, x, expected);
  std::vector<float> vector_sum = y0;
  gd::saxpy_serial(1.0f, x, vector_sum);  // vector add is SAXPY with a = 1

  struct Check {
    std::string what;
    lab::Launch launch;
    hpc::gpu::LaunchOptions options;
  };
  const unsigned per_element = lab::blocks_for(size, 256);
  const std::vector<Check> checks{
      {"one thread per element: " + std::to_string(per_element) + " blocks of 256", {0, 256}, {}},
      {"grid-stride: 4 blocks of 64 threads, " + std::to_string((size + 255) / 256) + " elements each",
       {4, 64},
       {}},
      {"one thread per element, threads run in reversed order", {0, 256}, {hpc::gpu::Order::reversed, 0}},
  };
  std::cout << "\nThe lab's saxpy_body on the CPU grid, n = " << demo::grouped(size) << ", a = " << a
            << "\n\n";
  demo::Table checked({"launch", "max ulps from the serial loop"});
  bool all_equal = true;
  for (const Check& c : checks) {
    std::vector<float> y = y0;
    lab::saxpy_on_cpu_grid(a, x, y, c.launch, c.options);
    const auto ulps = gd::max_ulps_apart(y, expected);
    all_equal = all_equal && ulps == 0;
    checked.row({c.what, std::to_string(ulps)});
  }
  std::vector<float> y = y0;
  lab::saxpy_on_cpu_grid(1.0f, x, y);
  const auto add_ulps = gd::max_ulps_apart(y, vector_sum);
  all_equal = all_equal && add_ulps == 0;
  checked.row({"vector add (a = 1), the lab's own launch", std::to_string(add_ulps)});
  checked.print();

  // Speed: 12 bytes per element (x read, y read and written), so GB/s says how near memory speed a way is.
  const double bytes = 12.0 * static_cast<double>(size);
  demo::Table speed({"way", "ms per call", "GB/s", "max ulps from the serial loop"});
  const auto time_way = [&](const std::string& way, auto&& call, int repeats) {
    y = y0;
    call();
    const auto ulps = gd::max_ulps_apart(y, expected);
    const double s = demo::best_seconds(
        [&] {
          call();  // y keeps growing by a x; the time per call does not depend on the values
          demo::keep(y.front());
        },
        repeats);
    speed.row({way, demo::fixed(1e3 * s, 3), demo::fixed(bytes / s / 1e9, 2), std::to_string(ulps)});
  };
  const int repeats = quick ? 3 : 10;
  time_way(
      "serial loop", [&] { gd::saxpy_serial(a, x, y); }, repeats);
  time_way(
      "OpenMP loop, all cores", [&] { gd::saxpy_openmp(a, x, y); }, repeats);
  time_way(
      "Thrust transform, OpenMP backend", [&] { gd::saxpy_thrust(a, x, y); }, repeats);
  time_way(
      "lab kernel body on the CPU grid", [&] { lab::saxpy_on_cpu_grid(a, x, y, {}, gd::kTimedInOrder); }, 1);
  if (device) {
    lab::DeviceTiming t{};
    time_way(
        "GPU kernel, copies included", [&] { t = lab::saxpy_on_device(a, x, y); }, repeats);
    speed.row({"GPU kernel alone (from the same calls)", demo::fixed(1e3 * t.kernel_seconds, 3),
               demo::fixed(bytes / t.kernel_seconds / 1e9, 2), "-"});
  } else {
    speed.row({"GPU (not run: no CUDA device)", "-", "-", "-"});
  }
  std::cout << "\nSAXPY timed, n = " << demo::grouped(size) << " (best of " << repeats << " calls)\n\n";
  speed.print();
  if (!all_equal) std::cout << "\nerror: a launch of the lab's body differs from the serial loop\n";
  return all_equal ? 0 : 1;
}
