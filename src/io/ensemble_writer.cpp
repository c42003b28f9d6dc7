#include "io/ensemble_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "io/output_dir.hpp"

namespace silkgrid::io {

namespace {

using ordered = nlohmann::ordered_json;

ordered stats_json(const reliability::Statistics& s) {
  return ordered{{"mean", s.mean}, {"std", s.std},   {"stderr", s.stderr_mean}, {"p10", s.p10},
                 {"p50", s.p50},   {"p90", s.p90},   {"worst", s.worst}};
}

std::string number(double v) { return fmt::format("{:.12g}", v); }

}  // namespace

void write_ensemble(const std::string& dir, const model::Study& study, const model::Capacities& capacities,
                    const EnsembleInfo& info, const std::vector<EnsembleYearRecord>& years) {
  const std::filesystem::path folder(dir);
  // Every figure's values over the years, in the order the first year gives them.
  struct Series {
    std::string scope, name, quantity;
    std::vector<double> values;
  };
  std::vector<Series> series;
  std::map<std::string, std::size_t> at;
  for (const auto& y : years)
    for (const auto& f : *y.figures) {
      const std::string key = f.scope + '\n' + f.name + '\n' + f.quantity;
      auto it = at.find(key);
      if (it == at.end()) {
        it = at.emplace(key, series.size()).first;
        series.push_back({f.scope, f.name, f.quantity, {}});
      }
      series[it->second].values.push_back(f.value);
    }

  ordered root;
  root["study"] = study.settings.name;
  root["years"] = years.size();
  root["seed"] = info.seed;
  root["outages"] = info.outages;
  root["capacities"] = info.capacities_from;
  root["finance"] = info.finance;
  ordered seeds = ordered::array();
  for (const auto& y : years) seeds.push_back(y.seed);
  root["year_seeds"] = seeds;
  for (const char* scope : {"system", "countries", "markets", "links", "projects"})
    root[scope] = ordered::object();
  for (const auto& s : series) {
    ordered& place = s.scope == "system" ? root["system"] : root[s.scope][s.name];
    place[s.quantity] = stats_json(reliability::statistics(s.values, reliability::low_is_bad(s.quantity)));
  }
  // What lenders read: the P50 and P90 levels (exceeded in 50 % and 90 % of years) of each
  // project's energy and revenue, its DSCR at P90 and how often its DSCR falls below 1.2 and 1.
  for (const auto& s : series) {
    if (s.scope != "projects") continue;
    ordered& p = root["projects"][s.name];
    if (s.quantity == "energy_mwh" || s.quantity == "revenue_eur") {
      p["p50_" + s.quantity] = reliability::percentile(s.values, 0.5);
      p["p90_" + s.quantity] = reliability::percentile(s.values, 0.1);
    }
    if (s.quantity == "dscr_min") {
      p["dscr_at_p90"] = reliability::percentile(s.values, 0.1);
      const auto share_below = [&](double x) {
        return static_cast<double>(std::count_if(s.values.begin(), s.values.end(), [x](double v) { return v < x; })) /
               static_cast<double>(s.values.size());
      };
      p["probability_dscr_below_1_2"] = share_below(1.2);
      p["probability_dscr_below_1_0"] = share_below(1.0);
    }
  }
  // The worst year: the most unserved energy (then the highest cost), and its critical week.
  const auto value = [&](const EnsembleYearRecord& y, const char* q) {
    for (const auto& f : *y.figures)
      if (f.scope == "system" && f.quantity == q) return f.value;
    return 0.0;
  };
  const EnsembleYearRecord* worst = years.empty() ? nullptr : &years.front();
  for (const auto& y : years) {
    const double a = value(y, "eens_mwh_per_year"), b = value(*worst, "eens_mwh_per_year");
    if (a > b + 1e-9 || (std::abs(a - b) <= 1e-9 && value(y, "dispatch_cost_eur") > value(*worst, "dispatch_cost_eur"))) worst = &y;
  }
  if (worst) {
    root["worst_year"] = ordered{{"index", worst->index},
                                 {"seed", worst->seed},
                                 {"eens_mwh", value(*worst, "eens_mwh_per_year")},
                                 {"dispatch_cost_eur", value(*worst, "dispatch_cost_eur")},
                                 {"critical_week_start", worst->week_time->empty() ? std::string() : worst->week_time->front()}};
  }
  write_file_atomically(folder / "ensemble.json", root.dump(2) + "\n");

  fmt::memory_buffer csv;
  fmt::format_to(std::back_inserter(csv), "year,seed,scope,name,quantity,value\n");
  for (const auto& y : years)
    for (const auto& f : *y.figures)
      fmt::format_to(std::back_inserter(csv), "{},{},{},{},{},{}\n", y.index, y.seed, f.scope, f.name, f.quantity, number(f.value));
  write_file_atomically(folder / "ensemble_years.csv", fmt::to_string(csv));

  fmt::memory_buffer week;
  fmt::format_to(std::back_inserter(week), "timestamp,load_mw,unserved_mw,wind_solar_mw,price_eur_per_mwh\n");
  if (worst)
    for (std::size_t t = 0; t < worst->week_time->size(); ++t)
      fmt::format_to(std::back_inserter(week), "{},{},{},{},{}\n", (*worst->week_time)[t], number((*worst->week_load)[t]),
                     number((*worst->week_unserved)[t]), number((*worst->week_wind_solar)[t]), number((*worst->week_price)[t]));
  write_file_atomically(folder / "critical_week.csv", fmt::to_string(week));


}

}  // namespace silkgrid::io
