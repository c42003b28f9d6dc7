#pragma once
// A constraint family owns everything about itself, in one file: the columns and rows it
// allocates, their bounds and costs, its matrix entries, their names and the results it reads
// back. The builder (build.cpp) runs every family of the list in families.cpp through the same
// phases:
//
//   allocate  take column and row blocks (Allocator), publish them by name (Index), declare
//             which of its flows are limited by a capacity (CapacityRule)
//   bounds    set the bounds and costs of its columns and the bounds of its rows
//   entries   emit its matrix entries into a sink, which the builder runs twice: counting
//             entries per column, then filling the CSC arrays in place
//   names     name its columns and rows (only when asked: MPS files)
//   extract   read its part of a solution into model::Results
//
// A family reads the blocks of the families before it by name (the balance rows, a
// generator's output) and writes entries into rows it does not own only where it injects
// into them (every component adds its own terms to the balance, as in PyPSA). The capacity
// rule (capacity.cpp, last in the list) is written once for every asset kind: a capacity
// column where the capacity is extendable, `flow ≤ pu·capacity` (or ≥) as rows then, as bounds
// where it is fixed.
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "finance/annuity.hpp"
#include "formulate/scope.hpp"
#include "lp/linear_program.hpp"
#include "lp/solver.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::formulate {

inline constexpr int none = -1;

// Consecutive indices per component: component i owns [first[i], first[i] + length), or none.
struct Block {
  std::vector<int> first;
  int length = 0;  // the window's snapshots for a series, 1 for a scalar
  int at(std::size_t i, std::size_t t = 0) const { return first[i] + static_cast<int>(t); }
  bool has(std::size_t i) const { return first[i] != none; }
  std::size_t size() const { return first.size(); }
};

// What every phase reads: the study, the scope and the window it covers.
struct Context {
  const model::Study& study;
  const Scope& scope;
  const finance::AssetCapital& capital;  // each asset's cost of capital and grant (BuildOptions)
  std::size_t t0 = 0;  // the window's first snapshot in the study
  std::size_t T = 0;   // the window's snapshots
  model::Matrix load;  // MW per region and window snapshot
  // extract: whether the solution has a dual and an activity for every row of the LP (not a MIP's)
  bool duals = false, activities = false;

  std::size_t snapshot(std::size_t t) const { return t0 + t; }
  double weight(std::size_t t) const { return study.time.weights[t0 + t]; }
  double store_weight(std::size_t t) const { return study.time.store_weight(t0 + t); }
  double generator_weight(std::size_t t) const { return study.time.generator_weight(t0 + t); }
  double at(const model::Profile& p, std::size_t t) const { return p.at(study.series, t0 + t); }
  // Whether storage s runs cyclically over the window.
  bool cyclic(std::size_t s) const;
  // Whether extendable capacities are columns (else fixed values from the scope).
  bool capacities_are_columns() const { return !scope.fixed_capacities.has_value(); }
};

// Hands out consecutive column and row indices, guarding against overflowing Clp's ints.
class Allocator {
 public:
  int columns(long long count);
  int rows(long long count);
  // One block of `length` per component where `has(i)` (all when `has` is empty).
  Block column_block(std::size_t components, int length, const std::vector<char>& has = {});
  Block row_block(std::size_t components, int length, const std::vector<char>& has = {});
  int num_cols() const { return static_cast<int>(cols_); }
  int num_rows() const { return static_cast<int>(rows_); }

 private:
  long long cols_ = 0, rows_ = 0;
};

// Every family's blocks by name, e.g. column "generator.p", row "balance".
class Index {
 public:
  void add_columns(const std::string& name, Block block);
  void add_rows(const std::string& name, Block block);
  const Block& columns(const std::string& name) const;  // throws core::Error(internal) when unknown
  const Block& rows(const std::string& name) const;
  bool has_columns(const std::string& name) const { return cols_.count(name) != 0; }

 private:
  std::map<std::string, Block> cols_, rows_;
};

// "flow ≤ pu·capacity" (or ≥) for every asset of one table, declared by the family that owns
// the flow. pu at snapshot t of asset i: (profiles ? profiles[i] at t : constants[i]) · factor
// · (factors ? factors[i] : 1).
struct Limit {
  Limit(model::AssetKind kind_, std::string flow_, std::string label_, bool at_least_ = false)
      : kind(kind_), flow(std::move(flow_)), label(std::move(label_)), at_least(at_least_) {}
  model::AssetKind kind = model::AssetKind::generator;
  std::string flow;        // the flow's column block
  std::string label;       // the rows' name, e.g. "pmax"
  bool at_least = false;   // flow ≥ pu·capacity (else ≤)
  const std::vector<model::Profile>* profiles = nullptr;
  const std::vector<double>* constants = nullptr;
  const std::vector<double>* factors = nullptr;
  double factor = 1.0;
  std::vector<char> applies;  // per asset; empty: every asset with the flow
  bool clamp = false;         // with a fixed capacity, the upper bound is at least 0
  bool skip_if_zero = false;  // no rows for an asset whose pu is 0 over the whole window

