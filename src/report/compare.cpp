#include "report/compare.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "report/data.hpp"

namespace silkgrid::report {

namespace fs = std::filesystem;
using json = nlohmann::json;

double Difference::relative() const {
  if (a == 0) return b == 0 ? 0.0 : (b > 0 ? 1 : -1) * std::numeric_limits<double>::infinity();
  return (b - a) / std::abs(a);
}

namespace {

json summary_of(const std::string& run) { return read_result_json((fs::path(run) / "summary.json").string()); }

double total(const json& by_name) {
  double sum = 0;
  for (const auto& [k, v] : by_name.items()) sum += v.get<double>();
  return sum;
}

// name → value maps of the per-item figures; maps nested by kind ({"generator": {name: v}})
// give "kind.name" (a generator and a link may share a name).
std::map<std::string, double> items(const json& object) {
  std::map<std::string, double> out;
  for (const auto& [k, v] : object.items()) {
    if (v.is_object()) {
      for (const auto& [name, x] : v.items()) out[k + "." + name] = x.get<double>();
    } else {
      out[k] = v.get<double>();
    }
  }
  return out;
}
std::map<std::string, double> by_key(const json& list, const char* key, const char* value) {
  std::map<std::string, double> out;
  for (const auto& e : list) out[e[key].get<std::string>()] = e.value(value, 0.0);
  return out;
}

}  // namespace

std::vector<Difference> compare_runs(const std::string& run_a, const std::string& run_b) {
  const json a = summary_of(run_a), b = summary_of(run_b);
  std::vector<Difference> out;
  for (const char* key : {"objective_eur", "annualised_capex_eur", "operating_cost_eur", "import_cost_eur",
                          "export_revenue_total_eur", "unserved_cost_eur", "fixed_cost_existing_eur", "co2_t", "unserved_mwh",
                          "curtailment_mwh"})
    out.push_back({key, a.value(key, 0.0), b.value(key, 0.0)});
  out.push_back({"exports_mwh", total(a["exports_mwh"]), total(b["exports_mwh"])});
  out.push_back({"imports_mwh", total(a["imports_mwh"]), total(b["imports_mwh"])});
  const auto changed = [&](const std::string& prefix, const std::map<std::string, double>& x,
                           const std::map<std::string, double>& y) {
    std::map<std::string, std::pair<double, double>> both;
    for (const auto& [k, v] : x) both[k].first = v;
    for (const auto& [k, v] : y) both[k].second = v;
    for (const auto& [k, v] : both)
      if (std::abs(v.second - v.first) > 1e-6 * std::max(1.0, std::abs(v.first)))
        out.push_back({prefix + "." + k, v.first, v.second});
  };
  changed("capacity_mw", items(a["capacity_mw"]), items(b["capacity_mw"]));
  changed("price_eur_per_mwh", by_key(a["regions"], "name", "load_weighted_price_eur_per_mwh"),
          by_key(b["regions"], "name", "load_weighted_price_eur_per_mwh"));
  changed("co2_t", by_key(a["countries"], "country", "co2_t"), by_key(b["countries"], "country", "co2_t"));
  return out;
}

std::string differences_csv(const std::vector<Difference>& differences) {
  std::string csv = "figure,a,b,change,relative\n";
  for (const auto& d : differences) csv += fmt::format("{},{},{},{},{}\n", d.figure, d.a, d.b, d.change(), d.relative());
  return csv;
}

std::string differences_table(const std::vector<Difference>& differences, const std::string& a, const std::string& b) {
  std::string out = fmt::format("\nA: {}\nB: {}\n\n{:<44} {:>16} {:>16} {:>16} {:>9}\n", a, b, "figure", "A", "B", "B − A", "change");
  for (const auto& d : differences) {
    const double r = d.relative();
    out += fmt::format("{:<44} {:>16.6g} {:>16.6g} {:>16.6g} {:>9}\n", d.figure.substr(0, 44), d.a, d.b, d.change(),
                       std::isfinite(r) ? fmt::format("{:+.1f}%", 100 * r) : std::string("new"));
  }
  return out;
}

}  // namespace silkgrid::report
