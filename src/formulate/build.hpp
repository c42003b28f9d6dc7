#pragma once
// Turning a study — or a window of it (formulate/scope.hpp) — into a LinearProgram, and a
// solution back into Results. The constraint families that make up the LP are listed in
// families.cpp, one file each (formulate/family.hpp says what a family owns).
#include <memory>
#include <optional>
#include <string>

#include "core/logger.hpp"
#include "core/ranks.hpp"
#include "finance/annuity.hpp"
#include "formulate/scope.hpp"
#include "lp/linear_program.hpp"
#include "lp/solver.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::formulate {

struct BuildOptions {
  bool names = false;  // fill column and row names (for MPS files); costs memory
  Scope scope;         // the whole horizon, capacities as columns, storage as the study says
  // Each asset's cost of capital and grant (its project's finance, finance::project_finance);
  // empty: every asset at its own discount rate, else the study's, without grants.
  finance::AssetCapital capital;
};

class Formulation;  // the families of one build with the blocks they allocated (build.cpp)

struct Built {
  lp::LinearProgram lp;
  std::shared_ptr<const Formulation> formulation;

  // A column or row of a named block (e.g. column "generator.p", row "balance"), for tests and
  // for callers that add to the LP; throws core::Error(internal) for an unknown block and
  // returns -1 (none) where the component has none.
  int column(const std::string& block, std::size_t component, std::size_t t = 0) const;
  int row(const std::string& block, std::size_t component, std::size_t t = 0) const;
  // The capacity column of an asset, or -1 where its capacity is fixed.
  int capacity_column(model::AssetRef asset) const;
  // The window the LP covers: its first snapshot and its length.
  std::size_t first_snapshot() const;
  std::size_t snapshots() const;
};

Built build(const model::Study& study, const BuildOptions& options = {});

// Reads the solution of `built` (built from `study`) back into the study's terms. Columns and
// rows beyond the built LP's (added by a caller) are ignored.
model::Results extract(const model::Study& study, const Built& built, const lp::Solution& solution);

lp::SolveOptions solve_options(const model::SolverOptions& options);

// build → solve → extract, with timings and the LP's size in the results. Throws
// core::Error(infeasible|unbounded|solver) when there is no optimum.
struct SolveStudyOptions {
  lp::SolveOptions solver;
  finance::AssetCapital capital;  // as BuildOptions::capital
  std::string write_lp;  // MPS file to write before solving, or ""
  // The processes of a distributed run (decompose spreads its subperiods over them; the
  // monolithic LP ignores it). Null: one process. Not owned.
  const core::Ranks* ranks = nullptr;
  // Portfolio selection: binary choices of candidate projects under a budget (scope.hpp). With
  // an undecided choice the LP is a MIP (Cbc; its results have no duals; Benders: in the master).
  std::optional<Candidates> candidates;
};
model::Results solve_study(const model::Study& study, const SolveStudyOptions& options, core::Logger& log);

}  // namespace silkgrid::formulate
