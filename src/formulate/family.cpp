// The machinery every family shares: allocation, the index of blocks, names, helpers.
#include "formulate/family.hpp"

#include <fmt/format.h>

#include <climits>
#include <cmath>

#include "core/error.hpp"

namespace silkgrid::formulate {

bool Context::cyclic(std::size_t s) const {
  return scope.start == Level::cyclic || (scope.start == Level::as_study && study.storage.cyclic[s] != 0);
}

namespace {
int take(long long& next, long long count) {
  const long long first = next;
  next += count;
  if (next > INT_MAX) throw core::Error(core::ErrorKind::input, "the study is too large: more than 2^31 LP columns or rows");
  return static_cast<int>(first);
}

Block block(long long& next, std::size_t components, int length, const std::vector<char>& has) {
  Block b;
  b.length = length;
  b.first.assign(components, none);
  for (std::size_t i = 0; i < components; ++i)
    if (has.empty() || has[i]) b.first[i] = take(next, length);
  return b;
}
}  // namespace

int Allocator::columns(long long count) { return take(cols_, count); }
int Allocator::rows(long long count) { return take(rows_, count); }
Block Allocator::column_block(std::size_t components, int length, const std::vector<char>& has) {
  return block(cols_, components, length, has);
}
Block Allocator::row_block(std::size_t components, int length, const std::vector<char>& has) {
  return block(rows_, components, length, has);
}

void Index::add_columns(const std::string& name, Block block) {
  if (!cols_.emplace(name, std::move(block)).second)
    throw core::Error(core::ErrorKind::internal, fmt::format("two column blocks named '{}'", name));
}
void Index::add_rows(const std::string& name, Block block) {
  if (!rows_.emplace(name, std::move(block)).second)
    throw core::Error(core::ErrorKind::internal, fmt::format("two row blocks named '{}'", name));
}
const Block& Index::columns(const std::string& name) const {
  const auto found = cols_.find(name);
  if (found == cols_.end()) throw core::Error(core::ErrorKind::internal, fmt::format("no column block named '{}'", name));
  return found->second;
}
const Block& Index::rows(const std::string& name) const {
  const auto found = rows_.find(name);
  if (found == rows_.end()) throw core::Error(core::ErrorKind::internal, fmt::format("no row block named '{}'", name));
  return found->second;
}

std::string Names::clean(std::string name) {
  for (char& ch : name)
    if (ch == ' ' || ch == '\t') ch = '_';
  return name;
}
void Names::name_block(std::vector<std::string>& into, const Block& block, const char* label,
                       const std::vector<std::string>& components, bool scalar) const {
  for (std::size_t i = 0; i < block.size(); ++i) {
    if (!block.has(i)) continue;
    const std::string n = clean(components[i]);
    for (int t = 0; t < block.length; ++t)
      into[static_cast<std::size_t>(block.at(i, static_cast<std::size_t>(t)))] =
          scalar ? fmt::format("{}({})", label, n) : fmt::format("{}({},{})", label, n, t0_ + static_cast<std::size_t>(t));
  }
}
void Names::columns(const Block& block, const char* label, const std::vector<std::string>& components, bool scalar) {
  name_block(lp_.col_names, block, label, components, scalar);
}
void Names::rows(const Block& block, const char* label, const std::vector<std::string>& components, bool scalar) {
  name_block(lp_.row_names, block, label, components, scalar);
}
void Names::column(int j, const std::string& name) { lp_.col_names[static_cast<std::size_t>(j)] = clean(name); }
void Names::row(int i, const std::string& name) { lp_.row_names[static_cast<std::size_t>(i)] = clean(name); }

model::Matrix region_load(const model::Study& study) {
  model::Matrix load(study.regions.size(), study.snapshots());
  for (std::size_t l = 0; l < study.loads.size(); ++l) {
    const auto r = static_cast<std::size_t>(study.loads.region[l]);
    for (std::size_t t = 0; t < load.cols; ++t) load(r, t) += study.loads.p_mw[l].at(study.series, t);
  }
  return load;
}

double storage_keep(const model::Study& study, std::size_t s, std::size_t t) {
  return std::pow(1.0 - study.storage.standing_loss_per_hour[s], study.time.store_weight(t));
}

const std::vector<std::string>& asset_names(const model::Study& study, model::AssetKind kind) {
  switch (kind) {
    case model::AssetKind::generator: return study.generators.name;
    case model::AssetKind::link: return study.links.name;
    case model::AssetKind::line: return study.lines.name;
    case model::AssetKind::storage: return study.storage.name;
  }
  return study.generators.name;
}

std::vector<std::string> lp_names(const model::Study& study, model::AssetKind kind) {
  std::vector<std::string> names = asset_names(study, kind);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (kind == model::AssetKind::line && study.lines.transformer[i]) names[i] = "trafo:" + names[i];
    if (kind == model::AssetKind::storage && study.storage.energy_only[i]) names[i] = "store:" + names[i];
  }
  return names;
}

void copy_series(const lp::Solution& s, const Block& block, model::Matrix& into) {
  for (std::size_t i = 0; i < block.size(); ++i) {
    if (!block.has(i)) continue;
    for (std::size_t t = 0; t < into.cols; ++t) into(i, t) = value_of(s, block.at(i, t));
  }
}

}  // namespace silkgrid::formulate
