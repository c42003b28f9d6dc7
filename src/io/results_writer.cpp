#include "io/results_writer.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <algorithm>
#include <numeric>

#include "io/builtin.hpp"
#include "io/output_dir.hpp"
#include "model/aggregates.hpp"
#include "model/cbam.hpp"
#include "model/costs.hpp"
#include "model/tracing.hpp"

namespace silkgrid::io {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

double round_to(double v, double digits = 1e6) { return std::round(v * digits) / digits; }

// Names are unique per component kind only (in PyPSA a line and a transformer may both be "2"),
// so every result is keyed by kind and name.
const char* line_kind(const model::Study& study, std::size_t i) { return study.lines.transformer[i] ? "transformer" : "line"; }
const char* storage_kind(const model::Study& study, std::size_t i) { return study.storage.energy_only[i] ? "store" : "storage"; }
bool has_transformers(const model::Study& study) {
  return std::any_of(study.lines.transformer.begin(), study.lines.transformer.end(), [](char t) { return t != 0; });
}
bool has_stores(const model::Study& study) {
  return std::any_of(study.storage.energy_only.begin(), study.storage.energy_only.end(), [](char e) { return e != 0; });
}

// A time-series CSV: timestamp, weight_h, then one column per (header, value-of-t) pair.
struct Column {
  std::string header;
  std::function<double(std::size_t)> value;
};

std::string time_csv(const model::Study& study, const std::vector<Column>& columns) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "timestamp,weight_h");
  for (const auto& c : columns) fmt::format_to(std::back_inserter(out), ",{}", c.header);
  out.push_back('\n');
  for (std::size_t t = 0; t < study.snapshots(); ++t) {
    fmt::format_to(std::back_inserter(out), "{},{}", study.time.timestamps[t], study.time.weights[t]);
    for (const auto& c : columns) fmt::format_to(std::back_inserter(out), ",{:.10g}", c.value(t) + 0.0);
    out.push_back('\n');
  }
  return fmt::to_string(out);
}

Column matrix_column(std::string header, const model::Matrix& m, std::size_t i) {
  return Column{std::move(header), [&m, i](std::size_t t) { return m(i, t); }};
}

std::string capacities_csv(const model::Study& study, const model::Results& r) {
  fmt::memory_buffer out;
  auto row = [&](const std::string& name, const char* kind, const std::string& where, const std::string& carrier,
                 bool ext, double existing, double optimal, double energy, double annuity) {
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{:.10g},{:.10g},{:.10g},{},{:.10g}\n", name, kind, where,
                   carrier, ext ? "true" : "false", existing, optimal, std::max(0.0, optimal - existing),
                   energy >= 0 ? fmt::format("{:.10g}", energy) : std::string(), annuity);
  };
  fmt::format_to(std::back_inserter(out),
                 "asset,kind,region,carrier,extendable,existing_mw,optimal_mw,new_mw,energy_capacity_mwh,"
                 "annuity_eur_per_mw_year\n");
  const auto& g = study.generators;
  for (std::size_t i = 0; i < g.size(); ++i)
    row(g.name[i], "generator", study.regions.name[static_cast<std::size_t>(g.region[i])],
        study.carriers.name[static_cast<std::size_t>(g.carrier[i])], g.invest.extendable[i], g.invest.p_nom_mw[i],
        r.generator_capacity_mw[i], -1, r.generator_annuity_eur_per_mw_year[i]);
  const auto& l = study.links;
  for (std::size_t i = 0; i < l.size(); ++i)
    row(l.name[i], "link",
        study.regions.name[static_cast<std::size_t>(l.from[i])] + "->" + study.regions.name[static_cast<std::size_t>(l.to[i])],
        "", l.invest.extendable[i], l.invest.p_nom_mw[i], r.link_capacity_mw[i], -1,
        r.link_annuity_eur_per_mw_year[i]);
  const auto& ln = study.lines;
  for (std::size_t i = 0; i < ln.size(); ++i)
    row(ln.name[i], line_kind(study, i),
        study.regions.name[static_cast<std::size_t>(ln.from[i])] + "->" + study.regions.name[static_cast<std::size_t>(ln.to[i])],
        ln.kind[i] == model::LineKind::ac ? "AC" : "DC", ln.invest.extendable[i], ln.invest.p_nom_mw[i], r.line_capacity_mw[i], -1,
        r.line_annuity_eur_per_mw_year[i]);
  const auto& s = study.storage;
  for (std::size_t i = 0; i < s.size(); ++i)
    row(s.name[i], storage_kind(study, i), study.regions.name[static_cast<std::size_t>(s.region[i])],
        s.carrier[i] >= 0 ? study.carriers.name[static_cast<std::size_t>(s.carrier[i])] : std::string(),
        s.invest.extendable[i], s.invest.p_nom_mw[i], r.storage_power_mw[i], r.storage_energy_mwh[i],
        r.storage_annuity_eur_per_mw_year[i]);
  return fmt::to_string(out);
}

}  // namespace

