#include "model/study.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <tuple>

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
  std::vector<std::size_t> firsts;
  for (std::size_t first = 0; first < time.size(); first += block) firsts.push_back(first);
  resample_blocks(time, series, firsts);
}

void resample_blocks(core::TimeAxis& time, TimeSeriesTable& series, const std::vector<std::size_t>& firsts) {
  const std::size_t n = time.size();
  core::TimeAxis out;
  std::vector<std::vector<double>> values(series.values.size());
  for (std::size_t b = 0; b < firsts.size(); ++b) {
    const std::size_t first = firsts[b];
    const std::size_t last = b + 1 < firsts.size() ? firsts[b + 1] : n;
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

std::vector<std::size_t> segment_firsts(const core::TimeAxis& time, const TimeSeriesTable& series, std::size_t count) {
  const std::size_t n = time.size();
  const std::size_t C = series.values.size();
  count = std::max<std::size_t>(1, std::min(count, n));
  // Each column scaled to its range, so that MW and per-unit columns weigh alike.
  std::vector<double> scale(C, 0.0);
  for (std::size_t c = 0; c < C; ++c) {
    const auto [lo, hi] = std::minmax_element(series.values[c].begin(), series.values[c].end());
    scale[c] = *hi > *lo ? 1.0 / (*hi - *lo) : 0.0;
  }
  // Segments as a doubly linked list: weight, weighted mean per column, first snapshot.
  std::vector<double> weight(n), mean(n * C);
  std::vector<std::size_t> first(n), prev(n), next(n), version(n, 0);
  std::vector<char> alive(n, 1);
  for (std::size_t t = 0; t < n; ++t) {
    weight[t] = time.weights[t];
    first[t] = t;
    prev[t] = t == 0 ? n : t - 1;
    next[t] = t + 1;
    for (std::size_t c = 0; c < C; ++c) mean[t * C + c] = series.values[c][t] * scale[c];
  }
  // Ward's cost of merging segment a with the next one, b.
  const auto cost = [&](std::size_t a, std::size_t b) {
    double d = 0;
    for (std::size_t c = 0; c < C; ++c) {
      const double x = mean[a * C + c] - mean[b * C + c];
      d += x * x;
    }
    return weight[a] * weight[b] / (weight[a] + weight[b]) * d;
  };
  // (cost, left segment, its version, the right one's version): ties broken by the earlier segment.
  using Entry = std::tuple<double, std::size_t, std::size_t, std::size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (std::size_t t = 0; t + 1 < n; ++t) heap.emplace(cost(t, t + 1), t, 0, 0);
  std::size_t segments = n;
  while (segments > count && !heap.empty()) {
    const auto [c, a, va, vb] = heap.top();
    heap.pop();
    const std::size_t b = next[a];
    if (!alive[a] || b >= n || version[a] != va || version[b] != vb) continue;  // stale
    // Merge b into a.
    const double w = weight[a] + weight[b];
    for (std::size_t k = 0; k < C; ++k) mean[a * C + k] = (weight[a] * mean[a * C + k] + weight[b] * mean[b * C + k]) / w;
    weight[a] = w;
    alive[b] = 0;
    next[a] = next[b];
    if (next[b] < n) prev[next[b]] = a;
    ++version[a];
    --segments;
    if (prev[a] < n) heap.emplace(cost(prev[a], a), prev[a], version[prev[a]], version[a]);
    if (next[a] < n) heap.emplace(cost(a, next[a]), a, version[a], version[next[a]]);
  }
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t < n; t = next[t]) out.push_back(first[t]);
  return out;
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

bool is_public(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::mdb:
    case ProviderKind::dfi:
    case ProviderKind::bilateral:
    case ProviderKind::multilateral_fund:
    case ProviderKind::export_credit:
    case ProviderKind::government: return true;
    case ProviderKind::commercial_bank:
    case ProviderKind::institutional:
    case ProviderKind::corporate: return false;
  }
  return false;
}

Tranche sponsor_equity(double rate) {
  Tranche t;
  t.kind = TrancheKind::equity;
  t.share = 1.0;
  t.rate = rate;
  return t;
}

const char* to_string(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::mdb: return "mdb";
    case ProviderKind::dfi: return "dfi";
    case ProviderKind::bilateral: return "bilateral";
    case ProviderKind::multilateral_fund: return "multilateral_fund";
    case ProviderKind::export_credit: return "export_credit";
    case ProviderKind::government: return "government";
    case ProviderKind::commercial_bank: return "commercial_bank";
    case ProviderKind::institutional: return "institutional";
    case ProviderKind::corporate: return "corporate";
  }
  return "?";
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


bool in_regions(const std::vector<int>& regions, int region) {
  return std::find(regions.begin(), regions.end(), region) != regions.end();
}

bool counts_toward_share(const Study& study, std::size_t p, std::size_t g) {
  const auto& pol = study.policies;
  const auto& gen = study.generators;
  if (!in_regions(pol.regions[p], gen.region[g]) || !study.carriers.renewable[static_cast<std::size_t>(gen.carrier[g])])
    return false;
  return pol.carriers[p].empty() ||
         std::find(pol.carriers[p].begin(), pol.carriers[p].end(), gen.carrier[g]) != pol.carriers[p].end();
}

}  // namespace silkgrid::model
