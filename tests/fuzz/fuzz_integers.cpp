// Fuzz harness: the integer differential (tests/oracle/differential.h). The first byte chooses the
// fixed-width arithmetic against exact arithmetic, the Uniswap v2 quotes, the Uniswap v3 math and a
// pool's swap, or Curve StableSwap's quotes and exchange, against the 1,024-bit oracles; any
// difference is a failure, with what differed.
#include "differential.h"
#include "fuzz_input.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ballast::fuzz::Input in(data, size);
  const long long which = in.range(0, 3);
  const std::string diff = which == 0   ? ballast::oracle::differ_wide(in)
                           : which == 1 ? ballast::oracle::differ_v2(in)
                           : which == 2 ? ballast::oracle::differ_v3(in)
                                        : ballast::oracle::differ_curve(in);
  if (!diff.empty()) ballast::fuzz::fail(diff.c_str());
  return 0;
}
