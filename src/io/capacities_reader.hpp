#pragma once
// Reads the capacities.csv of a result folder of `run` back into a study's asset order
// (ensemble --capacities RUN_DIR). Every error names the file and line.
#include <string>

#include "model/outages.hpp"
#include "model/study.hpp"

namespace silkgrid::io {

// Each asset of `study` at the capacity the file gives it (optimal_mw; energy_capacity_mwh for
// a store). An asset the file lacks keeps its existing capacity where it is not extendable and is
// an error where it is; a row naming an asset the study lacks, a kind that differs, a repeated
// row or a value that is not a finite number ≥ 0 is an error.
model::Capacities read_capacities(const std::string& folder, const model::Study& study);

}  // namespace silkgrid::io
