#pragma once
// Deterministic random numbers: std::mt19937_64 (its output sequence is fixed by the C++
// standard) with our own uniform and normal transforms (the standard library's distributions
// differ between implementations). Same seed, same series, on every machine.
#include <cmath>
#include <cstdint>
#include <random>
#include <string_view>

namespace silkgrid::weather {

// A 64-bit seed for one named stream of a weather year (FNV-1a of the name, mixed with the seed).
std::uint64_t stream_seed(std::uint64_t seed, std::string_view stream);

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  // Uniform in (0, 1): 53 random bits, never exactly 0.
  double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }
  // Standard normal (Box–Muller; the second value of each pair is kept for the next call).
  double normal();

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0;
};

// Standard normal cumulative distribution.
inline double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace silkgrid::weather
