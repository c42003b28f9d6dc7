#include "report/data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "io/csv.hpp"

namespace silkgrid::report {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::Error(core::ErrorKind::io, core::Context{path.string(), 0, 0, ""}, "cannot be read (not a result folder?)");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

json read_result_json(const std::string& path) {
  try {
    return json::parse(read_text(fs::path(path)));
  } catch (const json::exception& e) {
    throw core::Error(core::ErrorKind::io, core::Context{path, 0, 0, ""}, std::string("malformed JSON: ") + e.what());
  }
}

namespace {
json read_json(const fs::path& path) { return read_result_json(path.string()); }

// A time-series CSV as columns by name, plus the weights.
struct Series {
  std::vector<std::string> timestamps;
  std::vector<double> weights;
  std::map<std::string, std::vector<double>> columns;
  const std::vector<double>& at(const std::string& name, const fs::path& file) const {
    const auto found = columns.find(name);
    if (found == columns.end())
      throw core::Error(core::ErrorKind::io, core::Context{file.string(), 1, 0, name}, "expected a column of this name");
    return found->second;
  }
};

Series read_series(const fs::path& path) {
  const io::CsvTable t = io::parse_csv(read_text(path), path.string());
  Series s;
  if (t.header.size() < 2 || t.header[0] != "timestamp" || t.header[1] != "weight_h")
    throw core::Error(core::ErrorKind::io, core::Context{path.string(), 1, 0, ""}, "expected the columns timestamp,weight_h,...");
  for (std::size_t j = 2; j < t.header.size(); ++j) s.columns[t.header[j]].reserve(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    s.timestamps.push_back(t.rows[r][0]);
    s.weights.push_back(io::parse_number_cell(t, r, 1));
    for (std::size_t j = 2; j < t.header.size(); ++j) s.columns[t.header[j]].push_back(io::parse_number_cell(t, r, j));
  }
  return s;
}

double weighted_sum(const std::vector<double>& v, const std::vector<double>& w) {
  double sum = 0;
  for (std::size_t t = 0; t < v.size(); ++t) sum += w[t] * v[t];
  return sum;
}

std::vector<double> sorted_desc(std::vector<double> v) {
  std::sort(v.begin(), v.end(), std::greater<>());
  return v;
}

// At most `n` evenly spaced points of a long series (duration curves stay readable and small).
std::vector<double> thin(const std::vector<double>& v, std::size_t n = 400) {
  if (v.size() <= n) return v;
  std::vector<double> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(v[i * (v.size() - 1) / (n - 1)]);
  return out;
}

bool has_coordinates(const json& region) {
  return region.contains("lat") && region.contains("lon") && region["lat"].is_number() && region["lon"].is_number();
}

// The map's extent: the bounding box of the regions that have coordinates, widened by a margin
// (a fifth of its span, at least 2 degrees) and kept within longitude ±180 and latitude ±85;
// null when no region has coordinates.
json map_extent(const json& regions) {
  double lon_min = 1e9, lon_max = -1e9, lat_min = 1e9, lat_max = -1e9;
  bool any = false;
  for (const auto& r : regions) {
    if (!has_coordinates(r)) continue;
    any = true;
    const double lat = r["lat"].get<double>(), lon = r["lon"].get<double>();
    lon_min = std::min(lon_min, lon);
    lon_max = std::max(lon_max, lon);
    lat_min = std::min(lat_min, lat);
    lat_max = std::max(lat_max, lat);
  }
  if (!any) return nullptr;
  const double lon_margin = std::max(2.0, 0.2 * (lon_max - lon_min)), lat_margin = std::max(2.0, 0.2 * (lat_max - lat_min));
  return {{"lon_min", std::max(-180.0, lon_min - lon_margin)}, {"lon_max", std::min(180.0, lon_max + lon_margin)},
          {"lat_min", std::max(-85.0, lat_min - lat_margin)}, {"lat_max", std::min(85.0, lat_max + lat_margin)}};
}

// The finance section from finance_accounting.json: the flows of committed money from providers
// through instruments (tranche kinds) to projects and on to their countries, each column's links
// adding up to the portfolio's committed total; each country's figures; the portfolio's.
json finance_data(const json& a) {
  std::map<std::pair<std::string, std::string>, double> provider_kind, kind_project, project_country;
  std::vector<std::string> providers, kinds, projects, countries;
  const auto note = [](std::vector<std::string>& list, const std::string& name) {
    if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
  };
  for (const auto& p : a.at("projects")) {
    const std::string project = p.at("name"), country = p.at("country");
    for (const auto& t : p.at("tranches")) {
      const double amount = t.at("amount_eur").get<double>();
      if (!(amount > 0)) continue;
      const std::string provider = t.at("provider"), kind = t.at("kind");
      note(providers, provider);
      note(kinds, kind);
      note(projects, project);
      note(countries, country);
      provider_kind[{provider, kind}] += amount;
      kind_project[{kind, project}] += amount;
      project_country[{project, country}] += amount;
    }
  }
  // Node names are unique across columns (a provider may share a name with a country); the
  // label is what the chart shows.
  json nodes = json::array(), links = json::array();
  const auto add_nodes = [&](const std::vector<std::string>& names, const char* column, int depth) {
    for (const auto& n : names) nodes.push_back({{"name", std::string(column) + ":" + n}, {"label", n}, {"column", column}, {"depth", depth}});
  };
  add_nodes(providers, "provider", 0);
  add_nodes(kinds, "instrument", 1);
  add_nodes(projects, "project", 2);
  add_nodes(countries, "country", 3);
  const auto add_links = [&](const std::map<std::pair<std::string, std::string>, double>& flows, const char* from, const char* to) {
    for (const auto& [key, value] : flows)
      links.push_back({{"source", std::string(from) + ":" + key.first}, {"target", std::string(to) + ":" + key.second}, {"value", value}});
  };
  add_links(provider_kind, "provider", "instrument");
  add_links(kind_project, "instrument", "project");
  add_links(project_country, "project", "country");
  json rows = json::array();
  for (const auto& [country, t] : a.at("countries").items())
    rows.push_back({{"country", country}, {"committed_eur", t.at("committed_eur")}, {"public_eur", t.at("public_eur")},
                    {"private_eur", t.at("private_eur")}, {"private_mobilised_eur", t.at("private_mobilised_eur")},
                    {"mobilisation_ratio", t.at("mobilisation_ratio")}, {"concessional_eur", t.at("concessional_eur")},
                    {"concessional_share", t.at("concessional_share")}, {"grant_element", t.at("grant_element")}});
  const json& p = a.at("portfolio");
  json portfolio = json::object();
  for (const char* key : {"committed_eur", "public_eur", "private_eur", "grant_eur", "concessional_loan_eur", "concessional_eur",
                          "concessional_share", "grant_equivalent_eur", "grant_element", "private_mobilised_eur",
                          "mobilisation_ratio", "co_financing_ratio"})
    portfolio[key] = p.value(key, json(nullptr));
  return {{"sankey", {{"nodes", nodes}, {"links", links}}}, {"countries", rows}, {"portfolio", portfolio},
          {"reference_rate", a.value("reference_rate", json(nullptr))},
          {"concessionality_threshold", a.value("concessionality_threshold", json(nullptr))}};
}

// Welfare by country (welfare.json), each with the mean position of its regions that have
// coordinates (null where none has), for the map.
json welfare_data(const json& w, const json& regions) {
  json rows = json::array();
  for (const auto& [country, c] : w.at("countries").items()) {
    double lat = 0, lon = 0;
    int n = 0;
    for (const auto& r : regions)
      if (r.value("country", std::string()) == country && has_coordinates(r)) {
        lat += r["lat"].get<double>();
        lon += r["lon"].get<double>();
        ++n;
      }
    json row = {{"country", country}, {"lat", n ? json(lat / n) : json(nullptr)}, {"lon", n ? json(lon / n) : json(nullptr)}};
    for (const char* key : {"consumer_surplus_eur", "producer_surplus_eur", "congestion_rent_eur", "market_rent_eur",
                            "policy_rent_eur", "welfare_eur"})
      row[key] = c.at(key);
    rows.push_back(row);
  }
  return {{"countries", rows}, {"total", w.value("total", json(nullptr))}};
}

}  // namespace

json report_data(const std::string& run_dir) {
  const fs::path dir(run_dir);
  const json summary = read_json(dir / "summary.json");
  const json study = read_json(dir / "study.json");
  const Series dispatch = read_series(dir / "dispatch.csv");
  const Series prices = read_series(dir / "prices.csv");
  const Series flows = read_series(dir / "link_flows.csv");
  const Series storage = read_series(dir / "storage.csv");
  // Names are unique per kind only: a PyPSA network's transformers and stores have files of
  // their own (study.json gives each line and storage its kind; older result folders do not).
  const auto kind_of = [](const json& item, const char* fallback) { return item.value("kind", std::string(fallback)); };
  const auto any_of_kind = [&](const char* table, const char* kind, const char* fallback) {
    for (const auto& item : study[table])
      if (kind_of(item, fallback) == kind) return true;
    return false;
  };
  const Series stores = any_of_kind("storage", "store", "storage") ? read_series(dir / "storage_stores.csv") : Series{};
  const auto storage_series = [&](const json& item) -> std::pair<const Series*, fs::path> {
    if (kind_of(item, "storage") == "store") return {&stores, dir / "storage_stores.csv"};
    return {&storage, dir / "storage.csv"};
  };
  const Series demand = read_series(dir / "demand.csv");
  const io::CsvTable caps = io::parse_csv(read_text(dir / "capacities.csv"), (dir / "capacities.csv").string());
  const std::vector<double>& w = dispatch.weights;
  const std::size_t T = w.size();

  std::map<std::string, std::string> country_of, region_of_generator, carrier_of_generator;
  std::vector<std::string> regions, countries;
  for (const auto& r : study["regions"]) {
    regions.push_back(r["name"]);
    country_of[r["name"]] = r["country"];
    if (std::find(countries.begin(), countries.end(), r["country"]) == countries.end()) countries.push_back(r["country"]);
  }
  std::vector<std::string> carriers;
  for (const auto& g : study["generators"]) {
    region_of_generator[g["name"]] = g["region"];
    carrier_of_generator[g["name"]] = g["carrier"];
    if (std::find(carriers.begin(), carriers.end(), g["carrier"]) == carriers.end()) carriers.push_back(g["carrier"]);
  }

  json out;
  out["study"] = summary.value("study", study.value("name", ""));
  out["objective_eur"] = summary["objective_eur"];
  out["co2_t"] = summary["co2_t"];
  out["snapshots"] = T;
  double exports = 0;
  for (const auto& [name, mwh] : summary["exports_mwh"].items()) exports += mwh.get<double>();
  out["exports_mwh"] = exports;
  // Trade (README, "Trade"): net exports, exports by country of origin, the CBAM charge (older
  // result folders have none of these: null).
  out["net_exports_mwh"] = summary.value("net_exports_mwh", json(nullptr));
  out["exports_by_origin_mwh"] = summary.value("exports_by_origin_mwh", json(nullptr));
  out["cbam_cost_eur"] = summary.value("cbam_cost_eur", 0.0);
  out["cbam_cost_eur_by_link"] = summary.value("cbam_cost_eur_by_link", json::object());
  out["cbam_cost_eur_by_market"] = summary.value("cbam_cost_eur_by_market", json::object());

  // Map: regions at their coordinates with their average price; links with capacity, net flow and use.
  std::map<std::string, double> mean_price;
  for (const auto& r : summary["regions"]) mean_price[r["name"]] = r.value("load_weighted_price_eur_per_mwh", 0.0);
  json map_regions = json::array();
  for (const auto& r : study["regions"])
    map_regions.push_back({{"name", r["name"]}, {"country", r["country"]}, {"lat", r["lat"]}, {"lon", r["lon"]},
                           {"price", mean_price[r["name"]]}});
  json map_links = json::array();
  for (const auto& l : summary["links"]) {
    const double net = l["forward_mwh"].get<double>() - l["backward_mwh"].get<double>();
    map_links.push_back({{"name", l["name"]}, {"from", l["from"]}, {"to", l["to"]}, {"capacity_mw", l["capacity_mw"]},
                         {"forward_mwh", l["forward_mwh"]}, {"backward_mwh", l["backward_mwh"]}, {"net_mwh", net},
                         {"utilisation", l["utilisation"]}});
  }
  // Lines (AC and DC, transformers included): capacity from capacities.csv, flows from
  // line_flows.csv (from → to positive).
  {
    std::map<std::pair<std::string, std::string>, double> line_capacity;  // by (kind, name)
    std::size_t optimal = 0;
    for (std::size_t j = 0; j < caps.header.size(); ++j)
      if (caps.header[j] == "optimal_mw") optimal = j;
    for (std::size_t r = 0; r < caps.rows.size(); ++r)
      if (caps.rows[r][1] == "line" || caps.rows[r][1] == "transformer")
        line_capacity[{caps.rows[r][1], caps.rows[r][0]}] = io::parse_number_cell(caps, r, optimal);
    const Series line_flows = read_series(dir / "line_flows.csv");
    const Series transformer_flows =
        any_of_kind("lines", "transformer", "line") ? read_series(dir / "transformer_flows.csv") : Series{};
    double hours = 0;
    for (double h : line_flows.weights) hours += h;
    for (const auto& l : study["lines"]) {
      const std::string n = l["name"];
      const std::string kind = kind_of(l, "line");
      const bool transformer = kind == "transformer";
      const auto& f = (transformer ? transformer_flows : line_flows)
                          .at(n, dir / (transformer ? "transformer_flows.csv" : "line_flows.csv"));
      double forward = 0, backward = 0;
      for (std::size_t t = 0; t < f.size(); ++t) (f[t] > 0 ? forward : backward) += line_flows.weights[t] * std::abs(f[t]);
      const double net = forward - backward, moved = forward + backward;
      const double cap = line_capacity[{kind, n}];
      map_links.push_back({{"name", n}, {"from", l["from"]}, {"to", l["to"]}, {"capacity_mw", cap}, {"forward_mwh", forward},
                           {"backward_mwh", backward}, {"net_mwh", net},
                           {"utilisation", cap > 0 && hours > 0 ? moved / (cap * hours) : 0.0}, {"line", true}});
    }
  }
  out["map"] = {{"regions", map_regions}, {"links", map_links}, {"extent", map_extent(study["regions"])}};

  // Capacity by carrier and region, existing and new (generators).
  {
    const io::CsvTable& t = caps;
    std::map<std::string, std::map<std::string, double>> existing, added;
    const auto col = [&](const std::string& name) {
      for (std::size_t j = 0; j < t.header.size(); ++j)
        if (t.header[j] == name) return j;
      throw core::Error(core::ErrorKind::io, core::Context{t.file, 1, 0, name}, "expected a column of this name");
    };
    const std::size_t kind = col("kind"), region = col("region"), carrier = col("carrier"), ex = col("existing_mw"),
                      nw = col("new_mw");
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      if (t.rows[r][kind] != "generator") continue;
      existing[t.rows[r][carrier]][t.rows[r][region]] += io::parse_number_cell(t, r, ex);
      added[t.rows[r][carrier]][t.rows[r][region]] += io::parse_number_cell(t, r, nw);
    }
    json e = json::object(), n = json::object();
    for (const auto& c : carriers) {
      e[c] = json::array();
      n[c] = json::array();
      for (const auto& r : regions) {
        e[c].push_back(existing[c][r]);
        n[c].push_back(added[c][r]);
      }
    }
    out["capacity"] = {{"carriers", carriers}, {"regions", regions}, {"existing", e}, {"new", n}};
  }

