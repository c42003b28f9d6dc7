#pragma once
// Atomic output folders: results are written into a temporary sibling folder which replaces
// the target only when everything is written. A failed run leaves the target as it was.
//
// The marker file (.silkgrid-results) lists the files silkgrid wrote into the folder. A folder
// is replaced only when it is absent, empty, or a result folder that holds nothing but the
// files its marker lists; that is checked when the OutputDir is made and again at the commit,
// so that nothing silkgrid did not write is ever deleted.
#include <filesystem>
#include <string>
#include <vector>

namespace silkgrid::io {

class OutputDir {
 public:
  // Refuses (core::Error(io)) a target that exists and is neither empty nor a silkgrid result
  // folder holding only the files silkgrid wrote there, so that --out never replaces unrelated
  // files. Removes what killed runs into the same target left behind (see clean_leftovers).
  explicit OutputDir(std::filesystem::path target);
  ~OutputDir();  // removes the temporary folder unless committed or kept
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  // Where to write the files now.
  const std::filesystem::path& staging() const { return staging_; }
  std::filesystem::path file(const std::string& name) const { return staging_ / name; }
  // Moves the staging folder into place. If the target meanwhile became a file, or a folder
  // with files silkgrid did not write, it is left untouched: the staged results are kept as
  // the visible sibling folder NAME.new-PID-… and core::Error(io) names both folders.
  void commit();

  static constexpr const char* marker = ".silkgrid-results";

 private:
  std::filesystem::path target_, staging_;
  bool committed_ = false;
};

// The entries (relative paths) of `folder` that silkgrid did not write into it: everything but
// the marker and the files it lists. Empty for a marker of silkgrid before file lists (such a
// folder is replaced as before).
std::vector<std::string> foreign_entries(const std::filesystem::path& folder);

// Removes the staging (.NAME.tmp-PID-…) and replaced (.NAME.old-PID-…) folders of `target`
// that runs killed before their end left: only folders holding the marker whose PID is not a
// live process. A replaced folder is put back as the target when the target is missing (the
// run died between its two renames). Returns how many it removed or restored.
int clean_leftovers(const std::filesystem::path& target);

// Writes `content` to `path` through a temporary file and a rename. A file written this way
// into a silkgrid result folder (report.html, compare.csv) joins the marker's list.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

}  // namespace silkgrid::io
