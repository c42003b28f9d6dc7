#pragma once
// Shared by the fuzz targets (fuzz/*_fuzz.cpp): splitting one input into named files, and the
// rule every target checks. An input is a file, or several: "#==> NAME <==" on a line of its
// own starts the file NAME; text before the first such line is the target's main file.
//
// The rule: reading any input either succeeds, or throws core::Error of a kind other than
// `internal`. Anything else (another exception, an internal error, a crash, a sanitizer report)
// is a bug, and the target aborts so that libFuzzer (or the replay driver) reports it. A study
// that reads is also built into its LP (when small), whose every coefficient must be finite
// and within what Clp accepts: a number that would abort Clp must be refused by the reader.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "model/study.hpp"

namespace silkgrid::fuzz {

struct Files {
  std::string main;                           // text before the first "#==> NAME <==" line
  std::map<std::string, std::string> named;   // NAME → contents (the last one wins)
};

Files split(std::string_view input);

// Prints `what` to standard error and aborts: the fuzzer's signal of a bug.
[[noreturn]] void bug(const std::string& what);

// Runs `read`; a core::Error other than internal is an expected refusal of bad input.
// Returns whether `read` succeeded.
template <typename Read>
bool expect_clean(Read&& read);

// Builds the study's LP (when it has at most `max_cells` snapshot × component cells) and checks
// every cost, bound and matrix entry against Clp's limits.
void check_lp(const model::Study& study, std::size_t max_cells = 200000);

}  // namespace silkgrid::fuzz

#include "fuzz/harness_impl.hpp"