  // Energy balance by country.
  {
    std::map<std::string, double> generation, load, imports, exports_by, curtailment, unserved;
    for (const auto& [g, region] : region_of_generator)
      generation[country_of[region]] += weighted_sum(dispatch.at(g, dir / "dispatch.csv"), w);
    for (const auto& r : summary["regions"]) {
      load[country_of[r["name"]]] += r["load_mwh"].get<double>();
      unserved[country_of[r["name"]]] += r["unserved_mwh"].get<double>();
    }
    for (const auto& l : summary["links"]) {
      const std::string a = country_of[l["from"]], b = country_of[l["to"]];
      if (a == b) continue;
      const double eta = l["efficiency"].get<double>();
      const double fwd = l["forward_mwh"].get<double>(), bwd = l["backward_mwh"].get<double>();
      exports_by[a] += fwd;
      imports[b] += eta * fwd;
      exports_by[b] += bwd;
      imports[a] += eta * bwd;
    }
    std::map<std::string, std::string> market_region;
    for (const auto& m : study["markets"]) market_region[m["name"]] = m["region"];
    for (const auto& [m, mwh] : summary["exports_mwh"].items()) exports_by[country_of[market_region[m]]] += mwh.get<double>();
    for (const auto& [m, mwh] : summary["imports_mwh"].items()) imports[country_of[market_region[m]]] += mwh.get<double>();
    for (const auto& [g, mwh] : summary["curtailment_mwh_by_generator"].items())
      curtailment[country_of[region_of_generator[g]]] += mwh.get<double>();
    json b = {{"countries", countries}};
    for (const auto& [key, values] : std::vector<std::pair<const char*, std::map<std::string, double>*>>{
             {"generation", &generation}, {"demand", &load}, {"imports", &imports}, {"exports", &exports_by},
             {"curtailment", &curtailment}, {"unserved", &unserved}}) {
      b[key] = json::array();
      for (const auto& c : countries) b[key].push_back((*values)[c]);
    }
    out["balance"] = b;
  }

