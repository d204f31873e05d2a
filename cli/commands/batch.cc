// `cchc batch CRITERIA INPUT`: every commune of a folder or an NDJSON file
// scored in parallel, ranked and summarised; failures reported, never dropped.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands/commands.h"
#include "cli/commands/io.h"
#include "cli/commands/load.h"
#include "engine/batch.h"
#include "engine/batch_report.h"

namespace cchc {
namespace {

constexpr size_t kMaxNdjsonBytes = size_t{2} << 30;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsNdjson(const std::string& path) {
  const std::string ext = Lower(std::filesystem::path(path).extension().string());
  return ext == ".ndjson" || ext == ".jsonl";
}

// Evidence files, read by the workers themselves.
class FileInputs : public BatchInputs {
 public:
  explicit FileInputs(std::vector<std::string> paths) : paths_(std::move(paths)) {}
  size_t size() const override { return paths_.size(); }
  std::string Name(size_t i) const override { return paths_[i]; }
  bool Read(size_t i, std::string* buffer, std::string_view* text,
            std::string* error) const override {
    auto data = ReadWholeFile(paths_[i], kMaxEvidenceBytes, error);
    if (!data) return false;
    *buffer = std::move(*data);
    *text = *buffer;
    return true;
  }

 private:
  std::vector<std::string> paths_;
};

// The .json / .csv files of a folder, sorted by name; *skipped counts others.
std::vector<std::string> ListEvidence(const std::string& dir, size_t* skipped, std::string* error) {
  std::vector<std::string> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string ext = Lower(it->path().extension().string());
    if ((ext == ".json" || ext == ".csv") && !it->is_directory()) {
      out.push_back(it->path().string());
    } else {
      ++*skipped;
    }
  }
  if (ec) *error = ec.message();
  std::sort(out.begin(), out.end());
  return out;
}

// A progress bar on stderr, redrawn every 100 ms until stopped.
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, const std::atomic<size_t>& done, size_t total)
      : err_(err), done_(done), total_(total), thread_([this] { Run(); }) {}
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
    const size_t done = std::min(done_.load(), total_);
    const size_t width = 30, filled = total_ ? done * width / total_ : width;
    err_ << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done
         << "/" << total_ << " " << (total_ ? done * 100 / total_ : 100) << "%" << std::flush;
  }

  std::ostream& err_;
  const std::atomic<size_t>& done_;
  size_t total_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

int RunBatch(const BatchOptions& o, std::ostream& out, std::ostream& err) {
  const bool xlsx = o.output.format == "xlsx";
  OutputFormat format = OutputFormat::kTable;
  ReportOptions report;
  if (!ParseReportFlags(xlsx ? "table" : o.output.format, o.output.lang, &format, &report, err)) {
    if (!xlsx) err << "  (batch also takes --format xlsx)\n";
    return kExitInvalidInput;
  }
  if (xlsx && (o.output.output.empty() || o.output.output == "-")) {
    err << "error: --format xlsx needs -o FILE.xlsx\n";
    return kExitInvalidInput;
  }
  if (o.gaps < 0) {
    err << "error: --gaps must be 0 or more\n";
    return kExitInvalidInput;
  }
  LoadedCriteria criteria;
  if (!LoadCriteria(o.criteria, &criteria, err)) return kExitInvalidInput;

  std::error_code ec;
  std::unique_ptr<BatchInputs> inputs;
  std::string ndjson_text;
  if (std::filesystem::is_directory(o.input, ec)) {
    size_t skipped = 0;
    std::string why;
    std::vector<std::string> files = ListEvidence(o.input, &skipped, &why);
    if (!why.empty()) {
      err << o.input << ": error: cannot list the folder: " << why << "\n";
      return kExitInvalidInput;
    }
    if (files.empty()) {
      err << o.input << ": error: no .json or .csv evidence files in the folder; nothing scored\n";
      return kExitInvalidInput;
    }
    if (skipped) err << o.input << ": note: skipped " << skipped << " entries that are not .json or .csv files\n";
    inputs = std::make_unique<FileInputs>(std::move(files));
  } else if (IsNdjson(o.input)) {
    std::string why;
    bool too_large = false;
    auto text = ReadWholeFile(o.input, kMaxNdjsonBytes, &why, &too_large);
    if (!text) {
      err << o.input << (too_large ? ": error[E513]: the NDJSON file is too large: "
                                   : ": error[E590]: cannot read the NDJSON file: ")
          << why << "\n";
      return kExitInvalidInput;
    }
    ndjson_text = std::move(*text);
    inputs = std::make_unique<NdjsonInputs>(o.input, ndjson_text);
    if (inputs->size() == 0) {
      err << o.input << ": error: the NDJSON file has no evidence lines; nothing scored\n";
      return kExitInvalidInput;
    }
  } else if (std::filesystem::exists(o.input, ec)) {
    inputs = std::make_unique<FileInputs>(std::vector<std::string>{o.input});  // a batch of one
  } else {
    err << o.input << ": error: no such file or folder\n";
    return kExitInvalidInput;
  }

  BatchConfig config;
  config.jobs = o.jobs;
  config.max_gaps = static_cast<size_t>(o.gaps);
  std::atomic<size_t> done{0};
  BatchResult result;
  {
    std::unique_ptr<ProgressBar> bar;
    if (o.progress && ::isatty(STDERR_FILENO)) {
      config.progress = &done;
      bar = std::make_unique<ProgressBar>(err, done, inputs->size());
    }
    result = ScoreBatch(*criteria.plan, *inputs, config);
  }

  if (format != OutputFormat::kTable || xlsx) {
    for (const BatchFailure& f : result.failed) err << "failed: " << FailureLine(f) << "\n";
  }
  err << "batch: read " << result.read() << ", scored " << result.units.size() << ", failed "
      << result.failed.size() << "\n";

  bool written;
  if (xlsx) {
    std::string why;
    written = WriteBatchXlsx(*criteria.plan, result, report, o.output.output, &why);
    if (!written) err << o.output.output << ": error: " << why << "\n";
  } else {
    written = Emit(RenderBatch(*criteria.plan, result, format, report), o.output.output, out, err);
  }
  if (!written) return kExitFailure;
  if (result.failed.empty()) return kExitOk;
  return result.units.empty() ? kExitInvalidInput : kExitPartial;
}

}  // namespace cchc