json summary_json(const model::Study& study, const model::Results& r) {
  const std::size_t T = study.snapshots();
  const auto& w = study.time.weights;
  json j;
  j["study"] = study.settings.name;
  j["scenario"] = study.settings.scenario.empty() ? json(nullptr) : json(study.settings.scenario);
  j["weather_years"] = study.weather_years;  // stacked with equal weight (run --weather-years)
  j["status"] = r.status;
  j["objective_eur"] = r.objective_eur;
  j["fixed_cost_existing_eur"] = r.fixed_cost_existing_eur;
  j["annualised_capex_eur"] = r.annualised_capex_eur;
  j["operating_cost_eur"] = r.operating_cost_eur;
  j["import_cost_eur"] = r.import_cost_eur;
  j["export_revenue_total_eur"] = r.export_revenue_eur;
  j["unserved_cost_eur"] = r.unserved_cost_eur;
  j["cbam_cost_eur"] = r.cbam_cost_eur;
  j["snapshots"] = T;
  j["hours"] = study.time.total_hours();

  // Per asset, by kind: {"generator": {name: MW}, "link": ..., "line": ..., "transformer": ...,
  // "storage": ..., "store": ...} (energy capacity: "storage" and "store" only).
  json capacity = json::object(), new_capacity = json::object(), energy_capacity = json::object();
  for (const char* kind : {"generator", "link", "line", "transformer", "storage", "store"}) {
    capacity[kind] = json::object();
    new_capacity[kind] = json::object();
  }
  for (const char* kind : {"storage", "store"}) energy_capacity[kind] = json::object();
  const auto& g = study.generators;
  for (std::size_t i = 0; i < g.size(); ++i) {
    capacity["generator"][g.name[i]] = r.generator_capacity_mw[i];
    if (g.invest.extendable[i])
      new_capacity["generator"][g.name[i]] = std::max(0.0, r.generator_capacity_mw[i] - g.invest.p_nom_mw[i]);
  }
  for (std::size_t i = 0; i < study.links.size(); ++i) {
    capacity["link"][study.links.name[i]] = r.link_capacity_mw[i];
    if (study.links.invest.extendable[i])
      new_capacity["link"][study.links.name[i]] = std::max(0.0, r.link_capacity_mw[i] - study.links.invest.p_nom_mw[i]);
  }
  for (std::size_t i = 0; i < study.lines.size(); ++i) {
    const char* kind = line_kind(study, i);
    capacity[kind][study.lines.name[i]] = r.line_capacity_mw[i];
    if (study.lines.invest.extendable[i])
      new_capacity[kind][study.lines.name[i]] = std::max(0.0, r.line_capacity_mw[i] - study.lines.invest.p_nom_mw[i]);
  }
  for (std::size_t i = 0; i < study.storage.size(); ++i) {
    const char* kind = storage_kind(study, i);
    capacity[kind][study.storage.name[i]] = r.storage_power_mw[i];
    energy_capacity[kind][study.storage.name[i]] = r.storage_energy_mwh[i];
    if (study.storage.invest.extendable[i])
      new_capacity[kind][study.storage.name[i]] = std::max(0.0, r.storage_power_mw[i] - study.storage.invest.p_nom_mw[i]);
  }
  j["capacity_mw"] = capacity;
  j["energy_capacity_mwh"] = energy_capacity;
  j["new_capacity_mw"] = new_capacity;

  json energy = json::object(), curtail = json::object();
  for (std::size_t i = 0; i < g.size(); ++i) {
    energy[g.name[i]] = r.generator_energy_mwh[i];
    if (study.carriers.renewable[static_cast<std::size_t>(g.carrier[i])]) curtail[g.name[i]] = r.generator_curtailment_mwh[i];
  }
  j["energy_mwh"] = energy;
  j["unserved_mwh"] = r.unserved_mwh();
  j["curtailment_mwh"] = r.curtailment_mwh();
  j["curtailment_mwh_by_generator"] = curtail;
  j["co2_t"] = r.co2_t();

  json exports = json::object(), revenue = json::object(), imports = json::object(), import_cost = json::object(),
       net = json::object(), cbam_market = json::object(), cbam_link = json::object();
  double net_total = 0;
  for (std::size_t i = 0; i < study.markets.size(); ++i) {
    exports[study.markets.name[i]] = r.market_exports_mwh[i];
    revenue[study.markets.name[i]] = r.market_export_revenue_eur[i];
    imports[study.markets.name[i]] = r.market_imports_mwh[i];
    import_cost[study.markets.name[i]] = r.market_import_cost_eur[i];
    net[study.markets.name[i]] = r.market_exports_mwh[i] - r.market_imports_mwh[i];
    net_total += r.market_exports_mwh[i] - r.market_imports_mwh[i];
    if (i < r.market_cbam_cost_eur.size() && study.markets.pays_cbam(i)) cbam_market[study.markets.name[i]] = r.market_cbam_cost_eur[i];
  }
  for (std::size_t k = 0; k < r.link_cbam_cost_eur.size(); ++k)
    if (model::link_cbam_eur_per_mwh(study, k, true) > 0 || model::link_cbam_eur_per_mwh(study, k, false) > 0)
      cbam_link[study.links.name[k]] = r.link_cbam_cost_eur[k];
  // Gross (exports_mwh, imports_mwh) and net trade with the external markets.
  j["net_exports_mwh"] = net_total;
  j["net_exports_mwh_by_market"] = net;
  j["cbam_cost_eur_by_market"] = cbam_market;
  j["cbam_cost_eur_by_link"] = cbam_link;
  j["exports_mwh"] = exports;
  j["export_revenue_eur"] = revenue;
  j["imports_mwh"] = imports;
  j["import_cost_eur_by_market"] = import_cost;

  json links = json::array();
  for (std::size_t k = 0; k < study.links.size(); ++k) {
    // A reversible (PyPSA) link's negative flow is sent backwards: η·|f| leave `to` and |f|
    // reach `from` (PyPSA applies the efficiency both ways, so that "loss" is negative).
    double fwd = 0, bwd = 0, losses = 0, used = 0;
    const double eta = study.links.efficiency[k];
    for (std::size_t t = 0; t < T; ++t) {
      const double f = r.link_forward(k, t), b = r.link_backward(k, t);
      if (f >= 0) fwd += w[t] * f;
      else bwd += w[t] * eta * -f;
      bwd += w[t] * b;
      losses += w[t] * (1 - eta) * (f + b);
      used += w[t] * (std::abs(f) + b);
    }
    const double cap = r.link_capacity_mw[k];
    const double hours = study.time.total_hours();
    links.push_back({{"name", study.links.name[k]},
                     {"from", study.regions.name[static_cast<std::size_t>(study.links.from[k])]},
                     {"to", study.regions.name[static_cast<std::size_t>(study.links.to[k])]},
                     {"capacity_mw", cap},
                     {"efficiency", eta},
                     {"forward_mwh", fwd},
                     {"backward_mwh", bwd},
                     {"losses_mwh", losses},
                     {"utilisation", cap > 0 ? used / (cap * hours) : 0.0}});
  }
  j["links"] = links;

  json regions = json::array();
  for (std::size_t i = 0; i < study.regions.size(); ++i) {
    double weighted = 0;
    for (std::size_t t = 0; t < T; ++t) weighted += w[t] * r.region_load(i, t) * r.region_price(i, t);
    double mean_price = 0;
    for (std::size_t t = 0; t < T; ++t) mean_price += w[t] * r.region_price(i, t);
    mean_price /= study.time.total_hours();
    regions.push_back({{"name", study.regions.name[i]},
                       {"country", study.regions.country[i]},
                       {"load_mwh", r.region_load_mwh[i]},
                       {"unserved_mwh", r.region_unserved_mwh[i]},
                       {"co2_t", r.region_co2_t[i]},
                       {"average_price_eur_per_mwh", mean_price},
                       {"load_weighted_price_eur_per_mwh", r.region_load_mwh[i] > 0 ? weighted / r.region_load_mwh[i] : mean_price}});
  }
  j["regions"] = regions;

  json countries = json::array();
  for (const auto& c : model::by_country(study, r))
    countries.push_back({{"country", c.country},
                         {"load_mwh", c.load_mwh},
                         {"generation_mwh", c.generation_mwh},
                         {"renewable_mwh", c.renewable_mwh},
                         {"co2_t", c.co2_t},
                         {"unserved_mwh", c.unserved_mwh},
                         {"load_weighted_price_eur_per_mwh", c.load_weighted_price_eur_per_mwh}});
  j["countries"] = countries;

  json policies = json::array();
  for (std::size_t p = 0; p < study.policies.size(); ++p) {
    const auto kind = study.policies.kind[p];
    const char* unit = kind == model::PolicyKind::co2_cap ? "eur_per_t"
                       : kind == model::PolicyKind::min_renewable_share ? "eur_per_mwh"
                                                                         : "eur_per_mw_year";
    policies.push_back({{"name", study.policies.name[p]},
                        {"kind", model::to_string(kind)},
                        {"limit", study.policies.value[p]},
                        {"value", r.policy_value[p]},
                        {fmt::format("shadow_price_{}", unit), r.policy_shadow_price[p]}});
  }
  j["policies"] = policies;
  // Exports by country of origin (proportional sharing, model/tracing.hpp).
  const model::ExportTrace trace = model::trace_exports(study, r);
  json origin = json::object(), origin_by_market = json::object();
  for (std::size_t o = 0; o < trace.origins.size(); ++o) origin[trace.origins[o]] = trace.total_mwh[o];
  for (std::size_t m = 0; m < study.markets.size(); ++m) {
    json x = json::object();
    for (std::size_t o = 0; o < trace.origins.size(); ++o)
      if (trace.by_market_mwh[m][o] != 0.0) x[trace.origins[o]] = trace.by_market_mwh[m][o];
    origin_by_market[study.markets.name[m]] = x;
  }
  j["exports_by_origin_mwh"] = origin;
  j["exports_by_origin_mwh_by_market"] = origin_by_market;
  json targets = json::array();
  for (std::size_t i = 0; i < study.export_targets.size(); ++i) {
    const std::string& country = study.export_targets.country[i];
    const model::ExportGoal goal = model::check_export_target(study, r, trace, i);
    json t = {{"name", study.export_targets.name[i]}, {"target_twh", study.export_targets.twh[i]}, {"exports_twh", goal.exports_mwh / 1e6}};
    // A country's goal is met by its own power only: its traced exports through the target's markets.
    t["country"] = country.empty() ? json(nullptr) : json(country);
    t["country_exports_twh"] = country.empty() ? json(nullptr) : json(goal.own_exports_mwh / 1e6);
    t["met"] = goal.met;
    targets.push_back(t);
  }
  j["export_targets"] = targets;

  j["lp"] = {{"rows", r.lp.rows},
             {"cols", r.lp.cols},
             {"nonzeros", r.lp.nonzeros},
             {"matrix_range", {r.lp.matrix_min, r.lp.matrix_max}},
             {"cost_range", {r.lp.cost_min, r.lp.cost_max}},
             {"iterations", r.iterations}};
  if (r.decomposition) {
    const auto& d = *r.decomposition;
    j["decomposition"] = {{"method", d.method},
                          {"why", d.why},
                          {"subperiods", d.subperiods},
                          {"subperiod_hours", d.subperiod_hours},
                          {"iterations", d.iterations.size()},
                          {"lower_bound_eur", d.lower_bound_eur},
                          {"upper_bound_eur", d.upper_bound_eur},
                          {"gap", d.gap},
                          {"converged", d.converged},
                          {"penalty_eur", d.penalty_eur},
                          {"stabilisation", d.stabilisation},
                          {"warm_start", d.warm},
                          {"threads", d.threads},
                          {"ranks", d.ranks}};
  } else {
    j["decomposition"] = nullptr;
  }
  j["timings_s"] = {{"read", round_to(r.timings.read_s)},
                    {"build", round_to(r.timings.build_s)},
                    {"solve", round_to(r.timings.solve_s)},
                    {"extract", round_to(r.timings.extract_s)},
                    {"write", round_to(r.timings.write_s)}};
  return j;
}

