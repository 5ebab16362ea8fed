#include "ballast/calls.h"

#include <catch2/catch.hpp>

#include <string>

using namespace ballast;

namespace {

std::string hex(const Hash& h) { return to_hex(std::string_view(reinterpret_cast<const char*>(h.data()), h.size())); }

}  // namespace

TEST_CASE("Keccak-256: the standard vectors, across the 136-byte block boundary", "[calls][keccak]") {
  // keccak256("") and ("abc"): the Keccak team's vectors, also what ethers' keccak256 gives.
  CHECK(hex(keccak256("")) == "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  CHECK(hex(keccak256("abc")) == "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  // 0xA3 repeated (the Keccak team's 1600-bit message, and lengths around the rate), from ethers v6.
  const std::pair<std::size_t, const char*> repeated[] = {
      {135, "0x3d28d08c3dacab77392064a939f3e7f8d03f2e02e2c664ac08a05f63ac652626"},
      {136, "0xb82d89d96e5575d11a9e1f4cabb2a45e60899e69a19a724cd796bdcf13511018"},
      {137, "0xec8008a74e50bc7d6b22c3ad85402bf10e6d4449f3c8618e36c461b8a44eeafb"},
      {200, "0x3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a"},
      {272, "0xa657381e5615f539cac71f13c74473a5e77eaa2bd8348422dcac221c8f13da94"},
      {1000, "0xd7bf35851ae6462cce5a6a70fded315bf92997673e2ce92efd545ae9aec2b471"},
  };
  for (const auto& [n, expected] : repeated) {
    INFO(n << " bytes");
    CHECK(hex(keccak256(std::string(n, '\xa3'))) == expected);
  }
}

TEST_CASE("function selectors seen in the contracts' sources", "[calls][keccak]") {
  CHECK(function_selector("transfer(address,uint256)") == 0xa9059cbbu);
  CHECK(function_selector("approve(address,uint256)") == 0x095ea7b3u);
  CHECK(function_selector("multiSend(bytes)") == 0x8d80ff0au);
  CHECK(function_selector("execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)") ==
        0x6a761202u);
}
