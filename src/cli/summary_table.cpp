#include "cli/summary_table.hpp"

#include <fmt/format.h>

#include <numeric>

namespace silkgrid::cli {

namespace {
struct Lines {
  fmt::memory_buffer out;
  template <typename... Args>
  void operator()(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
    out.push_back('\n');
  }
};
}  // namespace

std::string summary_table(const model::Study& study, const model::Results& r) {
  Lines line;
  line("{} — {} snapshots, {:.0f} h — {}", study.settings.name, study.snapshots(), study.time.total_hours(), r.status);
  line("");
  line("{:<28} {:<10} {:<12} {:>12} {:>12} {:>14}", "asset", "region", "carrier", "existing MW", "optimal MW", "energy GWh");
  const auto& g = study.generators;
  for (std::size_t i = 0; i < g.size(); ++i)
    line("{:<28} {:<10} {:<12} {:>12.1f} {:>12.1f} {:>14.1f}", g.name[i],
         study.regions.name[static_cast<std::size_t>(g.region[i])], study.carriers.name[static_cast<std::size_t>(g.carrier[i])],
         g.invest.p_nom_mw[i], r.generator_capacity_mw[i], r.generator_energy_mwh[i] / 1e3);
  for (std::size_t i = 0; i < study.storage.size(); ++i)
    line("{:<28} {:<10} {:<12} {:>12.1f} {:>12.1f} {:>14}", study.storage.name[i],
         study.regions.name[static_cast<std::size_t>(study.storage.region[i])], "storage",
         study.storage.invest.p_nom_mw[i], r.storage_power_mw[i], fmt::format("{:.0f} MWh", r.storage_energy_mwh[i]));
  if (study.links.size() > 0) {
    line("");
    line("{:<28} {:<23} {:>12} {:>12} {:>14}", "link", "from -> to", "existing MW", "optimal MW", "utilisation");
    const double hours = study.time.total_hours();
    for (std::size_t k = 0; k < study.links.size(); ++k) {
      double flow = 0;
      for (std::size_t t = 0; t < study.snapshots(); ++t)
        flow += study.time.weights[t] * (r.link_forward(k, t) + r.link_backward(k, t));
      const double cap = r.link_capacity_mw[k];
      line("{:<28} {:<23} {:>12.1f} {:>12.1f} {:>13.1f}%", study.links.name[k],
           study.regions.name[static_cast<std::size_t>(study.links.from[k])] + " -> " +
               study.regions.name[static_cast<std::size_t>(study.links.to[k])],
           study.links.invest.p_nom_mw[k], cap, cap > 0 ? 100.0 * flow / (cap * hours) : 0.0);
    }
  }
  if (study.markets.size() > 0) {
    line("");
    for (std::size_t m = 0; m < study.markets.size(); ++m)
      line("market {:<21} exports {:>10.1f} GWh ({:.1f} M EUR), imports {:.1f} GWh", study.markets.name[m],
           r.market_exports_mwh[m] / 1e3, r.market_export_revenue_eur[m] / 1e6, r.market_imports_mwh[m] / 1e3);
  }
  line("");
  line("{:<12} {:>14} {:>12} {:>12}", "region", "mean price", "CO2 kt", "unserved MWh");
  for (std::size_t i = 0; i < study.regions.size(); ++i) {
    double mean = 0;
    for (std::size_t t = 0; t < study.snapshots(); ++t) mean += study.time.weights[t] * r.region_price(i, t);
    mean /= study.time.total_hours();
    line("{:<12} {:>10.2f} EUR {:>12.1f} {:>12.1f}", study.regions.name[i], mean, r.region_co2_t[i] / 1e3,
         r.region_unserved_mwh[i]);
  }
  line("");
  line("total cost {:.4f} M EUR = capex {:.4f} + operating {:.4f} + imports {:.4f} - exports {:.4f} + unserved {:.4f}",
       r.objective_eur / 1e6, r.annualised_capex_eur / 1e6, r.operating_cost_eur / 1e6, r.import_cost_eur / 1e6,
       r.export_revenue_eur / 1e6, r.unserved_cost_eur / 1e6);
  line("CO2 {:.1f} kt, curtailment {:.1f} GWh, unserved {:.1f} MWh", r.co2_t() / 1e3, r.curtailment_mwh() / 1e3,
       r.unserved_mwh());
  for (std::size_t p = 0; p < study.policies.size(); ++p)
    line("policy {} ({}): value {:.6g}, limit {:.6g}, shadow price {:.4g}", study.policies.name[p],
         model::to_string(study.policies.kind[p]), r.policy_value[p], study.policies.value[p], r.policy_shadow_price[p]);
  return fmt::to_string(line.out);
}

}  // namespace silkgrid::cli
