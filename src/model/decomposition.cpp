#include "model/decomposition.hpp"

namespace silkgrid::model {

const char* to_string(Decomposition decomposition) {
  switch (decomposition) {
    case Decomposition::automatic: return "auto";
    case Decomposition::none: return "none";
    case Decomposition::benders: return "benders";
  }
  return "auto";
}

std::optional<Decomposition> parse_decomposition(std::string_view text) {
  for (const auto d : {Decomposition::automatic, Decomposition::none, Decomposition::benders})
    if (text == to_string(d)) return d;
  return std::nullopt;
}

}  // namespace silkgrid::model