json study_json(const model::Study& study) {
  json s;
  s["name"] = study.settings.name;
  s["file"] = study.file;
  s["scenario"] = study.settings.scenario.empty() ? json(nullptr) : json(study.settings.scenario);
  s["scenarios"] = study.settings.scenarios;
  const auto number_or_null = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
  s["regions"] = json::array();
  for (std::size_t i = 0; i < study.regions.size(); ++i)
    s["regions"].push_back({{"name", study.regions.name[i]}, {"country", study.regions.country[i]},
                            {"lat", number_or_null(study.regions.lat[i])}, {"lon", number_or_null(study.regions.lon[i])}});
  s["carriers"] = json::array();
  for (std::size_t i = 0; i < study.carriers.size(); ++i)
    s["carriers"].push_back({{"name", study.carriers.name[i]}, {"renewable", study.carriers.renewable[i] != 0},
                             {"co2_t_per_mwh_fuel", study.carriers.co2_t_per_mwh_fuel[i]}});
  const auto region = [&](int r) { return study.regions.name[static_cast<std::size_t>(r)]; };
  s["generators"] = json::array();
  for (std::size_t i = 0; i < study.generators.size(); ++i)
    s["generators"].push_back({{"name", study.generators.name[i]}, {"region", region(study.generators.region[i])},
                               {"carrier", study.carriers.name[static_cast<std::size_t>(study.generators.carrier[i])]}});
  s["links"] = json::array();
  for (std::size_t i = 0; i < study.links.size(); ++i)
    s["links"].push_back({{"name", study.links.name[i]}, {"from", region(study.links.from[i])}, {"to", region(study.links.to[i])},
                          {"kind", model::to_string(study.links.kind[i])}, {"length_km", study.links.length_km[i]},
                          {"efficiency", study.links.efficiency[i]}});
  s["lines"] = json::array();
  for (std::size_t i = 0; i < study.lines.size(); ++i)
    s["lines"].push_back({{"name", study.lines.name[i]}, {"kind", line_kind(study, i)}, {"from", region(study.lines.from[i])},
                          {"to", region(study.lines.to[i])}});
  s["storage"] = json::array();
  for (std::size_t i = 0; i < study.storage.size(); ++i)
    s["storage"].push_back(
        {{"name", study.storage.name[i]}, {"kind", storage_kind(study, i)}, {"region", region(study.storage.region[i])}});
  s["markets"] = json::array();
  for (std::size_t i = 0; i < study.markets.size(); ++i)
    s["markets"].push_back({{"name", study.markets.name[i]}, {"region", region(study.markets.region[i])}});
  s["policies"] = json::array();
  for (std::size_t i = 0; i < study.policies.size(); ++i) {
    json regions = json::array();
    for (int r : study.policies.regions[i]) regions.push_back(region(r));
    s["policies"].push_back({{"name", study.policies.name[i]}, {"kind", model::to_string(study.policies.kind[i])},
                             {"regions", regions}, {"value", study.policies.value[i]}});
  }
  s["export_targets"] = json::array();
  for (std::size_t i = 0; i < study.export_targets.size(); ++i) {
    json markets = json::array();
    for (int m : study.export_targets.markets[i]) markets.push_back(study.markets.name[static_cast<std::size_t>(m)]);
    s["export_targets"].push_back({{"name", study.export_targets.name[i]}, {"markets", markets},
                                   {"country", study.export_targets.country[i]},
                                   {"twh", study.export_targets.twh[i]}, {"note", study.export_targets.note[i]}});
  }
  // The study's assumptions, where an ASSUMPTIONS.md stands beside the study file.
  std::string assumptions;
  const std::string prefix(builtin_prefix);
  if (study.file.rfind(prefix, 0) == 0) {
    const std::string relative = study.file.substr(prefix.size());
    const auto slash = relative.rfind('/');
    if (const auto text = find_builtin((slash == std::string::npos ? "" : relative.substr(0, slash + 1)) + "ASSUMPTIONS.md"))
      assumptions = std::string(*text);
  } else {
    const fs::path beside = fs::path(study.file).parent_path() / "ASSUMPTIONS.md";
    std::error_code ec;
    if (fs::exists(beside, ec)) {
      std::ifstream in(beside);
      std::stringstream text;
      text << in.rdbuf();
      assumptions = text.str();
    }
  }
  s["assumptions"] = assumptions.empty() ? json(nullptr) : json(assumptions);
  return s;
}

