#pragma once
// A linear program as one plain value type, laid out like HiGHS' HighsLp: bounds, costs and a
// column-wise (CSC) constraint matrix. Rows are ranged: row_lower ≤ A x ≤ row_upper.
// Infinite bounds are ±infinity. Names are optional (filled only when asked for).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace silkgrid::lp {

inline constexpr double infinity = std::numeric_limits<double>::infinity();

struct LinearProgram {
  int num_cols = 0;
  int num_rows = 0;
  std::vector<double> col_lower, col_upper, cost;
  std::vector<double> row_lower, row_upper;
  // CSC matrix: the entries of column j are index/value[start[j] .. start[j+1]).
  std::vector<int> start;
  std::vector<int> index;
  std::vector<double> value;
  double objective_offset = 0.0;
  std::vector<std::string> col_names, row_names;  // empty, or one per column / row
  std::vector<char> integer;  // empty (an LP), or one flag per column (a MIP: solve_mip)

  std::size_t nonzeros() const { return value.size(); }
  // Bytes held by the arrays above (capacity, not size), names included.
  std::size_t memory_bytes() const;
  // Throws core::Error(internal) when the arrays are inconsistent (sizes, indices, NaNs).
  void check() const;
};

struct Statistics {
  int rows = 0, cols = 0;
  std::size_t nonzeros = 0;
  double matrix_min = 0, matrix_max = 0;  // smallest and largest |a_ij| > 0
  double cost_min = 0, cost_max = 0;      // over non-zero costs
  double bound_min = 0, bound_max = 0;    // over finite non-zero column bounds
  double rhs_min = 0, rhs_max = 0;        // over finite non-zero row bounds
};

// Appends a column with no entries (they come with rows); returns its index.
int add_column(LinearProgram& lp, double lower, double upper, double cost, bool integer = false);

// A row given by its entries, for appending to an existing LP.
struct Row {
  double lower = 0, upper = 0;
  std::vector<std::pair<int, double>> entries;  // (column, value)
};
// Appends rows, merging their entries into the CSC arrays (one pass over the matrix).
void add_rows(LinearProgram& lp, const std::vector<Row>& rows);

Statistics statistics(const LinearProgram& lp);
std::string describe(const Statistics& stats);

}  // namespace silkgrid::lp
