// The loops of the notes' section 4.1, alone in a file so that the vectorizer's report on them is short
// and needs no OpenCV header. Compiled into ch09_demo_kernels, which times nothing here: the point is
// what g++ says about them (the notes show the report and how to get it):
//
//   g++ -std=c++20 -O3 -fopt-info-vec-optimized -fopt-info-vec-missed -c
//       chapters/09-image-processing/demos/vectorize.cpp -o /dev/null 2>&1 | grep vectorize.cpp
#include <cstddef>
#include <cstdint>

namespace hpc::images::demo {

// Three bytes in (B, G, R), one byte out: the loads are three interleaved streams, stride 3.
// [snippet:gray-loop]
void gray_row(const std::uint8_t* __restrict bgr, std::uint8_t* __restrict gray, int cols) {
  for (int x = 0; x < cols; ++x) {
    const unsigned sum = 29u * bgr[3 * x] + 150u * bgr[3 * x + 1] + 77u * bgr[3 * x + 2] + 128;
    gray[x] = static_cast<std::uint8_t>(sum >> 8);
  }
}
// [/snippet:gray-loop]

// One byte in, one byte out, with __restrict on the parameters: g++ knows the rows do not overlap.
// [snippet:threshold-loop]
void threshold_row(const std::uint8_t* __restrict in, std::uint8_t* __restrict out, int cols,
                   std::uint8_t thresh, std::uint8_t maxval) {
  for (int x = 0; x < cols; ++x) out[x] = in[x] > thresh ? maxval : std::uint8_t{0};
}
// [/snippet:threshold-loop]

// The same loop over a whole image with __restrict on *local* pointers: g++ ignores restrict there and
// must prove at run time that the rows do not overlap before it may use vector instructions.
// [snippet:threshold-locals]
void threshold_image(const std::uint8_t* image, std::uint8_t* result, int rows, int cols, std::size_t step,
                     std::uint8_t thresh, std::uint8_t maxval) {
  for (int y = 0; y < rows; ++y) {
    const std::uint8_t* __restrict in = image + y * step;
    std::uint8_t* __restrict out = result + y * static_cast<std::size_t>(cols);
    for (int x = 0; x < cols; ++x) out[x] = in[x] > thresh ? maxval : std::uint8_t{0};
  }
}
// [/snippet:threshold-locals]

}  // namespace hpc::images::demo