json welfare_json(const model::Welfare& w) {
  json countries = json::object();
  double cs = 0, ps = 0, cr = 0, mr = 0, pr = 0;
  for (const auto& c : w.countries) {
    countries[c.country] = json{{"consumer_surplus_eur", c.consumer_surplus_eur},
                                {"producer_surplus_eur", c.producer_surplus_eur},
                                {"congestion_rent_eur", c.congestion_rent_eur},
                                {"market_rent_eur", c.market_rent_eur},
                                {"policy_rent_eur", c.policy_rent_eur},
                                {"welfare_eur", c.welfare_eur()},
                                {"consumer_payment_eur", c.consumer_payment_eur},
                                {"unserved_cost_eur", c.unserved_cost_eur},
                                {"investment_eur", c.investment_eur},
                                {"load_mwh", c.load_mwh},
                                {"served_mwh", c.served_mwh}};
    cs += c.consumer_surplus_eur;
    ps += c.producer_surplus_eur;
    cr += c.congestion_rent_eur;
    mr += c.market_rent_eur;
    pr += c.policy_rent_eur;
  }
  return json{{"countries", countries},
              {"total", json{{"consumer_surplus_eur", cs},
                             {"producer_surplus_eur", ps},
                             {"congestion_rent_eur", cr},
                             {"market_rent_eur", mr},
                             {"policy_rent_eur", pr},
                             {"welfare_eur", w.total_eur()}}},
              {"objective_eur", w.objective_eur},
              {"identity_gap_eur", w.identity_gap_eur()}};
}