  // Dispatch by region and carrier over the whole horizon, cut into weeks (the snapshots that
  // cover 168 h); the report opens on the week of highest total load.
  {
    std::vector<double> total(T, 0.0);
    for (const auto& r : regions)
      for (std::size_t t = 0; t < T; ++t) total[t] += demand.at(r + ":load_mw", dir / "demand.csv")[t];
    std::size_t span = 0;
    double hours = 0;
    for (span = 0; span < T && hours < 168; ++span) hours += w[span];
    json weeks = json::array();
    std::size_t best = 0;
    double best_energy = -1;
    for (std::size_t start = 0; start < T; start += std::max<std::size_t>(span, 1)) {
      double energy = 0;
      for (std::size_t t = start; t < std::min(T, start + span); ++t) energy += w[t] * total[t];
      if (energy > best_energy) {
        best_energy = energy;
        best = weeks.size();
      }
      weeks.push_back({{"start", start}, {"end", std::min(T, start + span)}, {"label", dispatch.timestamps[start]}});
    }
    json d = {{"timestamps", dispatch.timestamps}, {"weeks", weeks}, {"peak_week", best},
              {"week_start", T ? weeks[best]["label"] : json("")}, {"regions", json::object()}};
    for (const auto& r : regions) {
      std::map<std::string, std::vector<double>> by_carrier;
      for (const auto& [g, region] : region_of_generator) {
        if (region != r) continue;
        auto& acc = by_carrier[carrier_of_generator[g]];
        const auto& p = dispatch.at(g, dir / "dispatch.csv");
        if (acc.empty()) acc.assign(T, 0.0);
        for (std::size_t t = 0; t < T; ++t) acc[t] += p[t];
      }
      for (const auto& s : study["storage"]) {
        if (s["region"] != r) continue;
        auto& acc = by_carrier["storage (net)"];
        const std::string name = s["name"];
        const auto [series, file] = storage_series(s);
        const auto& discharge = series->at(name + ":discharge_mw", file);
        const auto& charge = series->at(name + ":charge_mw", file);
        if (acc.empty()) acc.assign(T, 0.0);
        for (std::size_t t = 0; t < T; ++t) acc[t] += discharge[t] - charge[t];
      }
      d["regions"][r] = {{"carriers", by_carrier},
                         {"load", demand.at(r + ":load_mw", dir / "demand.csv")},
                         {"price", prices.at(r, dir / "prices.csv")}};
    }
    out["dispatch"] = d;
  }

