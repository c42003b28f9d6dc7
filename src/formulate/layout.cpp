#include "formulate/layout.hpp"

#include <climits>

#include "core/error.hpp"

namespace silkgrid::formulate {

bool min_pu_is_zero(const model::Study& study, std::size_t g) {
  const auto& profile = study.generators.p_min_pu[g];
  const std::size_t n = profile.is_constant() ? 1 : study.snapshots();
  for (std::size_t t = 0; t < n; ++t)
    if (profile.at(study.series, t) != 0.0) return false;
  return true;
}

bool policy_needs_row(const model::Study& study, std::size_t p) {
  const auto kind = study.policies.kind[p];
  if (kind != model::PolicyKind::max_capacity && kind != model::PolicyKind::min_capacity) return true;
  const auto& g = study.generators;
  for (std::size_t j = 0; j < g.size(); ++j) {
    if (!g.invest.extendable[j] || g.carrier[j] != study.policies.carrier[p]) continue;
    for (int r : study.policies.regions[p])
      if (r == g.region[j]) return true;
  }
  return false;
}

namespace {
// Hands out consecutive indices, guarding against overflowing Clp's int indices.
struct Counter {
  long long next = 0;
  int take(long long count) {
    const long long first = next;
    next += count;
    if (next > INT_MAX) throw core::Error(core::ErrorKind::input, "the study is too large: more than 2^31 LP columns or rows");
    return static_cast<int>(first);
  }
};
}  // namespace

Layout make_layout(const model::Study& study) {
  Layout L;
  const long long T = static_cast<long long>(study.snapshots());
  L.T = static_cast<int>(T);
  const std::size_t G = study.generators.size(), K = study.links.size(), S = study.storage.size(),
                    M = study.markets.size(), R = study.regions.size(), P = study.policies.size();

  Counter col;
  L.generation = col.take(static_cast<long long>(G) * T);
  L.forward = col.take(static_cast<long long>(K) * T);
  L.backward.assign(K, none);
  for (std::size_t k = 0; k < K; ++k)
    if (study.links.bidirectional[k]) L.backward[k] = col.take(T);
  L.charge = col.take(static_cast<long long>(S) * T);
  L.discharge = col.take(static_cast<long long>(S) * T);
  L.soc = col.take(static_cast<long long>(S) * T);
  L.exports = col.take(static_cast<long long>(M) * T);
  L.imports = col.take(static_cast<long long>(M) * T);
  L.unserved = col.take(static_cast<long long>(R) * T);
  L.generator_capacity.assign(G, none);
  for (std::size_t g = 0; g < G; ++g)
    if (study.generators.invest.extendable[g]) L.generator_capacity[g] = col.take(1);
  L.link_capacity.assign(K, none);
  for (std::size_t k = 0; k < K; ++k)
    if (study.links.invest.extendable[k]) L.link_capacity[k] = col.take(1);
  L.storage_capacity.assign(S, none);
  for (std::size_t s = 0; s < S; ++s)
    if (study.storage.invest.extendable[s]) L.storage_capacity[s] = col.take(1);
  L.num_cols = col.take(0);

  Counter row;
  L.balance = row.take(static_cast<long long>(R) * T);
  L.generator_max.assign(G, none);
  L.generator_min.assign(G, none);
  for (std::size_t g = 0; g < G; ++g) {
    if (L.generator_capacity[g] == none) continue;
    L.generator_max[g] = row.take(T);
    if (!min_pu_is_zero(study, g)) L.generator_min[g] = row.take(T);
  }
  L.link_forward_max.assign(K, none);
  L.link_backward_max.assign(K, none);
  for (std::size_t k = 0; k < K; ++k) {
    if (L.link_capacity[k] == none) continue;
    L.link_forward_max[k] = row.take(T);
    if (L.backward[k] != none) L.link_backward_max[k] = row.take(T);
  }
  L.storage_level = row.take(static_cast<long long>(S) * T);
  L.storage_charge_max.assign(S, none);
  L.storage_discharge_max.assign(S, none);
  L.storage_energy_max.assign(S, none);
  for (std::size_t s = 0; s < S; ++s) {
    if (L.storage_capacity[s] == none) continue;
    L.storage_charge_max[s] = row.take(T);
    L.storage_discharge_max[s] = row.take(T);
    L.storage_energy_max[s] = row.take(T);
  }
  L.policy.assign(P, none);
  for (std::size_t p = 0; p < P; ++p)
    if (policy_needs_row(study, p)) L.policy[p] = row.take(1);
  L.num_rows = row.take(0);
  return L;
}

}  // namespace silkgrid::formulate
