// A proposal written out, for the writers of other documents that hold proposals (plan/1).
#pragma once

#include "ballast/calls.h"

#include "../report/json_writer.h"

namespace ballast {

/// Writes the proposal/1 object proposal_json writes, as the next value of `w`.
void write_proposal(report::JsonWriter& w, const Proposal& p, const Treasury& t);

/// One readable line for an action, amounts in token units ("swap 1,000 WETH for at least … on …").
std::string action_line(const Action& a, const Treasury& t);

}  // namespace ballast