  // Duration curves: link flows (forward − backward) and prices.
  {
    json links = json::object(), price = json::object();
    for (const auto& l : study["links"]) {
      const std::string n = l["name"];
      std::vector<double> net = flows.at(n + ":forward_mw", dir / "link_flows.csv");
      const auto& back = flows.at(n + ":backward_mw", dir / "link_flows.csv");
      for (std::size_t t = 0; t < net.size(); ++t) net[t] -= back[t];
      links[n] = thin(sorted_desc(net));
    }
    for (const auto& r : regions) price[r] = thin(sorted_desc(prices.at(r, dir / "prices.csv")));
    out["duration"] = {{"links", links}, {"prices", price}};
  }

  // Storage levels.
  {
    json levels = json::object();
    std::set<std::string> units;  // storage units' names: a store of the same name is labelled as one
    for (const auto& s : study["storage"])
      if (kind_of(s, "storage") != "store") units.insert(s["name"].get<std::string>());
    for (const auto& s : study["storage"]) {
      const std::string name = s["name"];
      const auto [series, file] = storage_series(s);
      const bool store = kind_of(s, "storage") == "store";
      levels[store && units.count(name) ? name + " (store)" : name] = series->at(name + ":soc_mwh", file);
    }
    out["storage"] = {{"timestamps", storage.timestamps}, {"levels", levels}};
  }

