// Lab 09, task 2 (see labs/09-image-processing/LAB.md). Replace each body; keep the signatures.
#include "hpc/common/not_implemented.hpp"
#include "hpc/images/kernels.hpp"

namespace hpc::images {

cv::Mat threshold_binary([[maybe_unused]] const cv::Mat& gray, [[maybe_unused]] std::uint8_t thresh,
                         [[maybe_unused]] std::uint8_t maxval) {
  hpc::common::not_implemented();
}

cv::Mat threshold_binary_parallel([[maybe_unused]] const cv::Mat& gray, [[maybe_unused]] std::uint8_t thresh,
                                  [[maybe_unused]] std::uint8_t maxval, [[maybe_unused]] unsigned threads) {
  hpc::common::not_implemented();
}

}  // namespace hpc::images
