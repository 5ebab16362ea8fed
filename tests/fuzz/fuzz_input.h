// Turns a fuzzer's bytes into bounded values for the venue harnesses. Plain C++ (no clang
// header), so that the harnesses also build with g++ for replaying their corpora in the test suite.
#pragma once

#include "ballast/numeric.h"

#include <cstddef>
#include <cstdint>

namespace ballast::fuzz {

class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool empty() const { return pos_ >= size_; }

  /// The next `bytes` bytes as an unsigned integer (big-endian); zeros once the input is used up.
  Int bits(unsigned bytes) {
    Int v = 0;
    for (unsigned k = 0; k < bytes; ++k) {
      v <<= 8;
      if (pos_ < size_) v += data_[pos_++];
    }
    return v;
  }

  /// A value in [lo, hi], from up to 8 bytes.
  long long range(long long lo, long long hi) {
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) {
      v = (v << 8) | (pos_ < size_ ? data_[pos_++] : 0);
      if ((static_cast<std::uint64_t>(hi - lo) >> (8 * (k + 1))) == 0) break;
    }
    const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<long long>(span == 0 ? v : v % span);
  }

  /// An amount in [1, 2^bits_max) whose size in bits is itself drawn, so that small and large
  /// magnitudes are both common.
  Int amount(unsigned bits_max) {
    const unsigned width = static_cast<unsigned>(range(1, bits_max));
    Int v = bits((width + 7) / 8);
    v &= (Int(1) << width) - 1;
    return v == 0 ? Int(1) : v;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

/// A failed invariant: aborts so that the fuzzer records the input (and a replay fails loudly).
[[noreturn]] void fail(const char* what);

}  // namespace ballast::fuzz

#define BALLAST_FUZZ_CHECK(cond)                                   \
  do {                                                             \
    if (!(cond)) ::ballast::fuzz::fail(#cond " (" __FILE__ ")");   \
  } while (0)
