#include "io/study_reader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/error.hpp"
#include "core/suggest.hpp"
#include "io/builtin.hpp"
#include "io/csv.hpp"
#include "io/pypsa_reader.hpp"
#include "model/costs.hpp"
#include "model/decomposition.hpp"
#include "model/limits.hpp"
#include "model/validate.hpp"

namespace silkgrid::io {

namespace {

using core::Context;
using core::Error;
using core::ErrorKind;
using model::not_given;
using model::Profile;
using model::Study;

using Keys = std::vector<std::string>;

struct Position {
  int line = 0, column = 0;
};

class StudyReader {
 public:
  StudyReader(std::string file, const FileLoader& load, core::Logger& log, const ReadOptions& options)
      : file_(std::move(file)), load_(load), log_(log), options_(options) {
    study_.file = file_;
  }

  Study read(std::string_view text) {
    try {
      return read_yaml(text);
    } catch (const YAML::Exception& e) {
      // A value of an unexpected shape that yaml-cpp itself rejects.
      throw Error(ErrorKind::input, Context{file_, e.mark.line + 1, e.mark.column + 1, ""}, "unexpected YAML: " + e.msg);
    } catch (const Error& e) {
      throw located(e);
    }
  }

  // An error from the validator or the weather generator names a key but no line: give it
  // the line that key came from in the study file.
  Error located(const Error& e) {
    if (e.kind() != ErrorKind::input || e.context().line > 0 || e.context().key.empty() ||
        !(e.context().file.empty() || e.context().file == file_))
      return e;
    Context context = e.context();
    context.file = file_;
    std::string key = context.key;
    while (!key.empty() && !positions_.count(key)) {
      const std::size_t cut = key.find_last_of(".[");
      key = cut == std::string::npos ? std::string() : key.substr(0, cut);
    }
    if (!key.empty()) {
      context.line = positions_[key].line;
      context.column = positions_[key].column;
    }
    return Error(e.kind(), context, e.message());
  }

 private:
  Study read_yaml(std::string_view text) {
    // YAML allows no control characters but tab and line breaks; yaml-cpp would end the file
    // at a NUL byte without a word, dropping whatever follows.
    int line = 1, column = 1;
    for (const char ch : text) {
      const auto byte = static_cast<unsigned char>(ch);
      if ((byte < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || byte == 0x7f)
        throw Error(ErrorKind::input, Context{file_, line, column, ""},
                    fmt::format("malformed YAML: control character 0x{:02x} (YAML allows tabs and line breaks only)", byte));
      if (ch == '\n') {
        ++line;
        column = 1;
      } else if ((byte & 0xc0) != 0x80) {  // count characters, not UTF-8 continuation bytes
        ++column;
      }
    }
    YAML::Node root;
    try {
      std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
      if (documents.size() > 1)
        fail(documents[1], "", "expected one YAML document; a second one (after '---') starts here");
      if (!documents.empty()) root = documents.front();
    } catch (const YAML::DeepRecursion& e) {
      throw Error(ErrorKind::input, Context{file_, e.mark.line + 1, e.mark.column + 1, ""},
                  fmt::format("malformed YAML: nested deeper than yaml-cpp's limit of 500 levels (a study needs {})",
                              max_yaml_depth));
    } catch (const YAML::Exception& e) {
      throw Error(ErrorKind::input, Context{file_, e.mark.line + 1, e.mark.column + 1, ""},
                  "malformed YAML: " + e.msg);
    }
    std::size_t nodes = 0;
    check_structure(root, "", 0, nodes);
    if (!root.IsMap()) fail(root, "", "expected a mapping with the keys study, regions, generators, ...");
    apply_scenario(root);
    check_keys(root, "", {"study", "solver", "weather", "carriers", "regions", "loads", "generators", "links",
                          "lines", "storage", "markets", "policies", "projects", "export_targets", "scenarios", "cbam"});
    read_settings(root);
    if (root["solver"]) read_solver(root["solver"]);
    read_list(root, "carriers", [&](const YAML::Node& n, const std::string& k) { read_carrier(n, k); });
    if (!root["regions"]) fail(root, "regions", "is required: expected a list of regions");
    read_list(root, "regions", [&](const YAML::Node& n, const std::string& k) { read_region(n, k); });
    read_list(root, "loads", [&](const YAML::Node& n, const std::string& k) { read_load(n, k); });
    read_list(root, "generators", [&](const YAML::Node& n, const std::string& k) { read_generator(n, k); });
    read_list(root, "links", [&](const YAML::Node& n, const std::string& k) { read_link(n, k); });
    read_list(root, "lines", [&](const YAML::Node& n, const std::string& k) { read_line(n, k); });
    read_list(root, "storage", [&](const YAML::Node& n, const std::string& k) { read_storage(n, k); });
    read_list(root, "markets", [&](const YAML::Node& n, const std::string& k) { read_market(n, k); });
    read_list(root, "policies", [&](const YAML::Node& n, const std::string& k) { read_policy(n, k); });
    read_list(root, "projects", [&](const YAML::Node& n, const std::string& k) { read_project(n, k); });
    read_list(root, "export_targets", [&](const YAML::Node& n, const std::string& k) { read_export_target(n, k); });
    read_cbam(root);
    model::validate(study_, log_);
    return std::move(study_);
  }

  std::string file_;
  const FileLoader& load_;
  core::Logger& log_;
  ReadOptions options_;
  Study study_;
  std::unordered_map<std::string, Position> positions_;
  std::set<std::pair<int, int>> overlay_keys_;  // where the chosen scenario's keys are (line, column)

  // A value as a message quotes it: at most 60 characters.
  static std::string excerpt(const std::string& text) { return text.size() > 60 ? text.substr(0, 57) + "..." : text; }
  static std::string join(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
  }
  Context where(const YAML::Node& node, const std::string& key) const {
    const YAML::Mark m = node.Mark();
    return Context{file_, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0, key};
  }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& key, const std::string& message) const {
    throw Error(ErrorKind::input, where(node, key), message);
  }
  void remember(const YAML::Node& node, const std::string& key) {
    const YAML::Mark m = node.Mark();
    positions_[key] = Position{m.line + 1, m.column + 1};
  }

  // yaml-cpp keeps the first of two equal keys and drops the second, and reads a merge key
  // ('<<') as a plain key: walk the whole document once and refuse both, and nesting, aliases
  // or texts beyond what any study needs (limits in README, "Bad input").
  static constexpr int max_yaml_depth = 32;
  static constexpr std::size_t max_yaml_nodes = 2'000'000;
  static constexpr std::size_t max_text_bytes = 65'536;
  void check_structure(const YAML::Node& node, const std::string& path, int depth, std::size_t& nodes) const {
    if (++nodes > max_yaml_nodes)
      fail(node, path, fmt::format("expected at most {} YAML values (aliases included); the study is larger", max_yaml_nodes));
    if (depth > max_yaml_depth)
      fail(node, path, fmt::format("expected at most {} levels of nesting", max_yaml_depth));
    if (node.IsScalar()) {
      if (node.Scalar().size() > max_text_bytes)
        fail(node, path, fmt::format("expected a value of at most {} bytes, got {} bytes", max_text_bytes, node.Scalar().size()));
    } else if (node.IsSequence()) {
      std::size_t i = 0;
      for (const auto& child : node) check_structure(child, fmt::format("{}[{}]", path, i++), depth + 1, nodes);
    } else if (node.IsMap()) {
      std::unordered_map<std::string, YAML::Mark> seen;
      for (const auto& item : node) {
        if (!item.first.IsScalar()) {
          check_structure(item.first, path, depth + 1, nodes);
          check_structure(item.second, path, depth + 1, nodes);
          continue;
        }
        const std::string& key = item.first.Scalar();
        const std::string child = join(path, key);
        if (key.size() > max_text_bytes)
          fail(item.first, path, fmt::format("expected a key of at most {} bytes, got {} bytes", max_text_bytes, key.size()));
        if (key == "<<" && item.first.Tag() != "!")
          fail(item.first, child, "merge keys ('<<') are not supported: write the keys out, or use an alias (*name) for a whole value");
        const auto [first, fresh] = seen.emplace(key, item.first.Mark());
        if (!fresh)
          fail(item.first, child,
               fmt::format("duplicate key '{}': it is already given at line {}, column {}", key, first->second.line + 1,
                           first->second.column + 1));
        check_structure(item.second, child, depth + 1, nodes);
      }
    }
  }

