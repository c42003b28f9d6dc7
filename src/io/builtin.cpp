#include "io/builtin.hpp"

namespace silkgrid::io {

std::optional<std::string_view> find_builtin(std::string_view path) {
  for (const auto& file : builtin_files())
    if (file.path == path) return file.content;
  return std::nullopt;
}

}  // namespace silkgrid::io