std::string welfare_csv(const model::Welfare& w) {
  fmt::memory_buffer csv;
  fmt::format_to(std::back_inserter(csv),
                 "country,consumer_surplus_eur,producer_surplus_eur,congestion_rent_eur,market_rent_eur,policy_rent_eur,"
                 "welfare_eur,consumer_payment_eur,unserved_cost_eur,investment_eur,load_mwh,served_mwh\n");
  for (const auto& c : w.countries)
    fmt::format_to(std::back_inserter(csv), "{},{:.12g},{:.12g},{:.12g},{:.12g},{:.12g},{:.12g},{:.12g},{:.12g},{:.12g},{:.12g},{:.12g}\n",
                   c.country, c.consumer_surplus_eur, c.producer_surplus_eur, c.congestion_rent_eur, c.market_rent_eur,
                   c.policy_rent_eur, c.welfare_eur(), c.consumer_payment_eur, c.unserved_cost_eur, c.investment_eur,
                   c.load_mwh, c.served_mwh);
  return fmt::to_string(csv);
}

void write_results(const std::string& dir, const model::Study& study, model::Results& r, core::Logger& log) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path folder(dir);
  auto write = [&](const char* name, const std::string& content) { write_file_atomically(folder / name, content); };

  std::vector<Column> columns;
  for (std::size_t i = 0; i < study.generators.size(); ++i) columns.push_back(matrix_column(study.generators.name[i], r.generator_p, i));
  write("dispatch.csv", time_csv(study, columns));

  columns.clear();
  for (std::size_t k = 0; k < study.links.size(); ++k) {
    const std::string& n = study.links.name[k];
    const double loss = 1.0 - study.links.efficiency[k];
    columns.push_back(matrix_column(n + ":forward_mw", r.link_forward, k));
    columns.push_back(matrix_column(n + ":backward_mw", r.link_backward, k));
    columns.push_back(Column{n + ":losses_mw", [&r, k, loss](std::size_t t) {
                               return loss * (r.link_forward(k, t) + r.link_backward(k, t));
                             }});
  }
  write("link_flows.csv", time_csv(study, columns));

  // Lines and transformers (a PyPSA network's) in files of their own: names are unique per kind.
  for (const bool transformers : {false, true}) {
    if (transformers && !has_transformers(study)) continue;
    columns.clear();
    for (std::size_t l = 0; l < study.lines.size(); ++l)
      if ((study.lines.transformer[l] != 0) == transformers) columns.push_back(matrix_column(study.lines.name[l], r.line_flow, l));
    write(transformers ? "transformer_flows.csv" : "line_flows.csv", time_csv(study, columns));
  }

  // Storage units, and a PyPSA network's stores in a file of their own (stores.csv is the
  // solved network's static table there).
  for (const bool stores : {false, true}) {
    if (stores && !has_stores(study)) continue;
    columns.clear();
    for (std::size_t s = 0; s < study.storage.size(); ++s) {
      if ((study.storage.energy_only[s] != 0) != stores) continue;
      const std::string& n = study.storage.name[s];
      columns.push_back(matrix_column(n + ":charge_mw", r.storage_charge, s));
      columns.push_back(matrix_column(n + ":discharge_mw", r.storage_discharge, s));
      columns.push_back(matrix_column(n + ":soc_mwh", r.storage_soc, s));
      if (study.storage.has_inflow(s, study.series)) columns.push_back(matrix_column(n + ":spill_mw", r.storage_spill, s));
    }
    write(stores ? "storage_stores.csv" : "storage.csv", time_csv(study, columns));
  }

  columns.clear();
  for (std::size_t i = 0; i < study.regions.size(); ++i) columns.push_back(matrix_column(study.regions.name[i], r.region_price, i));
  write("prices.csv", time_csv(study, columns));

  columns.clear();
  for (std::size_t i = 0; i < study.regions.size(); ++i) {
    columns.push_back(matrix_column(study.regions.name[i] + ":load_mw", r.region_load, i));
    columns.push_back(matrix_column(study.regions.name[i] + ":unserved_mw", r.region_unserved, i));
  }
  write("demand.csv", time_csv(study, columns));

  columns.clear();
  for (std::size_t m = 0; m < study.markets.size(); ++m) {
    columns.push_back(matrix_column(study.markets.name[m] + ":export_mw", r.market_export, m));
    columns.push_back(matrix_column(study.markets.name[m] + ":import_mw", r.market_import, m));
  }
  write("markets.csv", time_csv(study, columns));

  write("capacities.csv", capacities_csv(study, r));
  if (r.decomposition) {
    fmt::memory_buffer csv;
    fmt::format_to(std::back_inserter(csv),
                   "iteration,lower_bound_eur,upper_bound_eur,gap,seconds,master_s,subproblems_s,exchange_s,cuts,"
                   "stabilised\n");
    // An iteration before any point every subperiod could operate at has no upper bound: empty.
    const auto cell = [](double v, const char* format) { return std::isfinite(v) ? fmt::format(fmt::runtime(format), v) : std::string(); };
    for (const auto& it : r.decomposition->iterations)
      fmt::format_to(std::back_inserter(csv), "{},{},{},{},{:.4f},{:.4f},{:.4f},{:.4f},{},{}\n", it.iteration,
                     cell(it.lower_bound_eur, "{:.12g}"), cell(it.upper_bound_eur, "{:.12g}"), cell(it.gap, "{:.6g}"),
                     it.seconds, it.master_s, it.subproblems_s, it.exchange_s, it.cuts, it.stabilised ? "true" : "false");
    write("decomposition.csv", fmt::to_string(csv));
  }
  const model::Welfare welfare = model::welfare_by_country(study, r);
  write("welfare.json", welfare_json(welfare).dump(2) + "\n");
  write("welfare.csv", welfare_csv(welfare));
  write("study.json", study_json(study).dump(2) + "\n");

  r.timings.write_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  write("summary.json", summary_json(study, r).dump(2) + "\n");
  log.debug("wrote the results into {}", dir);
}

