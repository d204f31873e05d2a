// What the server serves: one commune's evidence file (editable, saved with a
// history) or a province's batch (read-only, any commune opened on demand).
// Every scored state is an immutable Snapshot shared by the handlers, so that
// reads never wait for a save; saves are serialised and versioned.
#ifndef CCHC_CLI_SERVE_SESSION_H_
#define CCHC_CLI_SERVE_SESSION_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands/load.h"
#include "engine/batch/batch.h"
#include "engine/core/scorecard.h"
#include "engine/render/score.h"
#include "evidence/issues.h"
#include "evidence/record.h"

namespace cchc::serve {

// One commune's evidence as scored. Immutable once made.
struct Snapshot {
  int version = 0;
  Evidence evidence;
  Scorecard card;
  std::string score_json;     // exactly `cchc score --format json`
  std::string evidence_json;  // EvidenceToJson(evidence)
  std::vector<EvidenceIssue> warnings;
  // `cchc sensitivity --format json`, computed on first use (it re-scores).
  mutable std::once_flag sensitivity_once;
  mutable std::string sensitivity_json;
};

// Scores `evidence` against the plan and renders the JSON the page reads.
std::shared_ptr<const Snapshot> MakeSnapshot(const CompiledCriteria& criteria, Evidence evidence,
                                             std::vector<EvidenceIssue> warnings, int version,
                                             const RenderOptions& report);

// The outcome of a save: ok, or why not (HTTP status and message).
struct SaveResult {
  bool ok = false;
  int status = 200;
  std::string code, message;
  std::vector<EvidenceIssue> issues;  // validation errors when status is 422
  std::shared_ptr<const Snapshot> snapshot;
};

// The commune mode: the evidence file the server was started with.
class CommuneSession {
 public:
  // Loads the evidence file (and the task list when tasks_path is not empty);
  // false after printing the problems to `err`.
  static std::unique_ptr<CommuneSession> Open(std::shared_ptr<const CompiledCriteria> criteria,
                                              const std::string& evidence_path,
                                              const std::string& tasks_path,
                                              const RenderOptions& report, std::ostream& err);

  std::shared_ptr<const Snapshot> current() const;
  const std::string& path() const { return path_; }
  const std::string& history_dir() const { return history_dir_; }
  // Empty when saving is possible; else the reason (a workbook is read-only).
  const std::string& save_blocker() const { return save_blocker_; }
  const std::string& tasks_text() const { return tasks_text_; }
  const std::string& tasks_path() const { return tasks_path_; }

  // Validates `text` (an evidence JSON document) and, when the version is
  // current, keeps the file's present content in the history folder and
  // writes the new one atomically (temporary file, fsync, rename) in the
  // file's format: JSON, or CSV in the file's own conventions (refused, 422,
  // when CSV cannot hold a value, e.g. an appraisal). Saves are serialised; a
  // save against an older version is refused (409).
  SaveResult Save(int base_version, const std::string& text);

  // Saved versions kept in the history folder, newest first.
  struct HistoryEntry {
    int version = 0;
    std::string file;  // name inside history_dir()
    long long bytes = 0;
  };
  std::vector<HistoryEntry> History() const;

 private:
  CommuneSession() = default;

  std::shared_ptr<const CompiledCriteria> criteria_;
  RenderOptions report_;
  std::string path_, history_dir_, stem_, save_blocker_;
  bool csv_ = false;  // the evidence file is CSV (else JSON)
  std::string tasks_path_, tasks_text_;
  mutable std::mutex snapshot_mu_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::mutex save_mu_;  // held for a whole save
};

// The province mode: a folder or NDJSON of communes, scored once.
class ProvinceSession {
 public:
  static std::unique_ptr<ProvinceSession> Open(std::shared_ptr<const CompiledCriteria> criteria,
                                               const std::string& input,
                                               const RenderOptions& report, std::ostream& err);
  // Exactly `cchc batch --format json`, rendered on first use (it is large:
  // ~28 MB for 3,321 communes).
  const std::string& batch_json() const;
  const BatchResult& result() const { return result_; }
  // What the province page needs, small: `cchc batch` JSON's fields without
  // the per-unit area and item arrays (documented in docs/serve.md).
  const std::string& ranking_json() const { return ranking_json_; }
  // The commune with this unit code, scored (null when there is none, with
  // the reason in *error).
  std::shared_ptr<const Snapshot> OpenUnit(const std::string& code, std::string* error);

 private:
  ProvinceSession() = default;
  bool ReadInput(size_t i, std::string* text, std::string* error) const;

  std::shared_ptr<const CompiledCriteria> criteria_;
  RenderOptions report_;
  std::string input_;
  bool ndjson_ = false;
  std::vector<std::string> names_;                        // per input
  std::vector<std::pair<size_t, size_t>> ndjson_ranges_;  // byte offset, length
  std::map<std::string, size_t> unit_input_;              // unit code -> input
  BatchResult result_;
  std::string ranking_json_;
  mutable std::once_flag batch_json_once_;
  mutable std::string batch_json_;
  std::mutex cache_mu_;
  std::map<std::string, std::shared_ptr<const Snapshot>> cache_;  // a few recently opened
  std::vector<std::string> cache_order_;
};

}  // namespace cchc::serve

#endif  // CCHC_CLI_SERVE_SESSION_H_
