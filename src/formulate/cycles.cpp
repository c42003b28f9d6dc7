#include "formulate/cycles.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>


namespace silkgrid::formulate {

namespace {

using Cycle = std::vector<std::pair<int, double>>;

// A path between two regions over the given edges, by breadth-first search, as (line, sign)
// steps from `start` to `goal` (sign +1 where the step runs from → to); empty when none.
// `skip` is a line not to use (−1: none).
Cycle shortest_path(const model::Lines& lines, const std::vector<std::vector<int>>& adjacent, int start, int goal,
                    int skip, std::vector<int>& via, std::vector<int>& seen_list) {
  for (int r : seen_list) via[static_cast<std::size_t>(r)] = -2;
  seen_list.clear();
  std::vector<int> queue = {start};
  via[static_cast<std::size_t>(start)] = -1;
  seen_list.push_back(start);
  for (std::size_t q = 0; q < queue.size() && via[static_cast<std::size_t>(goal)] == -2; ++q) {
    const int here = queue[q];
    for (const int edge : adjacent[static_cast<std::size_t>(here)]) {
      if (edge == skip) continue;
      const auto e = static_cast<std::size_t>(edge);
      const int next = lines.from[e] == here ? lines.to[e] : lines.from[e];
      if (via[static_cast<std::size_t>(next)] != -2) continue;
      via[static_cast<std::size_t>(next)] = edge;
      seen_list.push_back(next);
      queue.push_back(next);
    }
  }
  Cycle path;
  if (via[static_cast<std::size_t>(goal)] == -2) return path;
  for (int here = goal; here != start;) {
    const auto e = static_cast<std::size_t>(via[static_cast<std::size_t>(here)]);
    const int prev = lines.from[e] == here ? lines.to[e] : lines.from[e];
    path.emplace_back(static_cast<int>(e), lines.from[e] == prev ? 1.0 : -1.0);
    here = prev;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

// Cycles over GF(2) as bit sets of the kind's lines, kept in echelon form by lowest set bit.
class CycleSpace {
 public:
  explicit CycleSpace(std::size_t edges) : words_((edges + 63) / 64) {}
  // Adds the cycle when it is independent of those added; returns whether it was.
  bool add(const Cycle& cycle, const std::vector<int>& local) {
    std::vector<std::uint64_t> v(words_, 0);
    for (const auto& [line, sign] : cycle) {
      const auto bit = static_cast<std::size_t>(local[static_cast<std::size_t>(line)]);
      v[bit / 64] ^= std::uint64_t{1} << (bit % 64);
    }
    for (;;) {
      std::size_t w = 0;
      while (w < words_ && v[w] == 0) ++w;
      if (w == words_) return false;  // dependent
      const std::size_t pivot = w * 64 + static_cast<std::size_t>(__builtin_ctzll(v[w]));
      const auto found = basis_.find(pivot);
      if (found == basis_.end()) {
        basis_.emplace(pivot, std::move(v));
        return true;
      }
      for (std::size_t i = w; i < words_; ++i) v[i] ^= found->second[i];
    }
  }

 private:
  std::size_t words_;
  std::unordered_map<std::size_t, std::vector<std::uint64_t>> basis_;
};

}  // namespace

std::vector<std::vector<std::pair<int, double>>> line_cycles(const model::Study& study) {
  const auto& lines = study.lines;
  const std::size_t R = study.regions.size();
  std::vector<Cycle> cycles;
  std::vector<int> via(R, -2), seen;
  for (const auto kind : {model::LineKind::ac, model::LineKind::dc}) {
    // A spanning forest by union–find: the lines that close a loop count the independent cycles.
    std::vector<int> parent(R);
    for (std::size_t r = 0; r < R; ++r) parent[r] = static_cast<int>(r);
    const auto find = [&](int r) {
      while (parent[static_cast<std::size_t>(r)] != r) r = parent[static_cast<std::size_t>(r)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(r)])];
      return r;
    };
    std::vector<std::vector<int>> tree(R), all(R);  // region → its tree lines, all its lines
    std::vector<int> closing, members, local(lines.size(), -1);
    for (std::size_t l = 0; l < lines.size(); ++l) {
      if (lines.kind[l] != kind) continue;
      local[l] = static_cast<int>(members.size());
      members.push_back(static_cast<int>(l));
      all[static_cast<std::size_t>(lines.from[l])].push_back(static_cast<int>(l));
      all[static_cast<std::size_t>(lines.to[l])].push_back(static_cast<int>(l));
      const int a = find(lines.from[l]), b = find(lines.to[l]);
      if (a == b) {
        closing.push_back(static_cast<int>(l));
      } else {
        parent[static_cast<std::size_t>(a)] = b;
        tree[static_cast<std::size_t>(lines.from[l])].push_back(static_cast<int>(l));
        tree[static_cast<std::size_t>(lines.to[l])].push_back(static_cast<int>(l));
      }
    }
    if (closing.empty()) continue;
    // Short cycles first: each line with the shortest way back around it (so a meshed grid gets
    // its small faces rather than the long fundamental cycles of a spanning tree), kept where
    // independent; the fundamental cycles complete the basis if those do not span the space.
    // Any basis gives the same power flows; short cycles give fewer non-zeros.
    std::vector<Cycle> candidates;
    if (members.size() <= 20000) {
      for (const int l : members) {
        const auto e = static_cast<std::size_t>(l);
        Cycle back = shortest_path(lines, all, lines.to[e], lines.from[e], l, via, seen);
        if (back.empty()) continue;  // a bridge: on no cycle
        Cycle cycle = {{l, 1.0}};
        cycle.insert(cycle.end(), back.begin(), back.end());
        candidates.push_back(std::move(cycle));
      }
      std::stable_sort(candidates.begin(), candidates.end(), [](const Cycle& a, const Cycle& b) { return a.size() < b.size(); });
    }
    for (const int l : closing) {
      const auto e = static_cast<std::size_t>(l);
      Cycle cycle = {{l, 1.0}};
      const Cycle back = shortest_path(lines, tree, lines.to[e], lines.from[e], -1, via, seen);
      cycle.insert(cycle.end(), back.begin(), back.end());
      candidates.push_back(std::move(cycle));
    }
    CycleSpace space(members.size());
    std::size_t found = 0;
    for (Cycle& cycle : candidates) {
      if (found == closing.size()) break;
      if (!space.add(cycle, local)) continue;
      cycles.push_back(std::move(cycle));
      ++found;
    }
  }
  return cycles;
}

}  // namespace silkgrid::formulate
