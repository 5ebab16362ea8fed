// ABI encoding of a function call from its method's input types and the values as text, the way
// the Safe Transaction Builder encodes a transaction given as contractMethod and
// contractInputsValues (core/src/calls/encode.cpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ballast::calls {

/// Why a method's values could not be encoded.
struct EncodeError {
  std::string message;
};

/// The calldata of `name(types...)` with these (type, value text) inputs: the selector and the
/// head/tail encoding. Throws EncodeError for a value that does not parse as its type, or a type
/// not encoded yet (tuples, nested arrays).
std::string encode_call(const std::string& name, const std::vector<std::pair<std::string, std::string>>& typed_values);

}  // namespace ballast::calls
