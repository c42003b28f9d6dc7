#include "cli/summary_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "model/aggregates.hpp"
#include "model/tracing.hpp"

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

std::string gw(double total_mw, double new_mw) {
  if (total_mw < 0.5) return "-";
  return new_mw >= 0.5 ? fmt::format("{:.2f}(+{:.2f})", total_mw / 1e3, new_mw / 1e3) : fmt::format("{:.2f}", total_mw / 1e3);
}
}  // namespace

std::string summary_table(const model::Study& study, const model::Results& r) {
  Lines line;
  const auto& w = study.time.weights;
  const std::size_t T = study.snapshots();
  const double hours = study.time.total_hours();
  line("{} — {} snapshots of {:g} h ({:.0f} h) — {}", study.settings.name, T, T ? w[0] : 0.0, hours, r.status);

  // Capacity by region and carrier, GW (new build in brackets).
  std::vector<std::string> kinds = study.carriers.name;
  kinds.push_back("storage");
  std::map<std::pair<std::size_t, std::size_t>, std::pair<double, double>> cap;  // (region, kind) → total, new
  const auto& g = study.generators;
  for (std::size_t i = 0; i < g.size(); ++i) {
    auto& c = cap[{static_cast<std::size_t>(g.region[i]), static_cast<std::size_t>(g.carrier[i])}];
    c.first += r.generator_capacity_mw[i];
    if (g.invest.extendable[i]) c.second += std::max(0.0, r.generator_capacity_mw[i] - g.invest.p_nom_mw[i]);
  }
  for (std::size_t i = 0; i < study.storage.size(); ++i) {
    auto& c = cap[{static_cast<std::size_t>(study.storage.region[i]), kinds.size() - 1}];
    c.first += r.storage_power_mw[i];
    if (study.storage.invest.extendable[i]) c.second += std::max(0.0, r.storage_power_mw[i] - study.storage.invest.p_nom_mw[i]);
  }
  std::set<std::size_t> used_kinds;
  for (const auto& [key, value] : cap)
    if (value.first >= 0.5) used_kinds.insert(key.second);
  line("");
  line("capacity, GW (new build in brackets)");
  std::string header = fmt::format("{:<8}", "region");
  for (std::size_t k : used_kinds) header += fmt::format(" {:>13}", kinds[k]);
  line("{}", header);
  for (std::size_t reg = 0; reg < study.regions.size(); ++reg) {
    std::string row = fmt::format("{:<8}", study.regions.name[reg]);
    for (std::size_t k : used_kinds) {
      const auto it = cap.find({reg, k});
      row += fmt::format(" {:>13}", it == cap.end() ? "-" : gw(it->second.first, it->second.second));
    }
    line("{}", row);
  }

  if (study.links.size() > 0) {
    line("");
    line("{:<22} {:<13} {:>13} {:>9} {:>9} {:>8}", "link", "from -> to", "GW (new)", "fwd TWh", "back TWh", "use");
    for (std::size_t k = 0; k < study.links.size(); ++k) {
      double fwd = 0, bwd = 0;
      for (std::size_t t = 0; t < T; ++t) {
        fwd += w[t] * r.link_forward(k, t);
        bwd += w[t] * r.link_backward(k, t);
      }
      const double capacity = r.link_capacity_mw[k];
      const double added = study.links.invest.extendable[k] ? std::max(0.0, capacity - study.links.invest.p_nom_mw[k]) : 0.0;
      line("{:<22} {:<13} {:>13} {:>9.2f} {:>9.2f} {:>7.1f}%", study.links.name[k],
           study.regions.name[static_cast<std::size_t>(study.links.from[k])] + "->" +
               study.regions.name[static_cast<std::size_t>(study.links.to[k])],
           gw(capacity, added), fwd / 1e6, bwd / 1e6, capacity > 0 ? 100.0 * (fwd + bwd) / (capacity * hours) : 0.0);
    }
  }

  if (study.markets.size() > 0) {
    line("");
    for (std::size_t m = 0; m < study.markets.size(); ++m)
      line("market {:<12} at {:<6} exports {:>7.2f} TWh for {:>8.1f} M EUR ({:.1f} EUR/MWh), imports {:.2f} TWh",
           study.markets.name[m], study.regions.name[static_cast<std::size_t>(study.markets.region[m])],
           r.market_exports_mwh[m] / 1e6, r.market_export_revenue_eur[m] / 1e6,
           r.market_exports_mwh[m] > 0 ? r.market_export_revenue_eur[m] / r.market_exports_mwh[m] : 0.0,
           r.market_imports_mwh[m] / 1e6);
    double gross_exports = 0, gross_imports = 0;
    for (std::size_t m = 0; m < study.markets.size(); ++m) {
      gross_exports += r.market_exports_mwh[m];
      gross_imports += r.market_imports_mwh[m];
    }
    line("trade with the markets: exports {:.2f} TWh, imports {:.2f} TWh, net exports {:.2f} TWh", gross_exports / 1e6,
         gross_imports / 1e6, (gross_exports - gross_imports) / 1e6);
    if (gross_exports > 0) {
      const model::ExportTrace trace = model::trace_exports(study, r);
      std::string parts;
      for (std::size_t o = 0; o < trace.origins.size(); ++o)
        if (trace.total_mwh[o] > 1e-6 * gross_exports)
          parts += fmt::format("{}{} {:.2f}", parts.empty() ? "" : ", ", trace.origins[o], trace.total_mwh[o] / 1e6);
      line("exports by origin (proportional sharing), TWh: {}", parts);
      const auto& et = study.export_targets;
      for (std::size_t i = 0; i < et.size(); ++i) {
        const model::ExportGoal goal = model::check_export_target(study, r, trace, i);
        const double through = goal.exports_mwh, own = goal.own_exports_mwh;
        if (et.country[i].empty())
          line("export goal {}: {:.2f} of {:.2f} TWh through its markets ({})", et.name[i], through / 1e6, et.twh[i],
               goal.met ? "met" : "not met");
        else
          line("export goal {}: {}'s own exports {:.2f} of {:.2f} TWh ({}; all exports through its markets {:.2f} TWh)",
               et.name[i], et.country[i], own / 1e6, et.twh[i], goal.met ? "met" : "not met", through / 1e6);
      }
    }
    if (r.cbam_cost_eur > 0) line("CBAM charge on flows into the CBAM area: {:.1f} M EUR", r.cbam_cost_eur / 1e6);
  }

  line("");
  line("{:<8} {:>10} {:>10} {:>11} {:>9} {:>11} {:>12}", "country", "load TWh", "gen TWh", "renewable", "CO2 Mt",
       "price EUR", "unserved MWh");
  for (const auto& c : model::by_country(study, r))
    line("{:<8} {:>10.2f} {:>10.2f} {:>10.1f}% {:>9.2f} {:>11} {:>12.1f}", c.country, c.load_mwh / 1e6,
         c.generation_mwh / 1e6, c.load_mwh > 0 ? 100.0 * c.renewable_mwh / c.load_mwh : 0.0, c.co2_t / 1e6,
         c.load_mwh > 0 ? fmt::format("{:.2f}", c.load_weighted_price_eur_per_mwh) : std::string("-"), c.unserved_mwh);

  line("");
  line("total cost {:.1f} M EUR/yr = capex {:.1f} + operating {:.1f} + imports {:.1f} - exports {:.1f} + unserved {:.1f}{}",
       r.objective_eur / 1e6, r.annualised_capex_eur / 1e6, r.operating_cost_eur / 1e6, r.import_cost_eur / 1e6,
       r.export_revenue_eur / 1e6, r.unserved_cost_eur / 1e6,
       r.cbam_cost_eur != 0 ? fmt::format(" + CBAM {:.1f}", r.cbam_cost_eur / 1e6) : std::string());
  line("CO2 {:.2f} Mt, curtailment {:.2f} TWh, unserved {:.1f} MWh", r.co2_t() / 1e6, r.curtailment_mwh() / 1e6,
       r.unserved_mwh());
  for (std::size_t p = 0; p < study.policies.size(); ++p) {
    const auto kind = study.policies.kind[p];
    const char* unit = kind == model::PolicyKind::co2_cap ? "EUR/t"
                       : kind == model::PolicyKind::min_renewable_share ? "EUR/MWh"
                                                                         : "EUR/MW-yr";
    line("policy {:<24} {:<20} shadow price {:.2f} {}", study.policies.name[p], model::to_string(kind),
         r.policy_shadow_price[p], unit);
  }
  return fmt::to_string(line.out);
}