void write_profiles(const std::string& dir, const model::Study& study) {
  const fs::path folder(dir);
  std::vector<Column> columns;
  for (std::size_t c = 0; c < study.series.names.size(); ++c)
    columns.push_back(Column{study.series.names[c], [&study, c](std::size_t t) { return study.series.values[c][t]; }});
  write_file_atomically(folder / "profiles.csv", time_csv(study, columns));

  json profiles = json::array();
  const double hours = study.time.total_hours();
  for (std::size_t c = 0; c < study.series.names.size(); ++c) {
    const auto& v = study.series.values[c];
    double weighted = 0;
    for (std::size_t t = 0; t < v.size(); ++t) weighted += study.time.weights[t] * v[t];
    json p = {{"name", study.series.names[c]},
              {"mean", weighted / hours},
              {"max", *std::max_element(v.begin(), v.end())},
              {"min", *std::min_element(v.begin(), v.end())}};
    const auto it = std::find_if(study.profile_summary.begin(), study.profile_summary.end(),
                                 [&](const model::ProfileSummary& s) { return s.name == study.series.names[c]; });
    if (it == study.profile_summary.end()) {
      p["source"] = study.series.file.empty() ? "study" : study.series.file;
    } else {
      p["source"] = "generated";
      p["kind"] = it->kind;
      if (it->kind == "load") {
        p["annual_twh"] = weighted / 1e6 * (core::hours_per_year / hours);
        p["target_annual_twh"] = it->target;
        p["long_run_annual_twh"] = it->long_run;
        if (it->peak_target > 0) p["target_peak_mw"] = it->peak_target;
      } else if (it->kind == "price") {
        p["target_mean_eur_per_mwh"] = it->target;
        p["long_run_mean_eur_per_mwh"] = it->long_run;
      } else {
        p["capacity_factor"] = weighted / hours;
        p["target_capacity_factor"] = it->target;
        // the climate's mean, which the generator is calibrated to (single years scatter around it)
        p["long_run_capacity_factor"] = it->long_run;
      }
    }
    profiles.push_back(p);
  }
  json summary = {{"study", study.settings.name},
                  {"seed", study.weather.seed},
                  {"snapshots", study.snapshots()},
                  {"hours", hours},
                  {"profiles", profiles}};
  write_file_atomically(folder / "profiles_summary.json", summary.dump(2) + "\n");
}

}  // namespace silkgrid::io
