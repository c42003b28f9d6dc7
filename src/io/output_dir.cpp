#include "io/output_dir.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <optional>
#include <set>

#include "core/error.hpp"

namespace silkgrid::io {

namespace fs = std::filesystem;
using core::Context;
using core::Error;
using core::ErrorKind;

namespace {

constexpr const char* marker_heading = "written by silkgrid";
constexpr const char* list_heading = "files:";

std::string unique_suffix() {
  return fmt::format("{}-{}", ::getpid(), std::chrono::steady_clock::now().time_since_epoch().count());
}

fs::path parent_of(const fs::path& path) { return path.has_parent_path() ? path.parent_path() : fs::path("."); }

// The files a marker lists; none when the folder has no marker; an empty set with `listed`
// false for a marker without a list (silkgrid before file lists).
struct Listed {
  bool has_marker = false;
  bool listed = false;
  std::set<std::string> files;
};

Listed read_marker(const fs::path& folder) {
  Listed out;
  std::error_code ec;
  if (!fs::is_regular_file(folder / OutputDir::marker, ec)) return out;
  out.has_marker = true;
  std::ifstream in(folder / OutputDir::marker);
  std::string line;
  while (std::getline(in, line)) {
    if (line == list_heading) {
      out.listed = true;
      continue;
    }
    if (out.listed && !line.empty()) out.files.insert(line);
  }
  return out;
}

// Every entry below `folder` (files and folders), as relative generic paths, the marker left out.
std::vector<std::string> entries_below(const fs::path& folder) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().lexically_relative(folder).generic_string();
    if (name == OutputDir::marker) continue;
    out.push_back(it->is_directory(ec) && !it->is_symlink(ec) ? name + "/" : name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void write_marker(const fs::path& folder, const std::vector<std::string>& files) {
  std::ofstream out(folder / OutputDir::marker, std::ios::trunc);
  out << marker_heading << "\n" << list_heading << "\n";
  for (const auto& f : files) out << f << "\n";
  out.flush();
  if (!out)
    throw Error(ErrorKind::io, Context{(folder / OutputDir::marker).string(), 0, 0, ""}, "cannot write the file");
}

std::string list_some(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > 3) out += fmt::format(" and {} more", names.size() - 3);
  return out;
}

// Why `target` may not be replaced, or nothing when it may (absent, empty, or a result folder
// holding only silkgrid's files).
std::optional<std::string> why_not_replaceable(const fs::path& target) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(target, ec);
  if (!fs::exists(status)) return std::nullopt;
  if (!fs::is_directory(status)) return "exists and is not a folder";
  if (fs::is_empty(target, ec)) return std::nullopt;
  if (!fs::exists(target / OutputDir::marker, ec))
    return "exists, is not empty and is not a silkgrid result folder; choose another --out";
  const auto foreign = foreign_entries(target);
  if (!foreign.empty())
    return fmt::format("is a silkgrid result folder that also holds files silkgrid did not write ({}); move them out "
                       "or choose another --out",
                       list_some(foreign));
  return std::nullopt;
}

// Removes what silkgrid wrote into `folder` (its marker's list, then the marker), then the
// folder if nothing else is left. A folder without a list is removed whole (as before lists).
void remove_written(const fs::path& folder) {
  std::error_code ec;
  const Listed listed = read_marker(folder);
  if (!listed.listed) {
    fs::remove_all(folder, ec);
    return;
  }
  // Deepest first, so that listed folders are empty when their turn comes.
  std::vector<std::string> files(listed.files.begin(), listed.files.end());
  std::sort(files.begin(), files.end(), std::greater<>());
  for (const auto& f : files) fs::remove(folder / fs::path(f.back() == '/' ? f.substr(0, f.size() - 1) : f), ec);
  fs::remove(folder / OutputDir::marker, ec);
  fs::remove(folder, ec);  // fails, keeping it, when something unlisted is inside
}

bool process_is_alive(long pid) {
  if (pid <= 0) return true;  // unknown: leave it
  if (pid == static_cast<long>(::getpid())) return true;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

}  // namespace

std::vector<std::string> foreign_entries(const fs::path& folder) {
  const Listed listed = read_marker(folder);
  if (listed.has_marker && !listed.listed) return {};
  std::vector<std::string> out;
  for (const auto& name : entries_below(folder))
    if (!listed.files.count(name)) out.push_back(name);
  return out;
}

int clean_leftovers(const fs::path& target) {
  const fs::path parent = parent_of(target);
  const std::string name = target.filename().string();
  int cleaned = 0;
  std::error_code ec;
  std::vector<fs::path> found;
  for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    found.push_back(it->path());
  std::sort(found.begin(), found.end(), std::greater<>());  // the newest replaced folder first
  for (const fs::path& path : found) {
    const std::string entry = path.filename().string();
    bool old = false;
    std::string rest;
    if (entry.rfind("." + name + ".tmp-", 0) == 0) {
      rest = entry.substr(name.size() + 6);
    } else if (entry.rfind("." + name + ".old-", 0) == 0) {
      rest = entry.substr(name.size() + 6);
      old = true;
    } else {
      continue;
    }
    const std::size_t digits = rest.find_first_not_of("0123456789");
    if (digits == 0 || digits == std::string::npos || rest[digits] != '-') continue;
    if (!fs::is_directory(fs::symlink_status(path, ec)) || !fs::is_regular_file(path / OutputDir::marker, ec)) continue;
    if (process_is_alive(std::stol(rest.substr(0, digits)))) continue;
    if (old && !fs::exists(fs::symlink_status(target, ec))) {
      fs::rename(path, target, ec);  // the run died between its renames: the old results come back
      if (!ec) ++cleaned;
      continue;
    }
    if (old)
      remove_written(path);
    else
      fs::remove_all(path, ec);  // a staging folder holds only what silkgrid wrote
    if (!fs::exists(path, ec)) ++cleaned;
  }
  return cleaned;
}

OutputDir::OutputDir(fs::path target) : target_(std::move(target)) {
  std::error_code ec;
  if (target_.filename().empty()) target_ = target_.parent_path();  // "out/" → "out"
  if (fs::is_directory(parent_of(target_), ec)) clean_leftovers(target_);
  if (const auto why = why_not_replaceable(target_)) throw Error(ErrorKind::io, Context{target_.string(), 0, 0, ""}, *why);
  const fs::path parent = parent_of(target_);
  fs::create_directories(parent, ec);
  if (ec) throw Error(ErrorKind::io, Context{parent.string(), 0, 0, ""}, "cannot create the folder: " + ec.message());
  staging_ = parent / fmt::format(".{}.tmp-{}", target_.filename().string(), unique_suffix());
  fs::create_directory(staging_, ec);
  if (ec) throw Error(ErrorKind::io, Context{staging_.string(), 0, 0, ""}, "cannot create the folder: " + ec.message());
  write_marker(staging_, {});
}

OutputDir::~OutputDir() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void OutputDir::commit() {
  std::error_code ec;
  const fs::path parent = parent_of(target_);
  write_marker(staging_, entries_below(staging_));
  // Refuses, keeping the staged results visible beside the target and touching nothing else.
  const auto refuse = [&](const std::string& why) {
    const fs::path kept = parent / fmt::format("{}.new-{}", target_.filename().string(), unique_suffix());
    std::error_code rename_ec;
    fs::rename(staging_, kept, rename_ec);
    const std::string where = rename_ec ? staging_.string() : kept.string();
    if (!rename_ec) staging_ = kept;
    committed_ = true;  // kept, not removed
    return Error(ErrorKind::io, Context{target_.string(), 0, 0, ""},
                 fmt::format("{} (it changed during the run and was left as it is); the new results are in {}", why,
                             where));
  };
  if (const auto why = why_not_replaceable(target_)) throw refuse(*why);
  fs::path old;
  if (fs::exists(fs::symlink_status(target_, ec)) && !fs::is_empty(target_, ec)) {
    old = parent / fmt::format(".{}.old-{}", target_.filename().string(), unique_suffix());
    fs::rename(target_, old, ec);
    if (ec) throw refuse("cannot replace the folder: " + ec.message());
  }
  // An empty folder is replaced by the rename itself; a non-empty one or a file (made since the
  // check above) makes it fail, so nothing is lost.
  fs::rename(staging_, target_, ec);
  if (ec) {
    std::error_code ignore;
    if (!old.empty()) fs::rename(old, target_, ignore);
    throw refuse("cannot move the results into place: " + ec.message());
  }
  committed_ = true;
  if (!old.empty()) remove_written(old);
}

namespace {
// Adds `path` to the list of its folder's marker when that folder is a result folder with one.
void add_to_marker_list(const fs::path& path) {
  const fs::path folder = parent_of(path);
  const Listed listed = read_marker(folder);
  const std::string name = path.filename().string();
  if (!listed.listed || listed.files.count(name)) return;
  std::ofstream(folder / OutputDir::marker, std::ios::app) << name << "\n";
}
}  // namespace

void write_file_atomically(const fs::path& path, const std::string& content) {
  const fs::path tmp = path.string() + ".tmp-" + unique_suffix();
  {
    std::ofstream out(tmp, std::ios::binary);
    out << content;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw Error(ErrorKind::io, Context{path.string(), 0, 0, ""}, "cannot write the file");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw Error(ErrorKind::io, Context{path.string(), 0, 0, ""}, "cannot write the file");
  }
  add_to_marker_list(path);
}

}  // namespace silkgrid::io
