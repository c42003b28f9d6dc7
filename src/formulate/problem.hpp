#pragma once
// What every constraint family reads: the study, the layout of its LP and the load per
// region and snapshot. Each family (one file each) sets the bounds and costs of the variables
// it owns and of its rows, and emits its matrix entries into a sink. The builder runs the
// emission twice: once counting entries per column, once filling the CSC arrays, so the
// matrix is written straight into its final place with no per-term objects.
#include "formulate/layout.hpp"
#include "lp/linear_program.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::formulate {

struct Problem {
  const model::Study& study;
  const Layout& layout;
  model::Matrix load;  // MW per region and snapshot

  double weight(std::size_t t) const { return study.time.weights[t]; }
  std::size_t T() const { return study.snapshots(); }
};

model::Matrix region_load(const model::Study& study);
// The share of a storage level kept over snapshot t: (1 − standing loss)^{store weight}.
double storage_keep(const model::Study& study, std::size_t s, std::size_t t);
// The CO2 a storage level stands for (t per MWh, its carrier's rate) when a CO2 cap counts its
// depletion (PyPSA: non-cyclic stores and storage units of an emitting carrier); else 0.
double storage_co2_t_per_mwh(const model::Study& study, std::size_t s);

// First pass: counts entries per column into count[col + 1].
struct CountSink {
  int* count;
  void add(int /*row*/, int col, double value) {
    if (value != 0.0) ++count[col + 1];
  }
};

// Second pass: writes entries at next[col]++ (next starts as the column starts).
struct FillSink {
  int* next;
  int* index;
  double* value;
  void add(int row, int col, double v) {
    if (v != 0.0) {
      const int k = next[col]++;
      index[k] = row;
      value[k] = v;
    }
  }
};

// Constraint families. *_bounds sets bounds and costs; *_entries emits the matrix entries
// (explicitly instantiated for CountSink and FillSink in each family's file).
void balance_bounds(const Problem& problem, lp::LinearProgram& lp);
template <typename Sink> void balance_entries(const Problem& problem, Sink& sink);

void generator_bounds(const Problem& problem, lp::LinearProgram& lp);
template <typename Sink> void generator_entries(const Problem& problem, Sink& sink);

void link_bounds(const Problem& problem, lp::LinearProgram& lp);
template <typename Sink> void link_entries(const Problem& problem, Sink& sink);

void line_bounds(const Problem& problem, lp::LinearProgram& lp);
template <typename Sink> void line_entries(const Problem& problem, Sink& sink);

void storage_bounds(const Problem& problem, lp::LinearProgram& lp);
template <typename Sink> void storage_entries(const Problem& problem, Sink& sink);

void market_bounds(const Problem& problem, lp::LinearProgram& lp);

void policy_bounds(const Problem& problem, lp::LinearProgram& lp);
template <typename Sink> void policy_entries(const Problem& problem, Sink& sink);

void expansion_bounds(const Problem& problem, lp::LinearProgram& lp);

}  // namespace silkgrid::formulate
