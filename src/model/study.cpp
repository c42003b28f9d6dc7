#include "model/study.hpp"

#include <algorithm>
#include <cmath>

namespace silkgrid::model {

namespace {
int index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}
}  // namespace

int TimeSeriesTable::find(const std::string& name) const { return index_of(names, name); }
int Study::find_region(const std::string& name) const { return index_of(regions.name, name); }
int Study::find_carrier(const std::string& name) const { return index_of(carriers.name, name); }

void Investment::push(double p_nom, bool ext, double p_min, double p_max, double fom, double lifetime,
                      double rate, double capital_cost) {
  capital_cost_eur_per_mw_year.push_back(capital_cost);
  p_nom_mw.push_back(p_nom);
  extendable.push_back(ext ? 1 : 0);
  p_nom_min_mw.push_back(p_min);
  p_nom_max_mw.push_back(p_max);
  fom_pct_per_year.push_back(fom);
  lifetime_years.push_back(lifetime);
  discount_rate.push_back(rate);
}

void resample(core::TimeAxis& time, TimeSeriesTable& series, std::size_t block) {
  if (block <= 1) return;
  const std::size_t n = time.size();
  core::TimeAxis out;
  std::vector<std::vector<double>> values(series.values.size());
  for (std::size_t first = 0; first < n; first += block) {
    const std::size_t last = std::min(n, first + block);
    double weight = 0, store = 0, generator = 0;
    for (std::size_t t = first; t < last; ++t) {
      weight += time.weights[t];
      store += time.store_weight(t);
      generator += time.generator_weight(t);
    }
    out.timestamps.push_back(time.timestamps[first]);
    out.weights.push_back(weight);
    if (!time.store_weights.empty()) out.store_weights.push_back(store);
    if (!time.generator_weights.empty()) out.generator_weights.push_back(generator);
    for (std::size_t c = 0; c < values.size(); ++c) {
      double sum = 0;
      for (std::size_t t = first; t < last; ++t) sum += time.weights[t] * series.values[c][t];
      values[c].push_back(sum / weight);
    }
  }
  time = std::move(out);
  series.values = std::move(values);
}

bool whole_multiple(double hours, double step) {
  const double ratio = hours / step;
  return ratio >= 1 && ratio <= 1e7 && std::abs(ratio - std::round(ratio)) <= 1e-9;
}

void Storage::push_defaults() {
  marginal_cost_storage_eur_per_mwh_h.push_back(0.0);
  cyclic.push_back(1);
  initial_mwh.push_back(0.0);
  inflow_mw.push_back(Profile::fixed(0.0));
  spill_cost_eur_per_mwh.push_back(0.0);
  dispatch_max_pu.push_back(Profile::fixed(1.0));
  charge_max_pu.push_back(Profile::fixed(1.0));
  level_min_pu.push_back(Profile::fixed(0.0));
  level_max_pu.push_back(Profile::fixed(1.0));
  level_set_mwh.push_back(Profile::fixed(not_given));
  energy_only.push_back(0);
}

namespace {
bool all_zero(const Profile& p, const TimeSeriesTable& series, std::size_t T) {
  if (p.is_constant()) return p.constant == 0.0;
  for (std::size_t t = 0; t < T; ++t)
    if (p.at(series, t) != 0.0) return false;
  return true;
}
std::size_t rows_of(const TimeSeriesTable& series) { return series.values.empty() ? 0 : series.values.front().size(); }
}  // namespace

bool Links::reversible(std::size_t k, const TimeSeriesTable& series, std::size_t T) const {
  const std::size_t n = p_min_pu[k].is_constant() ? 1 : T;
  for (std::size_t t = 0; t < n; ++t)
    if (p_min_pu[k].at(series, t) < 0) return true;
  return false;
}
bool Links::min_pu_is_zero(std::size_t k, const TimeSeriesTable& series, std::size_t T) const {
  const std::size_t n = p_min_pu[k].is_constant() ? 1 : T;
  for (std::size_t t = 0; t < n; ++t)
    if (p_min_pu[k].at(series, t) != 0) return false;
  return true;
}

bool Storage::has_inflow(std::size_t i, const TimeSeriesTable& series) const {
  return !all_zero(inflow_mw[i], series, rows_of(series));
}
bool Storage::level_min_is_zero(std::size_t i, const TimeSeriesTable& series) const {
  return all_zero(level_min_pu[i], series, rows_of(series));
}

const char* to_string(TrancheKind kind) {
  switch (kind) {
    case TrancheKind::grant: return "grant";
    case TrancheKind::concessional_debt: return "concessional_debt";
    case TrancheKind::commercial_debt: return "commercial_debt";
    case TrancheKind::equity: return "equity";
  }
  return "?";
}
const char* to_string(AssetKind kind) {
  switch (kind) {
    case AssetKind::generator: return "generator";
    case AssetKind::link: return "link";
    case AssetKind::storage: return "storage";
    case AssetKind::line: return "line";
  }
  return "?";
}
const char* to_string(RevenueKind kind) { return kind == RevenueKind::market ? "market" : "ppa"; }
const char* to_string(ProjectStatus status) {
  switch (status) {
    case ProjectStatus::idea: return "idea";
    case ProjectStatus::feasibility: return "feasibility";
    case ProjectStatus::financing: return "financing";
    case ProjectStatus::construction: return "construction";
    case ProjectStatus::operating: return "operating";
  }
  return "?";
}

const char* to_string(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::co2_cap: return "co2_cap";
    case PolicyKind::min_renewable_share: return "min_renewable_share";
    case PolicyKind::max_capacity: return "max_capacity";
    case PolicyKind::min_capacity: return "min_capacity";
  }
  return "?";
}

const char* to_string(LinkKind kind) {
  switch (kind) {
    case LinkKind::custom: return "custom";
    case LinkKind::hvdc_subsea: return "hvdc_subsea";
    case LinkKind::hvdc_overhead: return "hvdc_overhead";
    case LinkKind::ac_overhead: return "ac_overhead";
  }
  return "?";
}


}  // namespace silkgrid::model
