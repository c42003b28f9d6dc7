#pragma once
// Ensembles of weather years with outages at fixed capacities (README, "Ensembles: weather
// years and outages"): what each year's run gives, and the statistics over the years.
#include <cstdint>
#include <string>
#include <vector>

#include "model/appraisal.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::reliability {

using model::Capacities;
Capacities capacities_of(const model::Study& study, const model::Results& results);

// Fixes every asset at its capacity (nothing extendable) and drops the policies: a year is
// dispatched at least cost, as an operator would; the policies shaped the build-out, and each
// year's CO2 and renewable share are reported against them.
void fix_capacities(model::Study& study, const Capacities& capacities);

// The seed of ensemble year `index` (0-based) from the study's seed: out of the sample of
// the plan's own weather years (seed, seed + 1, …).
std::uint64_t year_seed(std::uint64_t seed, std::size_t index);

// One figure of one year: scope ("system", "countries", "markets", "links", "projects"),
// the name within it ("" for the system), the quantity and its value.
struct Figure {
  std::string scope, name, quantity;
  double value = 0;
};

// A year's figures from its run (and its projects' appraisal at that year's energy and prices).
std::vector<Figure> year_figures(const model::Study& study, const model::Results& results,
                                 const std::vector<model::ProjectAppraisal>& projects);

// Statistics over the years: mean, sample standard deviation, the standard error of the mean,
// percentiles p10/p50/p90 (linear interpolation between order statistics) and the worst year
// (the largest value, or the smallest where a low value is the bad one: exports, revenue,
// energy, DSCR, renewable share).
struct Statistics {
  double mean = 0, std = 0, stderr_mean = 0, p10 = 0, p50 = 0, p90 = 0, worst = 0;
};
Statistics statistics(const std::vector<double>& values, bool low_is_bad);
bool low_is_bad(const std::string& quantity);
double percentile(std::vector<double> values, double q);

}  // namespace silkgrid::reliability
