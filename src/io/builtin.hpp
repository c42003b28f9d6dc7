#pragma once
// Files shipped inside the program (data/, embedded at build time): studies under
// "studies/", PyPSA's standard types under "pypsa/".
#include <optional>
#include <string_view>
#include <vector>

namespace silkgrid::io {

struct BuiltinFile {
  std::string_view path;     // relative to data/, e.g. "studies/demo/study.yaml"
  std::string_view content;
};

const std::vector<BuiltinFile>& builtin_files();
// A shipped study file by its path relative to data/studies ("demo/study.yaml").
std::optional<std::string_view> find_builtin(std::string_view path);
// Any shipped file by its path relative to data/ ("pypsa/line_types.csv").
std::optional<std::string_view> find_builtin_data(std::string_view path);
inline constexpr std::string_view builtin_studies_folder = "studies/";

// The prefix that marks built-in paths in messages: "<builtin>/demo/study.yaml".
inline constexpr std::string_view builtin_prefix = "<builtin>/";

// The study a run without a study argument uses.
inline constexpr std::string_view default_study = "corridor/study.yaml";

}  // namespace silkgrid::io
