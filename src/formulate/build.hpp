#pragma once
// Turning a study into a LinearProgram, and a solution back into Results.
#include "core/logger.hpp"
#include "formulate/layout.hpp"
#include "lp/linear_program.hpp"
#include "lp/solver.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::formulate {

struct BuildOptions {
  bool names = false;  // fill column and row names (for MPS files); costs memory
};

struct Built {
  Layout layout;
  lp::LinearProgram lp;
};

Built build(const model::Study& study, const BuildOptions& options = {});

// Names for every column and row, e.g. "p(wind-A,12)" and "balance(A,12)".
void name_columns_and_rows(const model::Study& study, const Layout& layout, lp::LinearProgram& lp);

model::Results extract(const model::Study& study, const Layout& layout, const lp::Solution& solution);

lp::SolveOptions solve_options(const model::SolverOptions& options);

// build → solve → extract, with timings and the LP's size in the results. Throws
// core::Error(infeasible|unbounded|solver) when there is no optimum.
struct SolveStudyOptions {
  lp::SolveOptions solver;
  std::string write_lp;  // MPS file to write before solving, or ""
};
model::Results solve_study(const model::Study& study, const SolveStudyOptions& options, core::Logger& log);

}  // namespace silkgrid::formulate
