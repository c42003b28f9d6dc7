#include "io/builtin.hpp"

#include <string>

namespace silkgrid::io {

std::optional<std::string_view> find_builtin_data(std::string_view path) {
  for (const auto& file : builtin_files())
    if (file.path == path) return file.content;
  return std::nullopt;
}

std::optional<std::string_view> find_builtin(std::string_view path) {
  return find_builtin_data(std::string(builtin_studies_folder) + std::string(path));
}

}  // namespace silkgrid::io
