// `cchc batch CRITERIA INPUT`: every commune of a folder or an NDJSON file
// scored in parallel, ranked and summarised; failures reported, never dropped.
#include "engine/batch/batch.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands/batch_inputs.h"
#include "cli/commands/commands.h"
#include "cli/commands/huge_heap.h"
#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "cli/commands/output.h"
#include "cli/commands/weights.h"
#include "engine/render/batch.h"

namespace cchc {
namespace {

// A progress bar on stderr, redrawn every 100 ms until stopped. While an
// NDJSON file is still being read the total is an estimate, shown "~N".
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, const std::atomic<size_t>& done, const BatchInputs& inputs)
      : err_(err), done_(done), inputs_(inputs), thread_([this] { Run(); }) {}
  ~ProgressBar() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
    Draw();
    err_ << "\n";
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_; })) Draw();
  }
  void Draw() {
    const bool exact = inputs_.Complete();
    const size_t done = done_.load();
    const size_t total = std::max(inputs_.Expected(), done);
    const size_t width = 30, filled = total ? done * width / total : width;
    err_ << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done
         << "/" << (exact ? "" : "~") << total << " " << (total ? done * 100 / total : 100) << "%"
         << std::flush;
  }

  std::ostream& err_;
  const std::atomic<size_t>& done_;
  const BatchInputs& inputs_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

int RunBatch(const BatchOptions& o, std::ostream& out, std::ostream& err) {
  // A national batch keeps ~25 MB of results and buffers: 2 MiB pages make
  // that a dozen page faults instead of ~4,000 (about a sixth of its CPU
  // time on a virtual machine, where each costs ~15 us).
  GrowHeapInHugePages(size_t{64} << 20);
  std::string format_name;
  OutputFormat format = OutputFormat::kTable;
  RenderOptions render;
  if (!ParseOutputFlags("batch", o.output, true, &format_name, &format, &render, err)) {
    return kExitInvalidInput;
  }
  const bool xlsx = format_name == "xlsx";
  if (xlsx && (o.output.output.empty() || o.output.output == "-")) {
    err << "error: --format xlsx needs -o FILE.xlsx\n";
    return kExitInvalidInput;
  }
  if (o.gaps < 0) {
    err << "error: --gaps must be 0 or more\n";
    return kExitInvalidInput;
  }
  const std::unique_ptr<const CompiledCriteria> criteria = LoadCriteria(o.criteria, err);
  if (!criteria) return kExitInvalidInput;
  AreaWeights weights;
  if (!o.weights.empty() && !LoadAreaWeights(o.weights, criteria->criteria(), &weights, err)) {
    return kExitInvalidInput;
  }

  std::unique_ptr<BatchInputs> inputs = OpenBatchInputs(o.input, nullptr, err);
  if (!inputs) return kExitInvalidInput;

  BatchConfig config;
  config.jobs = o.jobs;
  config.max_gaps = static_cast<size_t>(o.gaps);
  std::atomic<size_t> done{0};
  BatchResult result;
  {
    std::unique_ptr<ProgressBar> bar;
    if (o.progress && ::isatty(STDERR_FILENO)) {
      config.progress = &done;
      bar = std::make_unique<ProgressBar>(err, done, *inputs);
    }
    result = ScoreBatch(criteria->plan(), *inputs, config);
  }
  // Past scoring nothing reads the inputs: release them before the output is built.
  inputs.reset();
  if (!o.weights.empty()) RankAlternative(criteria->plan(), weights, &result);

  if (format != OutputFormat::kTable || xlsx) {
    for (const BatchFailure& f : result.failed) err << "failed: " << FailureLine(f) << "\n";
  }
  err << "batch: read " << result.read() << ", scored " << result.units.size() << ", failed "
      << result.failed.size() << "\n";

  bool written;
  if (xlsx) {
    std::string why;
    written = WriteBatchXlsx(criteria->plan(), result, render, o.output.output, &why);
    if (!written) err << o.output.output << ": error: " << why << "\n";
    if (written) SayWritten(o.output.output, format_name, render.lang, err);
  } else {
    written = EmitOutput(RenderBatch(criteria->plan(), result, format, render), o.output,
                         format_name, render.lang, out, err);
  }
  if (!written) return kExitFailure;
  if (result.failed.empty()) return kExitOk;
  return result.units.empty() ? kExitInvalidInput : kExitPartial;
}

}  // namespace cchc