  // CO2 by country, against caps.
  {
    json t = json::array();
    for (const auto& c : countries) {
      double co2 = 0;
      for (const auto& k : summary["countries"])
        if (k["country"] == c) co2 = k["co2_t"].get<double>();
      t.push_back(co2);
    }
    json caps = json::array();
    for (const auto& p : study["policies"])
      if (p["kind"] == "co2_cap") caps.push_back({{"name", p["name"]}, {"t_per_year", p["value"]}, {"regions", p["regions"]}});
    out["co2"] = {{"countries", countries}, {"t", t}, {"caps", caps}};
  }

  // Markets: exports and imports.
  {
    json m = json::array();
    for (const auto& market : study["markets"]) {
      const std::string n = market["name"];
      m.push_back({{"name", n},
                   {"exports_mwh", summary["exports_mwh"].value(n, 0.0)},
                   {"imports_mwh", summary["imports_mwh"].value(n, 0.0)},
                   {"revenue_eur", summary["export_revenue_eur"].value(n, 0.0)}});
    }
    out["markets"] = m;
    json targets = json::array();
    for (const auto& t : study.value("export_targets", json::array())) {
      double achieved = 0;
      for (const auto& name : t["markets"]) achieved += summary["exports_mwh"].value(name.get<std::string>(), 0.0);
      // A country's goal counts that country's own exports (traced, summary.json's export_targets).
      json country = t.value("country", json(""));
      double own = achieved / 1e6;
      for (const auto& s : summary.value("export_targets", json::array()))
        if (s.value("name", std::string()) == t["name"].get<std::string>() && s.contains("country_exports_twh") &&
            s["country_exports_twh"].is_number())
          own = s["country_exports_twh"].get<double>();
      targets.push_back({{"name", t["name"]}, {"twh", t["twh"]}, {"achieved_twh", own}, {"all_exports_twh", achieved / 1e6},
                         {"country", country}, {"note", t["note"]}, {"markets", t["markets"]}});
    }
    out["export_targets"] = targets;
  }

