// Batch scoring: many communes' evidence parsed and scored in parallel against
// one compiled plan, then ranked under the criteria's tie rule, summarised per
// area and band, and compared with the appraisal council's points. A unit that
// cannot be read or parsed is reported in `failed`, never dropped.
#ifndef CCHC_ENGINE_BATCH_BATCH_H_
#define CCHC_ENGINE_BATCH_BATCH_H_

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/batch/stats.h"
#include "engine/core/area_weights.h"
#include "engine/core/plan.h"
#include "engine/core/scorecard.h"
#include "evidence/loader.h"

namespace cchc {

struct BatchFailure {
  std::string source;
  std::string error;  // the read error, or the loader's errors (file:line:col: ...)
};

// Where the batch's evidence texts come from. Read() is called concurrently
// from worker threads, at most once per index: it must be thread-safe.
//
// Inputs may come a window at a time (an NDJSON file read once, as it is
// scored): inputs [0, size()) are readable at first; once they are scored,
// NextWindow() makes the next ones readable, [old size(), new size()), and
// those of earlier windows unreadable, until it returns false.
class BatchInputs {
 public:
  virtual ~BatchInputs() = default;
  // The inputs met so far (all of them unless windowed).
  virtual size_t size() const = 0;
  // False while windows remain, when size() is not yet the final count.
  virtual bool Complete() const { return true; }
  // How many inputs there will be in all, for a progress display: size()
  // once Complete(), else an estimate. Both may be read while the batch
  // scores (from another thread).
  virtual size_t Expected() const { return size(); }
  // Reads the next window: false when there is none, and then *failure is
  // set when reading stopped on an error (the inputs past it are lost: the
  // failure says from where). Not called concurrently with Read().
  virtual bool NextWindow(BatchFailure* /*failure*/) { return false; }
  // A label for input i: a file path, or "FILE.ndjson:LINE".
  virtual std::string Name(size_t i) const = 0;
  // Sets *text to input i's evidence (it may point into *buffer or into
  // memory the inputs own), or returns false with *error set.
  virtual bool Read(size_t i, std::string* buffer, std::string_view* text,
                    std::string* error) const = 0;
  // The 1-based line input i starts at within Name's file (NDJSON), else 0:
  // evidence issues are then reported at that file line.
  virtual size_t Line(size_t /*i*/) const { return 0; }
  // True when every text Read gives is followed by EvidenceLoader::kPadding
  // readable bytes (the JSON reader then parses it in place).
  virtual bool Padded() const { return false; }
};

// One NDJSON text (one evidence document per non-blank line) as inputs named
// "FILE:LINE". `text` must outlive the object.
class NdjsonInputs : public BatchInputs {
 public:
  NdjsonInputs(std::string file, std::string_view text);
  size_t size() const override { return lines_.size(); }
  std::string Name(size_t i) const override;
  bool Read(size_t i, std::string* buffer, std::string_view* text,
            std::string* error) const override;
  size_t Line(size_t i) const override { return lines_[i].line; }

 private:
  struct LineRef {
    size_t line;
    std::string_view text;
  };
  std::string file_;
  std::vector<LineRef> lines_;
};

// A unit's result, compact: what ranking, statistics and the renderers need.
struct BatchUnit {
  std::string source;
  Unit unit;
  double percent = 0;  // unrounded index
  double points = 0, max = 0;
  double bonus = 0, penalty = 0;  // after their caps
  std::string band;
  int rank = 0;
  std::vector<std::optional<double>> area_percent;  // per plan area; nullopt: nothing applicable
  // Per criterion (flat, criteria order): points and applicable max, for an
  // index under criterion weights (engine/core/area_weights.h).
  std::vector<double> criterion_points, criterion_max;
  std::vector<double> item_points;  // per plan item
  std::vector<ItemStatus> item_status;
  std::vector<std::optional<double>> item_appraised;
  std::optional<double> appraised_percent, appraised_points;
  size_t missing_evidence = 0;                  // items scored 0 for want of evidence
  std::optional<AlternativeIndex> alternative;  // under --weights (RankAlternative)
};

// One self-vs-appraised difference: unit u's item i.
struct BatchGap {
  size_t unit = 0;  // into BatchResult::units
  int item = 0;     // into Plan::items()
  double self = 0, appraised = 0;
  double gap() const { return appraised - self; }
};

struct BatchResult {
  std::vector<BatchUnit> units;      // input order
  std::vector<BatchFailure> failed;  // input order
  std::vector<size_t> order;         // units by rank, equal ranks by code
  BatchSummary summary;
  std::vector<BatchGap> largest_gaps;  // by |gap|, largest first
  size_t read() const { return units.size() + failed.size(); }
};

struct BatchConfig {
  int jobs = 0;                             // worker threads; <= 0: hardware concurrency
  std::atomic<size_t>* progress = nullptr;  // when set, incremented per unit done
  EvidenceLimits limits;
  size_t max_gaps = 10;  // how many largest gaps to list
};

// Parses and scores every input in parallel (one points-only Scorer per
// worker, the plan shared read-only: no explanation text is built), then ranks, summarises and
// lists the largest gaps. The result does not depend on the number of jobs. Failures: a read error,
// an evidence file with errors, a missing unit code, or a code already used by an earlier input
// (inputs are taken in index order).
BatchResult ScoreBatch(const Plan& plan, BatchInputs& inputs, const BatchConfig& options);

// Ranks, summarises and lists gaps over result->units (ScoreBatch's tail;
// exposed for tests that build units by hand).
void FinishBatch(const Plan& plan, size_t max_gaps, BatchResult* result);

// Sets every unit's `alternative`: its index and band under `w`, ranked under
// the criteria's tie rule among the batch's units (the official fields stay).
void RankAlternative(const Plan& plan, const AreaWeights& w, BatchResult* result);

// Replaces every unit's official index, band and rank by those under `w`, and
// re-ranks and re-summarises: the nominal batch of an uncertainty run around
// another scheme.
void ReweighBatch(const Plan& plan, const AreaWeights& w, size_t max_gaps, BatchResult* result);

}  // namespace cchc

#endif  // CCHC_ENGINE_BATCH_BATCH_H_
