// ABI encoding of a function call from its method's inputs and the values as text, the way the
// Safe Transaction Builder encodes a transaction given as contractMethod and contractInputsValues
// (core/src/calls/encode.cpp).
#pragma once

#include <string>
#include <vector>

namespace ballast::calls {

/// Why a method's values could not be encoded.
struct EncodeError {
  std::string message;
};

/// One input of a method: its ABI type ("uint256", "address[]", "tuple", "tuple[2]") and, for a
/// tuple, its components.
struct AbiParam {
  std::string type;
  std::string name;
  std::vector<AbiParam> components;
};

/// The calldata of `name(types...)` with one value text per input, read as the app reads them
/// (bool spellings, numbers in decimal or 0x hex, arrays as "[a, b]" or JSON, tuples as JSON arrays
/// or objects keyed by component name): the selector and the head/tail encoding. Throws EncodeError
/// for a value that does not parse as its type, or a nested array (not encoded yet).
std::string encode_call(const std::string& name, const std::vector<AbiParam>& inputs, const std::vector<std::string>& values);

}  // namespace ballast::calls
