#include "io/capacities_reader.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "io/csv.hpp"

namespace silkgrid::io {

namespace fs = std::filesystem;
using core::Context;
using core::Error;
using core::ErrorKind;

model::Capacities read_capacities(const std::string& folder, const model::Study& study) {
  const fs::path file = fs::path(folder) / "capacities.csv";
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::input, Context{file.string(), 0, 0, ""},
                fs::exists(folder) ? "cannot be read: expected the capacities.csv of a result folder of 'silkgrid run'"
                                   : "does not exist: expected a result folder of 'silkgrid run'");
  }
  std::stringstream text;
  text << in.rdbuf();
  const CsvTable csv = parse_csv(text.str(), file.string());
  const auto column = [&](const char* name) {
    for (std::size_t j = 0; j < csv.header.size(); ++j)
      if (csv.header[j] == name) return j;
    throw Error(ErrorKind::input, Context{file.string(), 1, 0, name}, fmt::format("expected a column '{}'", name));
  };
  const std::size_t asset = column("asset"), kind = column("kind"), optimal = column("optimal_mw"),
                    energy = column("energy_capacity_mwh");

  // The study's assets by name, with the kinds capacities.csv writes for them.
  struct Slot {
    std::vector<double>* values;
    std::size_t index;
    std::string kind;
    bool store;
    bool extendable;
  };
  model::Capacities c;
  c.generator = study.generators.invest.p_nom_mw;
  c.link = study.links.invest.p_nom_mw;
  c.line = study.lines.invest.p_nom_mw;
  c.storage = study.storage.invest.p_nom_mw;
  std::map<std::string, Slot> slots;
  for (std::size_t i = 0; i < study.generators.size(); ++i)
    slots["generator\n" + study.generators.name[i]] = {&c.generator, i, "generator", false, study.generators.invest.extendable[i] != 0};
  for (std::size_t i = 0; i < study.links.size(); ++i)
    slots["link\n" + study.links.name[i]] = {&c.link, i, "link", false, study.links.invest.extendable[i] != 0};
  for (std::size_t i = 0; i < study.lines.size(); ++i)
    slots[std::string(study.lines.transformer[i] ? "transformer" : "line") + "\n" + study.lines.name[i]] = {
        &c.line, i, study.lines.transformer[i] ? "transformer" : "line", false,
                                  study.lines.invest.extendable[i] != 0};
  for (std::size_t i = 0; i < study.storage.size(); ++i)
    slots[std::string(study.storage.energy_only[i] ? "store" : "storage") + "\n" + study.storage.name[i]] = {&c.storage, i, study.storage.energy_only[i] ? "store" : "storage",
                                    study.storage.energy_only[i] != 0, study.storage.invest.extendable[i] != 0};
  std::map<std::string, int> seen;
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    const std::string& name = csv.rows[r][asset];
    const Context at{file.string(), csv.line[r], 0, "asset"};
    std::string k = csv.rows[r][kind];
    if (k == "AC" || k == "DC") k = "line";
    const std::string key = k + "\n" + name;
    const auto it = slots.find(key);
    if (it == slots.end())
      throw Error(ErrorKind::input, at, fmt::format("'{}' is not a {} of the study '{}': expected the result folder of a run of this study",
                                                     name, k, study.settings.name));
    if (seen.count(key))
      throw Error(ErrorKind::input, at, fmt::format("'{}' appears twice (first on line {})", name, seen[key]));
    seen[key] = csv.line[r];
    const double value = it->second.store ? parse_number_cell(csv, r, energy) : parse_number_cell(csv, r, optimal);
    if (!(value >= 0))
      throw Error(ErrorKind::input, Context{file.string(), csv.line[r], 0, it->second.store ? "energy_capacity_mwh" : "optimal_mw"},
                  fmt::format("expected a capacity ≥ 0, got {}", value));
    (*it->second.values)[it->second.index] = value;
  }
  for (const auto& [key, slot] : slots)
    if (slot.extendable && !seen.count(key))
      throw Error(ErrorKind::input, Context{file.string(), 0, 0, ""},
                  fmt::format("has no row for the {} '{}', which the study can extend: expected the result folder of a run of this study",
                              slot.kind, key.substr(key.find('\n') + 1)));
  return c;
}

}  // namespace silkgrid::io
