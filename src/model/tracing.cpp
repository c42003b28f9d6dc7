#include "model/tracing.hpp"

#include <algorithm>
#include <cmath>

namespace silkgrid::model {

namespace {
struct Edge {
  int from = 0, to = 0;
  double received = 0;  // MW arriving at `to`
};
}  // namespace

ExportTrace trace_exports(const Study& study, const Results& r) {
  ExportTrace out;
  const std::size_t R = study.regions.size(), M = study.markets.size(), T = study.snapshots();
  std::vector<int> country_of(R);
  for (std::size_t i = 0; i < R; ++i) {
    const auto it = std::find(out.origins.begin(), out.origins.end(), study.regions.country[i]);
    country_of[i] = static_cast<int>(it - out.origins.begin());
    if (it == out.origins.end()) out.origins.push_back(study.regions.country[i]);
  }
  const std::size_t countries = out.origins.size();
  for (std::size_t m = 0; m < M; ++m) out.origins.push_back(study.markets.name[m]);
  const std::size_t O = out.origins.size();
  out.by_market_mwh.assign(M, std::vector<double>(O, 0.0));
  out.total_mwh.assign(O, 0.0);
  if (M == 0 || T == 0) return out;

  const auto at = [](const Matrix& x, std::size_t i, std::size_t t) { return i < x.rows && t < x.cols ? x(i, t) : 0.0; };
  std::vector<double> local(R * O), mix(R * O), inflow(R);
  std::vector<Edge> edges;
  std::vector<std::vector<int>> into(R), out_of(R);  // edges arriving at and leaving each region
  std::vector<double> before(O);
  for (std::size_t t = 0; t < T; ++t) {
    double exported = 0;
    for (std::size_t m = 0; m < M; ++m) exported += std::max(0.0, at(r.market_export, m, t));
    if (exported <= 0) continue;
    std::fill(local.begin(), local.end(), 0.0);
    for (std::size_t g = 0; g < study.generators.size(); ++g) {
      const auto reg = static_cast<std::size_t>(study.generators.region[g]);
      local[reg * O + static_cast<std::size_t>(country_of[reg])] += std::max(0.0, at(r.generator_p, g, t));
    }
    for (std::size_t s = 0; s < study.storage.size(); ++s) {
      const auto reg = static_cast<std::size_t>(study.storage.region[s]);
      local[reg * O + static_cast<std::size_t>(country_of[reg])] += std::max(0.0, at(r.storage_discharge, s, t));
    }
    for (std::size_t m = 0; m < M; ++m) {
      const auto reg = static_cast<std::size_t>(study.markets.region[m]);
      local[reg * O + countries + m] += std::max(0.0, at(r.market_import, m, t));
    }
    edges.clear();
    const auto edge = [&](int from, int to, double received) {
      if (received > 1e-12) edges.push_back({from, to, received});
    };
    const auto& k = study.links;
    for (std::size_t l = 0; l < k.size(); ++l) {
      const double f = at(r.link_forward, l, t), b = at(r.link_backward, l, t), eta = k.efficiency[l];
      if (f > 0) edge(k.from[l], k.to[l], eta * f);
      else edge(k.to[l], k.from[l], -f);  // a reversible link's flow of the other sign: from receives |f|
      edge(k.to[l], k.from[l], eta * b);
    }
    for (std::size_t l = 0; l < study.lines.size(); ++l) {
      const double f = at(r.line_flow, l, t);
      if (f > 0) edge(study.lines.from[l], study.lines.to[l], f);
      else edge(study.lines.to[l], study.lines.from[l], -f);
    }
    for (auto& v : into) v.clear();
    for (auto& v : out_of) v.clear();
    std::vector<int> pending(R, 0);
    for (std::size_t e = 0; e < edges.size(); ++e) {
      into[static_cast<std::size_t>(edges[e].to)].push_back(static_cast<int>(e));
      out_of[static_cast<std::size_t>(edges[e].from)].push_back(static_cast<int>(e));
      ++pending[static_cast<std::size_t>(edges[e].to)];
    }
    for (std::size_t i = 0; i < R; ++i) {
      inflow[i] = 0;
      for (std::size_t o = 0; o < O; ++o) inflow[i] += local[i * O + o];
      for (int e : into[i]) inflow[i] += edges[static_cast<std::size_t>(e)].received;
    }
    // m_i = (L_i + Σ R_ji m_j) / P_i; a region with nothing coming in is its own country's.
    const auto update = [&](std::size_t i) {
      double* m = &mix[i * O];
      if (!(inflow[i] > 0)) {
        std::fill(m, m + O, 0.0);
        m[country_of[i]] = 1.0;
        return;
      }
      for (std::size_t o = 0; o < O; ++o) m[o] = local[i * O + o];
      for (int e : into[i]) {
        const Edge& x = edges[static_cast<std::size_t>(e)];
        const double* from = &mix[static_cast<std::size_t>(x.from) * O];
        for (std::size_t o = 0; o < O; ++o) m[o] += x.received * from[o];
      }
      for (std::size_t o = 0; o < O; ++o) m[o] /= inflow[i];
    };
    // Kahn's order over the regions; those left on a cycle are iterated to convergence.
    std::fill(mix.begin(), mix.end(), 0.0);
    std::vector<int> queue;
    std::vector<char> done(R, 0);
    for (std::size_t i = 0; i < R; ++i)
      if (pending[i] == 0) queue.push_back(static_cast<int>(i));
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const auto i = static_cast<std::size_t>(queue[q]);
      update(i);
      done[i] = 1;
      for (int e : out_of[i]) {
        const int to = edges[static_cast<std::size_t>(e)].to;
        if (--pending[static_cast<std::size_t>(to)] == 0) queue.push_back(to);
      }
    }
    if (queue.size() < R) {
      for (int sweep = 0; sweep < 10000; ++sweep) {
        double change = 0;
        for (std::size_t i = 0; i < R; ++i) {
          if (done[i]) continue;
          std::copy(mix.begin() + static_cast<long>(i * O), mix.begin() + static_cast<long>((i + 1) * O), before.begin());
          update(i);
          for (std::size_t o = 0; o < O; ++o) change = std::max(change, std::abs(mix[i * O + o] - before[o]));
        }
        if (change < 1e-13) break;
      }
    }
    const double w = study.time.weights[t];
    for (std::size_t m = 0; m < M; ++m) {
      const double x = std::max(0.0, at(r.market_export, m, t));
      if (x <= 0) continue;
      const auto reg = static_cast<std::size_t>(study.markets.region[m]);
      double sum = 0;
      for (std::size_t o = 0; o < O; ++o) sum += mix[reg * O + o];
      for (std::size_t o = 0; o < O; ++o) {
        const double share = sum > 0 ? mix[reg * O + o] / sum : (o == static_cast<std::size_t>(country_of[reg]) ? 1.0 : 0.0);
        out.by_market_mwh[m][o] += w * x * share;
        out.total_mwh[o] += w * x * share;
      }
    }
  }
  return out;
}

ExportGoal check_export_target(const Study& study, const Results& r, const ExportTrace& trace, std::size_t i) {
  const auto& et = study.export_targets;
  const std::string& country = et.country[i];
  const auto o = static_cast<std::size_t>(std::find(trace.origins.begin(), trace.origins.end(), country) - trace.origins.begin());
  ExportGoal g;
  for (int m : et.markets[i]) {
    g.exports_mwh += r.market_exports_mwh[static_cast<std::size_t>(m)];
    if (!country.empty() && o < trace.origins.size()) g.own_exports_mwh += trace.by_market_mwh[static_cast<std::size_t>(m)][o];
  }
  g.met = (country.empty() ? g.exports_mwh : g.own_exports_mwh) / 1e6 >= et.twh[i] * (1 - 1e-9);
  return g;
}

}  // namespace silkgrid::model
