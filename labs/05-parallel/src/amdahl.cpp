// Lab 05, task 1 (see labs/05-parallel/LAB.md). Replace each body; keep the signatures.
#include "hpc/parallel/amdahl.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::parallel {

double amdahl_speedup([[maybe_unused]] double serial_fraction, [[maybe_unused]] unsigned processors) {
  hpc::common::not_implemented();
}

double gustafson_speedup([[maybe_unused]] double serial_fraction, [[maybe_unused]] unsigned processors) {
  hpc::common::not_implemented();
}

double karp_flatt_serial_fraction([[maybe_unused]] double measured_speedup,
                                  [[maybe_unused]] unsigned processors) {
  hpc::common::not_implemented();
}

double fit_serial_fraction([[maybe_unused]] std::span<const SpeedupPoint> curve) {
  hpc::common::not_implemented();
}

}  // namespace hpc::parallel