  // Scenarios (README, "Scenarios"): named overlays of the study, `scenarios: {NAME: OVERLAY}`.
  // The chosen one is applied to the YAML tree before anything is read, so every value it sets
  // is checked as the study's own, with its line in the overlay:
  //   - a mapping merges into the study's mapping of the same key, key by key, recursively;
  //   - a list of named mappings (generators, links, markets, weather.wind, …) changes the items
  //     it names (an unknown name is an error), each merged as a mapping;
  //   - anything else (a number, a text, another list) replaces the study's value; null removes it;
  //   - `remove: {generators: [a, b]}` deletes named items of the study's lists, and
  //     `add: {links: [{...}]}` appends new ones (after the changes).
  // A key the overlay brings that the study format does not know is an error, strict or not.
  static constexpr const char* list_keys[] = {"carriers", "regions", "loads",    "generators", "links",    "lines",
                                              "storage",  "markets", "policies", "projects",   "export_targets"};
  // yaml-cpp's operator[] on a non-const node leaves an empty key behind for a missing one, which
  // hides a key added later: every lookup here goes through a const node.
  static YAML::Node lookup(const YAML::Node& map, const std::string& key) { return map[key]; }
  void apply_scenario(YAML::Node& root) {
    const YAML::Node all = lookup(root, "scenarios");
    if (all && !all.IsNull()) {
      if (!all.IsMap()) fail(all, "scenarios", "expected a mapping of scenario names to overlays");
      for (const auto& item : all) {
        const std::string name = item.first.Scalar();
        const bool plain = !name.empty() && name.size() <= 64 &&
                           std::all_of(name.begin(), name.end(), [](char c) {
                             return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
                           });
        if (!plain)
          fail(item.first, "scenarios",
               fmt::format("expected a scenario name of 1 to 64 letters, digits, '-', '_' or '.', got '{}'", excerpt(name)));
        if (!item.second.IsMap())
          fail(item.second, join("scenarios", name), "expected a mapping of the study's keys to their new values");
        study_.settings.scenarios.push_back(name);
      }
    }
    const std::string& chosen = options_.scenario;
    if (chosen.empty()) return;
    if (study_.settings.scenarios.empty())
      throw Error(ErrorKind::input, Context{file_, 0, 0, "--scenario"},
                  fmt::format("the study has no scenarios (a 'scenarios' mapping), so there is no scenario '{}'", excerpt(chosen)));
    const auto& names = study_.settings.scenarios;
    if (std::find(names.begin(), names.end(), chosen) == names.end())
      throw Error(ErrorKind::input, Context{file_, 0, 0, "--scenario"},
                  fmt::format("no scenario '{}' in the study (its scenarios: {}){}", excerpt(chosen), fmt::join(names, ", "),
                              core::did_you_mean(chosen, names)));
    const YAML::Node overlay = all[chosen];
    const std::string where_ = join("scenarios", chosen);
    mark_overlay_keys(overlay);
    for (const auto& item : overlay) {
      const std::string key = item.first.Scalar();
      if (key == "scenarios" || key == "remove" || key == "add") continue;
      apply_overlay_value(root, item.first, item.second, where_);
    }
    for_each_overlay_list(overlay["remove"], join(where_, "remove"), "names to remove",
                          [&](const YAML::Node& names, const std::string& key, const std::string& ik) {
                            for (const auto& name_node : names) {
                              if (!name_node.IsScalar()) fail(name_node, ik, "expected a name");
                              const std::string name = name_node.Scalar();
                              const YAML::Node list = lookup(root, key);
                              YAML::Node kept(YAML::NodeType::Sequence);
                              bool found = false;
                              if (list && list.IsSequence())
                                for (const auto& e : list) {
                                  if (e.IsMap() && e["name"] && e["name"].IsScalar() && e["name"].Scalar() == name) found = true;
                                  else kept.push_back(e);
                                }
                              if (!found) fail(name_node, ik, fmt::format("the study's {} has no item named '{}'", key, excerpt(name)));
                              root[key] = kept;
                            }
                          });
    for_each_overlay_list(overlay["add"], join(where_, "add"), "items to add",
                          [&](const YAML::Node& items, const std::string& key, const std::string&) {
                            YAML::Node list = lookup(root, key);
                            if (!list || list.IsNull()) {
                              if (list) root.remove(key);
                              root[key] = YAML::Node(YAML::NodeType::Sequence);
                              list = lookup(root, key);
                            }
                            if (!list.IsSequence()) fail(list, key, "expected a list");
                            for (const auto& e : items) list.push_back(e);
                          });
    root.remove("scenarios");
    study_.settings.scenario = chosen;
  }
  // Each list of an overlay's `remove` or `add` section: `each(value, list key, path)`.
  template <typename F>
  void for_each_overlay_list(const YAML::Node& section, const std::string& path, const char* what, F each) {
    if (!section || section.IsNull()) return;
    if (!section.IsMap()) fail(section, path, fmt::format("expected a mapping of lists (generators, links, ...) to the {}", what));
    for (const auto& item : section) {
      const std::string key = item.first.Scalar();
      const std::string ik = join(path, key);
      if (std::find(std::begin(list_keys), std::end(list_keys), key) == std::end(list_keys))
        fail(item.first, ik, fmt::format("expected one of the study's lists ({}), got '{}'", fmt::join(list_keys, ", "), excerpt(key)));
      if (!item.second.IsSequence()) fail(item.second, ik, fmt::format("expected a list of the {}", what));
      each(item.second, key, ik);
    }
  }
  void mark_overlay_keys(const YAML::Node& node) {
    if (node.IsMap()) {
      for (const auto& item : node) {
        overlay_keys_.insert({item.first.Mark().line, item.first.Mark().column});
        mark_overlay_keys(item.second);
      }
    } else if (node.IsSequence()) {
      for (const auto& e : node) mark_overlay_keys(e);
    }
  }
  static bool named_list(const YAML::Node& list) {
    if (!list.IsSequence() || list.size() == 0) return false;
    for (const auto& e : list)
      if (!e.IsMap() || !e["name"] || !e["name"].IsScalar()) return false;
    return true;
  }
  // Sets `key` of the mapping `base` from the overlay's value, as the rules above say.
  void apply_overlay_value(YAML::Node base, const YAML::Node& key_node, const YAML::Node& value, const std::string& path) {
    const std::string key = key_node.Scalar();
    const std::string here = join(path, key);
    if (value.IsNull()) {
      base.remove(key);
      return;
    }
    YAML::Node current = lookup(base, key);
    if (current && current.is(value)) return;  // an alias of the study's own value: nothing changes
    if (current && current.IsMap() && value.IsMap()) {
      for (const auto& item : value) apply_overlay_value(current, item.first, item.second, here);
      return;
    }
    if (current && named_list(current) && value.IsSequence() && value.size() > 0 && value[0].IsMap()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        const YAML::Node change = value[i];
        const std::string ck = fmt::format("{}[{}]", here, i);
        if (!change.IsMap() || !change["name"] || !change["name"].IsScalar())
          fail(change, ck, fmt::format("expected a mapping with the name of one of the study's {} and the keys to change", key));
        const std::string name = change["name"].Scalar();
        bool found = false;
        for (auto item : current)
          if (lookup(item, "name").Scalar() == name) {
            for (const auto& c : change)
              if (c.first.Scalar() != "name") apply_overlay_value(item, c.first, c.second, ck);
            found = true;
            break;
          }
        if (!found)
          fail(change["name"], join(ck, "name"),
               fmt::format("the study's {} has no item named '{}' (a scenario adds items under 'add')", key, excerpt(name)));
      }
      return;
    }
    if (current) base.remove(key);
    base.force_insert(key_node, value);
  }

  void check_keys(const YAML::Node& map, const std::string& path, const Keys& known) {
    for (const auto& item : map) {
      if (!item.first.IsScalar()) fail(item.first, path, "expected a plain key name");
      const std::string key = item.first.Scalar();
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      const std::string message = fmt::format("unknown key '{}'{}", key, core::did_you_mean(key, known));
      if (overlay_keys_.count({item.first.Mark().line, item.first.Mark().column}))
        fail(item.first, join(path, key), message + fmt::format(" (set by scenario '{}')", options_.scenario));
      if (options_.strict) fail(item.first, join(path, key), message);
      const Context c = where(item.first, join(path, key));
      log_.warn("{}: {}; it is ignored", c.to_string(), message);
    }
  }

  const YAML::Node require(const YAML::Node& map, const char* key, const std::string& path) {
    const YAML::Node node = map[key];
    if (!node) fail(map, join(path, key), "is required");
    remember(node, join(path, key));
    return node;
  }

  template <typename F>
  void read_list(const YAML::Node& root, const char* key, F read_one, const std::string& prefix = "") {
    const YAML::Node list = root[key];
    if (!list || list.IsNull()) return;
    if (!list.IsSequence()) fail(list, prefix + key, "expected a list");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string k = fmt::format("{}[{}]", key, i);
      if (!list[i].IsMap()) fail(list[i], prefix + k, "expected a mapping of keys to values");
      remember(list[i], prefix + k);
      read_one(list[i], k);
    }
  }

  double number(const YAML::Node& map, const char* key, const std::string& path, double fallback) {
    const YAML::Node node = map[key];
    if (!node) return fallback;
    return number_node(node, join(path, key));
  }
  double required_number(const YAML::Node& map, const char* key, const std::string& path) {
    const YAML::Node node = map[key];
    if (!node) fail(map, join(path, key), "is required: expected a number");
    return number_node(node, join(path, key));
  }
  double number_node(const YAML::Node& node, const std::string& key) {
    remember(node, key);
    if (!node.IsScalar()) fail(node, key, "expected a number");
    double value = 0;
    if (!YAML::convert<double>::decode(node, value) || std::isnan(value))
      fail(node, key, fmt::format("expected a number, got '{}'", excerpt(node.Scalar())));
    return value == 0 ? 0.0 : value;  // -0 reads as 0 (it would print as -0 in the results)
  }
  bool boolean(const YAML::Node& map, const char* key, const std::string& path, bool fallback) {
    const YAML::Node node = map[key];
    if (!node) return fallback;
    remember(node, join(path, key));
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
      fail(node, join(path, key), fmt::format("expected true or false, got '{}'", node.IsScalar() ? node.Scalar() : "a collection"));
    return value;
  }
  std::string text(const YAML::Node& map, const char* key, const std::string& path, const std::string& fallback) {
    const YAML::Node node = map[key];
    if (!node) return fallback;
    remember(node, join(path, key));
    if (!node.IsScalar()) fail(node, join(path, key), "expected a text value");
    return node.Scalar();
  }
  std::string required_text(const YAML::Node& map, const char* key, const std::string& path) {
    if (!map[key]) fail(map, join(path, key), "is required: expected a text value");
    return text(map, key, path, "");
  }

  int region(const YAML::Node& map, const char* key, const std::string& path) {
    const std::string name = required_text(map, key, path);
    const int r = study_.find_region(name);
    if (r < 0)
      fail(map[key], join(path, key),
           fmt::format("unknown region '{}'{}", name, core::did_you_mean(name, study_.regions.name)));
    return r;
  }
  int carrier(const YAML::Node& map, const char* key, const std::string& path, bool required) {
    if (!map[key] && !required) return -1;
    const std::string name = required_text(map, key, path);
    const int c = study_.find_carrier(name);
    if (c < 0)
      fail(map[key], join(path, key),
           fmt::format("unknown carrier '{}'{}", name, core::did_you_mean(name, study_.carriers.name)));
    return c;
  }