  double pu(const Context& ctx, std::size_t i, std::size_t t) const {
    const double base = profiles ? (*profiles)[i].at(ctx.study.series, ctx.t0 + t) : (*constants)[i];
    return base * factor * (factors ? (*factors)[i] : 1.0);
  }
  bool applies_to(std::size_t i) const { return applies.empty() || applies[i]; }
};

class CapacityRule {
 public:
  void declare(Limit limit) { limits_.push_back(std::move(limit)); }
  const std::vector<Limit>& limits() const { return limits_; }

 private:
  std::vector<Limit> limits_;
};

// The matrix entries sink: counts entries per column (first pass), or writes them at the
// column cursors (second pass). Zero values are dropped in both.
class Entries {
 public:
  static Entries counting(int* count) { return Entries(count, nullptr, nullptr, nullptr); }
  static Entries filling(int* next, int* index, double* value) { return Entries(nullptr, next, index, value); }
  void add(int row, int col, double v) {
    if (v == 0.0) return;
    if (count_) {
      ++count_[col + 1];
    } else {
      const int k = next_[col]++;
      index_[k] = row;
      value_[k] = v;
    }
  }

 private:
  Entries(int* count, int* next, int* index, double* value) : count_(count), next_(next), index_(index), value_(value) {}
  int* count_;
  int* next_;
  int* index_;
  double* value_;
};

// Column and row names: label(component,snapshot) over a series block, label(component) over a
// block of scalars (length 1, `scalar`), spaces replaced by '_'.
class Names {
 public:
  explicit Names(lp::LinearProgram& lp, std::size_t t0) : lp_(lp), t0_(t0) {}
  void columns(const Block& block, const char* label, const std::vector<std::string>& components, bool scalar = false);
  void rows(const Block& block, const char* label, const std::vector<std::string>& components, bool scalar = false);
  void column(int j, const std::string& name);
  void row(int i, const std::string& name);
  static std::string clean(std::string name);

 private:
  void name_block(std::vector<std::string>& into, const Block& block, const char* label,
                  const std::vector<std::string>& components, bool scalar) const;
  lp::LinearProgram& lp_;
  std::size_t t0_;
};

class Family {
 public:
  virtual ~Family() = default;
  virtual void allocate(const Context& ctx, Allocator& alloc, Index& index, CapacityRule& rule) = 0;
  virtual void bounds(const Context& ctx, const Index& index, lp::LinearProgram& lp) const = 0;
  virtual void entries(const Context& /*ctx*/, const Index& /*index*/, Entries& /*sink*/) const {}
  virtual void names(const Context& ctx, const Index& index, Names& names) const = 0;
  virtual void extract(const Context& /*ctx*/, const Index& /*index*/, const lp::Solution& /*solution*/,
                       model::Results& /*results*/) const {}
};

// The families of an LP in the order the builder runs them (families.cpp).
std::vector<std::unique_ptr<Family>> make_families();

// Shared helpers.
model::Matrix region_load(const model::Study& study);
// The share of a storage level kept over snapshot t of the study: (1 − standing loss)^{store weight}.
double storage_keep(const model::Study& study, std::size_t s, std::size_t t);
// Whether `region` is one of `regions` (a policy's).
using model::in_regions;
// Whether generator g's energy counts toward renewable-share policy p: renewable, in its
// regions, and of its listed carriers where it lists some (policies.cpp).
using model::counts_toward_share;
// The level a storage's window starts from, as it enters the first level row's right-hand
// side (storage.cpp): initial_mwh (the study's non-cyclic storage), the fixed start level kept
// over the first snapshot, or 0 (cyclic, or a free start column).
double start_level(const Context& ctx, std::size_t s);
// The CO2 a storage level stands for (t per MWh, its carrier's rate) when a CO2 cap counts its
// depletion (PyPSA: non-cyclic stores and storage units of an emitting carrier); else 0.
double storage_co2_t_per_mwh(const Context& ctx, std::size_t s);
// The names of one asset table.
const std::vector<std::string>& asset_names(const model::Study& study, model::AssetKind kind);
// The names LP columns and rows carry for one asset table: unique within it even where a
// PyPSA line and transformer (or storage unit and store) share a name: "trafo:NAME", "store:NAME".
std::vector<std::string> lp_names(const model::Study& study, model::AssetKind kind);
// The column block of an asset kind's capacities, e.g. "capacity.generator" (capacity.cpp).
const char* capacity_block(model::AssetKind kind);
// The capacity of asset i in a solution: its column's value, or its fixed value (capacity.cpp).
double capacity_value(const Context& ctx, const Index& index, const lp::Solution& solution, model::AssetKind kind,
                      std::size_t i);
// A solution's value of column j.
inline double value_of(const lp::Solution& s, int j) { return s.col_value[static_cast<std::size_t>(j)]; }
// Copies a series block's values into `into`: row i for component i (left 0 where it has none).
void copy_series(const lp::Solution& s, const Block& block, model::Matrix& into);

}  // namespace silkgrid::formulate
