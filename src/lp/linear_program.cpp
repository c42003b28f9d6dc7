#include "lp/linear_program.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace silkgrid::lp {

std::size_t LinearProgram::memory_bytes() const {
  std::size_t bytes = sizeof(double) * (col_lower.capacity() + col_upper.capacity() + cost.capacity() +
                                        row_lower.capacity() + row_upper.capacity() + value.capacity()) +
                      sizeof(int) * (start.capacity() + index.capacity());
  // Strings beyond the small-string buffer hold capacity + 1 bytes on the heap.
  for (const auto* names : {&col_names, &row_names}) {
    bytes += sizeof(std::string) * names->capacity();
    for (const auto& n : *names) bytes += n.capacity() > 15 ? n.capacity() + 1 : 0;
  }
  return bytes;
}

void LinearProgram::check() const {
  using core::Error;
  using core::ErrorKind;
  const auto cols = static_cast<std::size_t>(num_cols);
  const auto rows = static_cast<std::size_t>(num_rows);
  if (col_lower.size() != cols || col_upper.size() != cols || cost.size() != cols || start.size() != cols + 1)
    throw Error(ErrorKind::internal, "LinearProgram: column arrays do not match num_cols");
  if (row_lower.size() != rows || row_upper.size() != rows)
    throw Error(ErrorKind::internal, "LinearProgram: row arrays do not match num_rows");
  if (start.front() != 0 || static_cast<std::size_t>(start.back()) != value.size() || index.size() != value.size())
    throw Error(ErrorKind::internal, "LinearProgram: column starts do not match the entries");
  for (std::size_t j = 0; j < cols; ++j) {
    if (start[j] > start[j + 1]) throw Error(ErrorKind::internal, fmt::format("LinearProgram: column {} has negative length", j));
    if (std::isnan(cost[j]) || std::isnan(col_lower[j]) || std::isnan(col_upper[j]))
      throw Error(ErrorKind::internal, fmt::format("LinearProgram: column {} has a NaN cost or bound", j));
  }
  for (std::size_t k = 0; k < value.size(); ++k) {
    if (index[k] < 0 || index[k] >= num_rows)
      throw Error(ErrorKind::internal, fmt::format("LinearProgram: entry {} has row index {} out of range", k, index[k]));
    if (!std::isfinite(value[k])) throw Error(ErrorKind::internal, fmt::format("LinearProgram: entry {} is not finite", k));
  }
  for (std::size_t i = 0; i < rows; ++i)
    if (std::isnan(row_lower[i]) || std::isnan(row_upper[i]))
      throw Error(ErrorKind::internal, fmt::format("LinearProgram: row {} has a NaN bound", i));
}

namespace {
struct Range {
  double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
  void add(double v) {
    const double a = std::abs(v);
    if (a == 0.0 || !std::isfinite(a)) return;
    lo = std::min(lo, a);
    hi = std::max(hi, a);
  }
  void store(double& out_lo, double& out_hi) const {
    out_lo = std::isfinite(lo) ? lo : 0.0;
    out_hi = hi;
  }
};
}  // namespace

Statistics statistics(const LinearProgram& lp) {
  Statistics s;
  s.rows = lp.num_rows;
  s.cols = lp.num_cols;
  s.nonzeros = lp.nonzeros();
  Range matrix, cost, bound, rhs;
  for (double v : lp.value) matrix.add(v);
  for (double v : lp.cost) cost.add(v);
  for (double v : lp.col_lower) bound.add(v);
  for (double v : lp.col_upper) bound.add(v);
  for (double v : lp.row_lower) rhs.add(v);
  for (double v : lp.row_upper) rhs.add(v);
  matrix.store(s.matrix_min, s.matrix_max);
  cost.store(s.cost_min, s.cost_max);
  bound.store(s.bound_min, s.bound_max);
  rhs.store(s.rhs_min, s.rhs_max);
  return s;
}

std::string describe(const Statistics& s) {
  return fmt::format(
      "LP: {} rows, {} columns, {} non-zeros; ranges: matrix [{:.1e}, {:.1e}], cost [{:.1e}, {:.1e}], "
      "bounds [{:.1e}, {:.1e}], rhs [{:.1e}, {:.1e}]",
      s.rows, s.cols, s.nonzeros, s.matrix_min, s.matrix_max, s.cost_min, s.cost_max, s.bound_min, s.bound_max,
      s.rhs_min, s.rhs_max);
}

int add_column(LinearProgram& lp, double lower, double upper, double cost, bool integer) {
  lp.col_lower.push_back(lower);
  lp.col_upper.push_back(upper);
  lp.cost.push_back(cost);
  if (lp.start.empty()) lp.start.push_back(0);
  lp.start.push_back(lp.start.back());
  if (!lp.col_names.empty()) lp.col_names.push_back(fmt::format("c{}", lp.num_cols));
  if (integer || !lp.integer.empty()) {
    lp.integer.resize(static_cast<std::size_t>(lp.num_cols), 0);
    lp.integer.push_back(integer ? 1 : 0);
  }
  return lp.num_cols++;
}

void add_rows(LinearProgram& lp, const std::vector<Row>& rows) {
  const auto n = static_cast<std::size_t>(lp.num_cols);
  if (lp.start.empty()) lp.start.assign(n + 1, 0);
  std::vector<int> extra(n + 1, 0);
  for (const Row& r : rows)
    for (const auto& [col, v] : r.entries) {
      if (col < 0 || col >= lp.num_cols)
        throw core::Error(core::ErrorKind::internal, fmt::format("add_rows: an entry names column {} of an LP with {}", col, lp.num_cols));
      ++extra[static_cast<std::size_t>(col) + 1];
    }
  for (std::size_t j = 0; j < n; ++j) extra[j + 1] += extra[j];
  std::vector<int> start(n + 1), index(lp.index.size() + static_cast<std::size_t>(extra[n]));
  std::vector<double> value(index.size());
  std::vector<int> next(n);
  for (std::size_t j = 0; j < n; ++j) {
    start[j] = lp.start[j] + extra[j];
    const int count = lp.start[j + 1] - lp.start[j];
    std::copy(lp.index.begin() + lp.start[j], lp.index.begin() + lp.start[j + 1], index.begin() + start[j]);
    std::copy(lp.value.begin() + lp.start[j], lp.value.begin() + lp.start[j + 1], value.begin() + start[j]);
    next[j] = start[j] + count;
  }
  start[n] = static_cast<int>(index.size());
  for (const Row& r : rows) {
    const int row = lp.num_rows++;
    lp.row_lower.push_back(r.lower);
    lp.row_upper.push_back(r.upper);
    if (!lp.row_names.empty()) lp.row_names.push_back(fmt::format("r{}", row));
    for (const auto& [col, v] : r.entries) {
      const int k = next[static_cast<std::size_t>(col)]++;
      index[static_cast<std::size_t>(k)] = row;
      value[static_cast<std::size_t>(k)] = v;
    }
  }
  lp.start = std::move(start);
  lp.index = std::move(index);
  lp.value = std::move(value);
}

}  // namespace silkgrid::lp
