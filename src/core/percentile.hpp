#pragma once
// The q-quantile of a sample, by linear interpolation between order statistics (R's type 7,
// numpy's default): shared by the weather statistics and the ensembles' statistics.
#include <algorithm>
#include <vector>

namespace silkgrid::core {

inline double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto i = static_cast<std::size_t>(pos);
  const double f = pos - static_cast<double>(i);
  return i + 1 < v.size() ? v[i] + f * (v[i + 1] - v[i]) : v[i];
}

}  // namespace silkgrid::core
