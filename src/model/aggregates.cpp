#include "model/aggregates.hpp"

#include <algorithm>

namespace silkgrid::model {

std::vector<CountryTotals> by_country(const Study& study, const Results& r) {
  std::vector<CountryTotals> out;
  std::vector<std::size_t> of_region(study.regions.size());
  for (std::size_t reg = 0; reg < study.regions.size(); ++reg) {
    const auto it = std::find_if(out.begin(), out.end(), [&](const CountryTotals& c) { return c.country == study.regions.country[reg]; });
    if (it == out.end()) {
      of_region[reg] = out.size();
      out.push_back(CountryTotals{study.regions.country[reg]});
    } else {
      of_region[reg] = static_cast<std::size_t>(it - out.begin());
    }
  }
  std::vector<double> paid(out.size(), 0.0);
  for (std::size_t reg = 0; reg < study.regions.size(); ++reg) {
    auto& c = out[of_region[reg]];
    c.load_mwh += r.region_load_mwh[reg];
    c.co2_t += r.region_co2_t[reg];
    c.unserved_mwh += r.region_unserved_mwh[reg];
    for (std::size_t t = 0; t < study.snapshots(); ++t)
      paid[of_region[reg]] += study.time.weights[t] * r.region_load(reg, t) * r.region_price(reg, t);
  }
  const auto& g = study.generators;
  for (std::size_t i = 0; i < g.size(); ++i) {
    auto& c = out[of_region[static_cast<std::size_t>(g.region[i])]];
    c.generation_mwh += r.generator_energy_mwh[i];
    if (study.carriers.renewable[static_cast<std::size_t>(g.carrier[i])]) c.renewable_mwh += r.generator_energy_mwh[i];
  }
  for (std::size_t c = 0; c < out.size(); ++c)
    out[c].load_weighted_price_eur_per_mwh = out[c].load_mwh > 0 ? paid[c] / out[c].load_mwh : 0.0;
  return out;
}

}  // namespace silkgrid::model
