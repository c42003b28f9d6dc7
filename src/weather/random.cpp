#include "weather/random.hpp"

namespace silkgrid::weather {

std::uint64_t stream_seed(std::uint64_t seed, std::string_view stream) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char ch : stream) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ull;
  }
  // SplitMix64 finaliser over seed and name.
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (h | 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double Random::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  const double u1 = uniform(), u2 = uniform();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * M_PI * u2;
  spare_ = radius * std::sin(angle);
  has_spare_ = true;
  return radius * std::cos(angle);
}

}  // namespace silkgrid::weather
