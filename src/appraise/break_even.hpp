#pragma once
// What it would take: for every candidate (extendable asset) that the optimum leaves at its
// lower bound, the cost reduction that would make it enter (README, "What it would take").
#include <optional>
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "finance/structure.hpp"
#include "formulate/build.hpp"
#include "model/results.hpp"
#include "model/appraisal.hpp"
#include "model/study.hpp"

namespace silkgrid::appraise {

using model::BreakEven;

// From the run's reduced costs; with `verify`, each candidate at its lower bound is solved again
// with its annuity lowered (its capital_cost set) to find the smallest reduction at which it
// enters (more than `entry_mw` above its lower bound): the reduced cost first, then doubling
// and bisection to a relative tolerance of 1e-6. The LP of a degenerate optimum has duals that
// are not unique, and a candidate at zero is the textbook case: its reduced cost may understate.
std::vector<BreakEven> break_even(const model::Study& study, const finance::ProjectFinance& finance,
                                  const model::Results& results, const formulate::SolveStudyOptions& options, bool verify,
                                  core::Logger& log, double entry_mw = 1e-3);

}  // namespace silkgrid::appraise