std::string appraisal_table(const std::vector<model::ProjectAppraisal>& appraisals) {
  const auto pct = [](const std::optional<double>& v) { return v ? fmt::format("{:.1f}%", 100 * *v) : std::string("-"); };
  const auto num = [](const std::optional<double>& v, const char* f) {
    return v ? fmt::format(fmt::runtime(f), *v) : std::string("-");
  };
  std::string out = fmt::format("\n{:<26} {:>9} {:>10} {:>7} {:>9} {:>12} {:>8} {:>8} {:>6} {:>10} {:>9} {:>12}\n", "project",
                                "MW", "capex M€", "WACC", "LCOE €/MWh", "NPV M€", "IRR", "eq. IRR", "DSCR", "kt CO2/yr",
                                "€/t CO2", "value M€/yr");
  for (const auto& a : appraisals)
    out += fmt::format("{:<26} {:>9.0f} {:>10.1f} {:>6.2f}% {:>9.1f} {:>12.1f} {:>8} {:>8} {:>6} {:>10.1f} {:>9} {:>12}\n",
                       a.name.substr(0, 26), a.capacity_mw, a.capex_eur / 1e6, 100 * a.wacc, a.lcoe_eur_per_mwh,
                       a.npv_eur / 1e6, pct(a.project_irr), pct(a.equity_irr), num(a.dscr_min, "{:.2f}"),
                       a.co2_avoided_t_per_year / 1e3, num(a.abatement_cost_eur_per_t, "{:.0f}"),
                       a.system_value_eur_per_year ? fmt::format("{:.1f}", *a.system_value_eur_per_year / 1e6) : "-");
  return out;
}

}  // namespace silkgrid::cli
