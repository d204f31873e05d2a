// Every limit on what a person or a file may give cchc, in one place (the
// table in docs/limits.md lists them). It sits in criteria/, the lowest layer,
// so that every layer above can include it.
#ifndef CCHC_CRITERIA_INPUT_LIMITS_H_
#define CCHC_CRITERIA_INPUT_LIMITS_H_

#include <cstddef>

namespace cchc {

// Criteria files (E100, E103, E106).
// A real criteria set is ~40 KB: a file of megabytes is the wrong file.
inline constexpr size_t kMaxCriteriaBytes = size_t{4} << 20;
// Deeper parentheses are a generated or broken file; bounds the recursion.
inline constexpr int kMaxCriteriaNesting = 64;
// After this many syntax errors the file is almost surely not criteria.
inline constexpr int kMaxCriteriaSyntaxErrors = 20;

// Evidence files, each NDJSON line and each file of a batch folder
// (E513-E517, E523).
// One commune's evidence is ~100 KB; a province's export belongs in a batch.
inline constexpr size_t kMaxEvidenceBytes = size_t{64} << 20;
// Several provinces' worth of records in one commune's file is a mistake.
inline constexpr size_t kMaxEvidenceRecords = 200000;
// A field holds a reference (number, date, title), not a document; also any
// JSON key and any CSV cell.
inline constexpr size_t kMaxStringBytes = size_t{64} << 10;
// Evidence is flat records of fields; deeper JSON is not evidence.
inline constexpr int kMaxEvidenceDepth = 32;
// Past this many errors the file is of the wrong kind; one E523 then stop.
inline constexpr size_t kMaxEvidenceErrors = 1000;
// One part of an .xlsx workbook, uncompressed (a zip bomb stops here).
inline constexpr size_t kMaxXlsxPartBytes = size_t{64} << 20;
// Every part of an .xlsx workbook read, uncompressed.
inline constexpr size_t kMaxXlsxTotalBytes = size_t{256} << 20;
// An NDJSON batch (a whole country is ~300 MB); each line is evidence above.
inline constexpr size_t kMaxNdjsonBytes = size_t{2} << 30;

// Scenario and task files (E513, E515, E517, E523, E528).
// A plan of 18 tasks is ~10 KB: megabytes are the wrong file.
inline constexpr size_t kMaxScenarioBytes = size_t{4} << 20;
// A what-if is a handful of changes; counted over the whole file.
inline constexpr size_t kMaxScenarioEffects = 10000;
// Effects nest a record in an effect in a list: 16 is ample.
inline constexpr int kMaxScenarioDepth = 16;
// Past this many errors the file is of the wrong kind; one E523 then stop.
inline constexpr size_t kMaxScenarioErrors = 200;
// Tasks in one plan (`cchc tasks`, `report --tasks`, `serve --tasks`): every
// set of tasks is scored exactly, 2^25 (33 million) sets take seconds, and
// each task more doubles the time. Past it the command says so and exits 2.
inline constexpr size_t kMaxTasks = 25;

// Other files and options.
// A weights file is one line per area: a few hundred bytes.
inline constexpr size_t kMaxWeightsFileBytes = size_t{1} << 20;
// `cchc synth --units`: more than the country's ~10,000 communes, bounded.
inline constexpr int kMaxSynthUnits = 100000;
// `cchc uncertainty --samples` and `--max-samples`.
inline constexpr int kMaxUncertaintySamples = 1000000;
// Units × samples × (Sobol: factors + 2) values kept in memory (400 MB).
inline constexpr size_t kMaxUncertaintyCells = size_t{50} << 20;
// `cchc uncertainty --bootstrap` resamples.
inline constexpr int kMaxBootstrap = 10000;
// `cchc uncertainty --samples-out` rows (units × samples): ~200 MB of CSV.
inline constexpr size_t kMaxSampleRows = 2000000;
// `cchc tasks --threads`: more than any machine here; more is a typo.
inline constexpr int kMaxThreads = 64;

// `cchc serve` requests.
// A request body: an evidence upload is at most an evidence file's worth of
// edits in practice; 16 MiB keeps one request's memory bounded.
inline constexpr size_t kMaxRequestBytes = size_t{16} << 20;
// JSON nesting in a request body, checked before nlohmann parses it
// (nlohmann recurses per level).
inline constexpr int kMaxRequestJsonDepth = 64;

}  // namespace cchc

#endif  // CCHC_CRITERIA_INPUT_LIMITS_H_
