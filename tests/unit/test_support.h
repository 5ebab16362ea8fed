// Helpers shared by the unit tests: reading test data and building documents.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ballast_test {

/// Reads a file below the source tree (e.g. "tests/data/x.json").
inline std::string read_source_file(const std::string& relative) {
  std::ifstream f(std::string(BALLAST_SOURCE_DIR) + "/" + relative, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + relative);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace ballast_test
