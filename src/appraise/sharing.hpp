#pragma once
// Who gains, who pays: a cross-border project's welfare by country from runs with and without
// it (ENTSO-E CBA 4.0, B1) and the cross-border cost allocation (TEN-E Regulation 2022/869
// Art. 16, ACER's recommendation): README, "Who gains, who pays".
#include <string>

#include "core/logger.hpp"
#include "formulate/build.hpp"
#include "model/welfare.hpp"

namespace silkgrid::appraise {

// The sharing from the two runs' results. Δ = with − without, by country; the annuity the
// with-run's welfare deducts for the project's own (extendable) assets is added back, since it
// is the hosted cost instead: net impact = ΔSEW − hosted cost. Then allocate_compensation.
model::Sharing share_benefits(const model::Study& study, std::size_t project, const model::Results& with,
                              const model::Results& without, double threshold);

// Cross-border cost allocation: every host (hosted cost > 0) with a negative net impact is made
// whole, paid by the net-positive countries whose net impact is at least `threshold` × Σ positive
// net impacts (`significant`), in proportion to their net impacts; when the significant
// beneficiaries gain less than the hosts lose, all they gain goes to the hosts, in proportion to
// the hosts' losses. compensation_eur: received > 0, paid < 0; it sums to 0.
void allocate_compensation(model::Sharing& sharing);

// The project's index by name; an input error naming it (and the closest name) when there is none.
std::size_t find_project(const model::Study& study, const std::string& name);

// Solves with and without project `p` (in parallel) and shares its benefits.
struct SharingRuns {
  model::Results with, without;
  model::Sharing sharing;
};
SharingRuns share_project(const model::Study& study, std::size_t p, const formulate::SolveStudyOptions& options,
                          double threshold, core::Logger& log);

}  // namespace silkgrid::appraise
