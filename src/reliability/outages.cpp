#include "reliability/outages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "weather/random.hpp"

namespace silkgrid::reliability {

namespace {

const char* kind_name(model::OutageAssetKind k) {
  switch (k) {
    case model::OutageAssetKind::generator: return "generator";
    case model::OutageAssetKind::link: return "link";
    case model::OutageAssetKind::line: return "line";
  }
  return "asset";
}

const std::string& name_of(const model::Study& s, std::size_t e) {
  const auto i = static_cast<std::size_t>(s.outages.index[e]);
  switch (s.outages.kind[e]) {
    case model::OutageAssetKind::generator: return s.generators.name[i];
    case model::OutageAssetKind::link: return s.links.name[i];
    case model::OutageAssetKind::line: return s.lines.name[i];
  }
  return s.generators.name[i];
}

double capacity_of(const model::Study& s, std::size_t e) {
  const auto i = static_cast<std::size_t>(s.outages.index[e]);
  switch (s.outages.kind[e]) {
    case model::OutageAssetKind::generator: return s.generators.invest.p_nom_mw[i];
    case model::OutageAssetKind::link: return s.links.invest.p_nom_mw[i];
    case model::OutageAssetKind::line: return s.lines.invest.p_nom_mw[i];
  }
  return 0;
}

double length_of(const model::Study& s, std::size_t e) {
  const auto i = static_cast<std::size_t>(s.outages.index[e]);
  switch (s.outages.kind[e]) {
    case model::OutageAssetKind::link: return s.links.length_km[i];
    case model::OutageAssetKind::line: return s.lines.length_km[i];
    default: return 0;
  }
}

// A new column of the time series: base(t) × share(t); the profile then points at it.
void scale_profile(model::Study& study, model::Profile& p, const std::vector<double>& share, const std::string& name) {
  std::vector<double> values(share.size());
  for (std::size_t t = 0; t < share.size(); ++t) values[t] = p.at(study.series, t) * share[t];
  study.series.names.push_back(name);
  study.series.values.push_back(std::move(values));
  p = model::Profile{0.0, static_cast<int>(study.series.names.size() - 1), 1.0};
}

}  // namespace

std::string asset_label(const model::Study& study, std::size_t e) {
  return fmt::format("{} {}", kind_name(study.outages.kind[e]), name_of(study, e));
}

UnitChain unit_chain(const model::OutageSpec& spec, double length_km) {
  UnitChain c;
  c.repair_h = std::max(1.0, spec.mean_time_to_repair_h);
  if (model::is_given(spec.failures_per_year)) {
    const double lambda = spec.failures_per_year * (spec.per_100km ? length_km / 100.0 : 1.0);
    c.unavailability = lambda * c.repair_h / (8760.0 + lambda * c.repair_h);
  } else {
    c.unavailability = spec.forced_outage_rate;
  }
  return c;
}

std::vector<char> draw_unit(const UnitChain& c, std::size_t hours, std::uint64_t seed) {
  std::vector<char> up(hours, 1);
  if (c.unavailability <= 0) return up;
  weather::Random rng(seed);
  const double repair = 1.0 / c.repair_h;
  const double failure = std::min(1.0, c.unavailability / (1 - c.unavailability) * repair);
  bool in_service = rng.uniform() >= c.unavailability;  // the stationary distribution
  for (std::size_t h = 0; h < hours; ++h) {
    if (h > 0) in_service = in_service ? rng.uniform() >= failure : rng.uniform() < repair;
    up[h] = in_service ? 1 : 0;
  }
  return up;
}

Availability draw(const model::Study& study, std::uint64_t seed, bool forced) {
  const std::size_t T = study.snapshots();
  // Each snapshot covers whole hours from its start (weights rounded up; at least one).
  std::vector<std::size_t> first(T + 1, 0);
  for (std::size_t t = 0; t < T; ++t)
    first[t + 1] = first[t] + static_cast<std::size_t>(std::max(1.0, std::ceil(study.time.weights[t] - 1e-9)));
  const std::size_t H = first[T];
  std::vector<std::size_t> snapshot_of(H);
  for (std::size_t t = 0; t < T; ++t)
    for (std::size_t h = first[t]; h < first[t + 1]; ++h) snapshot_of[h] = t;

  // The load of each hour (its snapshot's), for placing maintenance.
  std::vector<double> load(H, 0.0);
  for (std::size_t h = 0; h < H; ++h)
    for (std::size_t l = 0; l < study.loads.size(); ++l) load[h] += study.loads.p_mw[l].at(study.series, snapshot_of[h]);
  std::vector<double> maintained(H, 0.0);  // MW out for maintenance so far, hour by hour

  Availability out;
  for (std::size_t e = 0; e < study.outages.size(); ++e) {
    const auto& spec = study.outages.spec[e];
    const UnitChain chain = unit_chain(spec, length_of(study, e));
    const auto block = static_cast<std::size_t>(std::llround(spec.maintenance_weeks * 168.0));
    const double unit_mw = capacity_of(study, e) / spec.units;
    std::vector<double> in_service(H, 0.0);
    for (int u = 0; u < spec.units; ++u) {
      std::vector<char> up = forced ? draw_unit(chain, H, weather::stream_seed(seed, fmt::format("outage:{}:{}", asset_label(study, e), u)))
                                    : std::vector<char>(H, 1);
      if (forced && spec.converter_forced_outage_rate > 0) {
        // The circuit's converters, in series: it is in service when both are.
        const auto converters = draw_unit({spec.converter_forced_outage_rate, spec.converter_mean_time_to_repair_h}, H,
                                          weather::stream_seed(seed, fmt::format("converter:{}:{}", asset_label(study, e), u)));
        for (std::size_t h = 0; h < H; ++h) up[h] = static_cast<char>(up[h] && converters[h]);
      }
      if (block > 0 && block <= H) {
        // The levelised-reserve rule: the window starting at a week whose load plus the capacity
        // already in maintenance is least (the first such window on ties).
        std::size_t best = 0;
        double best_score = std::numeric_limits<double>::infinity();
        for (std::size_t s = 0; s + block <= H; s += 168) {
          double score = 0;
          for (std::size_t h = s; h < s + block; ++h) score += load[h] + maintained[h];
          if (!(best_score < std::numeric_limits<double>::infinity()) || score < best_score - 1e-9 * std::abs(best_score))
            best_score = score, best = s;
        }
        for (std::size_t h = best; h < best + block; ++h) up[h] = 0, maintained[h] += unit_mw;
      }
      for (std::size_t h = 0; h < H; ++h) in_service[h] += up[h];
    }
    std::vector<double> share(T, 0.0);
    for (std::size_t t = 0; t < T; ++t) {
      double sum = 0;
      for (std::size_t h = first[t]; h < first[t + 1]; ++h) sum += in_service[h];
      share[t] = sum / static_cast<double>((first[t + 1] - first[t]) * static_cast<std::size_t>(spec.units));
    }
    out.share.push_back(std::move(share));
    out.expected.push_back((1.0 - chain.unavailability) * (1.0 - spec.converter_forced_outage_rate));
  }
  return out;
}

void apply(model::Study& study, const Availability& a) {
  for (std::size_t e = 0; e < study.outages.size(); ++e) {
    const auto& share = a.share[e];
    if (std::all_of(share.begin(), share.end(), [](double x) { return x == 1.0; })) continue;
    const auto i = static_cast<std::size_t>(study.outages.index[e]);
    const std::string label = asset_label(study, e);
    switch (study.outages.kind[e]) {
      case model::OutageAssetKind::generator:
        scale_profile(study, study.generators.p_max_pu[i], share, label + " p_max_pu in service");
        if (!(study.generators.p_min_pu[i].is_constant() && study.generators.p_min_pu[i].constant == 0))
          scale_profile(study, study.generators.p_min_pu[i], share, label + " p_min_pu in service");
        break;
      case model::OutageAssetKind::link:
        scale_profile(study, study.links.p_max_pu[i], share, label + " p_max_pu in service");
        if (!(study.links.p_min_pu[i].is_constant() && study.links.p_min_pu[i].constant == 0))
          scale_profile(study, study.links.p_min_pu[i], share, label + " p_min_pu in service");
        break;
      case model::OutageAssetKind::line:
        scale_profile(study, study.lines.availability[i], share, label + " in service");
        break;
    }
  }
}

}  // namespace silkgrid::reliability
