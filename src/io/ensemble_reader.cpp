#include "io/ensemble_reader.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "io/csv.hpp"

namespace silkgrid::io {

namespace fs = std::filesystem;
using core::Context;
using core::Error;
using core::ErrorKind;

namespace {
std::string contents(const fs::path& file, const std::string& what) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw Error(ErrorKind::input, Context{file.string(), 0, 0, ""},
                fmt::format("{}: expected the result folder of 'silkgrid ensemble'", fs::exists(file) ? "cannot be read" : what));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

EnsembleYears read_ensemble_years(const std::string& folder) {
  EnsembleYears out;
  const fs::path meta = fs::path(folder) / "ensemble.json";
  try {
    const auto j = nlohmann::json::parse(contents(meta, "does not exist"));
    out.finance = j.value("finance", std::string());
    out.years = j.at("years").get<std::size_t>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::input, Context{meta.string(), 0, 0, ""}, fmt::format("is not an ensemble's summary: {}", e.what()));
  }
  const fs::path file = fs::path(folder) / "ensemble_years.csv";
  const CsvTable csv = parse_csv(contents(file, "does not exist"), file.string());
  const auto column = [&](const char* name) {
    for (std::size_t j = 0; j < csv.header.size(); ++j)
      if (csv.header[j] == name) return j;
    throw Error(ErrorKind::input, Context{file.string(), 1, 0, name}, fmt::format("expected a column '{}'", name));
  };
  const std::size_t year = column("year"), scope = column("scope"), name = column("name"), quantity = column("quantity"),
                    value = column("value");
  std::set<std::string> years;
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    years.insert(csv.rows[r][year]);
    if (csv.rows[r][scope] != "projects") continue;
    auto& p = out.projects[csv.rows[r][name]];
    const std::string& q = csv.rows[r][quantity];
    const double v = parse_number_cell(csv, r, value);
    if (q == "energy_mwh") p.energy_mwh.push_back(v);
    else if (q == "revenue_eur") p.revenue_eur.push_back(v);
    else if (q == "dscr_min") p.dscr_min.push_back(v);
  }
  if (years.size() != out.years)
    throw Error(ErrorKind::input, Context{file.string(), 0, 0, ""},
                fmt::format("holds {} years, but ensemble.json says {}: expected the files of one ensemble", years.size(), out.years));
  return out;
}

}  // namespace silkgrid::io