  // A list of names of `what`s (regions, carriers) as indices into `names`; empty when absent.
  std::vector<int> name_list(const YAML::Node& map, const char* key, const std::string& path,
                             const std::vector<std::string>& names, const char* what) {
    std::vector<int> out;
    const YAML::Node list = map[key];
    if (!list) return out;
    remember(list, join(path, key));
    if (!list.IsSequence()) fail(list, join(path, key), fmt::format("expected a list of {} names", what));
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string name = list[i].IsScalar() ? list[i].Scalar() : "";
      const auto it = std::find(names.begin(), names.end(), name);
      if (it == names.end())
        fail(list[i], fmt::format("{}.{}[{}]", path, key, i),
             fmt::format("unknown {} '{}'{}", what, name, core::did_you_mean(name, names)));
      out.push_back(static_cast<int>(it - names.begin()));
    }
    return out;
  }

  // A number, or the name of a column of the study's time series.
  Profile profile(const YAML::Node& map, const char* key, const std::string& path, double fallback) {
    const YAML::Node node = map[key];
    if (!node) return Profile::fixed(fallback);
    return profile_node(node, join(path, key));
  }
  Profile profile_node(const YAML::Node& node, const std::string& key) {
    remember(node, key);
    // {column: NAME, scale: X}: a column times a factor (a per-unit profile times a capacity).
    if (node.IsMap()) {
      check_keys(node, key, {"column", "scale"});
      const YAML::Node column = node["column"];
      if (!column) fail(node, join(key, "column"), "is required: the name of a time-series column");
      if (!column.IsScalar()) fail(column, join(key, "column"), "expected the name of a time-series column");
      Profile p = profile_node(column, join(key, "column"));
      if (p.is_constant()) fail(column, join(key, "column"), "expected the name of a time-series column, got a number");
      p.scale = number(node, "scale", key, 1.0);
      if (!(std::abs(p.scale) <= model::limits::power.max))
        fail(node["scale"], join(key, "scale"), fmt::format("expected a finite factor of at most {:g} in size, got {:g}",
                                                            model::limits::power.max, p.scale));
      return p;
    }
    if (!node.IsScalar()) fail(node, key, "expected a number, the name of a time-series column, or {column, scale}");
    double value = 0;
    if (YAML::convert<double>::decode(node, value) && !std::isnan(value)) return Profile::fixed(value == 0 ? 0.0 : value);
    if (node.Scalar() == ".nan" || node.Scalar() == ".NaN" || node.Scalar() == ".NAN")
      fail(node, key, fmt::format("expected a number, got '{}'", excerpt(node.Scalar())));
    const std::string name = node.Scalar();
    if (study_.series.names.empty())
      fail(node, key,
           fmt::format("'{}' is not a number, and the study has no time series (study.timeseries or a weather "
                       "section) to take a column of that name from",
                       name));
    const int column = study_.series.find(name);
    if (column < 0)
      fail(node, key,
           fmt::format("expected a number or a column of {}; there is no column '{}'{}", study_.series.file, name,
                       core::did_you_mean(name, study_.series.names)));
    return Profile{0.0, column, 1.0};
  }

  void read_investment(const YAML::Node& n, const std::string& k, model::Investment& invest) {
    const bool extendable = boolean(n, "extendable", k, false);
    invest.push(number(n, "p_nom_mw", k, 0.0), extendable, number(n, "p_nom_min_mw", k, 0.0),
                number(n, "p_nom_max_mw", k, model::unlimited), number(n, "fom_pct_per_year", k, 0.0),
                number(n, "lifetime_years", k, not_given), number(n, "discount_rate", k, not_given),
                number(n, "capital_cost_eur_per_mw_year", k, not_given));
    if (!extendable)
      for (const char* key : {"p_nom_min_mw", "p_nom_max_mw"})
        if (n[key]) log_.warn("{}: applies to extendable assets only; '{}' is not extendable", where(n[key], join(k, key)).to_string(), k);
  }

  void read_settings(const YAML::Node& root) {
    const YAML::Node n = require(root, "study", "");
    if (!n.IsMap()) fail(n, "study", "expected a mapping (name, snapshots, snapshot_hours, ...)");
    check_keys(n, "study", {"name", "snapshots", "snapshot_hours", "start", "discount_rate", "voll_eur_per_mwh",
                            "timeseries", "resolution_hours", "grant_element_discount_rate", "concessionality_threshold"});
    auto& s = study_.settings;
    s.name = text(n, "name", "study", s.name);
    s.start = text(n, "start", "study", s.start);
    s.snapshot_hours = number(n, "snapshot_hours", "study", s.snapshot_hours);
    if (!(s.snapshot_hours >= model::limits::hours_min - 1e-12 && s.snapshot_hours <= model::limits::hours.max))
      fail(n["snapshot_hours"], "study.snapshot_hours",
           fmt::format("expected a number of hours from 1/60 (a minute) to {:g}, got {:g}", model::limits::hours.max,
                       s.snapshot_hours));
    s.discount_rate = number(n, "discount_rate", "study", s.discount_rate);
    s.voll_eur_per_mwh = number(n, "voll_eur_per_mwh", "study", s.voll_eur_per_mwh);
    s.grant_element_discount_rate = number(n, "grant_element_discount_rate", "study", s.grant_element_discount_rate);
    if (!(s.grant_element_discount_rate > 0 && s.grant_element_discount_rate < 1))
      fail(n["grant_element_discount_rate"], "study.grant_element_discount_rate",
           fmt::format("expected a rate in (0, 1), got {:g}", s.grant_element_discount_rate));
    s.concessionality_threshold = number(n, "concessionality_threshold", "study", s.concessionality_threshold);
    if (!(s.concessionality_threshold > 0 && s.concessionality_threshold <= 1))
      fail(n["concessionality_threshold"], "study.concessionality_threshold",
           fmt::format("expected a grant element in (0, 1], got {:g}", s.concessionality_threshold));
    s.resolution_hours = number(n, "resolution_hours", "study", 0.0);
    if (n["resolution_hours"] && !(s.resolution_hours >= 0 && s.resolution_hours <= model::limits::hours.max))
      fail(n["resolution_hours"], "study.resolution_hours",
           fmt::format("expected a number of hours in (0, {:g}] (0: as the series), got {:g}", model::limits::hours.max,
                       s.resolution_hours));
    long snapshots = -1;
    if (n["snapshots"]) {
      const double v = number(n, "snapshots", "study", 0);
      if (!(v >= 1) || v != std::floor(v) || v > 1e7)
        fail(n["snapshots"], "study.snapshots", fmt::format("expected a whole number of snapshots >= 1, got {}", n["snapshots"].Scalar()));
      snapshots = static_cast<long>(v);
    }

    // The base series: generated weather (a year, hourly) and/or the CSV (which wins on names).
    const bool weather = root["weather"] && !root["weather"].IsNull();
    const long weather_hours = static_cast<long>(core::hours_per_year);
    if (weather) {
      read_weather(root["weather"]);
      if (s.snapshot_hours != 1.0)
        fail(n["snapshot_hours"], "study.snapshot_hours",
             "expected 1 (or nothing) in a study with a weather section: the generator makes hourly profiles; "
             "use resolution_hours for coarser snapshots");
      if (!options_.generate_weather)
        throw Error(ErrorKind::internal, Context{file_, 0, 0, "weather"},
                    "a study with a weather section needs a weather generator (app::load passes one)");
      model::GeneratedWeather generated =
          options_.generate_weather(study_.weather, s.start, static_cast<std::size_t>(weather_hours));
      study_.series.file = fmt::format("{} (weather, seed {})", file_, study_.weather.seed);
      study_.series.names = std::move(generated.names);
      study_.series.values = std::move(generated.values);
      study_.profile_summary = std::move(generated.summary);
      timestamps_ = std::move(generated.timestamps);
    }
    if (n["timeseries"]) {
      const std::string relative = text(n, "timeseries", "study", "");
      read_timeseries(relative, n["timeseries"], weather ? weather_hours : snapshots, weather);
    }
    const long rows = study_.series.values.empty() ? -1 : static_cast<long>(study_.series.values.front().size());
    if (snapshots < 0) snapshots = rows;
    if (snapshots < 0) fail(n, "study.snapshots", "is required when the study has no time series and no weather section");
    if (weather && snapshots > weather_hours)
      fail(n["snapshots"], "study.snapshots", fmt::format("expected at most {} hours: the weather year", weather_hours));
    if (rows > snapshots) {  // a weather study limited to its first hours
      for (auto& column : study_.series.values) column.resize(static_cast<std::size_t>(snapshots));
      timestamps_.resize(static_cast<std::size_t>(snapshots));
    }
    study_.time = core::regular_time_axis(s.start, static_cast<std::size_t>(snapshots), s.snapshot_hours);
    if (!timestamps_.empty()) study_.time.timestamps = timestamps_;

    // The study stays at its own step: app::load resamples it to resolution_hours (app::time_step),
    // after loads' annual_twh have scaled the profiles here on the native series (a weighted mean
    // that averaging over blocks keeps). The file's value is checked here, where its line is known.
    if (s.resolution_hours > 0 && !model::whole_multiple(s.resolution_hours, s.snapshot_hours))
      fail(n["resolution_hours"], "study.resolution_hours",
           fmt::format("expected a whole multiple of snapshot_hours ({} h), got {} h", s.snapshot_hours, s.resolution_hours));
  }

  void read_weather(const YAML::Node& n) {
    remember(n, "weather");
    if (!n.IsMap()) fail(n, "weather", "expected a mapping (seed, solar, wind, load, hydro, price)");
    check_keys(n, "weather",
               {"seed", "years", "correlation_length_km", "fleet_sites", "fleet_spread_km", "solar", "wind", "load", "hydro", "price"});
    auto& w = study_.weather;
    w.present = true;
    const double seed = number(n, "seed", "weather", 1.0);
    if (!(seed >= 0) || seed != std::floor(seed) || seed > model::limits::seed_max)
      fail(n["seed"], "weather.seed", fmt::format("expected a whole number in [0, {:g}], got {:g}", model::limits::seed_max, seed));
    w.seed = options_.seed ? *options_.seed : static_cast<std::uint64_t>(seed);
    w.correlation_length_km = number(n, "correlation_length_km", "weather", w.correlation_length_km);
    if (!(w.correlation_length_km > 0 && w.correlation_length_km <= model::limits::length.max))
      fail(n["correlation_length_km"], "weather.correlation_length_km",
           fmt::format("expected a length in (0, {:g}] km", model::limits::length.max));
    const double years = number(n, "years", "weather", 1.0);
    if (!(years >= 1 && years <= 100) || years != std::floor(years))
      fail(n["years"], "weather.years", fmt::format("expected a whole number of weather years in [1, 100], got {:g}", years));
    study_.weather_years = static_cast<int>(years);
    const double sites = number(n, "fleet_sites", "weather", w.fleet_sites);
    if (!(sites >= 1 && sites <= 64) || sites != std::floor(sites))
      fail(n["fleet_sites"], "weather.fleet_sites", fmt::format("expected a whole number of sites in [1, 64], got {:g}", sites));
    w.fleet_sites = static_cast<int>(sites);
    w.fleet_spread_km = number(n, "fleet_spread_km", "weather", w.fleet_spread_km);
    if (!(w.fleet_spread_km >= 0 && w.fleet_spread_km <= 2000))
      fail(n["fleet_spread_km"], "weather.fleet_spread_km",
           fmt::format("expected a fleet radius in [0, 2000] km, got {:g}", w.fleet_spread_km));
    std::vector<std::string> names;
    const auto name = [&](const YAML::Node& m, const std::string& k) {
      std::string value = required_text(m, "name", k);
      if (std::find(names.begin(), names.end(), value) != names.end())
        fail(m["name"], join(k, "name"), fmt::format("duplicate profile name '{}'", value));
      names.push_back(value);
      return value;
    };
    const auto place = [&](const YAML::Node& m, const std::string& k, double& lat, double& lon) {
      lat = required_number(m, "lat", k);
      lon = required_number(m, "lon", k);
      if (!(lat >= -90 && lat <= 90)) fail(m["lat"], join(k, "lat"), fmt::format("expected a latitude in [-90, 90], got {}", lat));
      if (!(lon >= -180 && lon <= 180)) fail(m["lon"], join(k, "lon"), fmt::format("expected a longitude in [-180, 180], got {}", lon));
    };
    const auto capacity_factor = [&](const YAML::Node& m, const std::string& k) {
      const double cf = required_number(m, "capacity_factor", k);
      if (!(cf > 0 && cf < 1)) fail(m["capacity_factor"], join(k, "capacity_factor"), fmt::format("expected a capacity factor in (0, 1), got {}", cf));
      return cf;
    };
    // An optional shape key: absent keeps the default (a negative value in the spec).
    const auto shape = [&](const YAML::Node& m, const std::string& k, const char* key, double lo, double hi,
                           const char* what, double& field) {
      if (!m[key]) return;
      field = number(m, key, k, field);
      if (!(field >= lo && field <= hi)) fail(m[key], join(k, key), fmt::format("expected {} in [{:g}, {:g}], got {:g}", what, lo, hi, field));
    };
    read_list(n, "solar", [&](const YAML::Node& m, const std::string& k0) {
      const std::string k = "weather." + k0;
      check_keys(m, k, {"name", "lat", "lon", "capacity_factor", "tilt_deg"});
      model::ResourceSite site;
      site.name = name(m, k);
      place(m, k, site.lat, site.lon);
      site.capacity_factor = capacity_factor(m, k);
      shape(m, k, "tilt_deg", 0, 90, "a tilt in degrees", site.tilt_deg);
      w.solar.push_back(site);
    }, "weather.");
    read_list(n, "wind", [&](const YAML::Node& m, const std::string& k0) {
      const std::string k = "weather." + k0;
      check_keys(m, k, {"name", "lat", "lon", "capacity_factor", "spread_km", "diurnal_peak_hour", "diurnal_amplitude",
                        "seasonal_amplitude"});
      model::ResourceSite site;
      site.name = name(m, k);
      place(m, k, site.lat, site.lon);
      site.capacity_factor = capacity_factor(m, k);
      shape(m, k, "spread_km", 0, 2000, "a fleet radius in km", site.spread_km);
      shape(m, k, "diurnal_peak_hour", 0, 24, "a local solar hour", site.diurnal_peak_hour);
      shape(m, k, "diurnal_amplitude", 0, 0.5, "a fraction of the wind speed", site.diurnal_amplitude);
      shape(m, k, "seasonal_amplitude", 0, 0.5, "a fraction of the wind speed", site.seasonal_amplitude);
      w.wind.push_back(site);
    }, "weather.");
    read_list(n, "load", [&](const YAML::Node& m, const std::string& k0) {
      const std::string k = "weather." + k0;
      check_keys(m, k, {"name", "lat", "lon", "annual_twh", "peak_mw", "heating", "cooling", "weekend", "evening_peak",
                        "january_c", "july_c"});
      model::LoadSite site;
      site.name = name(m, k);
      place(m, k, site.lat, site.lon);
      site.annual_twh = required_number(m, "annual_twh", k);
      if (!(site.annual_twh > 0 && site.annual_twh <= model::limits::annual_energy.max))
        fail(m["annual_twh"], join(k, "annual_twh"),
             fmt::format("expected a number of TWh in (0, {:g}], got {:g}", model::limits::annual_energy.max, site.annual_twh));
      site.peak_mw = number(m, "peak_mw", k, 0.0);
      if (!(site.peak_mw >= 0 && site.peak_mw <= model::limits::power.max))
        fail(m["peak_mw"], join(k, "peak_mw"), fmt::format("expected a peak in [0, {:g}] MW, got {:g}", model::limits::power.max, site.peak_mw));
      for (const auto& [key, field] : {std::pair{"heating", &site.heating}, {"cooling", &site.cooling},
                                       {"weekend", &site.weekend}, {"evening_peak", &site.evening_peak}}) {
        *field = number(m, key, k, *field);
        if (!(*field >= 0 && *field <= 1)) fail(m[key], join(k, key), fmt::format("expected a fraction in [0, 1], got {}", *field));
      }
      for (const auto& [key, field] : {std::pair{"january_c", &site.january_c}, {"july_c", &site.july_c}}) {
        *field = number(m, key, k, *field);
        if (!(*field >= -60 && *field <= 50)) fail(m[key], join(k, key), fmt::format("expected a mean temperature in [-60, 50] °C, got {:g}", *field));
      }
      w.load.push_back(site);
    }, "weather.");
    read_list(n, "hydro", [&](const YAML::Node& m, const std::string& k0) {
      const std::string k = "weather." + k0;
      check_keys(m, k, {"name", "capacity_factor", "peak_month"});
      model::HydroSite site;
      site.name = name(m, k);
      site.capacity_factor = capacity_factor(m, k);
      const double month = number(m, "peak_month", k, 5.0);
      if (!(month >= 1 && month <= 12) || month != std::floor(month)) fail(m["peak_month"], join(k, "peak_month"), "expected a month 1..12");
      site.peak_month = static_cast<int>(month);
      w.hydro.push_back(site);
    }, "weather.");
    read_list(n, "price", [&](const YAML::Node& m, const std::string& k0) {
      const std::string k = "weather." + k0;
      check_keys(m, k, {"name", "mean_eur_per_mwh", "lon"});
      model::PriceSite site;
      site.name = name(m, k);
      site.mean_eur_per_mwh = required_number(m, "mean_eur_per_mwh", k);
      if (!(site.mean_eur_per_mwh > 0 && site.mean_eur_per_mwh <= model::limits::price.max))
        fail(m["mean_eur_per_mwh"], join(k, "mean_eur_per_mwh"),
             fmt::format("expected a price in (0, {:g}] EUR/MWh, got {:g}", model::limits::price.max, site.mean_eur_per_mwh));
      site.lon = number(m, "lon", k, site.lon);
      if (!(site.lon >= -180 && site.lon <= 180))
        fail(m["lon"], join(k, "lon"), fmt::format("expected a longitude in [-180, 180], got {:g}", site.lon));
      w.price.push_back(site);
    }, "weather.");
    if (names.empty()) fail(n, "weather", "expected at least one profile (solar, wind, load, hydro or price)");
  }

  std::vector<std::string> timestamps_;

  // Reads the CSV time series; with `over_weather`, its columns replace generated ones of the
  // same name (measured series win) and it must cover the weather year.
  void read_timeseries(const std::string& relative, const YAML::Node& node, long snapshots, bool over_weather) {
    std::string content;
    const std::string csv_file = display_path(relative);
    try {
      content = load_(relative);
    } catch (const Error& e) {
      fail(node, "study.timeseries", e.message());
    }
    const CsvTable csv = parse_csv(content, csv_file);
    const auto& header = csv.header;
    const auto ts = std::find(header.begin(), header.end(), "timestamp");
    if (ts == header.end())
      throw Error(ErrorKind::input, Context{csv_file, 1, 0, ""},
                  fmt::format("expected a 'timestamp' column{}", core::did_you_mean("timestamp", header)));
    const std::size_t ts_col = static_cast<std::size_t>(ts - header.begin());
    if (snapshots >= 0 && csv.rows.size() != static_cast<std::size_t>(snapshots))
      throw Error(ErrorKind::input, Context{csv_file, 0, 0, ""},
                  over_weather ? fmt::format("expected {} hourly rows, as many as the weather year; got {}", snapshots, csv.rows.size())
                               : fmt::format("expected {} rows (study.snapshots), one per snapshot; got {}", snapshots, csv.rows.size()));
    if (csv.rows.empty()) throw Error(ErrorKind::input, Context{csv_file, 2, 0, ""}, "expected one row per snapshot, got none");
    auto& series = study_.series;
    if (!over_weather) series.file = csv_file;
    for (std::size_t j = 0; j < header.size(); ++j) {
      if (j == ts_col) continue;
      std::vector<double> values(csv.rows.size());
      for (std::size_t i = 0; i < csv.rows.size(); ++i) values[i] = parse_number_cell(csv, i, j);
      const int existing = series.find(header[j]);
      if (existing >= 0) {
        log_.info("{}: column '{}' replaces the generated profile of that name", csv_file, header[j]);
        series.values[static_cast<std::size_t>(existing)] = std::move(values);
      } else {
        series.names.push_back(header[j]);
        series.values.push_back(std::move(values));
      }
    }
    // One row per snapshot, in order, each `step` after the one before: an unsorted,
    // repeated or missing hour would silently shift every profile against the others.
    const double step_hours = over_weather ? 1.0 : study_.settings.snapshot_hours;
    const std::vector<std::string> generated = std::move(timestamps_);
    timestamps_.clear();
    long long previous = 0;
    for (std::size_t i = 0; i < csv.rows.size(); ++i) {
      const std::string& stamp = csv.rows[i][ts_col];
      const Context at{csv_file, csv.line[i], static_cast<int>(ts_col + 1), "timestamp"};
      const std::optional<long long> seconds = core::timestamp_seconds(stamp);
      if (!seconds)
        throw Error(ErrorKind::input, at, fmt::format("expected an ISO 8601 timestamp like 2030-01-01T00:00, got '{}'", stamp));
      if (over_weather && i == 0 && !generated.empty() && core::timestamp_seconds(generated.front()) != seconds)
        throw Error(ErrorKind::input, at,
                    fmt::format("expected the weather year's first hour {} (study.start), got '{}'", generated.front(), stamp));
      if (i > 0) {
        const double gap_hours = static_cast<double>(*seconds - previous) / 3600.0;
        if (std::abs(gap_hours - step_hours) > 0.5 / 3600.0) {
          const std::string what = *seconds == previous ? "a repeated timestamp"
                                   : *seconds < previous ? "a timestamp out of order"
                                                         : fmt::format("a step of {:g} h", gap_hours);
          throw Error(ErrorKind::input, at,
                      fmt::format("{}: expected one row per snapshot in time order, {:g} h after {} on line {} ({}), got '{}'",
                                  what, step_hours, csv.rows[i - 1][ts_col], csv.line[i - 1],
                                  over_weather ? "the weather year's hours" : "study.snapshot_hours", stamp));
        }
      }
      previous = *seconds;
      timestamps_.push_back(stamp);
    }
  }

  std::string display_path(const std::string& relative) const {
    const std::filesystem::path base = std::filesystem::path(file_).parent_path();
    return (base / relative).lexically_normal().string();
  }

  void read_solver(const YAML::Node& n) {
    remember(n, "solver");
    if (!n.IsMap())
      fail(n, "solver",
           "expected a mapping (method, presolve, time_limit_s, log_level, decomposition, subperiod_hours, gap, "
           "max_iterations, stabilisation)");
    check_keys(n, "solver", {"method", "presolve", "time_limit_s", "log_level", "decomposition", "subperiod_hours", "gap",
                             "max_iterations", "stabilisation"});
    auto& s = study_.solver;
    const std::string method = text(n, "method", "solver", "dual");
    if (const auto parsed = core::parse_solver_method(method)) s.method = *parsed;
    else fail(n["method"], "solver.method", fmt::format("expected dual, primal or barrier, got '{}'", method));
    s.presolve = boolean(n, "presolve", "solver", true);
    s.time_limit_s = number(n, "time_limit_s", "solver", 0.0);
    if (!(s.time_limit_s >= 0 && s.time_limit_s <= model::limits::seconds.max))
      fail(n["time_limit_s"], "solver.time_limit_s",
           fmt::format("expected seconds in [0, {:g}] (0 = no limit), got {:g}", model::limits::seconds.max, s.time_limit_s));
    const double level = number(n, "log_level", "solver", 0.0);
    if (!(level >= 0 && level <= 4 && level == std::floor(level)))
      fail(n["log_level"], "solver.log_level", fmt::format("expected a whole number 0 to 4 (Clp's log levels), got {:g}", level));
    s.log_level = static_cast<int>(level);
    // The decomposition by time (model/decomposition.hpp has the words and ranges).
    const std::string decomposition = text(n, "decomposition", "solver", model::to_string(s.decomposition));
    if (const auto parsed = model::parse_decomposition(decomposition)) s.decomposition = *parsed;
    else
      fail(n["decomposition"], "solver.decomposition",
           fmt::format("expected auto, none or benders, got '{}'", excerpt(decomposition)));
    s.subperiod_hours = number(n, "subperiod_hours", "solver", s.subperiod_hours);
    if (!model::valid_subperiod_hours(s.subperiod_hours))
      fail(n["subperiod_hours"], "solver.subperiod_hours",
           fmt::format("expected a number of hours in (0, {:g}], got {:g}", model::limits::hours.max, s.subperiod_hours));
    s.gap = number(n, "gap", "solver", s.gap);
    if (!model::valid_gap(s.gap))
      fail(n["gap"], "solver.gap", fmt::format("expected a relative gap in (0, 1), got {:g}", s.gap));
    const double iterations = number(n, "max_iterations", "solver", s.max_iterations);
    if (!model::valid_max_iterations(iterations))
      fail(n["max_iterations"], "solver.max_iterations",
           fmt::format("expected a whole number 1 to {}, got {:g}", model::max_iterations_max, iterations));
    s.max_iterations = static_cast<int>(iterations);
    s.stabilisation = number(n, "stabilisation", "solver", s.stabilisation);
    if (!model::valid_stabilisation(s.stabilisation))
      fail(n["stabilisation"], "solver.stabilisation",
           fmt::format("expected a number in [0, 1) (0 = no stabilisation), got {:g}", s.stabilisation));
  }

  void read_carrier(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "co2_t_per_mwh_fuel", "renewable"});
    auto& c = study_.carriers;
    c.name.push_back(required_text(n, "name", k));
    c.co2_t_per_mwh_fuel.push_back(number(n, "co2_t_per_mwh_fuel", k, 0.0));
    c.renewable.push_back(boolean(n, "renewable", k, false) ? 1 : 0);
  }

  void read_region(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "country", "lat", "lon"});
    auto& r = study_.regions;
    r.name.push_back(required_text(n, "name", k));
    r.country.push_back(required_text(n, "country", k));
    r.lat.push_back(number(n, "lat", k, not_given));
    r.lon.push_back(number(n, "lon", k, not_given));
  }

  void read_load(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "region", "p_mw", "profile", "annual_twh"});
    auto& l = study_.loads;
    l.name.push_back(required_text(n, "name", k));
    l.region.push_back(region(n, "region", k));
    if (n["p_mw"] && n["profile"]) fail(n["profile"], join(k, "profile"), "give either p_mw or profile, not both");
    if (!n["p_mw"] && !n["profile"]) fail(n, join(k, "p_mw"), "is required: expected a number of MW (p_mw) or a time-series column (profile)");
    Profile p = n["p_mw"] ? profile(n, "p_mw", k, 0.0) : profile(n, "profile", k, 0.0);
    if (n["annual_twh"]) {
      const double twh = number(n, "annual_twh", k, 0.0);
      if (!(twh >= 0 && twh <= model::limits::annual_energy.max))
        fail(n["annual_twh"], join(k, "annual_twh"),
             fmt::format("expected a number of TWh in [0, {:g}], got {:g}", model::limits::annual_energy.max, twh));
      // Scale the profile so that its weighted mean power is annual_twh / 8760 h.
      double energy = 0;
      for (std::size_t t = 0; t < study_.snapshots(); ++t) energy += study_.time.weights[t] * p.at(study_.series, t);
      const double mean = energy / study_.time.total_hours();
      if (!(mean > 0)) fail(n["annual_twh"], join(k, "annual_twh"), "cannot scale a profile whose mean is not positive");
      const double target = twh * 1e6 / core::hours_per_year;
      if (p.is_constant()) p.constant = target;
      else p.scale = target / mean;
    }
    l.p_mw.push_back(p);
  }

  void read_generator(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "region", "carrier", "p_nom_mw", "extendable", "p_nom_min_mw", "p_nom_max_mw",
                      "efficiency", "fuel_eur_per_mwh_fuel", "vom_eur_per_mwh", "capex_eur_per_kw",
                      "fom_pct_per_year", "lifetime_years", "discount_rate", "p_max_pu", "p_min_pu", "capital_cost_eur_per_mw_year",
                      "units", "forced_outage_rate", "mean_time_to_repair_h", "maintenance_weeks"});
    auto& g = study_.generators;
    g.name.push_back(required_text(n, "name", k));
    g.region.push_back(region(n, "region", k));
    g.carrier.push_back(carrier(n, "carrier", k, true));
    read_investment(n, k, g.invest);
    g.capex_eur_per_kw.push_back(number(n, "capex_eur_per_kw", k, 0.0));
    g.efficiency.push_back(number(n, "efficiency", k, 1.0));
    g.fuel_eur_per_mwh_fuel.push_back(number(n, "fuel_eur_per_mwh_fuel", k, 0.0));
    g.vom_eur_per_mwh.push_back(number(n, "vom_eur_per_mwh", k, 0.0));
    g.p_max_pu.push_back(profile(n, "p_max_pu", k, 1.0));
    g.p_min_pu.push_back(profile(n, "p_min_pu", k, 0.0));
    g.marginal_cost_series.push_back(Profile::fixed(model::not_given));
    read_outage(n, k, model::OutageAssetKind::generator, g.size() - 1, "units");
  }

  // A generator's units or a link's or line's circuits, and how they fail (README, "Ensembles").
  void read_outage(const YAML::Node& n, const std::string& k, model::OutageAssetKind kind, std::size_t index,
                   const char* units_key) {
    const bool branch = kind != model::OutageAssetKind::generator;
    const bool any = n[units_key] || n["forced_outage_rate"] || n["mean_time_to_repair_h"] || n["maintenance_weeks"] ||
                     (branch && (n["failures_per_year"] || n["per_100km"])) || n["converter_forced_outage_rate"] ||
                     n["converter_mean_time_to_repair_h"];
    if (!any) return;
    model::OutageSpec o;
    const double units = number(n, units_key, k, 1.0);
    if (!(units >= 1 && units <= 10000) || units != std::floor(units))
      fail(n[units_key], join(k, units_key), fmt::format("expected a whole number in [1, 10000], got {:g}", units));
    o.units = static_cast<int>(units);
    o.forced_outage_rate = number(n, "forced_outage_rate", k, 0.0);
    if (!(o.forced_outage_rate >= 0 && o.forced_outage_rate < 1))
      fail(n["forced_outage_rate"], join(k, "forced_outage_rate"),
           fmt::format("expected a share of time unavailable in [0, 1), got {:g}", o.forced_outage_rate));
    if (branch) {
      if (n["failures_per_year"]) {
        if (n["forced_outage_rate"])
          fail(n["failures_per_year"], join(k, "failures_per_year"), "expected forced_outage_rate or failures_per_year, not both");
        o.failures_per_year = number(n, "failures_per_year", k, 0.0);
        if (!(o.failures_per_year >= 0 && o.failures_per_year <= 1000))
          fail(n["failures_per_year"], join(k, "failures_per_year"),
               fmt::format("expected failures per circuit and year in [0, 1000], got {:g}", o.failures_per_year));
      }
      o.per_100km = boolean(n, "per_100km", k, false);
      if (o.per_100km && !n["failures_per_year"])
        fail(n["per_100km"], join(k, "per_100km"), "applies to failures_per_year, which is not given");
      if (o.per_100km && !n["length_km"])
        fail(n["per_100km"], join(k, "per_100km"), "needs the length_km of the link or line");
    }
    const bool fails = o.forced_outage_rate > 0 || (model::is_given(o.failures_per_year) && o.failures_per_year > 0);
    if (fails && !n["mean_time_to_repair_h"])
      fail(n, join(k, "mean_time_to_repair_h"), "is required where units can fail (forced_outage_rate or failures_per_year)");
    o.mean_time_to_repair_h = number(n, "mean_time_to_repair_h", k, 0.0);
    if (n["mean_time_to_repair_h"] && !(o.mean_time_to_repair_h >= 1 && o.mean_time_to_repair_h <= 87600))
      fail(n["mean_time_to_repair_h"], join(k, "mean_time_to_repair_h"),
           fmt::format("expected hours in [1, 87600], got {:g}", o.mean_time_to_repair_h));
    // An hourly two-state chain fails with probability q/(1−q)/MTTR an hour: at most 1.
    if (o.forced_outage_rate > 0 && o.forced_outage_rate / (1 - o.forced_outage_rate) > o.mean_time_to_repair_h)
      fail(n["mean_time_to_repair_h"], join(k, "mean_time_to_repair_h"),
           fmt::format("a forced outage rate of {:g} needs a repair time of at least {:.3g} h (hourly draws)",
                       o.forced_outage_rate, o.forced_outage_rate / (1 - o.forced_outage_rate)));
    o.maintenance_weeks = number(n, "maintenance_weeks", k, 0.0);
    if (!(o.maintenance_weeks >= 0 && o.maintenance_weeks <= 26))
      fail(n["maintenance_weeks"], join(k, "maintenance_weeks"),
           fmt::format("expected weeks a year in [0, 26], got {:g}", o.maintenance_weeks));
    if (kind == model::OutageAssetKind::link) {
      o.converter_forced_outage_rate = number(n, "converter_forced_outage_rate", k, 0.0);
      if (!(o.converter_forced_outage_rate >= 0 && o.converter_forced_outage_rate < 1))
        fail(n["converter_forced_outage_rate"], join(k, "converter_forced_outage_rate"),
             fmt::format("expected a share of time unavailable in [0, 1), got {:g}", o.converter_forced_outage_rate));
      if (o.converter_forced_outage_rate > 0 && !n["converter_mean_time_to_repair_h"])
        fail(n, join(k, "converter_mean_time_to_repair_h"), "is required with converter_forced_outage_rate");
      o.converter_mean_time_to_repair_h = number(n, "converter_mean_time_to_repair_h", k, 0.0);
      const double q = o.converter_forced_outage_rate, r = o.converter_mean_time_to_repair_h;
      if (n["converter_mean_time_to_repair_h"] && !(r >= 1 && r <= 87600 && q / (1 - q) <= r))
        fail(n["converter_mean_time_to_repair_h"], join(k, "converter_mean_time_to_repair_h"),
             fmt::format("expected hours in [1, 87600], at least {:.3g} h for an outage rate of {:g} (hourly draws), got {:g}",
                         std::max(1.0, q / (1 - q)), q, r));
    }
    study_.outages.kind.push_back(kind);
    study_.outages.index.push_back(static_cast<int>(index));
    study_.outages.spec.push_back(o);
  }

  // rent_share_from: the share (0 to 1) of a link's or line's congestion rent that goes to the
  // country of its from end; 0.5 where not given.
  void read_rent_share(const YAML::Node& n, const std::string& k, std::size_t size, std::vector<double>& shares) {
    shares.resize(size, 0.5);
    if (!n["rent_share_from"]) return;
    const double share = number(n, "rent_share_from", k, 0.5);
    if (!(share >= 0.0 && share <= 1.0))
      fail(n["rent_share_from"], join(k, "rent_share_from"),
           fmt::format("expected a share from 0 to 1 (of the congestion rent to the from end's country), got {:g}", share));
    shares.back() = share;
  }

  void read_link(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "from", "to", "p_nom_mw", "extendable", "p_nom_min_mw", "p_nom_max_mw", "efficiency",
                      "kind", "length_km", "capex_eur_per_mw_km", "capex_eur_per_kw", "fom_pct_per_year",
                      "lifetime_years", "discount_rate", "bidirectional", "marginal_cost_eur_per_mwh", "capital_cost_eur_per_mw_year",
                      "p_min_pu", "p_max_pu", "circuits", "forced_outage_rate", "failures_per_year", "per_100km",
                      "mean_time_to_repair_h", "maintenance_weeks", "converter_forced_outage_rate",
                      "converter_mean_time_to_repair_h", "rent_share_from", "cbam_actual_t_per_mwh"});
    auto& l = study_.links;
    l.name.push_back(required_text(n, "name", k));
    l.from.push_back(region(n, "from", k));
    l.to.push_back(region(n, "to", k));
    read_investment(n, k, l.invest);
    const std::string kind = text(n, "kind", k, "custom");
    model::LinkKind lk = model::LinkKind::custom;
    const Keys kinds = {"custom", "hvdc_subsea", "hvdc_overhead", "ac_overhead"};
    if (kind == "hvdc_subsea") lk = model::LinkKind::hvdc_subsea;
    else if (kind == "hvdc_overhead") lk = model::LinkKind::hvdc_overhead;
    else if (kind == "ac_overhead") lk = model::LinkKind::ac_overhead;
    else if (kind != "custom")
      fail(n["kind"], join(k, "kind"),
           fmt::format("expected one of custom, hvdc_subsea, hvdc_overhead, ac_overhead, got '{}'{}", kind,
                       core::did_you_mean(kind, kinds)));
    l.kind.push_back(lk);
    l.length_km.push_back(number(n, "length_km", k, 0.0));
    l.capex_eur_per_mw_km.push_back(number(n, "capex_eur_per_mw_km", k, 0.0));
    l.capex_eur_per_kw.push_back(number(n, "capex_eur_per_kw", k, 0.0));
    if (n["efficiency"]) {
      l.efficiency.push_back(number(n, "efficiency", k, 1.0));
    } else if (lk != model::LinkKind::custom) {
      if (!n["length_km"]) fail(n, join(k, "length_km"), "is required to derive the efficiency from kind");
      const double eff = model::link_efficiency_from_kind(lk, l.length_km.back());
      if (!(eff > 0)) fail(n["length_km"], join(k, "length_km"), "is too long: the derived efficiency is not positive");
      l.efficiency.push_back(eff);
    } else {
      fail(n, join(k, "efficiency"), "is required: give an efficiency, or a kind and length_km to derive it");
    }
    l.bidirectional.push_back(boolean(n, "bidirectional", k, true) ? 1 : 0);
    l.marginal_cost_eur_per_mwh.push_back(number(n, "marginal_cost_eur_per_mwh", k, 0.0));
    l.p_min_pu.push_back(profile(n, "p_min_pu", k, 0.0));
    l.p_max_pu.push_back(profile(n, "p_max_pu", k, 1.0));
    read_outage(n, k, model::OutageAssetKind::link, l.size() - 1, "circuits");
    read_rent_share(n, k, l.size(), l.rent_share_from);
    l.cbam_actual_t_per_mwh.resize(l.size(), not_given);
    if (n["cbam_actual_t_per_mwh"]) {
      const double f = number(n, "cbam_actual_t_per_mwh", k, 0.0);
      if (!(f >= 0 && f <= 2))
        fail(n["cbam_actual_t_per_mwh"], join(k, "cbam_actual_t_per_mwh"), fmt::format("expected t CO2/MWh in [0, 2], got {:g}", f));
      l.cbam_actual_t_per_mwh.back() = f;
    }
  }

  void read_line(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "from", "to", "kind", "p_nom_mw", "extendable", "p_nom_min_mw", "p_nom_max_mw", "x_ohm",
                      "r_ohm", "v_nom_kv", "s_max_pu", "length_km", "capex_eur_per_mw_km", "fom_pct_per_year",
                      "lifetime_years", "discount_rate", "capital_cost_eur_per_mw_year", "circuits", "forced_outage_rate",
                      "failures_per_year", "per_100km", "mean_time_to_repair_h", "maintenance_weeks",
                      "rent_share_from"});
    auto& l = study_.lines;
    l.name.push_back(required_text(n, "name", k));
    l.from.push_back(region(n, "from", k));
    l.to.push_back(region(n, "to", k));
    const std::string kind = text(n, "kind", k, "ac");
    if (kind != "ac" && kind != "dc") fail(n["kind"], join(k, "kind"), fmt::format("expected ac or dc, got '{}'", kind));
    l.kind.push_back(kind == "ac" ? model::LineKind::ac : model::LineKind::dc);
    read_investment(n, k, l.invest);
    // The impedance that Kirchhoff's voltage law needs is required: x for AC, r for DC.
    l.x_ohm.push_back(kind == "ac" ? required_number(n, "x_ohm", k) : number(n, "x_ohm", k, 0.0));
    l.r_ohm.push_back(kind == "dc" ? required_number(n, "r_ohm", k) : number(n, "r_ohm", k, 0.0));
    l.v_nom_kv.push_back(required_number(n, "v_nom_kv", k));
    const double v2 = l.v_nom_kv.back() * l.v_nom_kv.back();
    l.x_pu.push_back(l.x_ohm.back() / v2);
    l.r_pu.push_back(l.r_ohm.back() / v2);
    l.phase_shift_deg.push_back(0.0);
    l.transformer.push_back(0);
    l.s_max_pu.push_back(number(n, "s_max_pu", k, 1.0));
    l.availability.push_back(Profile::fixed(1.0));
    l.length_km.push_back(number(n, "length_km", k, 0.0));
    l.capex_eur_per_mw_km.push_back(number(n, "capex_eur_per_mw_km", k, 0.0));
    read_outage(n, k, model::OutageAssetKind::line, l.size() - 1, "circuits");
    read_rent_share(n, k, l.size(), l.rent_share_from);
  }

  void read_storage(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "region", "carrier", "p_nom_mw", "extendable", "p_nom_min_mw", "p_nom_max_mw",
                      "max_hours", "efficiency_store", "efficiency_dispatch", "standing_loss_per_hour",
                      "capex_eur_per_kw", "capex_eur_per_kwh", "fom_pct_per_year", "lifetime_years", "discount_rate",
                      "marginal_cost_eur_per_mwh", "capital_cost_eur_per_mw_year", "cyclic", "initial_mwh",
                      "inflow_mw", "spill_cost_eur_per_mwh", "charge_max_pu"});
    auto& s = study_.storage;
    s.name.push_back(required_text(n, "name", k));
    s.region.push_back(region(n, "region", k));
    s.carrier.push_back(carrier(n, "carrier", k, false));
    read_investment(n, k, s.invest);
    s.max_hours.push_back(required_number(n, "max_hours", k));
    s.efficiency_store.push_back(number(n, "efficiency_store", k, 1.0));
    s.efficiency_dispatch.push_back(number(n, "efficiency_dispatch", k, 1.0));
    s.standing_loss_per_hour.push_back(number(n, "standing_loss_per_hour", k, 0.0));
    s.capex_eur_per_kw.push_back(number(n, "capex_eur_per_kw", k, 0.0));
    s.capex_eur_per_kwh.push_back(number(n, "capex_eur_per_kwh", k, 0.0));
    s.marginal_cost_eur_per_mwh.push_back(number(n, "marginal_cost_eur_per_mwh", k, 0.0));
    s.push_defaults();
    s.cyclic.back() = boolean(n, "cyclic", k, true) ? 1 : 0;
    s.initial_mwh.back() = number(n, "initial_mwh", k, 0.0);
    if (s.cyclic.back() && n["initial_mwh"])
      fail(n["initial_mwh"], join(k, "initial_mwh"), "is only used with cyclic: false; a cyclic level starts where it ends");
    s.inflow_mw.back() = profile(n, "inflow_mw", k, 0.0);
    s.spill_cost_eur_per_mwh.back() = number(n, "spill_cost_eur_per_mwh", k, 0.0);
    // charge_max_pu: charging power per unit of capacity, in [0, 1]; 0 for a reservoir that cannot pump.
    s.charge_max_pu.back() = profile(n, "charge_max_pu", k, 1.0);
    const Profile& c = s.charge_max_pu.back();
    const std::size_t T = c.is_constant() ? 1 : study_.snapshots();
    for (std::size_t t = 0; t < T; ++t)
      if (!(c.at(study_.series, t) >= 0 && c.at(study_.series, t) <= 1))
        fail(n["charge_max_pu"], join(k, "charge_max_pu"),
             fmt::format("expected a share of the power capacity in [0, 1], got {:g}", c.at(study_.series, t)));
  }

  void read_market(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "region", "export_price_eur_per_mwh", "import_price_eur_per_mwh", "max_export_mw",
                      "max_import_mw", "cbam", "spread_eur_per_mwh"});
    auto& m = study_.markets;
    m.cbam.resize(m.size(), 0);
    m.cbam.push_back(boolean(n, "cbam", k, false) ? 1 : 0);
    m.name.push_back(required_text(n, "name", k));
    m.region.push_back(region(n, "region", k));
    m.max_export_mw.push_back(profile(n, "max_export_mw", k, 0.0));
    m.max_import_mw.push_back(profile(n, "max_import_mw", k, 0.0));
    const auto may_flow = [](const Profile& p) { return !p.is_constant() || p.constant > 0; };
    // A price is required exactly when energy may flow that way: no silent zero prices.
    if (may_flow(m.max_export_mw.back()) && !n["export_price_eur_per_mwh"])
      fail(n, join(k, "export_price_eur_per_mwh"), "is required when max_export_mw is not 0");
    const bool spread = static_cast<bool>(n["spread_eur_per_mwh"]);
    if (spread && n["import_price_eur_per_mwh"])
      fail(n["spread_eur_per_mwh"], join(k, "spread_eur_per_mwh"),
           "gives the import price as the export price plus the spread: give it or import_price_eur_per_mwh, not both");
    if (spread && !n["export_price_eur_per_mwh"])
      fail(n, join(k, "export_price_eur_per_mwh"), "is required with spread_eur_per_mwh (the import price is derived from it)");
    if (may_flow(m.max_import_mw.back()) && !n["import_price_eur_per_mwh"] && !spread)
      fail(n, join(k, "import_price_eur_per_mwh"), "is required when max_import_mw is not 0 (or a spread_eur_per_mwh)");
    m.export_price_eur_per_mwh.push_back(profile(n, "export_price_eur_per_mwh", k, 0.0));
    if (!spread) {
      m.import_price_eur_per_mwh.push_back(profile(n, "import_price_eur_per_mwh", k, 0.0));
      return;
    }
    // The trade spread (README, "Trade"): import price = export price + spread, in every snapshot
    // (a derived series column where the export price is one, so that the two move together).
    const double d = number(n, "spread_eur_per_mwh", k, 0.0);
    if (!(d >= 0 && d <= model::limits::price.max))
      fail(n["spread_eur_per_mwh"], join(k, "spread_eur_per_mwh"),
           fmt::format("expected EUR/MWh in [0, {:g}], got {:g}", model::limits::price.max, d));
    const Profile& out = m.export_price_eur_per_mwh.back();
    if (out.column < 0) {
      m.import_price_eur_per_mwh.push_back(Profile::fixed(out.constant + d));
      return;
    }
    auto& series = study_.series;
    const std::string name = m.name.back() + ":import_price";
    if (series.find(name) >= 0)
      fail(n["spread_eur_per_mwh"], join(k, "spread_eur_per_mwh"), fmt::format("the series already has a column '{}'", name));
    std::vector<double> values = series.values[static_cast<std::size_t>(out.column)];
    for (double& v : values) v = out.scale * v + d;
    series.names.push_back(name);
    series.values.push_back(std::move(values));
    m.import_price_eur_per_mwh.push_back(Profile{0.0, static_cast<int>(series.names.size()) - 1, 1.0});
  }

  // cbam: {price_eur_per_t, countries: [..], default_t_per_mwh: {GE: x, ..}, carbon_price_paid_eur_per_t: {..}}
  // (README, "CBAM"). Checked against the links and markets that cross into the area.
  void read_cbam(const YAML::Node& root) {
    const YAML::Node n = root["cbam"];
    auto& markets = study_.markets;
    markets.cbam.resize(markets.size(), 0);
    const auto& countries = study_.regions.country;
    const auto country_of = [&](int region) { return countries[static_cast<std::size_t>(region)]; };
    if (!n || n.IsNull()) {
      for (std::size_t i = 0; i < markets.size(); ++i)
        if (markets.cbam[i])
          fail(root["markets"][i]["cbam"], fmt::format("markets[{}].cbam", i),
               "needs the study's cbam section (price_eur_per_t, countries, default_t_per_mwh)");
      return;
    }
    if (!n.IsMap()) fail(n, "cbam", "expected a mapping with price_eur_per_t, countries and default_t_per_mwh");
    check_keys(n, "cbam", {"price_eur_per_t", "countries", "default_t_per_mwh", "carbon_price_paid_eur_per_t", "note"});
    auto& c = study_.cbam;
    c.present = true;
    c.price_eur_per_t = required_number(n, "price_eur_per_t", "cbam");
    if (!(c.price_eur_per_t >= 0 && c.price_eur_per_t <= model::limits::co2_price.max))
      fail(n["price_eur_per_t"], "cbam.price_eur_per_t",
           fmt::format("expected a price in [0, {:g}] EUR/t, got {:g}", model::limits::co2_price.max, c.price_eur_per_t));
    const YAML::Node area = require(n, "countries", "cbam");
    if (!area.IsSequence() || area.size() == 0) fail(area, "cbam.countries", "expected a non-empty list of the study's countries");
    for (const auto& e : area) {
      if (!e.IsScalar()) fail(e, "cbam.countries", "expected a country name");
      if (std::find(countries.begin(), countries.end(), e.Scalar()) == countries.end())
        fail(e, "cbam.countries", fmt::format("'{}' is not a country of the study's regions{}", excerpt(e.Scalar()),
                                              core::did_you_mean(e.Scalar(), countries)));
      if (c.inside(e.Scalar())) fail(e, "cbam.countries", fmt::format("names '{}' twice", excerpt(e.Scalar())));
      c.countries.push_back(e.Scalar());
    }
    const auto by_country = [&](const char* key, std::map<std::string, double>& out, double max, const char* unit) {
      const YAML::Node m = n[key];
      if (!m || m.IsNull()) return;
      const std::string mk = join("cbam", key);
      if (!m.IsMap()) fail(m, mk, "expected a mapping of countries to values");
      for (const auto& item : m) {
        const std::string country = item.first.Scalar();
        if (std::find(countries.begin(), countries.end(), country) == countries.end())
          fail(item.first, join(mk, country),
               fmt::format("'{}' is not a country of the study's regions{}", excerpt(country), core::did_you_mean(country, countries)));
        const double v = number_node(item.second, join(mk, country));
        if (!(v >= 0 && v <= max)) fail(item.second, join(mk, country), fmt::format("expected {} in [0, {:g}], got {:g}", unit, max, v));
        out[country] = v;
      }
    };
    by_country("default_t_per_mwh", c.default_t_per_mwh, 2.0, "t CO2/MWh");
    by_country("carbon_price_paid_eur_per_t", c.carbon_price_paid_eur_per_t, model::limits::co2_price.max, "a price in EUR/t");
    // Every way into the area needs its factor; a charge needs a direction.
    const auto& links = study_.links;
    const YAML::Node link_nodes = root["links"];
    for (std::size_t k = 0; k < links.size(); ++k) {
      const std::string a = country_of(links.from[k]), b = country_of(links.to[k]);
      if (c.inside(a) == c.inside(b)) continue;
      const std::string outside = c.inside(a) ? b : a;
      const std::string key = fmt::format("links[{}]", k);
      const YAML::Node node = link_nodes && link_nodes.IsSequence() && k < link_nodes.size() ? link_nodes[k] : n;
      if (!model::is_given(links.cbam_actual(k)) && !c.default_t_per_mwh.count(outside))
        fail(node, key, fmt::format("link '{}' brings electricity from {} into the CBAM area: cbam.default_t_per_mwh needs a "
                                    "factor for {} (or the link a declared cbam_actual_t_per_mwh)",
                                    links.name[k], outside, outside));
      if (!links.min_pu_is_zero(k, study_.series, study_.snapshots()))
        fail(node, key, fmt::format("link '{}' crosses into the CBAM area with a negative p_min_pu (one flow of either sign): "
                                    "the charge needs its direction; give it bidirectional: true and p_min_pu 0",
                                    links.name[k]));
    }
    for (std::size_t i = 0; i < markets.size(); ++i) {
      if (!markets.cbam[i]) continue;
      const std::string country = country_of(markets.region[i]);
      const YAML::Node node = root["markets"][i]["cbam"];
      if (c.inside(country))
        fail(node, fmt::format("markets[{}].cbam", i),
             fmt::format("market '{}' attaches in {}, inside the CBAM area: trade inside the EU pays no CBAM", markets.name[i], country));
      if (!c.default_t_per_mwh.count(country))
        fail(node, fmt::format("markets[{}].cbam", i),
             fmt::format("cbam.default_t_per_mwh needs a factor for {}, where market '{}' attaches", country, markets.name[i]));
    }
    for (std::size_t l = 0; l < study_.lines.size(); ++l)
      if (c.inside(country_of(study_.lines.from[l])) != c.inside(country_of(study_.lines.to[l])))
        log_.warn("lines[{}] ({}) crosses into the CBAM area: a line's flow has no direction of its own in the LP, so it pays "
                  "no CBAM charge; model the interconnector as a link to charge it",
                  l, study_.lines.name[l]);
  }

  void read_policy(const YAML::Node& n, const std::string& k) {
    auto& p = study_.policies;
    const std::string kind = required_text(n, "kind", k);
    const Keys kinds = {"co2_cap", "min_renewable_share", "max_capacity", "min_capacity"};
    const char* value_key = nullptr;
    if (kind == "co2_cap") {
      p.kind.push_back(model::PolicyKind::co2_cap);
      value_key = "t_per_year";
    } else if (kind == "min_renewable_share") {
      p.kind.push_back(model::PolicyKind::min_renewable_share);
      value_key = "share";
    } else if (kind == "max_capacity" || kind == "min_capacity") {
      p.kind.push_back(kind == "max_capacity" ? model::PolicyKind::max_capacity : model::PolicyKind::min_capacity);
      value_key = "mw";
    } else {
      fail(n["kind"], join(k, "kind"), fmt::format("expected one of co2_cap, min_renewable_share, max_capacity, min_capacity, got '{}'{}", kind, core::did_you_mean(kind, kinds)));
    }
    const bool capacity = value_key == std::string("mw");
    Keys known = {"kind", "name", "regions", value_key};
    if (capacity) known.push_back("carrier");
    if (kind == "min_renewable_share") known.push_back("carriers");
    check_keys(n, k, known);
    p.name.push_back(text(n, "name", k, fmt::format("{}-{}", kind, p.name.size())));
    std::vector<int> regions = name_list(n, "regions", k, study_.regions.name, "region");
    if (!n["regions"]) {
      regions.resize(study_.regions.size());
      std::iota(regions.begin(), regions.end(), 0);
    }
    p.regions.push_back(regions);
    p.carrier.push_back(capacity ? carrier(n, "carrier", k, true) : -1);
    const std::vector<int> counted = name_list(n, "carriers", k, study_.carriers.name, "carrier");
    for (std::size_t i = 0; i < counted.size(); ++i)
      if (!study_.carriers.renewable[static_cast<std::size_t>(counted[i])])
        fail(n["carriers"][i], fmt::format("{}.carriers[{}]", k, i),
             fmt::format("carrier '{}' is not renewable", study_.carriers.name[static_cast<std::size_t>(counted[i])]));
    p.carriers.push_back(counted);
    p.value.push_back(required_number(n, value_key, k));
  }

  // One of the study's assets by name, in any table (names must not be ambiguous).
  model::AssetRef asset(const YAML::Node& node, const std::string& key) {
    if (!node.IsScalar()) fail(node, key, "expected the name of a generator, link, storage unit or line");
    const std::string name = node.Scalar();
    std::vector<model::AssetRef> found;
    const auto look = [&](const std::vector<std::string>& names, model::AssetKind kind) {
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) found.push_back({kind, static_cast<int>(i)});
    };
    look(study_.generators.name, model::AssetKind::generator);
    look(study_.links.name, model::AssetKind::link);
    look(study_.storage.name, model::AssetKind::storage);
    look(study_.lines.name, model::AssetKind::line);
    if (found.size() > 1) fail(node, key, fmt::format("'{}' names more than one asset (a {} and a {})", name,
                                                      model::to_string(found[0].kind), model::to_string(found[1].kind)));
    if (found.empty()) {
      std::vector<std::string> all = study_.generators.name;
      for (const auto* names : {&study_.links.name, &study_.storage.name, &study_.lines.name})
        all.insert(all.end(), names->begin(), names->end());
      fail(node, key, fmt::format("expected the name of a generator, link, storage unit or line; there is no '{}'{}", name,
                                  core::did_you_mean(name, all)));
    }
    return found.front();
  }

  double rate_in(const YAML::Node& n, const char* key, const std::string& path, double fallback, double high) {
    const double v = number(n, key, path, fallback);
    if (n[key] && !(v >= 0 && v < high))
      fail(n[key], join(path, key), fmt::format("expected a rate in [0, {}), got {}", high, v));
    return v;
  }

  void read_export_target(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "markets", "twh", "note", "country"});
    auto& t = study_.export_targets;
    t.name.push_back(required_text(n, "name", k));
    std::vector<int> markets = name_list(n, "markets", k, study_.markets.name, "market");
    if (!n["markets"]) {
      markets.resize(study_.markets.size());
      std::iota(markets.begin(), markets.end(), 0);
    }
    t.markets.push_back(markets);
    const double twh = required_number(n, "twh", k);
    if (!(twh >= 0 && twh <= model::limits::annual_energy.max))
      fail(n["twh"], join(k, "twh"), fmt::format("expected TWh in [0, {:g}], got {:g}", model::limits::annual_energy.max, twh));
    t.twh.push_back(twh);
    t.note.push_back(text(n, "note", k, ""));
    const std::string country = text(n, "country", k, "");
    const auto& countries = study_.regions.country;
    if (n["country"] && std::find(countries.begin(), countries.end(), country) == countries.end())
      fail(n["country"], join(k, "country"),
           fmt::format("'{}' is not a country of the study's regions{}", excerpt(country), core::did_you_mean(country, countries)));
    t.country.push_back(country);
  }

  // A tranche's provider and provider_kind (README, "Climate-finance accounting"): a named
  // provider needs its kind; without either, equity is the sponsor's (corporate) and the other
  // kinds are an unspecified provider of the kind's usual sector, flagged as assumed.
  void read_provider(const YAML::Node& t, const std::string& tk, model::Tranche& tranche) {
    const bool equity = tranche.kind == model::TrancheKind::equity;
    tranche.provider = text(t, "provider", tk, equity ? "sponsor" : "unspecified");
    if (t["provider"] && tranche.provider.empty()) fail(t["provider"], join(tk, "provider"), "expected a provider's name");
    if (const YAML::Node pk = t["provider_kind"]) {
      const std::string kind = text(t, "provider_kind", tk, "");
      const Keys kinds = {"mdb", "dfi", "bilateral", "multilateral_fund", "export_credit", "government",
                          "commercial_bank", "institutional", "corporate"};
      const auto at = std::find(kinds.begin(), kinds.end(), kind);
      if (at == kinds.end())
        fail(pk, join(tk, "provider_kind"),
             fmt::format("expected one of mdb, dfi, bilateral, multilateral_fund, export_credit, government (public), "
                         "commercial_bank, institutional, corporate (private), got '{}'{}",
                         kind, core::did_you_mean(kind, kinds)));
      tranche.provider_kind = static_cast<model::ProviderKind>(at - kinds.begin());
      return;
    }
    if (t["provider"] && !equity)
      fail(t, join(tk, "provider_kind"),
           fmt::format("is required with provider '{}': one of mdb, dfi, bilateral, multilateral_fund, export_credit, "
                       "government (public), commercial_bank, institutional, corporate (private)", tranche.provider));
    switch (tranche.kind) {
      case model::TrancheKind::equity: tranche.provider_kind = model::ProviderKind::corporate; break;
      case model::TrancheKind::commercial_debt:
        tranche.provider_kind = model::ProviderKind::commercial_bank;
        tranche.provider_kind_assumed = true;
        break;
      case model::TrancheKind::grant:
      case model::TrancheKind::concessional_debt:
        tranche.provider_kind = model::ProviderKind::government;
        tranche.provider_kind_assumed = true;
        break;
    }
  }

  void read_project(const YAML::Node& n, const std::string& k) {
    check_keys(n, k, {"name", "assets", "country", "sponsor", "status", "revenue", "ppa_price_eur_per_mwh",
                      "construction_years", "lifetime_years", "finance", "carbon"});
    auto& p = study_.projects;
    p.name.push_back(required_text(n, "name", k));
    const YAML::Node assets = require(n, "assets", k);
    if (!assets.IsSequence() || assets.size() == 0)
      fail(assets, join(k, "assets"), "expected a non-empty list of asset names");
    std::vector<model::AssetRef> refs;
    for (std::size_t i = 0; i < assets.size(); ++i) refs.push_back(asset(assets[i], fmt::format("{}.assets[{}]", k, i)));
    p.assets.push_back(refs);
    p.country.push_back(text(n, "country", k, ""));
    p.sponsor.push_back(text(n, "sponsor", k, ""));
    const std::string status = text(n, "status", k, "idea");
    const Keys statuses = {"idea", "feasibility", "financing", "construction", "operating"};
    const auto st = std::find(statuses.begin(), statuses.end(), status);
    if (st == statuses.end())
      fail(n["status"], join(k, "status"), fmt::format("expected one of idea, feasibility, financing, construction, operating, "
                                                       "got '{}'{}", status, core::did_you_mean(status, statuses)));
    p.status.push_back(static_cast<model::ProjectStatus>(st - statuses.begin()));
    const std::string revenue = text(n, "revenue", k, "market");
    if (revenue != "market" && revenue != "ppa")
      fail(n["revenue"], join(k, "revenue"), fmt::format("expected market or ppa, got '{}'", revenue));
    p.revenue.push_back(revenue == "ppa" ? model::RevenueKind::ppa : model::RevenueKind::market);
    if (revenue == "ppa" && !n["ppa_price_eur_per_mwh"])
      fail(n, join(k, "ppa_price_eur_per_mwh"), "is required with revenue: ppa");
    p.ppa_price_eur_per_mwh.push_back(number(n, "ppa_price_eur_per_mwh", k, model::not_given));
    const double years = number(n, "construction_years", k, 0.0);
    if (!(years >= 0 && years <= 20 && years == std::floor(years)))
      fail(n["construction_years"], join(k, "construction_years"), fmt::format("expected a whole number of years in [0, 20], got {}", years));
    p.construction_years.push_back(static_cast<int>(years));
    const double lifetime = number(n, "lifetime_years", k, model::not_given);
    if (n["lifetime_years"] && !(lifetime >= model::limits::lifetime_min && lifetime <= model::limits::lifetime.max &&
                                 lifetime == std::floor(lifetime)))
      fail(n["lifetime_years"], join(k, "lifetime_years"),
           fmt::format("expected a whole number of years in [{:g}, {:g}], got {:g}", model::limits::lifetime_min,
                       model::limits::lifetime.max, lifetime));
    p.lifetime_years.push_back(lifetime);

    model::FinanceTerms terms;
    if (const YAML::Node f = n["finance"]) {
      const std::string fk = join(k, "finance");
      if (!f.IsMap()) fail(f, fk, "expected a mapping with tranches and tax_rate");
      check_keys(f, fk, {"tranches", "tax_rate"});
      terms.tax_rate = rate_in(f, "tax_rate", fk, 0.0, 1.0);
      const YAML::Node list = require(f, "tranches", fk);
      if (!list.IsSequence() || list.size() == 0) fail(list, join(fk, "tranches"), "expected a non-empty list of tranches");
      double total = 0;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node t = list[i];
        const std::string tk = fmt::format("{}.tranches[{}]", fk, i);
        if (!t.IsMap()) fail(t, tk, "expected a mapping with kind and share");
        check_keys(t, tk, {"kind", "share", "rate", "tenor_years", "grace_years", "provider", "provider_kind"});
        model::Tranche tranche;
        const std::string kind = required_text(t, "kind", tk);
        const Keys kinds = {"grant", "concessional_debt", "commercial_debt", "equity"};
        const auto at = std::find(kinds.begin(), kinds.end(), kind);
        if (at == kinds.end())
          fail(t["kind"], join(tk, "kind"), fmt::format("expected one of grant, concessional_debt, commercial_debt, equity, got "
                                                        "'{}'{}", kind, core::did_you_mean(kind, kinds)));
        tranche.kind = static_cast<model::TrancheKind>(at - kinds.begin());
        tranche.share = required_number(t, "share", tk);
        if (!(tranche.share > 0 && tranche.share <= 1))
          fail(t["share"], join(tk, "share"), fmt::format("expected a share in (0, 1], got {}", tranche.share));
        total += tranche.share;
        const bool debt = tranche.kind == model::TrancheKind::concessional_debt ||
                          tranche.kind == model::TrancheKind::commercial_debt;
        if (tranche.kind == model::TrancheKind::grant) {
          if (t["rate"] || t["tenor_years"] || t["grace_years"])
            fail(t, tk, "a grant is not repaid: it takes no rate, tenor_years or grace_years");
        } else {
          if (!t["rate"]) fail(t, join(tk, "rate"), fmt::format("is required for {}", kind));
          tranche.rate = rate_in(t, "rate", tk, 0.0, 1.0);
        }
        if (debt) {
          tranche.tenor_years = required_number(t, "tenor_years", tk);
          if (!(tranche.tenor_years >= 1 && tranche.tenor_years <= model::limits::lifetime.max &&
                tranche.tenor_years == std::floor(tranche.tenor_years)))
            fail(t["tenor_years"], join(tk, "tenor_years"),
                 fmt::format("expected a whole number of years in [1, {:g}], got {:g}", model::limits::lifetime.max, tranche.tenor_years));
          tranche.grace_years = number(t, "grace_years", tk, 0.0);
          if (!(tranche.grace_years >= 0 && tranche.grace_years < tranche.tenor_years &&
                tranche.grace_years == std::floor(tranche.grace_years)))
            fail(t["grace_years"] ? t["grace_years"] : t, join(tk, "grace_years"),
                 fmt::format("expected a whole number of years in [0, tenor_years), got {}", tranche.grace_years));
        } else if (t["tenor_years"] || t["grace_years"]) {
          fail(t, tk, fmt::format("{} takes no tenor_years or grace_years", kind));
        }
        read_provider(t, tk, tranche);
        terms.tranches.push_back(tranche);
      }
      if (std::abs(total - 1.0) > 1e-6)
        fail(list, join(fk, "tranches"), fmt::format("expected shares that sum to 1, got {}", total));
    } else {
      terms.tranches.push_back(model::sponsor_equity(study_.settings.discount_rate));
    }
    p.finance.push_back(terms);
    double price = model::not_given, baseline = model::not_given;
    if (const YAML::Node c = n["carbon"]) {
      const std::string ck = join(k, "carbon");
      if (!c.IsMap()) fail(c, ck, "expected a mapping with credit_price_eur_per_t and baseline_t_per_mwh");
      check_keys(c, ck, {"credit_price_eur_per_t", "baseline_t_per_mwh"});
      price = required_number(c, "credit_price_eur_per_t", ck);
      if (!(price >= 0 && price <= model::limits::co2_price.max))
        fail(c["credit_price_eur_per_t"], join(ck, "credit_price_eur_per_t"),
             fmt::format("expected a price in [0, {:g}] EUR/t, got {:g}", model::limits::co2_price.max, price));
      baseline = number(c, "baseline_t_per_mwh", ck, model::not_given);
      if (c["baseline_t_per_mwh"] && !(baseline >= 0 && baseline <= 2))
        fail(c["baseline_t_per_mwh"], join(ck, "baseline_t_per_mwh"), fmt::format("expected t/MWh in [0, 2], got {}", baseline));
    }
    p.credit_price_eur_per_t.push_back(price);
    p.baseline_t_per_mwh.push_back(baseline);
  }
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::input, Context{path.string(), 0, 0, ""}, "cannot open the file");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

