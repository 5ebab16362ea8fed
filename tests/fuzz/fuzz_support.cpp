#include "fuzz_input.h"

#include <cstdio>
#include <cstdlib>

namespace ballast::fuzz {

void fail(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  std::abort();
}

}  // namespace ballast::fuzz
