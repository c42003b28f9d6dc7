#include "model/results.hpp"

#include <numeric>

namespace silkgrid::model {

namespace {
double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }
}  // namespace

double Results::curtailment_mwh() const { return sum(generator_curtailment_mwh); }
double Results::co2_t() const { return sum(generator_co2_t); }
double Results::unserved_mwh() const { return sum(region_unserved_mwh); }

}  // namespace silkgrid::model