Study read_study_text(std::string_view yaml, const std::string& file, const FileLoader& load, core::Logger& log,
                      const ReadOptions& options) {
  return StudyReader(file, load, log, options).read(yaml);
}

Study read_study(const std::string& path, core::Logger& log, const ReadOptions& options) {
  if (path.rfind(builtin_prefix, 0) == 0) {
    const std::string relative = path.substr(builtin_prefix.size());
    const auto text = find_builtin(relative);
    if (!text) throw Error(ErrorKind::input, Context{path, 0, 0, ""}, "no such built-in study");
    const std::string folder = std::filesystem::path(relative).parent_path().string();
    const FileLoader loader = [folder](const std::string& name) {
      const std::string key = (std::filesystem::path(folder) / name).lexically_normal().string();
      const auto content = find_builtin(key);
      if (!content) throw Error(ErrorKind::input, fmt::format("no built-in file '{}'", key));
      return std::string(*content);
    };
    return read_study_text(*text, path, loader, log, options);
  }
  if (is_pypsa_folder(path)) {
    if (!options.scenario.empty())
      throw Error(ErrorKind::input, Context{path, 0, 0, "--scenario"},
                  "a PyPSA network has no scenarios (a study file's 'scenarios' mapping); convert it or run it as it is");
    return read_pypsa_folder(path, log, PyPsaReadOptions{options.strict});  // resampled by app::load
  }
  std::filesystem::path file(path);
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) file /= "study.yaml";
  if (!std::filesystem::exists(file, ec))
    throw Error(ErrorKind::input, Context{file.string(), 0, 0, ""}, "no such study file");
  const std::filesystem::path folder = file.parent_path();
  const FileLoader loader = [folder](const std::string& name) {
    const std::filesystem::path p = folder / name;
    std::error_code e;
    if (!std::filesystem::is_regular_file(p, e))
      throw Error(ErrorKind::input, Context{p.string(), 0, 0, ""}, fmt::format("no such file '{}'", p.string()));
    return read_file(p);
  };
  return read_study_text(read_file(file), file.string(), loader, log, options);
}

}  // namespace silkgrid::io
