#pragma once
// Totals of a run by country, as the terminal table and summary.json show them.
#include <string>
#include <vector>

#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::model {

struct CountryTotals {
  std::string country;
  double load_mwh = 0, generation_mwh = 0, co2_t = 0, unserved_mwh = 0;
  double load_weighted_price_eur_per_mwh = 0;  // 0 when the country has no load
  double renewable_mwh = 0;
};

// In order of first appearance in the regions table.
std::vector<CountryTotals> by_country(const Study& study, const Results& results);

}  // namespace silkgrid::model
