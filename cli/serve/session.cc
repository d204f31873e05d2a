// Commune and province sessions: loading, snapshots, versioned atomic saves
// with a history folder, and communes of a batch opened on demand.
#include "cli/serve/session.h"

#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>

#include "cli/commands/batch_inputs.h"
#include "cli/commands/io.h"
#include "cli/serve/evidence_json.h"
#include "criteria/input_limits.h"
#include "engine/core/evidence_index.h"
#include "engine/core/scorer.h"
#include "engine/render/batch.h"
#include "evidence/csv_writer.h"
#include "evidence/json_writer.h"
#include "evidence/loader.h"

namespace cchc::serve {
namespace {

bool EndsWith(const std::string& s, const std::string& tail) {
  if (s.size() < tail.size()) return false;
  return std::equal(tail.rbegin(), tail.rend(), s.rbegin(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string DirName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Makes a rename durable: fsync the folder that holds the entry.
void SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

bool WriteDurable(const std::string& path, const std::string& data, std::string* why) {
  if (!WriteFileAtomic(path, data, why)) return false;
  SyncDir(DirName(path));
  return true;
}

std::string UtcStamp() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// The version in a history file name "STEM.vN.STAMP.json" (or .csv), or 0.
int HistoryVersion(const std::string& name, const std::string& stem) {
  const std::string head = stem + ".v";
  if (name.compare(0, head.size(), head) != 0) return 0;
  int v = 0;
  size_t i = head.size();
  for (; i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])); ++i) {
    if (v > 100000000) return 0;
    v = v * 10 + (name[i] - '0');
  }
  return i < name.size() && name[i] == '.' ? v : 0;
}

nlohmann::ordered_json StatsJson(const Summary& s) {
  return {{"n", s.n},   {"mean", s.mean}, {"median", s.median}, {"min", s.min},
          {"q1", s.q1}, {"q3", s.q3},     {"max", s.max}};
}

std::string RankingJson(const Plan& plan, const BatchResult& r) {
  using Json = nlohmann::ordered_json;
  const IndexMeta& meta = plan.criteria().index;
  Json j;
  j["index"] = {{"name", meta.name}, {"province", meta.province}, {"year", meta.year}};
  j["totals"] = {{"read", r.read()}, {"scored", r.units.size()}, {"failed", r.failed.size()}};
  j["units"] = Json::array();
  for (size_t k : r.order) {
    const BatchUnit& u = r.units[k];
    Json x = {{"code", u.unit.code}, {"name", u.unit.name},
              {"rank", u.rank},      {"percent", u.percent},
              {"band", u.band},      {"missing_evidence", u.missing_evidence}};
    if (u.appraised_percent) {
      x["appraised_percent"] = *u.appraised_percent;
      x["gap"] = *u.appraised_percent - u.percent;
    }
    j["units"].push_back(std::move(x));
  }
  Json stats;
  stats["index"] = StatsJson(r.summary.index);
  stats["areas"] = Json::array();
  for (const AreaSummary& a : r.summary.areas) {
    Json x = {{"code", a.code}, {"name", a.name}};
    x.update(StatsJson(a.stats));
    stats["areas"].push_back(std::move(x));
  }
  stats["quartiles"] = "type 7: linear interpolation, h = (n - 1) p";
  j["statistics"] = std::move(stats);
  j["bands"] = Json::array();
  for (const BandCount& b : r.summary.bands)
    j["bands"].push_back({{"band", b.band}, {"count", b.count}});
  Json gaps = Json::array();
  for (const BatchGap& g : r.largest_gaps) {
    const BatchUnit& u = r.units[g.unit];
    gaps.push_back({{"code", u.unit.code},
                    {"name", u.unit.name},
                    {"item", plan.items()[static_cast<size_t>(g.item)].item->code},
                    {"self", g.self},
                    {"appraised", g.appraised},
                    {"gap", g.gap()}});
  }
  j["appraisal"] = {{"units", r.summary.appraised_units},
                    {"gap", StatsJson(r.summary.gap)},
                    {"largest_gaps", std::move(gaps)}};
  j["failed"] = Json::array();
  for (const BatchFailure& f : r.failed)
    j["failed"].push_back({{"source", f.source}, {"error", f.error}});
  return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::shared_ptr<const Snapshot> MakeSnapshot(const CompiledCriteria& criteria, Evidence evidence,
                                             std::vector<EvidenceIssue> warnings, int version,
                                             const RenderOptions& report) {
  auto s = std::make_shared<Snapshot>();
  s->version = version;
  s->evidence = std::move(evidence);
  s->warnings = std::move(warnings);
  EvidenceIndex index(criteria.plan(), s->evidence);
  Scorer scorer(criteria.plan());
  s->card = scorer.Score(index);
  s->score_json = RenderScorecard(criteria.plan(), s->card, OutputFormat::kJson, report);
  s->evidence_json = EvidenceToJson(s->evidence, /*pretty=*/true);
  return s;
}

std::unique_ptr<CommuneSession> CommuneSession::Open(
    std::shared_ptr<const CompiledCriteria> criteria, const std::string& evidence_path,
    const std::string& tasks_path, const RenderOptions& report, std::ostream& err) {
  std::unique_ptr<CommuneSession> s(new CommuneSession);
  s->criteria_ = std::move(criteria);
  s->report_ = report;
  s->path_ = evidence_path;
  auto text = ReadInput(evidence_path, InputFile::kEvidence, err);
  if (!text) return nullptr;
  EvidenceLoad load = LoadEvidenceText(*text, evidence_path, &s->criteria_->criteria());
  for (const EvidenceIssue& issue : load.issues) err << RenderIssue(issue) << "\n";
  if (!load.ok()) {
    err << evidence_path << ": the evidence has errors; fix them, then start the server again\n";
    return nullptr;
  }
  if (!tasks_path.empty()) {
    auto tasks = ReadInput(tasks_path, InputFile::kTasks, err);
    if (!tasks) return nullptr;
    s->tasks_path_ = tasks_path;
    s->tasks_text_ = std::move(*tasks);
  }
  const std::string base = BaseName(evidence_path);
  const size_t dot = base.find_last_of('.');
  s->stem_ = dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
  s->history_dir_ = evidence_path + ".history";
  s->csv_ = EndsWith(evidence_path, ".csv");
  if (EndsWith(evidence_path, ".xlsx")) {
    s->save_blocker_ =
        "the server was started with an Excel workbook, which it does not rewrite; download the "
        "evidence as JSON from the page and start the server with the .json file to save edits";
  }
  int version = 1;
  for (const HistoryEntry& h : s->History()) version = std::max(version, h.version + 1);
  std::vector<EvidenceIssue> warnings;
  for (EvidenceIssue& i : load.issues) warnings.push_back(std::move(i));
  s->snapshot_ = MakeSnapshot(*s->criteria_, std::move(load.evidence), std::move(warnings), version,
                              s->report_);
  return s;
}

std::shared_ptr<const Snapshot> CommuneSession::current() const {
  std::lock_guard<std::mutex> lock(snapshot_mu_);
  return snapshot_;
}

SaveResult CommuneSession::Save(int base_version, const std::string& text) {
  std::lock_guard<std::mutex> save_lock(save_mu_);
  SaveResult r;
  std::shared_ptr<const Snapshot> now = current();
  if (!save_blocker_.empty()) {
    r.status = 409;
    r.code = "read_only";
    r.message = save_blocker_;
    return r;
  }
  if (base_version != now->version) {
    r.status = 409;
    r.code = "stale";
    r.message = "the evidence was saved elsewhere (version " + std::to_string(now->version) +
                ") after this page loaded version " + std::to_string(base_version) +
                "; reload to see it, then make the change again";
    return r;
  }
  EvidenceLoad load = LoadEvidenceJson(text, path_, &criteria_->criteria());
  if (!load.ok()) {
    r.status = 422;
    r.code = "invalid_evidence";
    r.message = "the evidence has errors; nothing was saved";
    r.issues = std::move(load.issues);
    return r;
  }
  std::string why;
  bool too_large = false;
  auto old = ReadWholeFile(path_, kMaxEvidenceBytes, &why, &too_large);
  // The file's own format: a CSV file is rewritten in its conventions, and
  // only when CSV holds every value (it is read back to check).
  std::string data;
  if (csv_) {
    CsvOutput csv = WriteEvidenceCsv(load.evidence, &criteria_->criteria(),
                                     old ? ReadCsvStyle(*old) : CsvStyle{});
    if (!csv.losses.empty()) {
      r.status = 422;
      r.code = "csv_cannot_hold";
      r.message = "a CSV evidence file cannot hold this: ";
      for (size_t i = 0; i < csv.losses.size() && i < 5; ++i) {
        r.message += (i ? "; " : "") + csv.losses[i];
      }
      r.message +=
          "; nothing was saved (download the evidence as JSON and start the server with it to "
          "keep such values)";
      return r;
    }
    data = std::move(csv.text);
    load = std::move(csv.read_back);  // what the file now says, as a new server would read it
  } else {
    data = EvidenceToJson(load.evidence, /*pretty=*/true);
  }
  // Keep what is on disk now as the version being replaced.
  if (old) {
    if (::mkdir(history_dir_.c_str(), 0755) != 0 && errno != EEXIST) {
      r.status = 500;
      r.code = "history";
      r.message = "cannot create the history folder " + history_dir_ + ": " + std::strerror(errno);
      return r;
    }
    const std::string name =
        stem_ + ".v" + std::to_string(now->version) + "." + UtcStamp() + (csv_ ? ".csv" : ".json");
    if (!WriteDurable(history_dir_ + "/" + name, *old, &why)) {
      r.status = 500;
      r.code = "history";
      r.message = "cannot keep the previous version: " + why + "; nothing was saved";
      return r;
    }
  }
  if (!WriteDurable(path_, data, &why)) {
    r.status = 500;
    r.code = "write";
    r.message = "cannot write " + path_ + ": " + why + "; the file is unchanged";
    return r;
  }
  auto next = MakeSnapshot(*criteria_, std::move(load.evidence), std::move(load.issues),
                           now->version + 1, report_);
  {
    std::lock_guard<std::mutex> lock(snapshot_mu_);
    snapshot_ = next;
  }
  r.ok = true;
  r.snapshot = std::move(next);
  return r;
}

std::vector<CommuneSession::HistoryEntry> CommuneSession::History() const {
  std::vector<HistoryEntry> out;
  DIR* dir = ::opendir(history_dir_.c_str());
  if (!dir) return out;
  while (dirent* e = ::readdir(dir)) {
    const std::string name = e->d_name;
    const int v = HistoryVersion(name, stem_);
    if (v <= 0 || name.find(".tmp-") != std::string::npos) continue;
    struct stat st;
    if (::stat((history_dir_ + "/" + name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    out.push_back({v, name, static_cast<long long>(st.st_size)});
  }
  ::closedir(dir);
  std::sort(out.begin(), out.end(), [](const HistoryEntry& a, const HistoryEntry& b) {
    return a.version != b.version ? a.version > b.version : a.file > b.file;
  });
  return out;
}

std::unique_ptr<ProvinceSession> ProvinceSession::Open(
    std::shared_ptr<const CompiledCriteria> criteria, const std::string& input,
    const RenderOptions& report, std::ostream& err) {
  std::unique_ptr<ProvinceSession> s(new ProvinceSession);
  s->criteria_ = std::move(criteria);
  s->report_ = report;
  s->input_ = input;
  std::string ndjson_text;
  std::unique_ptr<BatchInputs> inputs = OpenBatchInputs(input, &ndjson_text, err);
  if (!inputs) return nullptr;
  s->ndjson_ = !ndjson_text.empty();
  BatchConfig config;
  s->result_ = ScoreBatch(s->criteria_->plan(), *inputs, config);
  for (const BatchFailure& f : s->result_.failed) err << "failed: " << FailureLine(f) << "\n";
  if (s->result_.units.empty()) {
    err << input << ": no commune could be scored\n";
    return nullptr;
  }
  std::map<std::string, size_t> by_name;
  for (size_t i = 0; i < inputs->size(); ++i) {
    s->names_.push_back(inputs->Name(i));
    by_name.emplace(s->names_.back(), i);
    if (s->ndjson_) {
      // Keep where each line is, not the text: a national NDJSON is large.
      std::string buffer, why;
      std::string_view view;
      size_t offset = 0, length = 0;
      if (inputs->Read(i, &buffer, &view, &why) && view.data() >= ndjson_text.data() &&
          view.data() + view.size() <= ndjson_text.data() + ndjson_text.size()) {
        offset = static_cast<size_t>(view.data() - ndjson_text.data());
        length = view.size();
      }
      s->ndjson_ranges_.emplace_back(offset, length);
    }
  }
  for (const BatchUnit& u : s->result_.units) {
    auto it = by_name.find(u.source);
    if (it != by_name.end()) s->unit_input_.emplace(u.unit.code, it->second);
  }
  s->ranking_json_ = RankingJson(s->criteria_->plan(), s->result_);
  // The inputs (a national NDJSON is ~100 MB) are not needed any more.
  inputs.reset();
  std::string().swap(ndjson_text);
  ::malloc_trim(0);
  return s;
}

const std::string& ProvinceSession::batch_json() const {
  std::call_once(batch_json_once_, [this] {
    batch_json_ = RenderBatch(criteria_->plan(), result_, OutputFormat::kJson, report_);
    ::malloc_trim(0);  // the renderer's document tree is gone
  });
  return batch_json_;
}

bool ProvinceSession::ReadInput(size_t i, std::string* text, std::string* error) const {
  if (!ndjson_) {
    auto data = ReadWholeFile(names_[i], kMaxEvidenceBytes, error);
    if (!data) return false;
    *text = std::move(*data);
    return true;
  }
  const auto [offset, length] = ndjson_ranges_[i];
  int fd = ::open(input_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  text->assign(length, '\0');
  size_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd, text->data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done != length) {
    *error = "the file changed since it was scored";
    return false;
  }
  return true;
}

std::shared_ptr<const Snapshot> ProvinceSession::OpenUnit(const std::string& code,
                                                          std::string* error) {
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = cache_.find(code);
    if (it != cache_.end()) return it->second;
  }
  auto where = unit_input_.find(code);
  if (where == unit_input_.end()) {
    *error = "no commune with the code '" + code + "' in this batch";
    return nullptr;
  }
  std::string text;
  if (!ReadInput(where->second, &text, error)) return nullptr;
  EvidenceLoad load = LoadEvidenceText(text, names_[where->second], &criteria_->criteria());
  if (!load.ok()) {
    *error = "the commune's evidence no longer loads: " + RenderIssues(load.issues);
    return nullptr;
  }
  auto snapshot =
      MakeSnapshot(*criteria_, std::move(load.evidence), std::move(load.issues), 0, report_);
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (!cache_.emplace(code, snapshot).second) return cache_[code];
  cache_order_.push_back(code);
  if (cache_order_.size() > 8) {
    cache_.erase(cache_order_.front());
    cache_order_.erase(cache_order_.begin());
  }
  return snapshot;
}

}  // namespace cchc::serve
