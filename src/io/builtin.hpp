#pragma once
// Files shipped inside the program (data/studies/, embedded at build time).
#include <optional>
#include <string_view>
#include <vector>

namespace silkgrid::io {

struct BuiltinFile {
  std::string_view path;     // relative to data/studies, e.g. "demo/study.yaml"
  std::string_view content;
};

const std::vector<BuiltinFile>& builtin_files();
std::optional<std::string_view> find_builtin(std::string_view path);

// The prefix that marks built-in paths in messages: "<builtin>/demo/study.yaml".
inline constexpr std::string_view builtin_prefix = "<builtin>/";

// The study a run without a study argument uses.
inline constexpr std::string_view default_study = "corridor/study.yaml";

}  // namespace silkgrid::io
