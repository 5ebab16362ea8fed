// A direct-mapped memo of a pure function, private to the venue code: the v3 math's
// getSqrtRatioAtTick (tick_math.cpp) and a tick range's getAmount0Delta (uniswap_v3.cpp), which
// swaps, searches and the planner ask for again and again with the same inputs. Keyed on every
// input (a slot is reused only for an equal key), so a hit returns exactly what the function
// would; one per thread (`thread_local` at the call site).
#pragma once

#include <cstddef>
#include <vector>

namespace ballast::venue_memo {

template <class Key, class Value, std::size_t Slots>
class DirectMemo {
 public:
  /// compute() for `key`, or the value remembered for it; `hash` picks the slot.
  template <class Compute>
  const Value& get(std::size_t hash, const Key& key, const Compute& compute) {
    Slot& s = slots_[hash % Slots];
    if (!s.filled || !(s.key == key)) {
      s.value = compute();
      s.key = key;
      s.filled = true;
    }
    return s.value;
  }

 private:
  struct Slot {
    bool filled = false;
    Key key{};
    Value value{};
  };
  std::vector<Slot> slots_ = std::vector<Slot>(Slots);
};

}  // namespace ballast::venue_memo
