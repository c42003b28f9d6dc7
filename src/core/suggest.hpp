#pragma once
// Closest-name suggestions for misspelt keys and references ("did you mean 'p_nom_mw'?").
#include <span>
#include <string>
#include <string_view>

namespace silkgrid::core {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, or "" when none is close enough to be a plausible typo.
std::string closest_name(std::string_view word, std::span<const std::string> candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace silkgrid::core
