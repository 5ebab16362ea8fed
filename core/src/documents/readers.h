// The readers of the input documents (one file each) and what they share: the index that resolves
// asset and venue references.
#pragma once

#include "reader.h"

#include <unordered_map>

namespace ballast::documents {

/// Ids of the treasury's assets and venues, for resolving references to them.
struct References {
  std::unordered_map<std::string, std::size_t> assets;
  std::unordered_map<std::string, std::size_t> venues;

  /// The index of the asset an id node names; an unknown id is `ref.unknown_asset` with `hint`.
  std::optional<std::size_t> asset(Reader& r, const Node& n, const Path& path, const char* hint = "") const;
  /// The index of the venue an id node names; an unknown id is `ref.unknown_venue`.
  std::optional<std::size_t> venue(Reader& r, const Node& n, const Path& path) const;
};

/// treasury/1 (core/src/documents/treasury.cpp); fills `refs`.
std::optional<Treasury> read_treasury(Reader& r, const Node& root, References& refs);
/// A venue object of a treasury (core/src/documents/venues.cpp).
void read_venue(Reader& r, Obj& o, Venue& v, const References& refs, const std::vector<Asset>& assets);
/// policy/1 (core/src/documents/policy.cpp).
std::optional<Policy> read_policy(Reader& r, const Node& root);
/// proposal/1 (core/src/documents/proposal.cpp). Without a treasury only its shape is checked.
std::optional<Proposal> read_proposal(Reader& r, const Node& root, const Treasury* t, const References* refs);

}  // namespace ballast::documents