  // Appraisal and portfolio, when the run made them.
  out["projects"] = fs::exists(dir / "projects.json") ? read_json(dir / "projects.json")["projects"] : json(nullptr);
  if (fs::exists(dir / "cashflows.csv")) {
    const io::CsvTable t = io::parse_csv(read_text(dir / "cashflows.csv"), (dir / "cashflows.csv").string());
    json flows_by_project = json::object();
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      auto& p = flows_by_project[t.rows[r][0]];
      for (std::size_t j = 1; j < t.header.size(); ++j) p[t.header[j]].push_back(io::parse_number_cell(t, r, j));
    }
    out["cashflows"] = flows_by_project;
  } else {
    out["cashflows"] = nullptr;
  }
  out["portfolio"] = fs::exists(dir / "portfolio.json") ? read_json(dir / "portfolio.json") : json(nullptr);
  // A decomposed run's convergence (decomposition.csv), else null.
  if (fs::exists(dir / "decomposition.csv")) {
    const io::CsvTable t = io::parse_csv(read_text(dir / "decomposition.csv"), (dir / "decomposition.csv").string());
    json d = json::object();
    for (const char* column : {"iteration", "lower_bound_eur", "upper_bound_eur", "gap", "seconds"}) {
      const auto at = std::find(t.header.begin(), t.header.end(), column);
      if (at == t.header.end())
        throw core::Error(core::ErrorKind::io, core::Context{(dir / "decomposition.csv").string(), 1, 0, column},
                          "expected this column");
      const auto j = static_cast<std::size_t>(at - t.header.begin());
      json values = json::array();
      for (std::size_t r = 0; r < t.rows.size(); ++r)  // empty: no upper bound yet
        values.push_back(t.rows[r][j].empty() ? json(nullptr) : json(io::parse_number_cell(t, r, j)));
      d[column] = values;
    }
    d["summary"] = summary.value("decomposition", json(nullptr));
    out["decomposition"] = d;
  } else {
    out["decomposition"] = nullptr;
  }
  // What it would take: every candidate's break-even reduction (candidates.json, every run).
  out["candidates"] = fs::exists(dir / "candidates.json") ? read_json(dir / "candidates.json")["candidates"] : json(nullptr);
  // An ensemble's folder: the statistics, each system figure year by year, the critical week.
  if (fs::exists(dir / "ensemble.json")) {
    json e = json::object();
    e["summary"] = read_json(dir / "ensemble.json");
    json per_year = json::object();
    const fs::path years_file = dir / "ensemble_years.csv";
    const io::CsvTable t = io::parse_csv(read_text(years_file), years_file.string());
    if (t.header != std::vector<std::string>{"year", "seed", "scope", "name", "quantity", "value"})
      throw core::Error(core::ErrorKind::io, core::Context{years_file.string(), 1, 0, ""},
                        "expected the columns year,seed,scope,name,quantity,value");
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      if (t.rows[r][2] == "system") per_year[t.rows[r][4]].push_back(io::parse_number_cell(t, r, 5));
    e["per_year"] = per_year;
    const fs::path week_file = dir / "critical_week.csv";
    const io::CsvTable w = io::parse_csv(read_text(week_file), week_file.string());
    json week = json::object();
    for (std::size_t j = 0; j < w.header.size(); ++j) {
      json values = json::array();
      for (std::size_t r = 0; r < w.rows.size(); ++r)
        values.push_back(j == 0 ? json(w.rows[r][0]) : json(io::parse_number_cell(w, r, j)));
      week[w.header[j]] = values;
    }
    e["critical_week"] = week;
    out["ensemble"] = e;
  } else {
    out["ensemble"] = nullptr;
  }
  // Climate-finance accounting (an appraisal's) and welfare by country (every run's).
  const auto section = [&](const char* file, const auto& build) -> json {
    if (!fs::exists(dir / file)) return nullptr;
    const json j = read_json(dir / file);
    try {
      return build(j);
    } catch (const json::exception& e) {
      throw core::Error(core::ErrorKind::io, core::Context{(dir / file).string(), 0, 0, ""}, std::string("unexpected shape: ") + e.what());
    }
  };
  out["finance"] = section("finance_accounting.json", [](const json& j) { return finance_data(j); });
  out["welfare"] = section("welfare.json", [&](const json& j) { return welfare_data(j, study["regions"]); });
  out["assumptions"] = study["assumptions"];
  return out;
}

}  // namespace silkgrid::report
